/* memops: bulk memory: memset, memcpy and overlapping memmove over two
 * 8 MiB buffers, in block sizes from 7 bytes to the whole buffer. Built
 * with -mbulk-memory, so these are the `memory.fill` and `memory.copy`
 * instructions (and the runtime's own memset/memmove); the small blocks
 * measure their per-call cost. SIZE rounds; small = 1, bench = 1 100. */
#include "common.h"

#define LEN (8u << 20)

/* Stops clang from turning fixed-size copies into loads and stores. */
static volatile uint32_t sizes[] = {7, 16, 33, 64, 250, 1024, 4096, 65536, 1u << 20};

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 1, 1100);
    uint8_t *a = malloc(LEN), *b = malloc(LEN);
    if (!a || !b) return 1;
    rng_t rng = {5};
    for (uint32_t i = 0; i < LEN; i += 8) {
        uint64_t v = rng_next(&rng);
        memcpy(a + i, &v, 8);
    }
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        /* Whole-buffer fill and copy. */
        memset(b, (int)(r & 0xff), LEN);
        memcpy(b, a, LEN);
        /* Copies and fills in every block size, at shifting offsets. */
        for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            uint32_t size = sizes[s];
            uint32_t count = (LEN / 4) / size;
            if (count > 4096) count = 4096;
            uint32_t off = (uint32_t)(r * 13 + s) % 64;
            for (uint32_t k = 0; k < count; k++) {
                uint32_t src = (k * 2654435761u + off) % (LEN - size);
                uint32_t dst = (k * 40503u + off * 7) % (LEN - size);
                if (k & 1)
                    memcpy(b + dst, a + src, size);
                else
                    memset(b + dst, (int)(k ^ s), size);
            }
        }
        /* Overlapping moves, forwards and backwards, within one buffer. */
        uint32_t shift = 1 + (uint32_t)(r % 31);
        memmove(a + shift, a, LEN - shift);
        memmove(a, a + 2 * shift, LEN - 2 * shift);
        memmove(b + 3, b, LEN / 2);
        /* Sample the results. */
        for (uint32_t i = (uint32_t)r % 4093; i + 8 <= LEN; i += 4093) {
            uint64_t x, y;
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            sum = mix(sum, x ^ (y << 1));
        }
    }
    free(a);
    free(b);
    print_checksum(sum);
    return 0;
}
