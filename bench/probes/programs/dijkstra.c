/* dijkstra: single-source shortest paths on a random sparse directed graph
 * (2^17 vertices, ~6 out-edges each, mostly to nearby vertices, some
 * long-range; weights 1..1000) stored in CSR form, with an indexed binary
 * heap (decrease-key). Run from SIZE different sources; every result is
 * checked (no edge can relax a final distance). small = 1, bench = 16. */
#include "common.h"

#define V (1u << 17)
#define INF UINT32_MAX

typedef struct {
    uint32_t *off;  /* V + 1 */
    uint32_t *dst;  /* E */
    uint32_t *w;    /* E */
    uint32_t e;
} graph_t;

typedef struct {
    uint32_t *heap; /* vertices, ordered by dist */
    uint32_t *pos;  /* index of a vertex in heap, or INF */
    uint32_t n;
} heap_t;

static void build_graph(graph_t *g, rng_t *r) {
    uint32_t cap = V * 8;
    uint32_t *src = malloc(cap * 4), *dst = malloc(cap * 4), *w = malloc(cap * 4);
    uint32_t e = 0;
    for (uint32_t u = 0; u < V; u++) {
        /* a ring keeps everything reachable */
        src[e] = u; dst[e] = (u + 1) & (V - 1); w[e] = 500 + (uint32_t)(rng_next(r) % 500); e++;
        uint32_t deg = 2 + (uint32_t)(rng_next(r) % 7);
        for (uint32_t k = 0; k < deg; k++) {
            uint64_t x = rng_next(r);
            uint32_t v = (x & 7) == 0 ? (uint32_t)(x >> 8) & (V - 1)            /* long range */
                                      : (u + (uint32_t)((x >> 8) % 512) - 256) & (V - 1);
            if (v == u) continue;
            src[e] = u; dst[e] = v; w[e] = 1 + (uint32_t)((x >> 32) % 1000); e++;
        }
    }
    /* counting sort by source into CSR */
    g->off = calloc(V + 1, 4);
    g->dst = malloc(e * 4);
    g->w = malloc(e * 4);
    g->e = e;
    for (uint32_t i = 0; i < e; i++) g->off[src[i] + 1]++;
    for (uint32_t u = 0; u < V; u++) g->off[u + 1] += g->off[u];
    uint32_t *fill = malloc(V * 4);
    memcpy(fill, g->off, V * 4);
    for (uint32_t i = 0; i < e; i++) {
        uint32_t at = fill[src[i]]++;
        g->dst[at] = dst[i];
        g->w[at] = w[i];
    }
    free(fill); free(src); free(dst); free(w);
}

static void sift_up(heap_t *h, const uint32_t *dist, uint32_t i) {
    uint32_t v = h->heap[i];
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (dist[h->heap[p]] <= dist[v]) break;
        h->heap[i] = h->heap[p];
        h->pos[h->heap[i]] = i;
        i = p;
    }
    h->heap[i] = v;
    h->pos[v] = i;
}

static uint32_t pop_min(heap_t *h, const uint32_t *dist) {
    uint32_t top = h->heap[0];
    h->pos[top] = INF;
    uint32_t v = h->heap[--h->n], i = 0;
    if (h->n == 0) return top;
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && dist[h->heap[c + 1]] < dist[h->heap[c]]) c++;
        if (dist[v] <= dist[h->heap[c]]) break;
        h->heap[i] = h->heap[c];
        h->pos[h->heap[i]] = i;
        i = c;
    }
    h->heap[i] = v;
    h->pos[v] = i;
    return top;
}

static void dijkstra(const graph_t *g, uint32_t s, uint32_t *dist, heap_t *h) {
    for (uint32_t v = 0; v < V; v++) { dist[v] = INF; h->pos[v] = INF; }
    h->n = 0;
    dist[s] = 0;
    h->heap[h->n++] = s;
    h->pos[s] = 0;
    while (h->n) {
        uint32_t u = pop_min(h, dist), du = dist[u];
        for (uint32_t k = g->off[u]; k < g->off[u + 1]; k++) {
            uint32_t v = g->dst[k], nd = du + g->w[k];
            if (nd < dist[v]) {
                if (dist[v] == INF) { h->heap[h->n] = v; h->pos[v] = h->n++; }
                dist[v] = nd;
                sift_up(h, dist, h->pos[v]);
            }
        }
    }
}

int main(int argc, char **argv) {
    long sources = bench_size(argc, argv, 1, 16);
    rng_t r = {42};
    graph_t g;
    build_graph(&g, &r);
    uint32_t *dist = malloc(V * 4);
    heap_t h = {malloc(V * 4), malloc(V * 4), 0};
    uint64_t sum = mix(0, g.e);
    for (long i = 0; i < sources; i++) {
        uint32_t s = (uint32_t)(rng_next(&r) & (V - 1));
        dijkstra(&g, s, dist, &h);
        uint64_t total = 0;
        uint32_t far = 0;
        for (uint32_t u = 0; u < V; u++) {
            if (dist[u] == INF) { fprintf(stderr, "dijkstra: vertex %u unreachable\n", u); return 1; }
            for (uint32_t k = g.off[u]; k < g.off[u + 1]; k++)
                if (dist[u] + g.w[k] < dist[g.dst[k]]) {
                    fprintf(stderr, "dijkstra: edge %u->%u still relaxes\n", u, g.dst[k]);
                    return 1;
                }
            total += dist[u];
            if (dist[u] > far) far = dist[u];
        }
        sum = mix(mix(mix(sum, s), total), far);
        sum = mix(sum, dist[(s * 2654435761u) & (V - 1)]);
    }
    free(dist); free(h.heap); free(h.pos); free(g.off); free(g.dst); free(g.w);
    print_checksum(sum);
    return 0;
}
