/* stencil: a 2D Jacobi heat-diffusion solver on a 256 x 256 double grid
 * with fixed hot and cold boundaries: each step averages every interior
 * cell's four neighbours into a second grid and swaps. Streaming loads and
 * stores, floating-point adds. SIZE steps; small = 4, bench = 1 800.
 * Checksum of the exact bits of the final grid's row sums. */
#include "common.h"

#define W 256

int main(int argc, char **argv) {
    long steps = bench_size(argc, argv, 4, 1800);
    double *a = calloc(W * W, sizeof *a);
    double *b = calloc(W * W, sizeof *b);
    if (!a || !b) return 1;
    for (int i = 0; i < W; i++) {
        a[i] = b[i] = 100.0;                          /* top: hot */
        a[(W - 1) * W + i] = b[(W - 1) * W + i] = -20.0; /* bottom: cold */
        a[i * W] = b[i * W] = (double)i * 0.25;        /* left: a ramp */
    }
    rng_t rng = {99};
    for (int y = 1; y < W - 1; y++)
        for (int x = 1; x < W - 1; x++) a[y * W + x] = rng_unit(&rng) * 10.0;
    for (long s = 0; s < steps; s++) {
        for (int y = 1; y < W - 1; y++) {
            const double *up = a + (y - 1) * W, *mid = a + y * W, *down = a + (y + 1) * W;
            double *out = b + y * W;
            for (int x = 1; x < W - 1; x++)
                out[x] = 0.25 * (up[x] + down[x] + mid[x - 1] + mid[x + 1]);
        }
        double *t = a;
        a = b;
        b = t;
    }
    uint64_t sum = (uint64_t)steps;
    for (int y = 0; y < W; y++) {
        double row = 0.0;
        for (int x = 0; x < W; x++) row += a[y * W + x];
        sum = mix(sum, dbits(row));
    }
    free(a);
    free(b);
    print_checksum(sum);
    return 0;
}
