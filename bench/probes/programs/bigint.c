/* bigint: multi-precision arithmetic on uint32 limbs with uint64
 * intermediates. (1) pi to D decimal digits by Machin's formula,
 * 16 atan(1/5) - 4 atan(1/239), in fixed point (long division by small
 * numbers, add/subtract with carries), converted to decimal by repeated
 * multiplication by 10^9; the first digits are checked. (2) n! for
 * n = D / 3, once by multiplying by each small factor and once by a
 * product tree with schoolbook big x big multiplication; the two must
 * agree. Then n! is converted to decimal by repeated division by 10^9.
 * SIZE = D; small = 300, bench = 28 000. */
#include "common.h"

/* ---- fixed point: x[0] is the integer part, x[1..len-1] the fraction ---- */

/* x /= d; d < 2^32. */
static void fx_div(uint32_t *x, size_t len, uint32_t d) {
    uint64_t rem = 0;
    for (size_t i = 0; i < len; i++) {
        uint64_t cur = rem << 32 | x[i];
        x[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
}

static void fx_add(uint32_t *x, const uint32_t *y, size_t len) {
    uint64_t carry = 0;
    for (size_t i = len; i-- > 0;) {
        uint64_t s = (uint64_t)x[i] + y[i] + carry;
        x[i] = (uint32_t)s;
        carry = s >> 32;
    }
}

static void fx_sub(uint32_t *x, const uint32_t *y, size_t len) {
    uint64_t borrow = 0;
    for (size_t i = len; i-- > 0;) {
        uint64_t d = (uint64_t)x[i] - y[i] - borrow;
        x[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
}

/* acc += mul * atan(1/x), x small. */
static void fx_atan_inv(uint32_t *acc, uint32_t mul, uint32_t x, size_t len) {
    uint32_t *term = calloc(len, 4), *t = malloc(len * 4);
    term[0] = mul;
    fx_div(term, len, x); /* mul / x */
    uint32_t x2 = x * x;
    size_t lead = 0; /* limbs of term known to be zero */
    for (uint32_t k = 0;; k++) {
        while (lead < len && term[lead] == 0) lead++;
        if (lead == len) break;
        memcpy(t, term, len * 4);
        fx_div(t + lead, len - lead, 2 * k + 1);
        if (k & 1) fx_sub(acc, t, len);
        else fx_add(acc, t, len);
        fx_div(term + lead, len - lead, x2);
    }
    free(term);
    free(t);
}

/* ---- naturals: little-endian limbs ---- */

typedef struct { uint32_t *d; size_t n; } nat_t;

static nat_t nat_mul(nat_t a, nat_t b) {
    nat_t r = {calloc(a.n + b.n, 4), a.n + b.n};
    for (size_t i = 0; i < a.n; i++) {
        uint64_t carry = 0, ai = a.d[i];
        for (size_t j = 0; j < b.n; j++) {
            uint64_t t = ai * b.d[j] + r.d[i + j] + carry;
            r.d[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r.d[i + b.n] = (uint32_t)carry;
    }
    while (r.n > 1 && r.d[r.n - 1] == 0) r.n--;
    return r;
}

/* r *= f, in place; r has room for one more limb. */
static void nat_mul_small(nat_t *r, uint32_t f) {
    uint64_t carry = 0;
    for (size_t i = 0; i < r->n; i++) {
        uint64_t t = (uint64_t)r->d[i] * f + carry;
        r->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) r->d[r->n++] = (uint32_t)carry;
}

/* The product lo * (lo+1) * ... * hi. */
static nat_t prod_range(uint32_t lo, uint32_t hi) {
    if (hi - lo < 8) {
        nat_t r = {malloc(4 * 8), 1};
        r.d[0] = 1;
        for (uint32_t f = lo; f <= hi; f++) {
            nat_mul_small(&r, f);
        }
        return r;
    }
    uint32_t mid = lo + (hi - lo) / 2;
    nat_t a = prod_range(lo, mid), b = prod_range(mid + 1, hi);
    nat_t r = nat_mul(a, b);
    free(a.d);
    free(b.d);
    return r;
}

int main(int argc, char **argv) {
    long D = bench_size(argc, argv, 300, 28000);
    if (D < 40) D = 40;
    uint64_t sum = 0;

    /* pi */
    size_t len = (size_t)(D / 9.63) + 4;
    uint32_t *pi = calloc(len, 4);
    fx_atan_inv(pi, 16, 5, len);
    uint32_t *neg = calloc(len, 4);
    fx_atan_inv(neg, 4, 239, len);
    fx_sub(pi, neg, len);
    if (pi[0] != 3) { fprintf(stderr, "bigint: pi integer part %u\n", pi[0]); return 1; }
    char *digits = malloc((size_t)D + 16);
    size_t nd = 0;
    pi[0] = 0;
    while (nd < (size_t)D) { /* multiply the fraction by 10^9, take the integer part */
        uint64_t carry = 0;
        for (size_t i = len; i-- > 1;) {
            uint64_t t = (uint64_t)pi[i] * 1000000000u + carry;
            pi[i] = (uint32_t)t;
            carry = t >> 32;
        }
        nd += (size_t)snprintf(digits + nd, 16, "%09u", (unsigned)carry);
        sum = mix(sum, carry);
    }
    if (memcmp(digits, "14159265358979323846264338327950288419716939937510", 40) != 0) {
        fprintf(stderr, "bigint: wrong digits of pi: %.40s\n", digits);
        return 1;
    }

    /* n! two ways */
    uint32_t n = (uint32_t)(D / 3);
    nat_t seq = {calloc(n + 16, 4), 1}; /* a factor below 2^32 adds at most one limb */
    seq.d[0] = 1;
    for (uint32_t f = 2; f <= n; f++) {
        nat_mul_small(&seq, f);
    }
    nat_t tree = prod_range(1, n);
    if (tree.n != seq.n || memcmp(tree.d, seq.d, seq.n * 4) != 0) {
        fprintf(stderr, "bigint: %u! differs between the two products\n", n);
        return 1;
    }
    /* to decimal: divide by 10^9 until zero, most significant limb first */
    uint64_t dsum = 0, chunks = 0;
    while (seq.n > 1 || seq.d[0]) {
        uint64_t rem = 0;
        for (size_t i = seq.n; i-- > 0;) {
            uint64_t cur = rem << 32 | seq.d[i];
            seq.d[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (seq.n > 1 && seq.d[seq.n - 1] == 0) seq.n--;
        for (uint64_t r = rem; r; r /= 10) dsum += r % 10;
        sum = mix(sum, rem);
        chunks++;
    }
    sum = mix(mix(mix(sum, n), dsum), chunks);
    free(pi); free(neg); free(digits); free(seq.d); free(tree.d);
    print_checksum(sum);
    return 0;
}
