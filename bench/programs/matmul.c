/* matmul: C = A * B for SIZE x SIZE double matrices (i-k-j loop order,
 * a streaming multiply-add inner loop), then C = C * A again, checksum of
 * the exact bits. small = 40, bench = 480. */
#include "common.h"

static void multiply(const double *a, const double *b, double *c, long n) {
    memset(c, 0, (size_t)(n * n) * sizeof *c);
    for (long i = 0; i < n; i++)
        for (long k = 0; k < n; k++) {
            double aik = a[i * n + k];
            const double *brow = b + k * n;
            double *crow = c + i * n;
            for (long j = 0; j < n; j++) crow[j] += aik * brow[j];
        }
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 40, 480);
    size_t cells = (size_t)(n ? n * n : 1);
    double *a = malloc(cells * sizeof *a);
    double *b = malloc(cells * sizeof *b);
    double *c = malloc(cells * sizeof *c);
    double *d = malloc(cells * sizeof *d);
    if (!a || !b || !c || !d) return 1;
    rng_t rng = {7};
    for (long i = 0; i < n * n; i++) {
        a[i] = rng_unit(&rng) - 0.5;
        b[i] = rng_unit(&rng) * 2.0 - 1.0;
    }
    multiply(a, b, c, n);
    multiply(c, a, d, n);
    uint64_t sum = (uint64_t)n;
    for (long i = 0; i < n * n; i++) sum = mix(sum, dbits(d[i]));
    free(a);
    free(b);
    free(c);
    free(d);
    print_checksum(sum);
    return 0;
}
