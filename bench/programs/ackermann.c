/* ackermann: the Ackermann function A(m, n) for m = 2 and 3. Deep,
 * irregular recursion (A(3, n) nests about 2^(n+3) calls deep) with
 * non-tail and tail calls mixed. SIZE is the number of rounds; one round
 * computes A(2, k) for k < 64 and A(3, k) for 1 <= k <= 6, so the stack
 * stays near 500 frames deep: wasmi's default limit is about 1 000 (A(3, 7)
 * exhausts it). small = 2, bench = 400. */
#include "common.h"

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 2, 400);
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        for (uint32_t k = 0; k < 64; k++) sum = mix(sum, ack(2, k + (uint32_t)(r & 1)));
        for (uint32_t k = 1; k <= 6; k++) sum = mix(sum, ack(3, k));
    }
    print_checksum(sum);
    return 0;
}
