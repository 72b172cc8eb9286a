/* keccak: SHA3-256 and SHAKE128 (the Keccak-f[1600] permutation on 25 u64
 * lanes: theta, rho, pi, chi, iota; a byte-oriented sponge with streaming
 * absorb and squeeze) and BLAKE2b-512 (12 rounds of the G function: u64 adds,
 * xors and rotations). Known-answer tests first (the empty string and "abc"
 * for SHA3-256 and BLAKE2b-512, SHAKE128 of "" and of "abc" beyond one block,
 * SHA3-256 of 200 'a's). Then each round hashes a generated buffer of 0 to
 * 6 KiB with all three; the digests seed the next buffer (a chain). Every
 * 8th round is hashed again in random-sized pieces, which must give the same
 * digests. SIZE = rounds; small = 40, bench = 3 200. */
#include "common.h"

static inline uint64_t rotl(uint64_t x, unsigned n) { return (x << n) | (x >> ((64 - n) & 63)); }
static inline uint64_t rotr(uint64_t x, unsigned n) { return (x >> n) | (x << ((64 - n) & 63)); }

static inline uint64_t load64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

static inline void store64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- Keccak-f[1600] and the sponge ---- */

static const uint64_t keccak_rc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};
/* rho offsets and the pi lane order, walked from lane 1 */
static const unsigned keccak_rho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14,
                                        27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
static const unsigned keccak_pi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4,
                                       15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

static void keccak_f1600(uint64_t a[25]) {
    uint64_t c[5], t;
    for (int round = 0; round < 24; round++) {
        for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (int x = 0; x < 5; x++) {
            uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
            for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
        }
        t = a[1];
        for (int i = 0; i < 24; i++) {
            unsigned j = keccak_pi[i];
            uint64_t u = a[j];
            a[j] = rotl(t, keccak_rho[i]);
            t = u;
        }
        for (int y = 0; y < 25; y += 5) {
            for (int x = 0; x < 5; x++) c[x] = a[y + x];
            for (int x = 0; x < 5; x++) a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
        }
        a[0] ^= keccak_rc[round];
    }
}

typedef struct { uint64_t s[25]; unsigned rate, pos; uint8_t dsep; int squeezing; } sponge_t;

static void sponge_init(sponge_t *k, unsigned rate, uint8_t dsep) {
    memset(k, 0, sizeof *k);
    k->rate = rate;
    k->dsep = dsep;
}

static void sponge_absorb(sponge_t *k, const uint8_t *in, size_t n) {
    while (n > 0) {
        if (k->pos == 0 && n >= k->rate) { /* whole blocks, a lane at a time */
            for (unsigned i = 0; i < k->rate / 8; i++) k->s[i] ^= load64(in + 8 * i);
            keccak_f1600(k->s);
            in += k->rate;
            n -= k->rate;
            continue;
        }
        k->s[k->pos / 8] ^= (uint64_t)*in++ << (8 * (k->pos % 8));
        n--;
        if (++k->pos == k->rate) { keccak_f1600(k->s); k->pos = 0; }
    }
}

static void sponge_squeeze(sponge_t *k, uint8_t *out, size_t n) {
    if (!k->squeezing) { /* pad: domain bits, then the final 1 bit */
        k->s[k->pos / 8] ^= (uint64_t)k->dsep << (8 * (k->pos % 8));
        k->s[(k->rate - 1) / 8] ^= 0x80ULL << (8 * ((k->rate - 1) % 8));
        keccak_f1600(k->s);
        k->squeezing = 1;
        k->pos = 0;
    }
    while (n-- > 0) {
        if (k->pos == k->rate) { keccak_f1600(k->s); k->pos = 0; }
        *out++ = (uint8_t)(k->s[k->pos / 8] >> (8 * (k->pos % 8)));
        k->pos++;
    }
}

static void sha3_256(const uint8_t *in, size_t n, uint8_t out[32]) {
    sponge_t k;
    sponge_init(&k, 136, 0x06);
    sponge_absorb(&k, in, n);
    sponge_squeeze(&k, out, 32);
}

static void shake128(const uint8_t *in, size_t n, uint8_t *out, size_t outlen) {
    sponge_t k;
    sponge_init(&k, 168, 0x1f);
    sponge_absorb(&k, in, n);
    sponge_squeeze(&k, out, outlen);
}

/* ---- BLAKE2b ---- */

static const uint64_t blake2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
static const uint8_t blake2b_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

typedef struct { uint64_t h[8], t[2]; uint8_t buf[128]; size_t buflen, outlen; } blake2b_t;

#define G(a, b, c, d, x, y)              \
    do {                                 \
        v[a] = v[a] + v[b] + (x);        \
        v[d] = rotr(v[d] ^ v[a], 32);    \
        v[c] = v[c] + v[d];              \
        v[b] = rotr(v[b] ^ v[c], 24);    \
        v[a] = v[a] + v[b] + (y);        \
        v[d] = rotr(v[d] ^ v[a], 16);    \
        v[c] = v[c] + v[d];              \
        v[b] = rotr(v[b] ^ v[c], 63);    \
    } while (0)

static void blake2b_compress(blake2b_t *b, const uint8_t block[128], int last) {
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = load64(block + 8 * i);
    for (int i = 0; i < 8; i++) { v[i] = b->h[i]; v[i + 8] = blake2b_iv[i]; }
    v[12] ^= b->t[0];
    v[13] ^= b->t[1];
    if (last) v[14] = ~v[14];
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = blake2b_sigma[r];
        G(0, 4, 8, 12, m[s[0]], m[s[1]]);
        G(1, 5, 9, 13, m[s[2]], m[s[3]]);
        G(2, 6, 10, 14, m[s[4]], m[s[5]]);
        G(3, 7, 11, 15, m[s[6]], m[s[7]]);
        G(0, 5, 10, 15, m[s[8]], m[s[9]]);
        G(1, 6, 11, 12, m[s[10]], m[s[11]]);
        G(2, 7, 8, 13, m[s[12]], m[s[13]]);
        G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) b->h[i] ^= v[i] ^ v[i + 8];
}

static void blake2b_init(blake2b_t *b, size_t outlen) {
    memset(b, 0, sizeof *b);
    for (int i = 0; i < 8; i++) b->h[i] = blake2b_iv[i];
    b->h[0] ^= 0x01010000ULL ^ outlen; /* no key, fanout 1, depth 1 */
    b->outlen = outlen;
}

static void blake2b_update(blake2b_t *b, const uint8_t *in, size_t n) {
    while (n > 0) {
        if (b->buflen == 128) { /* only compress a full buffer once more input arrives */
            b->t[0] += 128;
            if (b->t[0] < 128) b->t[1]++;
            blake2b_compress(b, b->buf, 0);
            b->buflen = 0;
        }
        size_t take = 128 - b->buflen < n ? 128 - b->buflen : n;
        memcpy(b->buf + b->buflen, in, take);
        b->buflen += take;
        in += take;
        n -= take;
    }
}

static void blake2b_final(blake2b_t *b, uint8_t *out) {
    b->t[0] += b->buflen;
    if (b->t[0] < b->buflen) b->t[1]++;
    memset(b->buf + b->buflen, 0, 128 - b->buflen);
    blake2b_compress(b, b->buf, 1);
    uint8_t full[64];
    for (int i = 0; i < 8; i++) store64(full + 8 * i, b->h[i]);
    memcpy(out, full, b->outlen);
}

static void blake2b(const uint8_t *in, size_t n, uint8_t out[64]) {
    blake2b_t b;
    blake2b_init(&b, 64);
    blake2b_update(&b, in, n);
    blake2b_final(&b, out);
}

/* ---- tests and the workload ---- */

static void expect(const char *what, const uint8_t *got, size_t n, const char *hex) {
    for (size_t i = 0; i < n; i++) {
        unsigned byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1 || byte != got[i]) {
            fprintf(stderr, "keccak: known-answer test failed: %s\n", what);
            exit(1);
        }
    }
}

static void known_answers(void) {
    uint8_t d[200], a200[200];
    const uint8_t *abc = (const uint8_t *)"abc";
    sha3_256(abc, 0, d);
    expect("SHA3-256(\"\")", d, 32, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    sha3_256(abc, 3, d);
    expect("SHA3-256(\"abc\")", d, 32, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    blake2b(abc, 0, d);
    expect("BLAKE2b-512(\"\")", d, 64,
           "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
           "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
    blake2b(abc, 3, d);
    expect("BLAKE2b-512(\"abc\")", d, 64,
           "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
           "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    shake128(abc, 0, d, 32);
    expect("SHAKE128(\"\", 32)", d, 32, "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
    shake128(abc, 3, d, 200);
    expect("SHAKE128(\"abc\", 200)[168:]", d + 168, 32, "6aa01b3f5af057805f973ff8ecb8b226ac32ada6f01c1fcd4818cb006aa5b4cd");
    memset(a200, 'a', sizeof a200);
    sha3_256(a200, sizeof a200, d);
    expect("SHA3-256(200 x 'a')", d, 32, "cce34485baf2bf2aca99b94833892a4f52896d3d153f7b840cc4f9fe695f1387");
}

#define MAXLEN 6144

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 40, 3200);
    known_answers();
    uint8_t *buf = malloc(MAXLEN);
    if (!buf) return 1;
    uint8_t sha[32], shk[64], b2[64], chain[64] = {0};
    rng_t r = {0x5a3};
    uint64_t sum = 0, total = 0;
    for (long i = 0; i < rounds; i++) {
        size_t n = (size_t)(rng_next(&r) % (MAXLEN + 1));
        for (size_t j = 0; j < n; j += 8) { /* random bytes, keyed by the last digests */
            uint64_t x = rng_next(&r) ^ load64(chain + (j & 56));
            for (size_t b = 0; b < 8 && j + b < n; b++) buf[j + b] = (uint8_t)(x >> (8 * b));
        }
        sha3_256(buf, n, sha);
        shake128(buf, n, shk, sizeof shk);
        blake2b(buf, n, b2);
        if (i % 8 == 0) { /* streaming in random pieces must agree */
            sponge_t k1, k2;
            blake2b_t bb;
            uint8_t sha2[32], shk2[64], b22[64];
            sponge_init(&k1, 136, 0x06);
            sponge_init(&k2, 168, 0x1f);
            blake2b_init(&bb, 64);
            for (size_t p = 0; p < n;) {
                size_t piece = (size_t)(rng_next(&r) % 300);
                if (piece > n - p) piece = n - p;
                sponge_absorb(&k1, buf + p, piece);
                sponge_absorb(&k2, buf + p, piece);
                blake2b_update(&bb, buf + p, piece);
                p += piece;
            }
            sponge_squeeze(&k1, sha2, 32);
            sponge_squeeze(&k2, shk2, 20); /* squeezing in pieces, too */
            sponge_squeeze(&k2, shk2 + 20, 44);
            blake2b_final(&bb, b22);
            if (memcmp(sha, sha2, 32) || memcmp(shk, shk2, 64) || memcmp(b2, b22, 64)) {
                fprintf(stderr, "keccak: streaming and one-shot digests differ (round %ld, %zu bytes)\n", i, n);
                return 1;
            }
        }
        for (int j = 0; j < 32; j++) chain[j] = sha[j] ^ b2[j + 32];
        for (int j = 0; j < 32; j++) chain[j + 32] = shk[j + 32] ^ b2[j];
        sum = mix(sum, load64(sha) ^ load64(shk + 56) ^ load64(b2 + 24));
        total += n;
    }
    for (int j = 0; j < 64; j += 8) sum = mix(sum, load64(chain + j));
    print_checksum(mix(sum, total));
    free(buf);
    return 0;
}
