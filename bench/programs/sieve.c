/* sieve: the sieve of Eratosthenes over a byte array of a million entries
 * (strided byte stores, then a dense scan counting the primes), SIZE
 * times. small = 1, bench = 120. */
#include "common.h"

#define LIMIT 1000000

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 1, 120);
    uint8_t *composite = malloc(LIMIT + 1);
    if (!composite) return 1;
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        /* Vary the bound a little per round, so no round repeats the last. */
        uint32_t n = LIMIT - (uint32_t)(r % 1000) * 7;
        memset(composite, 0, n + 1);
        for (uint32_t i = 2; (uint64_t)i * i <= n; i++)
            if (!composite[i])
                for (uint32_t j = i * i; j <= n; j += i) composite[j] = 1;
        uint32_t count = 0;
        uint64_t total = 0;
        for (uint32_t i = 2; i <= n; i++)
            if (!composite[i]) {
                count++;
                total += i;
            }
        sum = mix(mix(sum, count), total);
    }
    free(composite);
    print_checksum(sum);
    return 0;
}
