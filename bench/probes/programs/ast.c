/* ast: a tree-walking expression interpreter in which every node carries an
 * `eval` function pointer (indirect calls everywhere): constants, variables,
 * arithmetic with wrap-around, guarded division and remainder, shifts,
 * bitwise ops, min/max, comparisons and a conditional. 48 random trees
 * (depth <= 12) are constant-folded into a second tree each; both are
 * evaluated and must agree, then the original trees are evaluated with SIZE
 * different variable assignments. small = 50, bench = 4 200. */
#include "common.h"

#define NVARS 6

typedef struct node node_t;
typedef uint64_t (*eval_fn)(const node_t *, const uint64_t *);

struct node {
    eval_fn eval;
    node_t *a, *b, *c;
    uint64_t k; /* constant value or variable index */
};

#define A(n) (n)->a->eval((n)->a, v)
#define B(n) (n)->b->eval((n)->b, v)

static uint64_t ev_const(const node_t *n, const uint64_t *v) { (void)v; return n->k; }
static uint64_t ev_var(const node_t *n, const uint64_t *v) { return v[n->k]; }
static uint64_t ev_add(const node_t *n, const uint64_t *v) { return A(n) + B(n); }
static uint64_t ev_sub(const node_t *n, const uint64_t *v) { return A(n) - B(n); }
static uint64_t ev_mul(const node_t *n, const uint64_t *v) { return A(n) * B(n); }
static uint64_t ev_and(const node_t *n, const uint64_t *v) { return A(n) & B(n); }
static uint64_t ev_xor(const node_t *n, const uint64_t *v) { return A(n) ^ B(n); }
static uint64_t ev_shl(const node_t *n, const uint64_t *v) { uint64_t x = A(n); return x << (B(n) & 63); }
static uint64_t ev_shr(const node_t *n, const uint64_t *v) { uint64_t x = A(n); return x >> (B(n) & 63); }
static uint64_t ev_div(const node_t *n, const uint64_t *v) {
    int64_t x = (int64_t)A(n), y = (int64_t)B(n);
    if (y == 0) return (uint64_t)x;
    if (y == -1) return 0 - (uint64_t)x;
    return (uint64_t)(x / y);
}
static uint64_t ev_rem(const node_t *n, const uint64_t *v) {
    uint64_t x = A(n), y = B(n);
    return y ? x % y : x;
}
static uint64_t ev_min(const node_t *n, const uint64_t *v) {
    int64_t x = (int64_t)A(n), y = (int64_t)B(n);
    return (uint64_t)(x < y ? x : y);
}
static uint64_t ev_max(const node_t *n, const uint64_t *v) {
    int64_t x = (int64_t)A(n), y = (int64_t)B(n);
    return (uint64_t)(x > y ? x : y);
}
static uint64_t ev_lt(const node_t *n, const uint64_t *v) { int64_t x = (int64_t)A(n); return x < (int64_t)B(n); }
static uint64_t ev_eq(const node_t *n, const uint64_t *v) { uint64_t x = A(n); return x == B(n); }
static uint64_t ev_neg(const node_t *n, const uint64_t *v) { return 0 - A(n); }
static uint64_t ev_not(const node_t *n, const uint64_t *v) { return ~A(n); }
static uint64_t ev_if(const node_t *n, const uint64_t *v) {
    return A(n) ? B(n) : n->c->eval(n->c, v);
}

static const eval_fn binops[] = {ev_add, ev_sub, ev_mul, ev_and, ev_xor, ev_shl, ev_shr, ev_div,
                                 ev_rem, ev_min, ev_max, ev_lt, ev_eq, ev_add, ev_mul, ev_sub};
#define NBIN (sizeof binops / sizeof binops[0])

static long live_nodes;

static node_t *new_node(eval_fn f, node_t *a, node_t *b, node_t *c, uint64_t k) {
    node_t *n = malloc(sizeof *n);
    n->eval = f; n->a = a; n->b = b; n->c = c; n->k = k;
    live_nodes++;
    return n;
}

static node_t *gen(rng_t *r, int depth) {
    uint64_t x = rng_next(r);
    unsigned kind = (unsigned)(x % 100);
    if (depth >= 12 || (depth > 2 && kind < 30)) {
        if ((x >> 8) % 3 == 0) return new_node(ev_const, 0, 0, 0, (x >> 16) % 64 == 0 ? x >> 10 : (x >> 16) % 97);
        return new_node(ev_var, 0, 0, 0, (x >> 16) % NVARS);
    }
    if (kind < 38) return new_node((x >> 8) & 1 ? ev_neg : ev_not, gen(r, depth + 1), 0, 0, 0);
    if (kind < 46) {
        node_t *c = gen(r, depth + 1), *t = gen(r, depth + 1), *e = gen(r, depth + 1);
        return new_node(ev_if, c, t, e, 0);
    }
    node_t *a = gen(r, depth + 1), *b = gen(r, depth + 1);
    return new_node(binops[(x >> 8) % NBIN], a, b, 0, 0);
}

/* A copy of n with every variable-free subtree replaced by its value. */
static void free_tree(node_t *n);

static node_t *fold(const node_t *n) {
    if (n->eval == ev_const || n->eval == ev_var) return new_node(n->eval, 0, 0, 0, n->k);
    node_t *a = fold(n->a), *b = n->b ? fold(n->b) : NULL, *c = n->c ? fold(n->c) : NULL;
    int all_const = a->eval == ev_const && (!b || b->eval == ev_const) && (!c || c->eval == ev_const);
    if (n->eval == ev_if && a->eval == ev_const) { /* pick the branch now */
        node_t *keep = a->k ? b : c, *drop = a->k ? c : b;
        free(a);
        live_nodes--;
        free_tree(drop);
        return keep;
    }
    node_t *m = new_node(n->eval, a, b, c, 0);
    if (all_const) {
        uint64_t val = m->eval(m, NULL);
        free(a); if (b) free(b); if (c) free(c);
        live_nodes -= 1 + (b != NULL) + (c != NULL);
        m->eval = ev_const; m->a = m->b = m->c = NULL; m->k = val;
    }
    return m;
}

static void free_tree(node_t *n) {
    if (!n) return;
    free_tree(n->a); free_tree(n->b); free_tree(n->c);
    free(n);
    live_nodes--;
}

static long count(const node_t *n) { return n ? 1 + count(n->a) + count(n->b) + count(n->c) : 0; }

#define NTREES 48

int main(int argc, char **argv) {
    long sets = bench_size(argc, argv, 50, 4200);
    rng_t r = {99};
    node_t *trees[NTREES], *folded[NTREES];
    long nodes = 0, fnodes = 0;
    for (int t = 0; t < NTREES; t++) {
        for (;;) { /* skip trivial trees */
            trees[t] = gen(&r, 0);
            if (count(trees[t]) >= 40) break;
            free_tree(trees[t]);
        }
        folded[t] = fold(trees[t]);
        nodes += count(trees[t]);
        fnodes += count(folded[t]);
    }
    uint64_t sum = mix(mix(0, (uint64_t)nodes), (uint64_t)fnodes), v[NVARS];
    for (int s = 0; s < 64; s++) {
        for (int i = 0; i < NVARS; i++) v[i] = s & 1 ? rng_next(&r) : rng_next(&r) % 200;
        for (int t = 0; t < NTREES; t++)
            if (trees[t]->eval(trees[t], v) != folded[t]->eval(folded[t], v)) {
                fprintf(stderr, "ast: tree %d: folded tree disagrees\n", t);
                return 1;
            }
    }
    for (long s = 0; s < sets; s++) {
        for (int i = 0; i < NVARS; i++) v[i] = (uint64_t)(s * (i + 3)) ^ (uint64_t)i << 40;
        uint64_t h = 0;
        for (int t = 0; t < NTREES; t++) h = h * 0x100000001b3ULL + trees[t]->eval(trees[t], v);
        sum = mix(sum, h);
    }
    for (int t = 0; t < NTREES; t++) { free_tree(trees[t]); free_tree(folded[t]); }
    if (live_nodes != 0) { fprintf(stderr, "ast: %ld nodes leaked\n", live_nodes); return 1; }
    print_checksum(sum);
    return 0;
}
