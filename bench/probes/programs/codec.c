/* codec: byte-stream checksums and transforms over a 256 KiB buffer:
 * table-driven CRC-32 (reflected, poly 0xEDB88320), Adler-32, base64
 * encoding and decoding (with a reverse lookup table and '=' padding), and
 * a CRC-32 of the encoded text. The decoded bytes must equal the input and
 * both checksums are checked on known vectors. Each round perturbs a few
 * bytes and changes the length. SIZE = rounds; small = 2, bench = 110. */
#include "common.h"

#define BUF (256 * 1024)

static uint32_t crc_table[256];
static int8_t b64_rev[256];
static const char b64_alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void init_tables(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    memset(b64_rev, -1, sizeof b64_rev);
    for (int i = 0; i < 64; i++) b64_rev[(uint8_t)b64_alpha[i]] = (int8_t)i;
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    while (n) {
        size_t chunk = n < 5552 ? n : 5552; /* no overflow before the modulo */
        n -= chunk;
        while (chunk--) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return b << 16 | a;
}

static size_t b64_encode(const uint8_t *in, size_t n, char *out) {
    char *o = out;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        o[0] = b64_alpha[v >> 18];
        o[1] = b64_alpha[(v >> 12) & 63];
        o[2] = b64_alpha[(v >> 6) & 63];
        o[3] = b64_alpha[v & 63];
        o += 4;
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        o[0] = b64_alpha[v >> 18];
        o[1] = b64_alpha[(v >> 12) & 63];
        o[2] = i + 1 < n ? b64_alpha[(v >> 6) & 63] : '=';
        o[3] = '=';
        o += 4;
    }
    return (size_t)(o - out);
}

/* Returns the decoded length, or (size_t)-1 on bad input. */
static size_t b64_decode(const char *in, size_t n, uint8_t *out) {
    if (n % 4) return (size_t)-1;
    uint8_t *o = out;
    for (size_t i = 0; i < n; i += 4) {
        int pad = in[i + 3] == '=' ? (in[i + 2] == '=' ? 2 : 1) : 0;
        if (pad && i + 4 != n) return (size_t)-1;
        int a = b64_rev[(uint8_t)in[i]], b = b64_rev[(uint8_t)in[i + 1]];
        int c = pad == 2 ? 0 : b64_rev[(uint8_t)in[i + 2]], d = pad ? 0 : b64_rev[(uint8_t)in[i + 3]];
        if ((a | b | c | d) < 0) return (size_t)-1;
        uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
        *o++ = (uint8_t)(v >> 16);
        if (pad < 2) *o++ = (uint8_t)(v >> 8);
        if (pad < 1) *o++ = (uint8_t)v;
    }
    return (size_t)(o - out);
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 2, 110);
    init_tables();
    if (crc32(0, (const uint8_t *)"123456789", 9) != 0xCBF43926u ||
        adler32((const uint8_t *)"Wikipedia", 9) != 0x11E60398u) {
        fprintf(stderr, "codec: known-answer test failed\n");
        return 1;
    }
    char kat[16];
    if (b64_encode((const uint8_t *)"hello", 5, kat) != 8 || memcmp(kat, "aGVsbG8=", 8) != 0) {
        fprintf(stderr, "codec: base64 known-answer test failed\n");
        return 1;
    }
    uint8_t *buf = malloc(BUF), *back = malloc(BUF);
    char *text = malloc(BUF / 3 * 4 + 8);
    rng_t r = {77};
    /* text-like bytes in the first half, arbitrary bytes in the second */
    for (size_t i = 0; i < BUF; i++) {
        uint64_t x = rng_next(&r);
        buf[i] = i < BUF / 2 ? (uint8_t)(32 + x % 95) : (uint8_t)x;
    }
    uint64_t sum = 0;
    for (long round = 0; round < rounds; round++) {
        for (int k = 0; k < 16; k++) buf[rng_next(&r) % BUF] ^= (uint8_t)(1 + k);
        size_t n = BUF - (size_t)(round % 3);
        uint32_t crc = crc32(0, buf, n), ad = adler32(buf, n);
        /* the CRC of two halves, chained, is the CRC of the whole */
        if (crc32(crc32(0, buf, n / 3), buf + n / 3, n - n / 3) != crc) {
            fprintf(stderr, "codec: chained CRC differs\n");
            return 1;
        }
        size_t tn = b64_encode(buf, n, text);
        size_t bn = b64_decode(text, tn, back);
        if (bn != n || memcmp(buf, back, n) != 0) {
            fprintf(stderr, "codec: base64 roundtrip failed in round %ld\n", round);
            return 1;
        }
        uint32_t tcrc = crc32(0, (const uint8_t *)text, tn);
        sum = mix(mix(mix(mix(sum, crc), ad), tcrc), tn);
    }
    free(buf); free(back); free(text);
    print_checksum(sum);
    return 0;
}
