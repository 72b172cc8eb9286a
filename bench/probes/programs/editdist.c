/* editdist: dynamic programming over string pairs with two rolling rows:
 * Levenshtein distance (unit costs) and the length of the longest common
 * subsequence, for SIZE pairs of 150-400 letter strings over a 4-letter
 * alphabet, half of them random and half a copy of the first string with k
 * random edits. Checks: |la - lb| <= lev <= max, max(la, lb) - lcs <= lev
 * <= la + lb - 2 lcs, lev <= k for edited copies, and symmetry on some
 * pairs. small = 20, bench = 750. */
#include "common.h"

#define MAXLEN 512

static int levenshtein(const char *a, int la, const char *b, int lb, int32_t *prev, int32_t *cur) {
    for (int j = 0; j <= lb; j++) prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        char ca = a[i - 1];
        for (int j = 1; j <= lb; j++) {
            int32_t best = prev[j - 1] + (ca != b[j - 1]);
            int32_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            if (del < best) best = del;
            if (ins < best) best = ins;
            cur[j] = best;
        }
        int32_t *t = prev; prev = cur; cur = t;
    }
    return prev[lb];
}

static int lcs(const char *a, int la, const char *b, int lb, int32_t *prev, int32_t *cur) {
    memset(prev, 0, sizeof(int32_t) * (size_t)(lb + 1));
    for (int i = 1; i <= la; i++) {
        cur[0] = 0;
        char ca = a[i - 1];
        for (int j = 1; j <= lb; j++) {
            if (ca == b[j - 1]) cur[j] = prev[j - 1] + 1;
            else cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
        int32_t *t = prev; prev = cur; cur = t;
    }
    return prev[lb];
}

static int random_string(char *s, rng_t *r, int len) {
    for (int i = 0; i < len; i++) s[i] = "ACGT"[rng_next(r) & 3];
    return len;
}

/* Copies a into b with k random substitutions, insertions and deletions. */
static int mutate(const char *a, int la, char *b, rng_t *r, int k) {
    memcpy(b, a, (size_t)la);
    int lb = la;
    for (int e = 0; e < k; e++) {
        uint64_t x = rng_next(r);
        int at = (int)((x >> 8) % (uint64_t)(lb + 1));
        switch (x % 3) {
        case 0: if (at < lb) b[at] = "ACGT"[(x >> 40) & 3]; break;
        case 1: if (lb < MAXLEN) { memmove(b + at + 1, b + at, (size_t)(lb - at)); b[at] = "ACGT"[(x >> 40) & 3]; lb++; } break;
        default: if (at < lb && lb > 1) { memmove(b + at, b + at + 1, (size_t)(lb - at - 1)); lb--; } break;
        }
    }
    return lb;
}

static void fail(long p, const char *what) {
    fprintf(stderr, "editdist: pair %ld: %s\n", p, what);
    exit(1);
}

int main(int argc, char **argv) {
    long pairs = bench_size(argc, argv, 20, 750);
    char a[MAXLEN], b[MAXLEN];
    int32_t *row0 = malloc(4 * (MAXLEN + 1)), *row1 = malloc(4 * (MAXLEN + 1));
    rng_t r = {555};
    uint64_t sum = 0, total_lev = 0, total_lcs = 0;
    for (long p = 0; p < pairs; p++) {
        int la = random_string(a, &r, 150 + (int)(rng_next(&r) % 250)), lb, k = -1;
        if (p & 1) {
            k = 1 + (int)(rng_next(&r) % 80);
            lb = mutate(a, la, b, &r, k);
        } else {
            lb = random_string(b, &r, 150 + (int)(rng_next(&r) % 250));
        }
        int d = levenshtein(a, la, b, lb, row0, row1);
        int c = lcs(a, la, b, lb, row0, row1);
        int mx = la > lb ? la : lb, diff = la > lb ? la - lb : lb - la;
        if (d < diff || d > mx) fail(p, "distance out of range");
        if (d < mx - c || d > la + lb - 2 * c) fail(p, "distance and LCS disagree");
        if (k >= 0 && d > k) fail(p, "distance above the number of edits");
        if (p % 16 == 0 && (levenshtein(b, lb, a, la, row0, row1) != d || lcs(b, lb, a, la, row0, row1) != c))
            fail(p, "not symmetric");
        total_lev += (uint64_t)d;
        total_lcs += (uint64_t)c;
        sum = mix(sum, (uint64_t)d << 32 | (uint64_t)c);
    }
    sum = mix(mix(sum, total_lev), total_lcs);
    free(row0);
    free(row1);
    print_checksum(sum);
    return 0;
}
