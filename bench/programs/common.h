/* Shared by the Tern benchmark programs (every bench/programs/NAME.c).
 *
 * Every program is a WASI command: `prog SIZE`, where SIZE is `small` (the
 * test-suite size), `bench` (the harness size) or a non-negative integer.
 * It prints exactly one line, `checksum <16 hex digits>`, on stdout. */
#ifndef TERN_BENCH_COMMON_H
#define TERN_BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The problem size named by argv[1]. */
static long bench_size(int argc, char **argv, long small, long bench) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s small|bench|N\n", argc > 0 ? argv[0] : "prog");
        exit(2);
    }
    if (strcmp(argv[1], "small") == 0) return small;
    if (strcmp(argv[1], "bench") == 0) return bench;
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || n < 0) {
        fprintf(stderr, "bad size: %s (want small, bench or N >= 0)\n", argv[1]);
        exit(2);
    }
    return n;
}

static void print_checksum(uint64_t sum) {
    printf("checksum %016llx\n", (unsigned long long)sum);
}

/* splitmix64: the pseudo-random source of every program. */
typedef struct { uint64_t s; } rng_t;

static inline uint64_t rng_next(rng_t *r) {
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A uniform double in [0, 1), from the top 53 bits. */
static inline double rng_unit(rng_t *r) {
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Folds a value into a running checksum (order-sensitive). */
static inline uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0x100000001b3ULL;
}

/* The exact bits of a double. */
static inline uint64_t dbits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

#endif
