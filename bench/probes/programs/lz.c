/* lz: an LZ77 compressor (hash chains over a 64 KiB window, greedy parsing
 * with a one-step lazy check) and its decompressor, on generated
 * semi-compressible text: words drawn from a skewed vocabulary, numbers and
 * random noise. The output is a byte stream of literal runs and
 * (length, offset) matches; the decompressed text must equal the input.
 * SIZE = KiB of text; small = 48, bench = 8 000. */
#include "common.h"

#define WINDOW (1u << 16)
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 48

static const char *const words[] = {
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with",
    "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which",
    "compress", "window", "buffer", "stream", "literal", "offset", "length", "match",
    "function", "return", "static", "integer", "pointer", "memory", "table", "chain",
};
#define NWORDS (sizeof words / sizeof words[0])

static size_t gen_text(uint8_t *out, size_t n, rng_t *r) {
    size_t p = 0;
    while (p < n) {
        uint64_t x = rng_next(r);
        char tmp[32];
        int len;
        unsigned k = (unsigned)(x & 255);
        if (k < 200) { /* a word, small indices far more likely */
            unsigned w = (unsigned)((x >> 8) % NWORDS);
            w = (unsigned)(w * ((x >> 20) & 15) / 15) ;
            len = (int)strlen(words[w]);
            memcpy(tmp, words[w], (size_t)len);
            tmp[len++] = (x >> 30) & 7 ? ' ' : (x >> 33) & 1 ? '\n' : ',';
        } else if (k < 235) { /* a number */
            len = 0;
            unsigned v = (unsigned)((x >> 8) % 100000u);
            do { tmp[len++] = (char)('0' + v % 10); v /= 10; } while (v);
            tmp[len++] = ' ';
        } else { /* noise */
            len = 1 + (int)((x >> 8) & 7);
            for (int i = 0; i < len; i++) tmp[i] = (char)(33 + ((x >> (12 + 5 * i)) % 94));
        }
        for (int i = 0; i < len && p < n; i++) out[p++] = (uint8_t)tmp[i];
    }
    return p;
}

static inline uint32_t hash4(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

typedef struct {
    int32_t head[1 << HASH_BITS];
    int32_t prev[WINDOW];
} matcher_t;

static void insert_pos(matcher_t *m, const uint8_t *in, size_t pos) {
    uint32_t h = hash4(in + pos);
    m->prev[pos & (WINDOW - 1)] = m->head[h];
    m->head[h] = (int32_t)pos;
}

/* The longest match for position pos (pos + MIN_MATCH <= n); sets *dist. */
static size_t find_match(const matcher_t *m, const uint8_t *in, size_t pos, size_t n, size_t *dist) {
    size_t best = 0, limit = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
    int32_t cand = m->head[hash4(in + pos)];
    for (int chain = 0; chain < MAX_CHAIN && cand >= 0; chain++) {
        size_t c = (size_t)cand;
        if (pos - c >= WINDOW) break;
        if (in[c + best] == in[pos + best]) {
            size_t len = 0;
            while (len < limit && in[c + len] == in[pos + len]) len++;
            if (len > best) {
                best = len;
                *dist = pos - c;
                if (len == limit) break;
            }
        }
        cand = m->prev[c & (WINDOW - 1)];
    }
    return best >= MIN_MATCH ? best : 0;
}

static uint8_t *put_varlen(uint8_t *o, size_t v) {
    while (v >= 255) { *o++ = 255; v -= 255; }
    *o++ = (uint8_t)v;
    return o;
}

/* Token: high nibble = literal count (15 = more follows), low nibble =
 * match length - MIN_MATCH (15 = more follows), then literals, then a
 * 16-bit offset. The final token has no match (offset 0). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out, matcher_t *m) {
    for (size_t i = 0; i < (1u << HASH_BITS); i++) m->head[i] = -1;
    uint8_t *o = out;
    size_t pos = 0, lit_start = 0;
    while (pos + MIN_MATCH <= n) {
        size_t dist = 0, len = find_match(m, in, pos, n, &dist);
        if (len && pos + 1 + MIN_MATCH <= n) { /* lazy: is the next position better? */
            insert_pos(m, in, pos);
            size_t d2 = 0, l2 = find_match(m, in, pos + 1, n, &d2);
            if (l2 > len + 1) { pos++; len = l2; dist = d2; }
            else { m->head[hash4(in + pos)] = m->prev[pos & (WINDOW - 1)]; }
        }
        if (!len) { insert_pos(m, in, pos); pos++; continue; }
        size_t lits = pos - lit_start, ml = len - MIN_MATCH;
        *o++ = (uint8_t)((lits < 15 ? lits : 15) << 4 | (ml < 15 ? ml : 15));
        if (lits >= 15) o = put_varlen(o, lits - 15);
        memcpy(o, in + lit_start, lits);
        o += lits;
        *o++ = (uint8_t)dist;
        *o++ = (uint8_t)(dist >> 8);
        if (ml >= 15) o = put_varlen(o, ml - 15);
        size_t end = pos + len;
        for (; pos < end; pos++)
            if (pos + MIN_MATCH <= n) insert_pos(m, in, pos);
        lit_start = pos;
    }
    size_t lits = n - lit_start;
    *o++ = (uint8_t)((lits < 15 ? lits : 15) << 4);
    if (lits >= 15) o = put_varlen(o, lits - 15);
    memcpy(o, in + lit_start, lits);
    o += lits;
    *o++ = 0;
    *o++ = 0;
    return (size_t)(o - out);
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
    const uint8_t *p = in, *end = in + n;
    uint8_t *o = out;
    while (p < end) {
        unsigned tok = *p++;
        size_t lits = tok >> 4, ml = tok & 15;
        if (lits == 15) { unsigned b; do { b = *p++; lits += b; } while (b == 255); }
        if ((size_t)(o - out) + lits > cap) return (size_t)-1;
        memcpy(o, p, lits);
        o += lits;
        p += lits;
        size_t dist = (size_t)p[0] | (size_t)p[1] << 8;
        p += 2;
        if (dist == 0) break;
        if (ml == 15) { unsigned b; do { b = *p++; ml += b; } while (b == 255); }
        ml += MIN_MATCH;
        if (dist > (size_t)(o - out) || (size_t)(o - out) + ml > cap) return (size_t)-1;
        const uint8_t *src = o - dist;
        for (size_t i = 0; i < ml; i++) o[i] = src[i]; /* may overlap */
        o += ml;
    }
    return (size_t)(o - out);
}

int main(int argc, char **argv) {
    long kib = bench_size(argc, argv, 48, 8000);
    size_t n = (size_t)kib * 1024;
    uint8_t *text = malloc(n + 1), *packed = malloc(n + n / 64 + 64), *back = malloc(n + 1);
    matcher_t *m = malloc(sizeof *m);
    if (!text || !packed || !back || !m) return 1;
    rng_t r = {0x1234};
    gen_text(text, n, &r);
    size_t clen = compress(text, n, packed, m);
    size_t dlen = decompress(packed, clen, back, n);
    if (dlen != n || memcmp(text, back, n) != 0) {
        fprintf(stderr, "lz: roundtrip mismatch (%zu of %zu bytes)\n", dlen, n);
        return 1;
    }
    uint64_t sum = mix(mix(0, n), clen);
    for (size_t i = 0; i < clen; i += 4096) sum = mix(sum, packed[i] | (uint64_t)packed[clen - 1 - i] << 8);
    uint64_t h = 0;
    for (size_t i = 0; i < clen; i++) h = h * 31 + packed[i];
    print_checksum(mix(sum, h));
    free(text); free(packed); free(back); free(m);
    return 0;
}
