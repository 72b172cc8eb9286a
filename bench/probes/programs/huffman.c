/* huffman: a block Huffman coder. Data is generated in 64 KiB blocks, each
 * from one of several skewed sources (English-like letters, a geometric
 * distribution with rare noise bytes, Zipf over a shuffled alphabet, small
 * signed deltas). Per block: byte frequencies, a Huffman tree built with a
 * binary-heap priority queue (lengths limited to 15 bits by halving the
 * counts and rebuilding), canonical codes, a 4-bit-per-symbol length header,
 * and the symbols written MSB-first through a 64-bit bit buffer. The decoder
 * reads the header back, rebuilds the canonical code and decodes with a
 * 10-bit lookup table plus a canonical slow path for longer codes. Every
 * block must round-trip and its code must satisfy the Kraft equality.
 * SIZE = KiB of data; small = 256, bench = 26 000. */
#include "common.h"

#define BLOCK 65536
#define NSYM 256
#define MAXLEN 15
#define LUT_BITS 10

/* ---- data generation ---- */

static void make_table(uint8_t *table, const uint32_t *weight) {
    uint64_t total = 0, acc = 0;
    for (int s = 0; s < NSYM; s++) total += weight[s];
    int pos = 0;
    for (int s = 0; s < NSYM; s++) { /* 4096 slots, proportional to weight */
        acc += weight[s];
        int end = (int)(acc * 4096 / total);
        while (pos < end) table[pos++] = (uint8_t)s;
    }
}

static void gen_block(uint8_t *buf, size_t n, rng_t *r) {
    static const char letters[] = " etaoinshrdlcumwfgypbvkjxqz";
    static const uint16_t lfreq[] = {180, 127, 91, 82, 75, 70, 67, 63, 61, 60, 43, 40, 28, 28,
                                     24, 24, 22, 20, 20, 19, 15, 10, 8, 2, 2, 1, 1};
    uint32_t weight[NSYM] = {0};
    uint8_t table[4096];
    int kind = (int)(rng_next(r) % 4), base = (int)(rng_next(r) & 255);
    if (kind == 0) {
        for (int i = 0; letters[i]; i++) weight[(uint8_t)letters[i]] = lfreq[i] * 8u;
        weight['.'] = 10; weight[','] = 12; weight['\n'] = 6; weight['E'] = 3; weight['T'] = 3;
    } else if (kind == 1) {
        for (int k = 0; k < 20; k++) weight[(base + 7 * k) & 255] = 1u << (20 - k);
    } else if (kind == 2) {
        uint8_t perm[NSYM];
        for (int i = 0; i < NSYM; i++) perm[i] = (uint8_t)i;
        for (int i = NSYM - 1; i > 0; i--) {
            int j = (int)(rng_next(r) % (uint64_t)(i + 1));
            uint8_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        for (int k = 0; k < NSYM; k++) weight[perm[k]] = 100000u / (uint32_t)(k + 1);
    } else {
        for (int d = -40; d <= 40; d++) weight[(base + d) & 255] = 40000u / (uint32_t)(1 + d * d);
    }
    make_table(table, weight);
    size_t i = 0;
    while (i < n) {
        uint64_t x = rng_next(r);
        for (int k = 0; k < 5 && i < n; k++, x >>= 12) {
            unsigned slot = (unsigned)(x & 4095);
            buf[i++] = slot == 0 ? (uint8_t)rng_next(r) : table[slot]; /* rare noise byte */
        }
    }
}

/* ---- code construction ---- */

typedef struct { uint32_t freq[2 * NSYM]; int parent[2 * NSYM]; int heap[NSYM + 1]; int n; } builder_t;

static inline int node_less(const builder_t *b, int x, int y) {
    return b->freq[x] < b->freq[y] || (b->freq[x] == b->freq[y] && x < y);
}

static void heap_push(builder_t *b, int node) {
    int i = ++b->n;
    while (i > 1 && node_less(b, node, b->heap[i / 2])) { b->heap[i] = b->heap[i / 2]; i /= 2; }
    b->heap[i] = node;
}

static int heap_pop(builder_t *b) {
    int top = b->heap[1], last = b->heap[b->n--], i = 1;
    for (;;) {
        int c = 2 * i;
        if (c > b->n) break;
        if (c < b->n && node_less(b, b->heap[c + 1], b->heap[c])) c++;
        if (!node_less(b, b->heap[c], last)) break;
        b->heap[i] = b->heap[c];
        i = c;
    }
    b->heap[i] = last;
    return top;
}

/* Huffman code lengths for the counts; returns the longest length. */
static int build_lengths(builder_t *b, const uint32_t *count, uint8_t *len) {
    int used = 0, next = NSYM, maxlen = 0;
    b->n = 0;
    for (int s = 0; s < NSYM; s++) {
        len[s] = 0;
        b->freq[s] = count[s];
        if (count[s]) { heap_push(b, s); used++; }
    }
    if (used == 1) { len[b->heap[1]] = 1; return 1; }
    while (b->n > 1) {
        int x = heap_pop(b), y = heap_pop(b);
        b->freq[next] = b->freq[x] + b->freq[y];
        b->parent[x] = b->parent[y] = next;
        heap_push(b, next++);
    }
    int depth[2 * NSYM];
    depth[next - 1] = 0; /* the root; parents always come after their children */
    for (int v = next - 2; v >= NSYM; v--) depth[v] = depth[b->parent[v]] + 1;
    for (int s = 0; s < NSYM; s++)
        if (count[s]) {
            len[s] = (uint8_t)(depth[b->parent[s]] + 1 > 255 ? 255 : depth[b->parent[s]] + 1);
            if (len[s] > maxlen) maxlen = len[s];
        }
    return maxlen;
}

static void limited_lengths(builder_t *b, const uint32_t *count, uint8_t *len, int *rebuilds) {
    uint32_t c[NSYM];
    memcpy(c, count, sizeof c);
    while (build_lengths(b, c, len) > MAXLEN) {
        for (int s = 0; s < NSYM; s++) if (c[s]) c[s] = (c[s] >> 1) | 1;
        ++*rebuilds;
    }
}

/* Canonical codes: shorter first, then by symbol value. */
typedef struct {
    uint16_t code[NSYM];
    int first[MAXLEN + 2], offset[MAXLEN + 2], nlen[MAXLEN + 2];
    uint8_t sorted[NSYM];
    uint16_t lut[1 << LUT_BITS]; /* symbol << 4 | length, 0 if longer than LUT_BITS */
} canon_t;

static int canonical(canon_t *cc, const uint8_t *len) {
    memset(cc->nlen, 0, sizeof cc->nlen);
    for (int s = 0; s < NSYM; s++) cc->nlen[len[s]]++;
    cc->nlen[0] = 0;
    int code = 0, idx = 0;
    uint64_t kraft = 0;
    for (int l = 1; l <= MAXLEN; l++) {
        code = (code + cc->nlen[l - 1]) << 1;
        cc->first[l] = code;
        cc->offset[l] = idx;
        idx += cc->nlen[l];
        kraft += (uint64_t)cc->nlen[l] << (MAXLEN - l);
    }
    int next[MAXLEN + 2];
    memcpy(next, cc->first, sizeof next);
    int pos[MAXLEN + 2];
    memcpy(pos, cc->offset, sizeof pos);
    memset(cc->lut, 0, sizeof cc->lut);
    for (int s = 0; s < NSYM; s++) {
        int l = len[s];
        cc->code[s] = 0;
        if (!l) continue;
        cc->code[s] = (uint16_t)next[l]++;
        cc->sorted[pos[l]++] = (uint8_t)s;
        if (l <= LUT_BITS) {
            int lo = cc->code[s] << (LUT_BITS - l), hi = lo + (1 << (LUT_BITS - l));
            for (int k = lo; k < hi; k++) cc->lut[k] = (uint16_t)(s << 4 | l);
        }
    }
    return idx == 1 || kraft == (1u << MAXLEN); /* complete prefix code */
}

/* ---- bit I/O ---- */

typedef struct { uint8_t *out; size_t pos; uint64_t acc; int nbits; } bitw_t;

static inline void put_bits(bitw_t *w, uint32_t bits, int n) {
    w->acc = (w->acc << n) | bits;
    w->nbits += n;
    if (w->nbits >= 32) {
        w->nbits -= 32;
        uint32_t v = (uint32_t)(w->acc >> w->nbits);
        w->out[w->pos] = (uint8_t)(v >> 24); w->out[w->pos + 1] = (uint8_t)(v >> 16);
        w->out[w->pos + 2] = (uint8_t)(v >> 8); w->out[w->pos + 3] = (uint8_t)v;
        w->pos += 4;
    }
}

static void flush_bits(bitw_t *w) {
    while (w->nbits > 0) {
        int take = w->nbits >= 8 ? 8 : w->nbits;
        w->out[w->pos++] = (uint8_t)(((w->acc >> (w->nbits - take)) << (8 - take)) & 255);
        w->nbits -= take;
    }
}

typedef struct { const uint8_t *in; size_t pos, n; uint64_t buf; int cnt; } bitr_t;

static inline void refill(bitr_t *r) {
    while (r->cnt <= 56) {
        uint64_t byte = r->pos < r->n ? r->in[r->pos] : 0;
        r->pos++;
        r->buf |= byte << (56 - r->cnt);
        r->cnt += 8;
    }
}
static inline uint32_t peek(const bitr_t *r, int n) { return (uint32_t)(r->buf >> (64 - n)); }
static inline void consume(bitr_t *r, int n) { r->buf <<= n; r->cnt -= n; }

/* ---- block coder ---- */

static size_t encode_block(const uint8_t *in, size_t n, uint8_t *out, builder_t *b, canon_t *cc,
                           int *rebuilds) {
    uint32_t count[NSYM] = {0};
    uint8_t len[NSYM];
    for (size_t i = 0; i < n; i++) count[in[i]]++;
    limited_lengths(b, count, len, rebuilds);
    if (!canonical(cc, len)) { fprintf(stderr, "huffman: incomplete code\n"); exit(1); }
    bitw_t w = {out, 0, 0, 0};
    put_bits(&w, (uint32_t)(n - 1), 16);
    for (int s = 0; s < NSYM; s += 2) put_bits(&w, (uint32_t)len[s] << 4 | len[s + 1], 8);
    for (size_t i = 0; i < n; i++) put_bits(&w, cc->code[in[i]], len[in[i]]);
    flush_bits(&w);
    return w.pos;
}

static size_t decode_block(const uint8_t *in, size_t n, uint8_t *out, canon_t *cc) {
    bitr_t r = {in, 0, n, 0, 0};
    uint8_t len[NSYM];
    refill(&r);
    size_t count = peek(&r, 16) + 1;
    consume(&r, 16);
    for (int s = 0; s < NSYM; s++) { refill(&r); len[s] = (uint8_t)peek(&r, 4); consume(&r, 4); }
    if (!canonical(cc, len)) return 0;
    for (size_t i = 0; i < count; i++) {
        if (r.cnt < MAXLEN) refill(&r);
        unsigned e = cc->lut[peek(&r, LUT_BITS)];
        if (e) { out[i] = (uint8_t)(e >> 4); consume(&r, (int)(e & 15)); continue; }
        uint32_t bits = peek(&r, MAXLEN);
        int l = LUT_BITS + 1;
        for (; l <= MAXLEN; l++) {
            int c = (int)(bits >> (MAXLEN - l)) - cc->first[l];
            if (c >= 0 && c < cc->nlen[l]) { out[i] = cc->sorted[cc->offset[l] + c]; break; }
        }
        if (l > MAXLEN) return 0;
        consume(&r, l);
    }
    return r.pos - (size_t)(r.cnt / 8) > n ? 0 : count;
}

int main(int argc, char **argv) {
    long kib = bench_size(argc, argv, 256, 26000);
    uint8_t *data = malloc(BLOCK), *packed = malloc(BLOCK * 2 + 256), *back = malloc(BLOCK);
    builder_t *b = malloc(sizeof *b);
    canon_t *enc = malloc(sizeof *enc), *dec = malloc(sizeof *dec);
    if (!data || !packed || !back || !b || !enc || !dec) return 1;
    rng_t r = {0x4855ff};
    uint64_t sum = 0, total_in = 0, total_out = 0;
    int rebuilds = 0;
    for (long done = 0; done < kib; done += BLOCK / 1024) {
        size_t n = (size_t)(kib - done < BLOCK / 1024 ? kib - done : BLOCK / 1024) * 1024;
        gen_block(data, n, &r);
        size_t clen = encode_block(data, n, packed, b, enc, &rebuilds);
        size_t dlen = decode_block(packed, clen, back, dec);
        if (dlen != n || memcmp(data, back, n) != 0) {
            fprintf(stderr, "huffman: block at %ld KiB does not round-trip\n", done);
            return 1;
        }
        if (memcmp(enc->code, dec->code, sizeof enc->code) != 0) {
            fprintf(stderr, "huffman: decoder rebuilt a different code\n");
            return 1;
        }
        uint64_t h = 0;
        for (size_t i = 0; i < clen; i += 64) h = h * 0x100000001b3ULL ^ packed[i];
        sum = mix(mix(sum, clen), h);
        total_in += n;
        total_out += clen;
    }
    sum = mix(mix(sum, total_in), total_out);
    print_checksum(mix(sum, (uint64_t)rebuilds));
    free(data); free(packed); free(back); free(b); free(enc); free(dec);
    return 0;
}
