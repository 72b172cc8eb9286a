/* imgproc: an image pipeline on 8-bit buffers. A 640 x 480 RGB test image
 * (gradients, texture, noise, then a few random rectangles and discs drawn
 * over it each frame) is converted to planar YCbCr with JFIF integer
 * weights; Y is blurred with a separable 5-tap Gaussian [1 4 6 4 1] (a u16
 * horizontal pass, then a vertical pass over five row pointers), the blur
 * goes through a Sobel gradient magnitude (|gx| + |gy|) and a histogram
 * equalization, and the equalized image and both chroma planes are 2x box
 * downsampled. The loops are written plainly so that they auto-vectorize.
 * Self-checks: gray pixels map to (v, 128, 128), a constant image blurs to
 * itself with a zero gradient, a non-separable 25-tap blur agrees on a tile
 * each frame, the equalization table is monotone and ends at 255, and the
 * downsampled sums match the full-size sums up to rounding.
 * SIZE = frames; small = 2, bench = 38. */
#include "common.h"

#define W 640
#define H 480

static void fail(const char *what, long frame) {
    fprintf(stderr, "imgproc: %s (frame %ld)\n", what, frame);
    exit(1);
}

static void rgb_to_ycbcr(const uint8_t *restrict rgb, uint8_t *restrict y, uint8_t *restrict cb,
                         uint8_t *restrict cr, int n) {
    for (int i = 0; i < n; i++) {
        int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        y[i] = (uint8_t)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
        cb[i] = (uint8_t)((-11059 * r - 21709 * g + 32768 * b + (128 << 16) + 32767) >> 16);
        cr[i] = (uint8_t)((32768 * r - 27439 * g - 5329 * b + (128 << 16) + 32767) >> 16);
    }
}

static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Separable [1 4 6 4 1] x [1 4 6 4 1] / 256 with clamped borders. */
static void blur5(const uint8_t *restrict src, uint8_t *restrict dst, uint16_t *restrict tmp, int w, int h) {
    for (int y = 0; y < h; y++) {
        const uint8_t *s = src + (size_t)y * w;
        uint16_t *t = tmp + (size_t)y * w;
        for (int x = 0; x < 2; x++)
            t[x] = (uint16_t)(s[clampi(x - 2, 0, w - 1)] + 4 * s[clampi(x - 1, 0, w - 1)] + 6 * s[x] +
                              4 * s[x + 1] + s[x + 2]);
        for (int x = 2; x < w - 2; x++)
            t[x] = (uint16_t)(s[x - 2] + 4 * s[x - 1] + 6 * s[x] + 4 * s[x + 1] + s[x + 2]);
        for (int x = w - 2; x < w; x++)
            t[x] = (uint16_t)(s[x - 2] + 4 * s[x - 1] + 6 * s[x] + 4 * s[clampi(x + 1, 0, w - 1)] +
                              s[clampi(x + 2, 0, w - 1)]);
    }
    for (int y = 0; y < h; y++) {
        const uint16_t *r0 = tmp + (size_t)clampi(y - 2, 0, h - 1) * w;
        const uint16_t *r1 = tmp + (size_t)clampi(y - 1, 0, h - 1) * w;
        const uint16_t *r2 = tmp + (size_t)y * w;
        const uint16_t *r3 = tmp + (size_t)clampi(y + 1, 0, h - 1) * w;
        const uint16_t *r4 = tmp + (size_t)clampi(y + 2, 0, h - 1) * w;
        uint8_t *d = dst + (size_t)y * w;
        for (int x = 0; x < w; x++)
            d[x] = (uint8_t)((r0[x] + 4 * r1[x] + 6 * r2[x] + 4 * r3[x] + r4[x] + 128) >> 8);
    }
}

/* The same blur as one 5 x 5 kernel, on the tile [x0, x0 + tw) x [y0, y0 + th). */
static int blur5_reference_agrees(const uint8_t *src, const uint8_t *blurred, int w, int h, int x0, int y0,
                                  int tw, int th) {
    static const int k[5] = {1, 4, 6, 4, 1};
    for (int y = y0; y < y0 + th; y++)
        for (int x = x0; x < x0 + tw; x++) {
            int acc = 0;
            for (int dy = -2; dy <= 2; dy++)
                for (int dx = -2; dx <= 2; dx++)
                    acc += k[dy + 2] * k[dx + 2] * src[(size_t)clampi(y + dy, 0, h - 1) * w + clampi(x + dx, 0, w - 1)];
            if (blurred[(size_t)y * w + x] != (uint8_t)((acc + 128) >> 8)) return 0;
        }
    return 1;
}

/* Sobel magnitude (|gx| + |gy|) / 4, saturated; the one-pixel border is 0. */
static void sobel(const uint8_t *restrict src, uint8_t *restrict dst, int w, int h) {
    memset(dst, 0, (size_t)w);
    memset(dst + (size_t)(h - 1) * w, 0, (size_t)w);
    for (int y = 1; y < h - 1; y++) {
        const uint8_t *a = src + (size_t)(y - 1) * w, *b = src + (size_t)y * w, *c = src + (size_t)(y + 1) * w;
        uint8_t *d = dst + (size_t)y * w;
        d[0] = d[w - 1] = 0;
        for (int x = 1; x < w - 1; x++) {
            int gx = (a[x + 1] + 2 * b[x + 1] + c[x + 1]) - (a[x - 1] + 2 * b[x - 1] + c[x - 1]);
            int gy = (c[x - 1] + 2 * c[x] + c[x + 1]) - (a[x - 1] + 2 * a[x] + a[x + 1]);
            int m = ((gx < 0 ? -gx : gx) + (gy < 0 ? -gy : gy)) >> 2;
            d[x] = (uint8_t)(m > 255 ? 255 : m);
        }
    }
}

/* Histogram equalization; fills lut and returns 0 if the table is not sane. */
static int equalize(const uint8_t *restrict src, uint8_t *restrict dst, int n, uint8_t *lut) {
    uint32_t hist[256] = {0}, cdf[256];
    for (int i = 0; i < n; i++) hist[src[i]]++;
    uint32_t run = 0, cmin = 0;
    int top = 0;
    for (int v = 0; v < 256; v++) {
        run += hist[v];
        cdf[v] = run;
        if (!cmin && run) cmin = run;
        if (hist[v]) top = v;
    }
    uint32_t span = (uint32_t)n - cmin;
    for (int v = 0; v < 256; v++)
        lut[v] = span == 0 ? (uint8_t)v
                           : (uint8_t)(cdf[v] < cmin ? 0 : ((uint64_t)(cdf[v] - cmin) * 255 + span / 2) / span);
    for (int i = 0; i < n; i++) dst[i] = lut[src[i]];
    for (int v = 1; v < 256; v++)
        if (lut[v] < lut[v - 1]) return 0;
    return span == 0 || lut[top] == 255;
}

static void downsample2(const uint8_t *restrict src, uint8_t *restrict dst, int w, int h) {
    for (int y = 0; y < h / 2; y++) {
        const uint8_t *a = src + (size_t)(2 * y) * w, *b = a + w;
        uint8_t *d = dst + (size_t)y * (w / 2);
        for (int x = 0; x < w / 2; x++)
            d[x] = (uint8_t)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
    }
}

static uint64_t sum_bytes(const uint8_t *p, int n) {
    uint64_t s = 0;
    for (int i = 0; i < n; i++) s += p[i];
    return s;
}

static uint64_t hash_bytes(const uint8_t *p, size_t n) {
    uint64_t h = 0x243f6a8885a308d3ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        h = (h ^ v) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void make_image(uint8_t *rgb, rng_t *r) {
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint64_t z = rng_next(r);
            uint8_t *p = rgb + 3 * ((size_t)y * W + x);
            int tex = ((x >> 3) ^ (y >> 3)) & 1 ? 40 : 0;
            p[0] = (uint8_t)clampi(x * 255 / W + (int)(z & 15) - 8, 0, 255);
            p[1] = (uint8_t)clampi(y * 255 / H + tex + (int)((z >> 4) & 15) - 8, 0, 255);
            p[2] = (uint8_t)clampi(((x * y) >> 7 & 255) / 2 + 64 + (int)((z >> 8) & 31) - 16, 0, 255);
        }
}

static void draw_shapes(uint8_t *rgb, rng_t *r) {
    for (int k = 0; k < 6; k++) {
        uint64_t z = rng_next(r);
        int cx = (int)(z % W), cy = (int)((z >> 16) % H), rad = 8 + (int)((z >> 32) % 60);
        uint8_t col[3] = {(uint8_t)(z >> 40), (uint8_t)(z >> 48), (uint8_t)(z >> 56)};
        for (int y = clampi(cy - rad, 0, H - 1); y <= clampi(cy + rad, 0, H - 1); y++)
            for (int x = clampi(cx - rad, 0, W - 1); x <= clampi(cx + rad, 0, W - 1); x++) {
                int dx = x - cx, dy = y - cy;
                if ((k & 1) && dx * dx + dy * dy > rad * rad) continue; /* odd k: a disc */
                memcpy(rgb + 3 * ((size_t)y * W + x), col, 3);
            }
    }
}

static void self_test(uint8_t *a, uint8_t *b, uint16_t *tmp) {
    uint8_t rgb[3 * 256], y[256], cb[256], cr[256];
    for (int v = 0; v < 256; v++) rgb[3 * v] = rgb[3 * v + 1] = rgb[3 * v + 2] = (uint8_t)v;
    rgb_to_ycbcr(rgb, y, cb, cr, 256);
    for (int v = 0; v < 256; v++)
        if (y[v] != v || cb[v] != 128 || cr[v] != 128) fail("gray does not map to (v, 128, 128)", -1);
    for (int c = 0; c < 256; c += 51) {
        memset(a, c, (size_t)W * H);
        blur5(a, b, tmp, W, H);
        for (size_t i = 0; i < (size_t)W * H; i++)
            if (b[i] != c) fail("blur of a constant image is not constant", -1);
        sobel(b, a, W, H);
        if (sum_bytes(a, W * H) != 0) fail("gradient of a constant image is not zero", -1);
    }
}

int main(int argc, char **argv) {
    long frames = bench_size(argc, argv, 2, 38);
    const int n = W * H, n4 = (W / 2) * (H / 2);
    uint8_t *rgb = malloc((size_t)3 * n), *y = malloc((size_t)n), *cb = malloc((size_t)n), *cr = malloc((size_t)n);
    uint8_t *blur = malloc((size_t)n), *edge = malloc((size_t)n), *eq = malloc((size_t)n);
    uint8_t *small = malloc((size_t)3 * n4);
    uint16_t *tmp = malloc((size_t)n * sizeof *tmp);
    if (!rgb || !y || !cb || !cr || !blur || !edge || !eq || !small || !tmp) return 1;
    self_test(y, blur, tmp);
    rng_t r = {0x1a9e};
    make_image(rgb, &r);
    uint64_t sum = 0;
    uint8_t lut[256];
    for (long f = 0; f < frames; f++) {
        draw_shapes(rgb, &r);
        rgb_to_ycbcr(rgb, y, cb, cr, n);
        blur5(y, blur, tmp, W, H);
        int tx = (int)(rng_next(&r) % (W - 24)) - (f & 1 ? 0 : 8), ty = (int)(rng_next(&r) % (H - 24));
        if (tx < 0) tx = 0; /* even frames lean on the left border */
        if (!blur5_reference_agrees(y, blur, W, H, tx, ty, 24, 24)) fail("separable blur differs from the 5x5 kernel", f);
        sobel(blur, edge, W, H);
        if (!equalize(blur, eq, n, lut)) fail("bad equalization table", f);
        downsample2(eq, small, W, H);
        downsample2(cb, small + n4, W, H);
        downsample2(cr, small + 2 * n4, W, H);
        const uint8_t *full[3] = {eq, cb, cr};
        for (int p = 0; p < 3; p++) {
            int64_t d = 4 * (int64_t)sum_bytes(small + (size_t)p * n4, n4) - (int64_t)sum_bytes(full[p], n);
            if (d < -(int64_t)n4 || d > 2 * (int64_t)n4) fail("downsampled sum out of range", f);
        }
        sum = mix(sum, hash_bytes(y, (size_t)n));
        sum = mix(sum, hash_bytes(blur, (size_t)n));
        sum = mix(sum, hash_bytes(edge, (size_t)n));
        sum = mix(sum, hash_bytes(small, (size_t)3 * n4));
        sum = mix(sum, sum_bytes(edge, n) << 8 | lut[128]);
    }
    print_checksum(sum);
    free(rgb); free(y); free(cb); free(cr); free(blur); free(edge); free(eq); free(small); free(tmp);
    return 0;
}
