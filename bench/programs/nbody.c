/* nbody: a gravitational N-body simulation in double precision: 32 bodies
 * with generated masses, positions and velocities, all-pairs forces
 * (sqrt, division), semi-implicit Euler steps; SIZE steps. Checksum of the
 * exact bits of the final positions and total energy. small = 20,
 * bench = 45 000. */
#include <math.h>
#include "common.h"

#define N 32

typedef struct {
    double x, y, z, vx, vy, vz, m;
} body_t;

static double energy(const body_t *b) {
    double e = 0.0;
    for (int i = 0; i < N; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < N; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static void step(body_t *b, double dt) {
    for (int i = 0; i < N; i++) {
        for (int j = i + 1; j < N; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01; /* softened */
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].m * mag, mj = b[j].m * mag;
            b[i].vx -= dx * mj;
            b[i].vy -= dy * mj;
            b[i].vz -= dz * mj;
            b[j].vx += dx * mi;
            b[j].vy += dy * mi;
            b[j].vz += dz * mi;
        }
    }
    for (int i = 0; i < N; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

int main(int argc, char **argv) {
    long steps = bench_size(argc, argv, 20, 45000);
    body_t b[N];
    rng_t rng = {1729};
    for (int i = 0; i < N; i++) {
        b[i].x = rng_unit(&rng) * 20.0 - 10.0;
        b[i].y = rng_unit(&rng) * 20.0 - 10.0;
        b[i].z = rng_unit(&rng) * 2.0 - 1.0;
        /* Roughly circular orbits around the origin. */
        b[i].vx = -b[i].y * 0.05;
        b[i].vy = b[i].x * 0.05;
        b[i].vz = 0.0;
        b[i].m = 0.5 + rng_unit(&rng);
    }
    double e0 = energy(b);
    for (long s = 0; s < steps; s++) step(b, 0.001);
    double e1 = energy(b);
    uint64_t sum = mix(dbits(e0), dbits(e1));
    for (int i = 0; i < N; i++) sum = mix(mix(mix(sum, dbits(b[i].x)), dbits(b[i].y)), dbits(b[i].z));
    print_checksum(sum);
    return 0;
}
