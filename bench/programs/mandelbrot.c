/* mandelbrot: escape-time iteration counts of the Mandelbrot set on a
 * SIZE x SIZE grid over [-2, 0.6] x [-1.3, 1.3], at most 500 iterations
 * per point, in double precision. A tight, branchy floating-point loop.
 * small = 48, bench = 1 000. */
#include "common.h"

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 48, 1000);
    const int max_iter = 500;
    uint64_t sum = (uint64_t)n, total = 0;
    for (long py = 0; py < n; py++) {
        double ci = -1.3 + 2.6 * (double)py / (double)n;
        uint64_t row = 0;
        for (long px = 0; px < n; px++) {
            double cr = -2.0 + 2.6 * (double)px / (double)n;
            double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
            int it = 0;
            while (it < max_iter && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            row = row * 31 + (uint64_t)it;
            total += (uint64_t)it;
        }
        sum = mix(sum, row);
    }
    print_checksum(mix(sum, total));
    return 0;
}
