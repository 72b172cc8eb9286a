/* btree: an in-memory B-tree map from u64 keys to u64 values (minimum degree
 * 8: nodes hold 7..15 keys and up to 16 children), CLRS style: single-pass
 * top-down insertion with preemptive splits, and top-down deletion that
 * borrows from a sibling or merges before descending into a minimal child.
 * A random workload: phase 1 inserts, phase 2 mixes lookups, inserts (some
 * overwrites) and deletes, phase 3 runs in-order range scans, phase 4 deletes
 * every key in random order. Every answer is compared with a reference (a
 * presence bitmap and value array over the key domain); after each phase a
 * full walk checks the invariants (keys sorted and within their parent's
 * bounds, node fill, all leaves at one depth, same contents as the reference).
 * SIZE = keys in the domain and operations per phase; small = 4 000,
 * bench = 480 000. */
#include "common.h"

#define T 8
#define MAXK (2 * T - 1)

typedef struct node {
    int n, leaf;
    uint64_t keys[MAXK], vals[MAXK];
    struct node *child[2 * T];
} node;

typedef struct { node *root; size_t size, nodes; } btree;

static void fail(const char *what, uint64_t key) {
    fprintf(stderr, "btree: %s (key %llu)\n", what, (unsigned long long)key);
    exit(1);
}

static node *node_new(btree *t, int leaf) {
    node *x = calloc(1, sizeof *x);
    if (!x) fail("out of memory", 0);
    x->leaf = leaf;
    t->nodes++;
    return x;
}

static void node_free(btree *t, node *x) { free(x); t->nodes--; }

/* The first index i with keys[i] >= k (n if none). */
static inline int lower_bound(const node *x, uint64_t k) {
    int lo = 0, hi = x->n;
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (x->keys[mid] < k) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static int bt_lookup(const btree *t, uint64_t k, uint64_t *val) {
    for (const node *x = t->root; x;) {
        int i = lower_bound(x, k);
        if (i < x->n && x->keys[i] == k) { *val = x->vals[i]; return 1; }
        x = x->leaf ? NULL : x->child[i];
    }
    return 0;
}

/* Splits the full child i of x around its median, which moves up into x. */
static void split_child(btree *t, node *x, int i) {
    node *y = x->child[i], *z = node_new(t, y->leaf);
    z->n = T - 1;
    memcpy(z->keys, y->keys + T, (T - 1) * sizeof(uint64_t));
    memcpy(z->vals, y->vals + T, (T - 1) * sizeof(uint64_t));
    if (!y->leaf) memcpy(z->child, y->child + T, T * sizeof(node *));
    y->n = T - 1;
    memmove(x->child + i + 2, x->child + i + 1, (size_t)(x->n - i) * sizeof(node *));
    memmove(x->keys + i + 1, x->keys + i, (size_t)(x->n - i) * sizeof(uint64_t));
    memmove(x->vals + i + 1, x->vals + i, (size_t)(x->n - i) * sizeof(uint64_t));
    x->child[i + 1] = z;
    x->keys[i] = y->keys[T - 1];
    x->vals[i] = y->vals[T - 1];
    x->n++;
}

/* Inserts or overwrites; returns 1 if the key is new. */
static int bt_insert(btree *t, uint64_t k, uint64_t v) {
    if (t->root->n == MAXK) {
        node *s = node_new(t, 0);
        s->child[0] = t->root;
        t->root = s;
        split_child(t, s, 0);
    }
    node *x = t->root;
    for (;;) {
        int i = lower_bound(x, k);
        if (i < x->n && x->keys[i] == k) { x->vals[i] = v; return 0; }
        if (x->leaf) {
            memmove(x->keys + i + 1, x->keys + i, (size_t)(x->n - i) * sizeof(uint64_t));
            memmove(x->vals + i + 1, x->vals + i, (size_t)(x->n - i) * sizeof(uint64_t));
            x->keys[i] = k;
            x->vals[i] = v;
            x->n++;
            t->size++;
            return 1;
        }
        if (x->child[i]->n == MAXK) {
            split_child(t, x, i);
            if (k == x->keys[i]) { x->vals[i] = v; return 0; }
            if (k > x->keys[i]) i++;
        }
        x = x->child[i];
    }
}

static void remove_at(node *x, int i) { /* from a leaf */
    memmove(x->keys + i, x->keys + i + 1, (size_t)(x->n - i - 1) * sizeof(uint64_t));
    memmove(x->vals + i, x->vals + i + 1, (size_t)(x->n - i - 1) * sizeof(uint64_t));
    x->n--;
}

/* Merges child i+1 of x and separator i into child i (both have T-1 keys). */
static void merge(btree *t, node *x, int i) {
    node *y = x->child[i], *z = x->child[i + 1];
    y->keys[T - 1] = x->keys[i];
    y->vals[T - 1] = x->vals[i];
    memcpy(y->keys + T, z->keys, (size_t)z->n * sizeof(uint64_t));
    memcpy(y->vals + T, z->vals, (size_t)z->n * sizeof(uint64_t));
    if (!y->leaf) memcpy(y->child + T, z->child, (size_t)(z->n + 1) * sizeof(node *));
    y->n = T + z->n;
    memmove(x->keys + i, x->keys + i + 1, (size_t)(x->n - i - 1) * sizeof(uint64_t));
    memmove(x->vals + i, x->vals + i + 1, (size_t)(x->n - i - 1) * sizeof(uint64_t));
    memmove(x->child + i + 1, x->child + i + 2, (size_t)(x->n - i - 1) * sizeof(node *));
    x->n--;
    node_free(t, z);
}

/* Gives child i of x (which has T-1 keys) a T-th key, from a sibling through
 * the separator or by merging; returns the index of the child to descend. */
static int fill_child(btree *t, node *x, int i) {
    node *c = x->child[i];
    if (i > 0 && x->child[i - 1]->n >= T) { /* rotate right */
        node *l = x->child[i - 1];
        memmove(c->keys + 1, c->keys, (size_t)c->n * sizeof(uint64_t));
        memmove(c->vals + 1, c->vals, (size_t)c->n * sizeof(uint64_t));
        if (!c->leaf) memmove(c->child + 1, c->child, (size_t)(c->n + 1) * sizeof(node *));
        c->keys[0] = x->keys[i - 1];
        c->vals[0] = x->vals[i - 1];
        if (!c->leaf) c->child[0] = l->child[l->n];
        x->keys[i - 1] = l->keys[l->n - 1];
        x->vals[i - 1] = l->vals[l->n - 1];
        l->n--;
        c->n++;
        return i;
    }
    if (i < x->n && x->child[i + 1]->n >= T) { /* rotate left */
        node *r = x->child[i + 1];
        c->keys[c->n] = x->keys[i];
        c->vals[c->n] = x->vals[i];
        if (!c->leaf) c->child[c->n + 1] = r->child[0];
        c->n++;
        x->keys[i] = r->keys[0];
        x->vals[i] = r->vals[0];
        if (!r->leaf) memmove(r->child, r->child + 1, (size_t)r->n * sizeof(node *));
        remove_at(r, 0);
        return i;
    }
    if (i == x->n) i--;
    merge(t, x, i);
    return i;
}

/* Deletes k from the subtree at x, which has at least T keys unless it is
 * the root; returns 1 if it was there. */
static int delete_from(btree *t, node *x, uint64_t k) {
    for (;;) {
        int i = lower_bound(x, k);
        if (i < x->n && x->keys[i] == k) {
            if (x->leaf) { remove_at(x, i); return 1; }
            node *y = x->child[i], *z = x->child[i + 1];
            if (y->n >= T || z->n >= T) { /* replace by predecessor or successor */
                node *p = y->n >= T ? y : z;
                while (!p->leaf) p = y->n >= T ? p->child[p->n] : p->child[0];
                int j = y->n >= T ? p->n - 1 : 0;
                x->keys[i] = p->keys[j];
                x->vals[i] = p->vals[j];
                k = p->keys[j];
                x = y->n >= T ? y : z;
                continue;
            }
            merge(t, x, i); /* k moves down into the merged child */
            x = y;
            continue;
        }
        if (x->leaf) return 0;
        if (x->child[i]->n < T) i = fill_child(t, x, i);
        x = x->child[i];
    }
}

static int bt_delete(btree *t, uint64_t k) {
    int found = delete_from(t, t->root, k);
    if (t->root->n == 0 && !t->root->leaf) { /* the root emptied by a merge */
        node *old = t->root;
        t->root = old->child[0];
        node_free(t, old);
    }
    t->size -= (size_t)found;
    return found;
}

typedef struct { uint64_t count, sum, last; int started; } scan_t;

/* Visits the keys in [lo, hi] in order. */
static void bt_scan(const node *x, uint64_t lo, uint64_t hi, scan_t *s) {
    for (int i = lower_bound(x, lo); i <= x->n; i++) {
        if (!x->leaf) bt_scan(x->child[i], lo, hi, s);
        if (i == x->n || x->keys[i] > hi) return;
        if (s->started && x->keys[i] <= s->last) fail("scan out of order", x->keys[i]);
        s->started = 1;
        s->last = x->keys[i];
        s->count++;
        s->sum = s->sum * 31 + (x->keys[i] ^ x->vals[i]);
    }
}

/* The reference: key = KEY(i) for i in the domain. */
#define KEY(i) ((uint64_t)(i) * 0x9E3779B1ULL + 0x1000)
static uint8_t *ref_has;
static uint64_t *ref_val;
static size_t ref_size, ref_dom;

/* Checks the subtree's invariants; returns its key count. */
static size_t check_node(const node *x, int is_root, int depth, int *leaf_depth, uint64_t lo, uint64_t hi, int bounded) {
    if (x->n > MAXK || (!is_root && x->n < T - 1) || (is_root && !x->leaf && x->n < 1))
        fail("node fill out of range", x->n ? x->keys[0] : 0);
    size_t count = (size_t)x->n;
    for (int i = 0; i < x->n; i++) {
        uint64_t k = x->keys[i];
        if (i > 0 && k <= x->keys[i - 1]) fail("keys not sorted", k);
        if (bounded & 1 && k <= lo) fail("key below its parent's bound", k);
        if (bounded & 2 && k >= hi) fail("key above its parent's bound", k);
        uint64_t d = (k - 0x1000) / 0x9E3779B1ULL;
        if (d >= ref_dom || KEY(d) != k || !ref_has[d] || ref_val[d] != x->vals[i]) fail("key or value not in the reference", k);
    }
    if (x->leaf) {
        if (*leaf_depth < 0) *leaf_depth = depth;
        else if (*leaf_depth != depth) fail("leaves at different depths", x->n ? x->keys[0] : 0);
        return count;
    }
    for (int i = 0; i <= x->n; i++) {
        int b = (i > 0 ? 1 : bounded & 1) | (i < x->n ? 2 : bounded & 2);
        count += check_node(x->child[i], 0, depth + 1, leaf_depth, i > 0 ? x->keys[i - 1] : lo,
                            i < x->n ? x->keys[i] : hi, b);
    }
    return count;
}

static uint64_t check_tree(const btree *t) {
    int leaf_depth = -1;
    size_t count = check_node(t->root, 1, 0, &leaf_depth, 0, 0, 0);
    if (count != t->size || count != ref_size) fail("size differs from the reference", count);
    return mix(mix(count, (uint64_t)leaf_depth), t->nodes);
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 4000, 480000);
    size_t dom = n > 0 ? (size_t)n : 1;
    ref_dom = dom;
    ref_has = calloc(dom + 1, 1);
    ref_val = calloc(dom + 1, sizeof(uint64_t));
    if (!ref_has || !ref_val) return 1;
    btree t = {0};
    t.root = node_new(&t, 1);
    rng_t r = {0xb7ee};
    uint64_t sum = 0, v;

    for (long op = 0; op < n; op++) { /* phase 1: inserts */
        size_t d = (size_t)(rng_next(&r) % dom);
        uint64_t val = rng_next(&r);
        if (bt_insert(&t, KEY(d), val) != !ref_has[d]) fail("insert: wrong new/existing", KEY(d));
        ref_size += !ref_has[d];
        ref_has[d] = 1;
        ref_val[d] = val;
    }
    sum = mix(sum, check_tree(&t));

    for (long op = 0; op < n; op++) { /* phase 2: mixed */
        uint64_t x = rng_next(&r);
        size_t d = (size_t)((x >> 8) % dom);
        unsigned kind = (unsigned)(x & 255);
        if (kind < 100) {
            int found = bt_lookup(&t, KEY(d), &v);
            if (found != ref_has[d] || (found && v != ref_val[d])) fail("lookup disagrees", KEY(d));
            sum = mix(sum, found ? v : op);
        } else if (kind < 180) {
            uint64_t val = x * 0x2545F4914F6CDD1DULL;
            if (bt_insert(&t, KEY(d), val) != !ref_has[d]) fail("insert: wrong new/existing", KEY(d));
            ref_size += !ref_has[d];
            ref_has[d] = 1;
            ref_val[d] = val;
        } else {
            if (bt_delete(&t, KEY(d)) != ref_has[d]) fail("delete: wrong found/absent", KEY(d));
            ref_size -= ref_has[d];
            ref_has[d] = 0;
        }
        if (bt_lookup(&t, KEY(0x7fffffff), &v)) fail("found a key outside the domain", KEY(0x7fffffff));
    }
    sum = mix(sum, check_tree(&t));

    for (long q = 0; q < n / 8; q++) { /* phase 3: range scans */
        uint64_t x = rng_next(&r);
        size_t lo = (size_t)(x % dom), hi = lo + (size_t)((x >> 32) % 200);
        if (hi >= dom) hi = dom - 1;
        scan_t s = {0, 0, 0, 0}, e = {0, 0, 0, 0};
        bt_scan(t.root, KEY(lo), KEY(hi), &s);
        for (size_t d = lo; d <= hi; d++)
            if (ref_has[d]) { e.count++; e.sum = e.sum * 31 + (KEY(d) ^ ref_val[d]); }
        if (s.count != e.count || s.sum != e.sum) fail("range scan disagrees", KEY(lo));
        sum = mix(sum, s.sum + s.count);
    }

    size_t *perm = malloc(dom * sizeof *perm); /* phase 4: delete everything */
    if (!perm) return 1;
    for (size_t i = 0; i < dom; i++) perm[i] = i;
    for (size_t i = dom; i > 1; i--) {
        size_t j = (size_t)(rng_next(&r) % i), tmp = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = tmp;
    }
    for (size_t i = 0; i < dom; i++) {
        size_t d = perm[i];
        if (bt_delete(&t, KEY(d)) != ref_has[d]) fail("delete: wrong found/absent", KEY(d));
        ref_size -= ref_has[d];
        ref_has[d] = 0;
        if ((i + 1) % (dom / 4 + 1) == 0) sum = mix(sum, check_tree(&t));
    }
    sum = mix(sum, check_tree(&t));
    if (t.size != 0 || t.nodes != 1 || !t.root->leaf) fail("tree not empty at the end", t.size);
    node_free(&t, t.root);
    free(perm); free(ref_has); free(ref_val);
    print_checksum(sum);
    return 0;
}
