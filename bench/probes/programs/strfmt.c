/* strfmt: libc string work. Each round formats 3 000 values with snprintf
 * (%d, %llx, %o, widths and precisions, "%s_%04d=%u" records, %.6g and
 * sometimes %.17g of doubles) or builds paths with strcat, parses them back
 * with strtol / strtoul / strtoull / strtod (which must give the value back
 * exactly; %.6g must reformat to itself), sorts the strings with qsort
 * and a strcmp comparator, checks the order, finds some of them again with
 * bsearch, and hashes them along with strlen / strchr / memchr results.
 * SIZE = rounds; small = 2, bench = 75. */
#include "common.h"

#define COUNT 3000
#define SLOT 48

static const char *const names[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
                                    "theta", "iota", "kappa", "lambda", "mu"};

#define NNAMES (sizeof names / sizeof names[0])

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A double with a random mantissa and a decimal exponent in [-30, 30]. */
static double random_double(rng_t *r) {
    uint64_t x = rng_next(r);
    double d = rng_unit(r) * 10.0;
    int e = (int)(x % 61) - 30;
    for (; e > 0; e--) d *= 10.0;
    for (; e < 0; e++) d /= 10.0;
    return (x >> 8) & 1 ? -d : d;
}

static int fail(const char *what, const char *s) {
    fprintf(stderr, "strfmt: %s: \"%s\"\n", what, s);
    exit(1);
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 2, 75);
    char *pool = malloc((size_t)COUNT * SLOT), tmp[SLOT];
    char **strs = malloc(COUNT * sizeof *strs);
    rng_t r = {31337};
    uint64_t sum = 0;
    for (long round = 0; round < rounds; round++) {
        for (int i = 0; i < COUNT; i++) {
            char *s = pool + (size_t)i * SLOT, *end;
            uint64_t x = rng_next(&r);
            strs[i] = s;
            switch (x % 8) {
            case 0:
            case 1: {
                int v = (int)(int32_t)(x >> 32) >> (x >> 8) % 31;
                snprintf(s, SLOT, "%d", v);
                if (strtol(s, &end, 10) != v || *end) fail("strtol", s);
                break;
            }
            case 2: {
                unsigned long long v = rng_next(&r) >> (x >> 8) % 60;
                snprintf(s, SLOT, "%llx", v);
                if (strtoull(s, &end, 16) != v || *end) fail("strtoull", s);
                break;
            }
            case 3: {
                double d = random_double(&r);
                snprintf(s, SLOT, "%.6g", d);
                double back = strtod(s, &end);
                if (*end) fail("strtod %.6g", s);
                snprintf(tmp, sizeof tmp, "%.6g", back);
                if (strcmp(tmp, s) != 0) fail("%.6g reformat", s);
                if ((x >> 40) % 16 == 0) { /* 17 digits name the double exactly */
                    snprintf(tmp, sizeof tmp, "%.17g", d);
                    if (dbits(strtod(tmp, &end)) != dbits(d) || *end) fail("strtod %.17g", tmp);
                }
                break;
            }
            case 4: {
                const char *name = names[(x >> 8) % NNAMES];
                int id = (int)((x >> 16) % 10000);
                unsigned val = (unsigned)(x >> 32) % 100000;
                int n = snprintf(s, SLOT, "%s_%04d=%u", name, id, val);
                const char *eq = strchr(s, '=');
                if (!eq || strtol(eq - 4, &end, 10) != id || end != eq || (int)strlen(s) != n ||
                    strtoul(eq + 1, NULL, 10) != val)
                    fail("record", s);
                break;
            }
            case 5: {
                int v = (int)((x >> 16) % 2000001) - 1000000;
                const char *name = names[(x >> 8) % NNAMES];
                snprintf(s, SLOT, "%+08d|%-6.3s|%5.2s|", v, name, name);
                if (strtol(s, &end, 10) != v || *end != '|' || strlen(s) != 22) fail("widths", s);
                break;
            }
            case 6: {
                unsigned v = (unsigned)(x >> 24);
                snprintf(s, SLOT, "0%o", v);
                if (strtoul(s, &end, 0) != v || *end) fail("octal", s);
                break;
            }
            default: { /* a path of names */
                int parts = 1 + (int)((x >> 8) % 4);
                s[0] = 0;
                for (int p = 0; p < parts; p++) {
                    strcat(s, "/");
                    strcat(s, names[(x >> (12 + 4 * p)) % NNAMES]);
                }
                const char *last = strrchr(s, '/');
                if (!last || strcmp(last + 1, names[(x >> (12 + 4 * (parts - 1))) % NNAMES]) != 0 ||
                    strspn(s, "/abcdefghijklmnopqrstuvwxyz") != strlen(s))
                    fail("path", s);
                break;
            }
            }
        }
        qsort(strs, COUNT, sizeof *strs, cmp_str);
        uint64_t h = 0xcbf29ce484222325ULL;
        for (int i = 0; i < COUNT; i++) {
            const char *s = strs[i];
            if (i && strcmp(strs[i - 1], s) > 0) fail("order", s);
            size_t len = strlen(s);
            const char *dot = strchr(s, '.'), *e = memchr(s, 'e', len);
            h = mix(h, len | (uint64_t)(dot ? dot - s + 1 : 0) << 8 | (uint64_t)(e ? (const char *)e - s + 1 : 0) << 16);
            for (size_t k = 0; k < len; k++) h = (h ^ (uint8_t)s[k]) * 0x100000001b3ULL;
        }
        for (int q = 0; q < 200; q++) { /* find existing strings again */
            const char *want = pool + (size_t)(rng_next(&r) % COUNT) * SLOT;
            char **hit = bsearch(&want, strs, COUNT, sizeof *strs, cmp_str);
            if (!hit || strcmp(*hit, want) != 0) fail("bsearch", want);
        }
        sum = mix(sum, h);
    }
    free(pool);
    free(strs);
    print_checksum(sum);
    return 0;
}
