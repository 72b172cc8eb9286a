/* life: Conway's Game of Life on a 512 x 512 torus, computed twice. The
 * byte engine keeps one byte per cell and counts the eight neighbours
 * through row pointers (up/mid/down, wrapping at the edges). The bit engine
 * packs each row into eight u64 words and computes a whole word of cells at
 * once: shifted neighbour words (with carries across words and the wrap)
 * are summed by bitwise full and half adders into a 3-bit count. Both start
 * from the same random soup with a few gliders and an R-pentomino; every 8
 * generations the byte grid is packed and must equal the bit grid, and the
 * population (counted both ways) is folded into the checksum.
 * SIZE = generations; small = 16, bench = 170. */
#include "common.h"

#define W 512
#define H 512
#define WORDS (W / 64)
#define CHECK_EVERY 8

/* ---- byte engine ---- */

static inline uint8_t rule(unsigned n, uint8_t alive) { return (uint8_t)(n == 3 || (n == 2 && alive)); }

static void step_bytes(const uint8_t *cur, uint8_t *next) {
    for (int y = 0; y < H; y++) {
        const uint8_t *up = cur + (size_t)((y + H - 1) % H) * W;
        const uint8_t *mid = cur + (size_t)y * W;
        const uint8_t *down = cur + (size_t)((y + 1) % H) * W;
        uint8_t *out = next + (size_t)y * W;
        /* the two edge columns wrap around */
        unsigned n = up[W - 1] + up[0] + up[1] + mid[W - 1] + mid[1] + down[W - 1] + down[0] + down[1];
        out[0] = rule(n, mid[0]);
        for (int x = 1; x < W - 1; x++) {
            n = up[x - 1] + up[x] + up[x + 1] + mid[x - 1] + mid[x + 1] + down[x - 1] + down[x] + down[x + 1];
            out[x] = rule(n, mid[x]);
        }
        n = up[W - 2] + up[W - 1] + up[0] + mid[W - 2] + mid[0] + down[W - 2] + down[W - 1] + down[0];
        out[W - 1] = rule(n, mid[W - 1]);
    }
}

static uint64_t population_bytes(const uint8_t *g) {
    uint64_t pop = 0;
    for (size_t i = 0; i < (size_t)W * H; i++) pop += g[i];
    return pop;
}

/* ---- bit engine: bit i of word j in a row is column 64 * j + i ---- */

static inline void full_add(uint64_t a, uint64_t b, uint64_t c, uint64_t *sum, uint64_t *carry) {
    uint64_t t = a ^ b;
    *sum = t ^ c;
    *carry = (a & b) | (t & c);
}

/* The three horizontal neighbours of each cell of word j: west, self, east. */
static inline void row_neighbours(const uint64_t *row, int j, uint64_t *west, uint64_t *east) {
    uint64_t left = row[(j + WORDS - 1) % WORDS], self = row[j], right = row[(j + 1) % WORDS];
    *west = (self << 1) | (left >> 63);
    *east = (self >> 1) | (right << 63);
}

static void step_bits(const uint64_t *cur, uint64_t *next) {
    for (int y = 0; y < H; y++) {
        const uint64_t *up = cur + (size_t)((y + H - 1) % H) * WORDS;
        const uint64_t *mid = cur + (size_t)y * WORDS;
        const uint64_t *down = cur + (size_t)((y + 1) % H) * WORDS;
        uint64_t *out = next + (size_t)y * WORDS;
        for (int j = 0; j < WORDS; j++) {
            uint64_t uw, ue, mw, me, dw, de;
            row_neighbours(up, j, &uw, &ue);
            row_neighbours(mid, j, &mw, &me);
            row_neighbours(down, j, &dw, &de);
            /* eight one-bit inputs -> count mod 8 as (fours, twos, ones) */
            uint64_t s1, c1, s2, c2, s3, c3, ones, c4, s5, c5, twos, c6;
            full_add(uw, up[j], ue, &s1, &c1);
            full_add(mw, me, dw, &s2, &c2);
            s3 = down[j] ^ de;
            c3 = down[j] & de;
            full_add(s1, s2, s3, &ones, &c4);
            full_add(c1, c2, c3, &s5, &c5);
            twos = s5 ^ c4;
            c6 = s5 & c4;
            uint64_t fours = c5 ^ c6; /* c5 & c6 would be the eights bit */
            out[j] = twos & ~fours & (ones | mid[j]);
        }
    }
}

static uint64_t population_bits(const uint64_t *g) {
    uint64_t pop = 0;
    for (size_t i = 0; i < (size_t)WORDS * H; i++) pop += (uint64_t)__builtin_popcountll(g[i]);
    return pop;
}

static void pack(const uint8_t *bytes, uint64_t *bits) {
    for (int y = 0; y < H; y++)
        for (int j = 0; j < WORDS; j++) {
            const uint8_t *p = bytes + (size_t)y * W + 64 * j;
            uint64_t w = 0;
            for (int i = 63; i >= 0; i--) w = (w << 1) | (p[i] & 1);
            bits[(size_t)y * WORDS + j] = w;
        }
}

/* ---- setup ---- */

static void put_pattern(uint8_t *g, int x0, int y0, const char *const *rows, int nrows) {
    for (int r = 0; r < nrows; r++)
        for (int c = 0; rows[r][c]; c++)
            g[(size_t)((y0 + r) % H) * W + (size_t)((x0 + c) % W)] = rows[r][c] == '#';
}

static void seed_grid(uint8_t *g, rng_t *r) {
    static const char *const glider[] = {".#.", "..#", "###"};
    static const char *const rpent[] = {".##", "##.", ".#."};
    static const char *const lwss[] = {".#..#", "#....", "#...#", "####."};
    memset(g, 0, (size_t)W * H);
    /* a soup of density ~3/8 in the left half, empty space on the right */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W / 2; x += 16) {
            uint64_t bits = rng_next(r), more = rng_next(r), most = rng_next(r);
            for (int i = 0; i < 16; i++) {
                unsigned k = (unsigned)((bits >> (4 * i)) & 15) ^ (unsigned)((more >> (4 * i)) & 15);
                g[(size_t)y * W + (size_t)(x + i)] = (uint8_t)(k < 6 + ((most >> i) & 1));
            }
        }
    for (int k = 0; k < 24; k++) {
        int x = W / 2 + 8 + (int)(rng_next(r) % (W / 2 - 16)), y = (int)(rng_next(r) % H);
        switch (k % 3) {
        case 0: put_pattern(g, x, y, glider, 3); break;
        case 1: put_pattern(g, x, y, lwss, 4); break;
        default: put_pattern(g, x, y, rpent, 3); break;
        }
    }
}

/* A slow, obviously correct generation on one row, for a spot check. */
static void reference_row(const uint8_t *cur, int y, uint8_t *out) {
    for (int x = 0; x < W; x++) {
        unsigned n = 0;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                if (dx || dy) n += cur[(size_t)((y + dy + H) % H) * W + (size_t)((x + dx + W) % W)];
        out[x] = rule(n, cur[(size_t)y * W + (size_t)x]);
    }
}

int main(int argc, char **argv) {
    long gens = bench_size(argc, argv, 16, 170);
    size_t cells = (size_t)W * H, words = (size_t)WORDS * H;
    uint8_t *a = malloc(cells), *b = malloc(cells);
    uint64_t *p = malloc(words * 8), *q = malloc(words * 8), *packed = malloc(words * 8);
    if (!a || !b || !p || !q || !packed) return 1;
    rng_t r = {0x11fe};
    seed_grid(a, &r);
    pack(a, p);
    uint64_t sum = mix(0, population_bytes(a));
    uint8_t row[W];
    for (long g = 1; g <= gens; g++) {
        int spot = g % 16 == 1 ? (int)(rng_next(&r) % H) : -1;
        if (spot >= 0) reference_row(a, spot, row);
        step_bytes(a, b);
        step_bits(p, q);
        uint8_t *tb = a; a = b; b = tb;
        uint64_t *tw = p; p = q; q = tw;
        if (spot >= 0 && memcmp(row, a + (size_t)spot * W, W) != 0) {
            fprintf(stderr, "life: byte engine disagrees with the reference at generation %ld\n", g);
            return 1;
        }
        if (g % CHECK_EVERY == 0 || g == gens) {
            pack(a, packed);
            uint64_t pb = population_bytes(a), pw = population_bits(p);
            if (memcmp(packed, p, words * 8) != 0 || pb != pw) {
                fprintf(stderr, "life: engines disagree at generation %ld (%llu vs %llu)\n", g,
                        (unsigned long long)pb, (unsigned long long)pw);
                return 1;
            }
            sum = mix(sum, pb);
        }
    }
    uint64_t h = 0;
    for (size_t i = 0; i < words; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    print_checksum(mix(sum, h));
    free(a); free(b); free(p); free(q); free(packed);
    return 0;
}
