/* raytrace: a small Whitted-style ray tracer in double precision. The scene
 * is a checkered floor, a back wall, three large spheres and 32 small ones in
 * four clusters, each cluster behind a bounding sphere; two point lights give
 * Lambert and Blinn-Phong shading with hard shadows, and reflective surfaces
 * recurse to depth 3. One ray per pixel through a fixed pinhole camera; the
 * pixels are gamma-corrected (sqrt) and quantized to bytes. Checks: sampled
 * rays (primary, shadow and reflected) must hit the same object at the same
 * distance with and without the bounding spheres; rays aimed at each sphere
 * centre and straight down at the floor hit where geometry says; hit points
 * lie on their surface. SIZE = image width (height = 3/4 of it); small = 64,
 * bench = 960. */
#include "common.h"

typedef struct { double x, y, z; } vec;

static inline vec v3(double x, double y, double z) { vec v = {x, y, z}; return v; }
static inline vec add(vec a, vec b) { return v3(a.x + b.x, a.y + b.y, a.z + b.z); }
static inline vec sub(vec a, vec b) { return v3(a.x - b.x, a.y - b.y, a.z - b.z); }
static inline vec mul(vec a, vec b) { return v3(a.x * b.x, a.y * b.y, a.z * b.z); }
static inline vec scale(vec a, double s) { return v3(a.x * s, a.y * s, a.z * s); }
static inline double dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline double len(vec a) { return __builtin_sqrt(dot(a, a)); }
static inline vec norm(vec a) { return scale(a, 1.0 / len(a)); }
static inline vec cross(vec a, vec b) {
    return v3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

typedef struct { vec color; double diffuse, specular, reflect; int shine_log2; int checker; } material;
typedef struct { vec c; double r; int mat; } sphere;
typedef struct { vec n; double d; int mat; } plane; /* dot(n, p) = d */
typedef struct { vec c; double r; int first, count; } cluster;
typedef struct { vec pos, color; } light;

#define NBIG 3
#define NCLUSTER 4
#define PER_CLUSTER 8
#define NSPHERE (NBIG + NCLUSTER * PER_CLUSTER)
#define NPLANE 2
#define MAX_DEPTH 3
#define EPS 1e-7
#define FAR 1e5

static sphere spheres[NSPHERE];
static plane planes[NPLANE];
static cluster clusters[NCLUSTER];
static material mats[8];
static light lights[2];
static uint64_t sample_every = 0, ray_count = 0;

typedef struct { double t; int obj; } hit; /* obj: sphere index, NSPHERE + plane index, -1 = none */

static inline double hit_sphere(const sphere *s, vec o, vec d, double tmin) {
    vec oc = sub(o, s->c);
    double b = dot(oc, d), c = dot(oc, oc) - s->r * s->r, disc = b * b - c;
    if (disc < 0) return -1;
    double q = __builtin_sqrt(disc), t = -b - q;
    if (t < tmin) t = -b + q;
    return t < tmin ? -1 : t;
}

static inline double hit_plane(const plane *p, vec o, vec d, double tmin) {
    double den = dot(p->n, d);
    if (den > -1e-12 && den < 1e-12) return -1;
    double t = (p->d - dot(p->n, o)) / den;
    return t < tmin ? -1 : t;
}

/* Nearest hit within (tmin, tmax); clusters are skipped when the ray misses
 * their bounding sphere (or it lies beyond the best hit so far). */
static hit intersect_all(vec o, vec d, double tmin, double tmax, int bounded) {
    hit h = {tmax, -1};
    for (int i = 0; i < NPLANE; i++) {
        double t = hit_plane(&planes[i], o, d, tmin);
        if (t >= 0 && t < h.t) { h.t = t; h.obj = NSPHERE + i; }
    }
    for (int i = 0; i < NBIG; i++) {
        double t = hit_sphere(&spheres[i], o, d, tmin);
        if (t >= 0 && t < h.t) { h.t = t; h.obj = i; }
    }
    for (int k = 0; k < NCLUSTER; k++) {
        const cluster *cl = &clusters[k];
        if (bounded) {
            vec oc = sub(o, cl->c);
            double b = dot(oc, d), c = dot(oc, oc) - cl->r * cl->r, disc = b * b - c;
            if (disc < 0) continue;
            double q = __builtin_sqrt(disc);
            if (-b + q < tmin || -b - q > h.t) continue;
        }
        for (int i = cl->first; i < cl->first + cl->count; i++) {
            double t = hit_sphere(&spheres[i], o, d, tmin);
            if (t >= 0 && t < h.t) { h.t = t; h.obj = i; }
        }
    }
    return h;
}

static void check_ray(vec o, vec d, double tmin, double tmax, hit h) {
    hit ref = intersect_all(o, d, tmin, tmax, 0);
    if (ref.obj != h.obj || dbits(ref.t) != dbits(h.t)) {
        fprintf(stderr, "raytrace: bounded and brute-force intersection disagree (%d %.17g vs %d %.17g)\n",
                h.obj, h.t, ref.obj, ref.t);
        exit(1);
    }
    if (h.obj < 0) return;
    vec p = add(o, scale(d, h.t));
    double err = h.obj < NSPHERE ? len(sub(p, spheres[h.obj].c)) - spheres[h.obj].r
                                 : dot(planes[h.obj - NSPHERE].n, p) - planes[h.obj - NSPHERE].d;
    if (err > 1e-9 * (1.0 + h.t) || err < -1e-9 * (1.0 + h.t)) {
        fprintf(stderr, "raytrace: hit point off its surface by %g\n", err);
        exit(1);
    }
}

static hit intersect(vec o, vec d, double tmin, double tmax) {
    hit h = intersect_all(o, d, tmin, tmax, 1);
    if (sample_every && ++ray_count % sample_every == 0) check_ray(o, d, tmin, tmax, h);
    return h;
}

static vec trace(vec o, vec d, int depth) {
    hit h = intersect(o, d, EPS, FAR);
    if (h.obj < 0) { /* sky: a vertical gradient */
        double a = 0.5 * (d.y + 1.0);
        return add(scale(v3(1.0, 1.0, 1.0), 1.0 - a), scale(v3(0.45, 0.65, 1.0), a));
    }
    vec p = add(o, scale(d, h.t)), n;
    const material *m;
    if (h.obj < NSPHERE) {
        n = scale(sub(p, spheres[h.obj].c), 1.0 / spheres[h.obj].r);
        m = &mats[spheres[h.obj].mat];
    } else {
        n = planes[h.obj - NSPHERE].n;
        m = &mats[planes[h.obj - NSPHERE].mat];
    }
    if (dot(n, d) > 0) n = scale(n, -1.0);
    vec base = m->color;
    if (m->checker && p.x > -1e4 && p.x < 1e4 && p.z > -1e4 && p.z < 1e4) {
        long cx = (long)(p.x + 1e4), cz = (long)(p.z + 1e4);
        if ((cx + cz) & 1) base = scale(base, 0.35);
    }
    vec col = scale(base, 0.08); /* ambient */
    vec hp = add(p, scale(n, 1e-6));
    for (int i = 0; i < 2; i++) {
        vec l = sub(lights[i].pos, p);
        double dist = len(l);
        l = scale(l, 1.0 / dist);
        double ndl = dot(n, l);
        if (ndl <= 0) continue;
        if (intersect(hp, l, EPS, dist).obj >= 0) continue; /* in shadow */
        col = add(col, scale(mul(base, lights[i].color), m->diffuse * ndl));
        double s = dot(n, norm(sub(l, d)));
        if (s > 0 && m->specular > 0) {
            for (int k = 0; k < m->shine_log2; k++) s *= s;
            col = add(col, scale(lights[i].color, m->specular * s));
        }
    }
    if (depth < MAX_DEPTH && m->reflect > 0) {
        vec r = sub(d, scale(n, 2.0 * dot(d, n)));
        col = add(scale(col, 1.0 - m->reflect), scale(trace(hp, norm(r), depth + 1), m->reflect));
    }
    return col;
}

static void build_scene(void) {
    rng_t r = {0x5eed};
    mats[0] = (material){v3(0.9, 0.9, 0.85), 0.8, 0.0, 0.15, 0, 1};  /* floor */
    mats[1] = (material){v3(0.7, 0.75, 0.8), 0.9, 0.0, 0.0, 0, 0};   /* wall */
    mats[2] = (material){v3(0.95, 0.95, 0.95), 0.1, 0.9, 0.8, 7, 0}; /* mirror */
    mats[3] = (material){v3(0.9, 0.2, 0.15), 0.8, 0.5, 0.1, 5, 0};
    mats[4] = (material){v3(0.2, 0.4, 0.9), 0.7, 0.6, 0.3, 6, 0};
    mats[5] = (material){v3(0.2, 0.8, 0.3), 0.9, 0.2, 0.0, 3, 0};
    mats[6] = (material){v3(0.9, 0.8, 0.2), 0.6, 0.8, 0.5, 6, 0};
    mats[7] = (material){v3(0.6, 0.3, 0.8), 0.8, 0.4, 0.2, 4, 0};
    planes[0] = (plane){v3(0, 1, 0), 0.0, 0};
    planes[1] = (plane){v3(0, 0, 1), -12.0, 1};
    spheres[0] = (sphere){v3(0.0, 1.5, -2.0), 1.5, 2};
    spheres[1] = (sphere){v3(-2.8, 1.0, -0.5), 1.0, 3};
    spheres[2] = (sphere){v3(2.6, 1.1, -0.8), 1.1, 4};
    static const double cx[NCLUSTER] = {-4.5, -1.5, 1.8, 4.8}, cz[NCLUSTER] = {-5.0, 1.6, 1.8, -4.0};
    for (int k = 0; k < NCLUSTER; k++) {
        cluster *cl = &clusters[k];
        cl->first = NBIG + k * PER_CLUSTER;
        cl->count = PER_CLUSTER;
        cl->c = v3(cx[k], 0.9, cz[k]);
        cl->r = 0;
        for (int i = 0; i < PER_CLUSTER; i++) {
            sphere *s = &spheres[cl->first + i];
            double u[4]; /* drawn in order: call arguments would be evaluated in any order */
            for (int j = 0; j < 4; j++) u[j] = rng_unit(&r);
            s->r = 0.15 + 0.25 * u[0];
            s->c = v3(cx[k] + 1.6 * (u[1] - 0.5), s->r + 0.9 * u[2], cz[k] + 1.6 * (u[3] - 0.5));
            s->mat = 3 + (int)(rng_next(&r) % 5);
            double reach = len(sub(s->c, cl->c)) + s->r;
            if (reach > cl->r) cl->r = reach;
        }
        cl->r *= 1.0 + 1e-9; /* conservative against rounding */
    }
    lights[0] = (light){v3(-6.0, 9.0, 6.0), v3(0.85, 0.8, 0.75)};
    lights[1] = (light){v3(5.0, 6.0, 3.0), v3(0.35, 0.4, 0.5)};
}

static void fail(const char *what) {
    fprintf(stderr, "raytrace: %s\n", what);
    exit(1);
}

/* Rays whose answers geometry gives directly. */
static void check_geometry(vec eye) {
    for (int i = 0; i < NSPHERE; i++) {
        vec to = sub(spheres[i].c, eye);
        double dist = len(to);
        hit h = intersect_all(eye, norm(to), EPS, FAR, 1);
        if (h.obj < 0 || h.t > dist - spheres[i].r + 1e-9) fail("a ray at a sphere centre went past it");
        if (h.obj == i && (h.t - (dist - spheres[i].r) > 1e-9 || h.t - (dist - spheres[i].r) < -1e-9))
            fail("wrong distance to a sphere");
    }
    hit down = intersect_all(v3(7.5, 4.0, 5.5), v3(0, -1, 0), EPS, FAR, 1);
    if (down.obj != NSPHERE || down.t != 4.0) fail("a ray straight down missed the floor");
    hit up = intersect_all(v3(0.0, 1.5, -2.0), v3(0, 1, 0), EPS, FAR, 1);
    if (up.obj != 0 || up.t != 1.5) fail("a ray from the mirror ball's centre missed its shell");
    if (intersect_all(v3(0.0, 20.0, 0.0), norm(v3(0.1, 1.0, 0.2)), EPS, FAR, 1).obj != -1)
        fail("a ray into the sky hit something");
}

int main(int argc, char **argv) {
    long w = bench_size(argc, argv, 64, 960), hgt = w * 3 / 4;
    build_scene();
    vec eye = v3(0.0, 2.6, 8.0), target = v3(0.0, 1.0, -2.0);
    vec fwd = norm(sub(target, eye)), right = norm(cross(fwd, v3(0, 1, 0))), up = cross(right, fwd);
    check_geometry(eye);
    double tan_half = 0.5773502691896258, aspect = (double)w / (double)(hgt ? hgt : 1);
    uint8_t *img = malloc((size_t)(w * hgt * 3) + 1);
    if (!img) return 1;
    sample_every = 61;
    uint64_t sum = mix(0, (uint64_t)w);
    for (long j = 0; j < hgt; j++) {
        uint64_t row = 0xcbf29ce484222325ULL;
        for (long i = 0; i < w; i++) {
            double u = (2.0 * ((double)i + 0.5) / (double)w - 1.0) * aspect * tan_half;
            double v = (1.0 - 2.0 * ((double)j + 0.5) / (double)hgt) * tan_half;
            vec d = norm(add(fwd, add(scale(right, u), scale(up, v))));
            vec c = trace(eye, d, 0);
            double ch[3] = {c.x, c.y, c.z};
            for (int k = 0; k < 3; k++) {
                double x = ch[k] < 0 ? 0 : ch[k] > 1 ? 1 : ch[k];
                uint8_t b = (uint8_t)(__builtin_sqrt(x) * 255.0 + 0.5);
                img[(j * w + i) * 3 + k] = b;
                row = (row ^ b) * 0x100000001b3ULL;
            }
        }
        sum = mix(sum, row);
    }
    uint64_t hist[4] = {0};
    for (long i = 0; i < w * hgt * 3; i++) hist[img[i] >> 6]++;
    if (w >= 32 && (hist[0] == 0 || hist[3] == 0)) fail("implausibly flat image");
    for (int k = 0; k < 4; k++) sum = mix(sum, hist[k]);
    print_checksum(mix(sum, ray_count));
    free(img);
    return 0;
}
