/* json: generates a JSON document (nested objects and arrays, strings with
 * escapes and \u sequences, integers, decimals and exponents, literals),
 * then parses it with a recursive-descent parser into a malloc'd tree,
 * walks the tree (a hash of every value, a lookup of the "id" member of
 * every object) and frees it. The parser's node count, string hash and
 * number sum must equal what the generator wrote. SIZE = documents of
 * about 32 KB each; small = 2, bench = 400. */
#include "common.h"

enum { J_NULL, J_TRUE, J_FALSE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct node { /* str: value of a string; key: key of an object member */
    int type;
    double num;
    char *str, *key;
    size_t len, klen;
    struct node *child, *next;
} node_t;
typedef struct { char *buf; size_t len, cap; } sbuf_t;
typedef struct { long nodes; uint64_t strhash; double numsum; } stats_t;

static double pow10[23]; /* exact powers of ten, filled by main */

static void put(sbuf_t *b, const char *s, size_t n) {
    while (b->len + n > b->cap)
        if (!(b->buf = realloc(b->buf, b->cap = b->cap ? b->cap * 2 : 4096))) exit(1);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}
static void putc_(sbuf_t *b, char c) { put(b, &c, 1); }

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001b3ULL;
    return h;
}

static double make_num(int neg, uint64_t mant, int exp10) {
    double v = (double)mant;
    v = exp10 >= 0 ? v * pow10[exp10] : v / pow10[-exp10];
    return neg ? -v : v;
}

/* Writes a random string (or key) in JSON; hashes its decoded bytes. */
static void gen_string(sbuf_t *b, rng_t *r, stats_t *st, int is_key) {
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 _-.";
    static const char esc_from[] = "\"\\\n\t/", esc_to[] = "\"\\nt/";
    char raw[64], e[8];
    size_t n = 0, len = is_key ? 2 + rng_next(r) % 8 : rng_next(r) % 24;
    if (is_key && rng_next(r) % 4 == 0) len = 0, n = 2, memcpy(raw, "id", 2), put(b, "\"id", 3);
    else putc_(b, '"');
    for (size_t i = 0; i < len; i++) {
        uint64_t x = rng_next(r);
        unsigned k = (unsigned)(x % 100), j = (unsigned)((x >> 8) % 5);
        if (k < 85) { raw[n++] = plain[(x >> 8) % (sizeof plain - 1)]; putc_(b, raw[n - 1]); }
        else if (k < 95) { raw[n++] = esc_from[j]; e[0] = '\\'; e[1] = esc_to[j]; put(b, e, 2); }
        else { /* a two-byte UTF-8 character, written as \u00XX */
            unsigned cp = 0xc0 + (unsigned)((x >> 8) % 64);
            raw[n++] = (char)(0xc0 | cp >> 6);
            raw[n++] = (char)(0x80 | (cp & 63));
            put(b, e, (size_t)snprintf(e, sizeof e, "\\u%04x", cp));
        }
    }
    putc_(b, '"');
    st->strhash = hash_bytes(st->strhash, raw, n);
}

static void gen_value(sbuf_t *b, rng_t *r, stats_t *st, int depth) {
    uint64_t x = rng_next(r);
    unsigned k = (unsigned)(x % 100);
    st->nodes++;
    if (depth < 7 && k < (depth < 2 ? 80u : 25u)) {
        int obj = (x >> 8) & 1, n = (int)((x >> 9) % (obj ? 7 : 9));
        putc_(b, obj ? '{' : '[');
        for (int i = 0; i < n; i++) {
            if (i) put(b, (x >> (16 + i)) & 1 ? ", " : ",\n  ", (x >> (16 + i)) & 1 ? 2 : 4);
            if (obj) { gen_string(b, r, st, 1); put(b, ": ", 2); }
            gen_value(b, r, st, depth + 1);
        }
        putc_(b, obj ? '}' : ']');
    } else if (k < 55) {
        gen_string(b, r, st, 0);
    } else if (k < 94) { /* [-]digits[.digits][e[-]d] */
        char t[48];
        int neg = (x >> 8) & 1, frac = (int)((x >> 9) % 5), ex = (x >> 15) & 1 ? (int)((x >> 12) % 7) - 3 : 0;
        uint64_t mant = (x >> 16) % (frac ? 100000000u : 100000u), p = (uint64_t)pow10[frac];
        int n = snprintf(t, sizeof t, "%s%llu", neg ? "-" : "", (unsigned long long)(mant / p));
        if (frac) n += snprintf(t + n, sizeof t - (size_t)n, ".%0*llu", frac, (unsigned long long)(mant % p));
        if (ex) n += snprintf(t + n, sizeof t - (size_t)n, "e%d", ex);
        put(b, t, (size_t)n);
        st->numsum += make_num(neg, mant, ex - frac);
    } else {
        static const char *const lit[] = {"null", "true", "false"};
        put(b, lit[(x >> 8) % 3], strlen(lit[(x >> 8) % 3]));
    }
}

/* The parser reads a NUL-terminated text. */
typedef struct { const char *p; int err; sbuf_t tmp; } parser_t;

static void skip_ws(parser_t *ps) {
    for (;;) switch (*ps->p) {
        case ' ': case '\n': case '\t': case '\r': ps->p++; break;
        default: return;
        }
}

static int hexval(char c) {
    switch (c) {
    case '0' ... '9': return c - '0';
    case 'a' ... 'f': return c - 'a' + 10;
    case 'A' ... 'F': return c - 'A' + 10;
    default: return -1;
    }
}

/* Parses a string at ps->p (on the quote) into a fresh malloc'd buffer. */
static char *parse_string(parser_t *ps, size_t *len) {
    sbuf_t *t = &ps->tmp;
    t->len = 0;
    for (ps->p++; *ps->p != '"'; ) {
        char c = *ps->p++;
        if (c == '\0') { ps->p--; ps->err = 1; return NULL; }
        if (c != '\\') { putc_(t, c); continue; }
        switch (c = *ps->p++) {
        case '"': case '\\': case '/': putc_(t, c); break;
        case 'n': putc_(t, '\n'); break;
        case 't': putc_(t, '\t'); break;
        case 'r': putc_(t, '\r'); break;
        case 'b': putc_(t, '\b'); break;
        case 'f': putc_(t, '\f'); break;
        case 'u': {
            unsigned cp = 0;
            for (int i = 0, h; i < 4; i++, ps->p++) {
                if ((h = hexval(*ps->p)) < 0) { ps->err = 1; return NULL; }
                cp = cp << 4 | (unsigned)h;
            }
            if (cp < 0x80) putc_(t, (char)cp);
            else if (cp < 0x800) { putc_(t, (char)(0xc0 | cp >> 6)); putc_(t, (char)(0x80 | (cp & 63))); }
            else { putc_(t, (char)(0xe0 | cp >> 12)); putc_(t, (char)(0x80 | (cp >> 6 & 63))); putc_(t, (char)(0x80 | (cp & 63))); }
            break;
        }
        default: ps->p--; ps->err = 1; return NULL;
        }
    }
    ps->p++;
    *len = t->len;
    putc_(t, '\0');
    return memcpy(malloc(t->len), t->buf, t->len);
}

static node_t *parse_value(parser_t *ps);

static node_t *parse_container(parser_t *ps, node_t *n, char close) {
    node_t **tail = &n->child;
    ps->p++;
    skip_ws(ps);
    if (*ps->p == close) { ps->p++; return n; }
    for (;;) {
        char *key = NULL;
        size_t klen = 0;
        if (n->type == J_OBJ) {
            skip_ws(ps);
            if (*ps->p != '"' || !(key = parse_string(ps, &klen))) break;
            skip_ws(ps);
            if (*ps->p++ != ':') { free(key); break; }
        }
        node_t *c = *tail = parse_value(ps);
        c->key = key, c->klen = klen;
        tail = &c->next;
        skip_ws(ps);
        char d = *ps->p++;
        if (d == close) return n;
        if (d != ',') break;
    }
    ps->err = 1;
    return n;
}

static int literal(parser_t *ps, const char *word, size_t n, int type) {
    if (strncmp(ps->p, word, n) != 0) ps->err = 1;
    ps->p += n;
    return type;
}

static node_t *parse_value(parser_t *ps) {
    skip_ws(ps);
    node_t *n = calloc(1, sizeof *n);
    switch (*ps->p) {
    case '{': n->type = J_OBJ; return parse_container(ps, n, '}');
    case '[': n->type = J_ARR; return parse_container(ps, n, ']');
    case '"': n->type = J_STR; n->str = parse_string(ps, &n->len); break;
    case 't': n->type = literal(ps, "true", 4, J_TRUE); break;
    case 'f': n->type = literal(ps, "false", 5, J_FALSE); break;
    case 'n': n->type = literal(ps, "null", 4, J_NULL); break;
    case '-': case '0' ... '9': {
        int neg = *ps->p == '-', scale = 0, ex = 0, eneg = 0;
        uint64_t mant = 0;
        ps->p += neg;
        while (*ps->p >= '0' && *ps->p <= '9') mant = mant * 10 + (uint64_t)(*ps->p++ - '0');
        if (*ps->p == '.')
            for (ps->p++; *ps->p >= '0' && *ps->p <= '9'; scale++) mant = mant * 10 + (uint64_t)(*ps->p++ - '0');
        if (*ps->p == 'e' || *ps->p == 'E') {
            ps->p++;
            if (*ps->p == '-' || *ps->p == '+') eneg = *ps->p++ == '-';
            while (*ps->p >= '0' && *ps->p <= '9') ex = ex * 10 + (*ps->p++ - '0');
        }
        int e10 = (eneg ? -ex : ex) - scale;
        if (e10 < -22 || e10 > 22) ps->err = 1;
        else { n->type = J_NUM; n->num = make_num(neg, mant, e10); }
        break;
    }
    default: ps->err = 1;
    }
    return n;
}

/* Hashes every value, and the "id" member of each object. */
static uint64_t walk(const node_t *n, stats_t *st, uint64_t h) {
    st->nodes++;
    if (n->key) st->strhash = hash_bytes(st->strhash, n->key, n->klen);
    h = mix(h, (uint64_t)n->type);
    switch (n->type) {
    case J_NUM: st->numsum += n->num; h = mix(h, dbits(n->num)); break;
    case J_STR: st->strhash = hash_bytes(st->strhash, n->str, n->len); h = mix(h, n->len); break;
    case J_OBJ:
        for (const node_t *c = n->child; c; c = c->next)
            if (c->klen == 2 && memcmp(c->key, "id", 2) == 0) { h = mix(h, c->type == J_NUM ? dbits(c->num) : c->len + 1); break; }
        /* fall through */
    case J_ARR:
        for (const node_t *c = n->child; c; c = c->next) h = walk(c, st, h);
        break;
    }
    return h;
}

static void free_tree(node_t *n) {
    for (node_t *next; n; n = next) {
        next = n->next;
        free_tree(n->child);
        free(n->str), free(n->key), free(n);
    }
}

int main(int argc, char **argv) {
    long docs = bench_size(argc, argv, 2, 400);
    sbuf_t doc = {0};
    parser_t ps = {0};
    uint64_t sum = 0;
    pow10[0] = 1.0;
    for (int i = 1; i < 23; i++) pow10[i] = pow10[i - 1] * 10.0;
    for (long d = 0; d < docs; d++) {
        rng_t r = {(uint64_t)d * 7919 + 1};
        stats_t gen = {1, 0xcbf29ce484222325ULL, 0.0}, got = {0, gen.strhash, 0.0};
        doc.len = 0;
        for (int i = 0; i < 160; i++) {
            putc_(&doc, i ? ',' : '[');
            gen_value(&doc, &r, &gen, 1);
        }
        put(&doc, "]", 2); /* and the NUL that ends the text */
        doc.len--;
        ps.p = doc.buf, ps.err = 0;
        node_t *root = parse_value(&ps);
        skip_ws(&ps);
        if (ps.err || ps.p != doc.buf + doc.len) { fprintf(stderr, "json: parse error in document %ld\n", d); return 1; }
        uint64_t h = walk(root, &got, 0);
        if (got.nodes != gen.nodes || got.strhash != gen.strhash || dbits(got.numsum) != dbits(gen.numsum)) {
            fprintf(stderr, "json: document %ld: parsed tree differs from generated\n", d);
            return 1;
        }
        sum = mix(mix(mix(sum, h), doc.len), got.strhash ^ dbits(got.numsum));
        free_tree(root);
    }
    free(doc.buf);
    free(ps.tmp.buf);
    print_checksum(sum);
    return 0;
}
