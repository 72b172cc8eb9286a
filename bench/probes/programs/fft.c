/* fft: an iterative radix-2 complex FFT in double precision (bit-reversal
 * permutation, butterflies with a precomputed twiddle table; the twiddles
 * come from a Taylor series, not libm). Each round multiplies two random
 * integer polynomials of 8 192 coefficients by FFT convolution (two forward
 * transforms of 16 384 points, a pointwise product, one inverse), rounds the
 * result and checks sampled coefficients against the direct sum, and checks
 * that forward + inverse gives back the input. SIZE = rounds; small = 2,
 * bench = 110. */
#include "common.h"

#define LOGN 14
#define N (1 << LOGN)
#define PI 3.14159265358979323846

typedef struct { double re, im; } cplx;

/* sin and cos of x in [0, pi/2] by their Taylor series. */
static void sincos_taylor(double x, double *s, double *c) {
    double x2 = x * x, ts = x, tc = 1.0, ss = 0.0, cs = 0.0;
    for (int k = 1; k < 40; k += 2) {
        ss += ts;
        cs += tc;
        ts *= -x2 / (double)((k + 1) * (k + 2));
        tc *= -x2 / (double)(k * (k + 1));
    }
    *s = ss;
    *c = cs;
}

/* tw[k] = exp(-2 pi i k / N), k < N/2. */
static void make_twiddles(cplx *tw) {
    for (int k = 0; k <= N / 4; k++) {
        double s, c;
        sincos_taylor(2.0 * PI * k / N, &s, &c);
        tw[k].re = c;
        tw[k].im = -s;
        if (k > 0 && k < N / 4) { /* angle pi - x */
            tw[N / 2 - k].re = -c;
            tw[N / 2 - k].im = -s;
        }
    }
}

static void fft(cplx *a, const cplx *tw, int inverse) {
    for (unsigned i = 1, j = 0; i < N; i++) { /* bit-reversal permutation */
        unsigned bit = N >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) { cplx t = a[i]; a[i] = a[j]; a[j] = t; }
    }
    for (int len = 2; len <= N; len <<= 1) {
        int half = len >> 1, step = N / len;
        for (int i = 0; i < N; i += len) {
            for (int k = 0; k < half; k++) {
                cplx w = tw[k * step];
                if (inverse) w.im = -w.im;
                cplx *u = &a[i + k], *v = &a[i + k + half];
                double tr = v->re * w.re - v->im * w.im;
                double ti = v->re * w.im + v->im * w.re;
                v->re = u->re - tr;
                v->im = u->im - ti;
                u->re += tr;
                u->im += ti;
            }
        }
    }
    if (inverse)
        for (int i = 0; i < N; i++) { a[i].re *= 1.0 / N; a[i].im *= 1.0 / N; }
}

static int64_t round_i64(double x) {
    return x >= 0 ? (int64_t)(x + 0.5) : -(int64_t)(-x + 0.5);
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 2, 110);
    cplx *tw = malloc(sizeof(cplx) * (N / 2)), *fa = malloc(sizeof(cplx) * N), *fb = malloc(sizeof(cplx) * N);
    int32_t *a = malloc(4 * N), *b = malloc(4 * N);
    make_twiddles(tw);
    rng_t r = {2024};
    uint64_t sum = 0;
    for (long round = 0; round < rounds; round++) {
        for (int i = 0; i < N; i++) {
            a[i] = i < N / 2 ? (int32_t)(rng_next(&r) % 1000) : 0;
            b[i] = i < N / 2 ? (int32_t)(rng_next(&r) % 1000) - 500 : 0;
            fa[i].re = a[i]; fa[i].im = 0;
            fb[i].re = b[i]; fb[i].im = 0;
        }
        fft(fa, tw, 0);
        fft(fb, tw, 0);
        sum = mix(mix(sum, dbits(fa[1].re)), dbits(fb[N / 3].im));
        for (int i = 0; i < N; i++) { /* pointwise product into fa; fb back to b */
            double re = fa[i].re * fb[i].re - fa[i].im * fb[i].im;
            fa[i].im = fa[i].re * fb[i].im + fa[i].im * fb[i].re;
            fa[i].re = re;
        }
        fft(fa, tw, 1);
        fft(fb, tw, 1);
        uint64_t h = 0;
        for (int i = 0; i < N; i++) {
            if (round_i64(fb[i].re) != b[i] || round_i64(fb[i].im) != 0) {
                fprintf(stderr, "fft: roundtrip mismatch at %d\n", i);
                return 1;
            }
            h = h * 1000003 + (uint64_t)round_i64(fa[i].re);
        }
        for (int s = 0; s < 32; s++) { /* check sampled coefficients directly */
            int k = (int)(rng_next(&r) % (N - 1));
            int64_t direct = 0;
            for (int i = k < N / 2 ? 0 : k - N / 2 + 1; i <= k && i < N / 2; i++) direct += (int64_t)a[i] * b[k - i];
            if (round_i64(fa[k].re) != direct) {
                fprintf(stderr, "fft: coefficient %d: %lld, want %lld\n", k, (long long)round_i64(fa[k].re), (long long)direct);
                return 1;
            }
        }
        sum = mix(mix(sum, h), dbits(fa[N / 2].re));
    }
    free(tw); free(fa); free(fb); free(a); free(b);
    print_checksum(sum);
    return 0;
}
