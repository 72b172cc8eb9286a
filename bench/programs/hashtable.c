/* hashtable: an open-addressing hash table (linear probing, tombstones,
 * 64-bit keys and values) under SIZE pseudo-random inserts, then lookups
 * that hit and miss, deletion of half the keys, lookups again and
 * re-inserts that reuse the tombstones. Hashing, unpredictable branches,
 * cache misses. small = 10 000, bench = 2 000 000. */
#include "common.h"

#define EMPTY 0
#define TOMBSTONE 1 /* keys 0 and 1 are never used */

typedef struct {
    uint64_t *keys;
    uint64_t *vals;
    uint64_t mask;
    long used;
} table_t;

static inline uint64_t hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static inline uint64_t make_key(rng_t *r) {
    return rng_next(r) | 2;
}

/* Inserts or updates; returns 1 if the key was new. */
static int insert(table_t *t, uint64_t key, uint64_t val) {
    uint64_t i = hash(key) & t->mask;
    long grave = -1;
    for (;;) {
        uint64_t k = t->keys[i];
        if (k == key) {
            t->vals[i] = val;
            return 0;
        }
        if (k == EMPTY) break;
        if (k == TOMBSTONE && grave < 0) grave = (long)i;
        i = (i + 1) & t->mask;
    }
    if (grave >= 0) i = (uint64_t)grave;
    t->keys[i] = key;
    t->vals[i] = val;
    t->used++;
    return 1;
}

static long find(const table_t *t, uint64_t key) {
    uint64_t i = hash(key) & t->mask;
    for (;;) {
        uint64_t k = t->keys[i];
        if (k == key) return (long)i;
        if (k == EMPTY) return -1;
        i = (i + 1) & t->mask;
    }
}

static int erase(table_t *t, uint64_t key) {
    long i = find(t, key);
    if (i < 0) return 0;
    t->keys[i] = TOMBSTONE;
    t->used--;
    return 1;
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 10000, 2000000);
    uint64_t cap = 16;
    while (cap < (uint64_t)n * 2) cap <<= 1;
    table_t t = {calloc(cap, 8), calloc(cap, 8), cap - 1, 0};
    if (!t.keys || !t.vals) return 1;
    uint64_t sum = 0;
    rng_t ins = {1};
    for (long i = 0; i < n; i++) sum += (uint64_t)insert(&t, make_key(&ins), (uint64_t)i);
    /* Lookups: every inserted key (hits) and as many fresh keys (misses). */
    rng_t hit = {1}, miss = {2};
    for (long i = 0; i < n; i++) {
        long h = find(&t, make_key(&hit));
        sum = mix(sum, h < 0 ? 0 : t.vals[h]);
        sum += find(&t, make_key(&miss)) < 0;
    }
    /* Delete every other inserted key. */
    rng_t del = {1};
    for (long i = 0; i < n; i++) {
        uint64_t k = make_key(&del);
        if (i & 1) sum += (uint64_t)erase(&t, k);
    }
    rng_t again = {1};
    for (long i = 0; i < n; i++) {
        long h = find(&t, make_key(&again));
        sum = mix(sum, h < 0 ? 0xdead : t.vals[h]);
    }
    /* Re-insert new keys into the tombstones. */
    rng_t fresh = {3};
    for (long i = 0; i < n / 2; i++) sum += (uint64_t)insert(&t, make_key(&fresh), (uint64_t)i * 3);
    sum = mix(sum, (uint64_t)t.used);
    free(t.keys);
    free(t.vals);
    print_checksum(sum);
    return 0;
}
