/* regex: a backtracking regular-expression matcher. Patterns (literals, `.`,
 * classes `[a-z0-9_]` and `[^...]`, escapes \d \w \s \., `*` `+` `?`, anchors
 * `^` `$`, alternation and groups) are parsed into a small AST and compiled
 * to bytecode (CHAR, ANY, CLASS, SPLIT, JMP, BOL, EOL, MATCH); the matcher
 * runs that bytecode with an explicit backtrack stack, leftmost-first like
 * Perl, skipping start positions through a first-byte set. A dozen patterns
 * find every non-overlapping match in generated log lines. On every 8th line
 * a Pike VM (Thompson NFA simulation with thread priorities) must find the
 * same matches. SIZE = log lines; small = 400, bench = 11 000. */
#include "common.h"

enum { OP_CHAR, OP_ANY, OP_CLASS, OP_SPLIT, OP_JMP, OP_BOL, OP_EOL, OP_MATCH };
/* AST node kinds; the leaves share their opcode's number. */
enum { N_CHAR = OP_CHAR, N_ANY = OP_ANY, N_CLASS = OP_CLASS, N_BOL = OP_BOL, N_EOL = OP_EOL,
       N_CAT = 16, N_ALT, N_STAR, N_PLUS, N_QUEST, N_EMPTY };

#define MAXNODE 512
#define MAXINST 512
#define MAXCLASS 32
typedef struct { uint8_t op; int x, y; } inst_t;
typedef struct { int kind, a, b; } node_t;
typedef struct {
    inst_t code[MAXINST];
    uint32_t cls[MAXCLASS][8]; /* 256-bit byte sets */
    uint32_t first[8];         /* bytes a match can start with */
    int ninst, ncls, anyfirst; /* anyfirst: may start anywhere (ANY, EOL, empty match) */
    node_t nodes[MAXNODE];     /* the AST, built by the parser */
    int nnodes;
    const char *src, *p;       /* the pattern and the parser's position */
} regex_t;

static void die(const char *msg, const char *what) { fprintf(stderr, "regex: %s: %s\n", msg, what); exit(1); }

static int new_node(regex_t *re, int kind, int a, int b) {
    if (re->nnodes >= MAXNODE) die("pattern too large", re->src);
    re->nodes[re->nnodes] = (node_t){kind, a, b};
    return re->nnodes++;
}
static inline void bit_set(uint32_t *s, unsigned c) { s[c >> 5] |= 1u << (c & 31); }
static inline int bit_has(const uint32_t *s, unsigned c) { return (s[c >> 5] >> (c & 31)) & 1; }
/* Adds \d, \w, \s, or else the escaped byte itself, to a byte set. */
static void add_escape_class(uint32_t *s, char e) {
    for (unsigned c = 0; c < 256; c++) {
        int digit = c >= '0' && c <= '9', alpha = (c | 32) >= 'a' && (c | 32) <= 'z';
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (e == 'd' ? digit : e == 'w' ? digit || alpha || c == '_' : e == 's' ? space : c == (unsigned char)e)
            bit_set(s, c);
    }
}

static int new_class(regex_t *re) {
    if (re->ncls >= MAXCLASS) die("too many classes", re->src);
    memset(re->cls[re->ncls], 0, sizeof re->cls[0]);
    return re->ncls++;
}

static int parse_alt(regex_t *re);
static int parse_atom(regex_t *re) {
    char c = *re->p++;
    switch (c) {
    case '(': {
        int n = parse_alt(re);
        if (*re->p++ != ')') die("missing )", re->src);
        return n; }
    case '.': return new_node(re, N_ANY, 0, 0);
    case '^': return new_node(re, N_BOL, 0, 0);
    case '$': return new_node(re, N_EOL, 0, 0);
    case '\\': {
        char e = *re->p++;
        if (!e) die("trailing backslash", re->src);
        if (e != 'd' && e != 'w' && e != 's') return new_node(re, N_CHAR, (unsigned char)e, 0);
        int k = new_class(re);
        add_escape_class(re->cls[k], e);
        return new_node(re, N_CLASS, k, 0); }
    case '[': {
        int k = new_class(re), neg = 0;
        uint32_t *s = re->cls[k];
        if (*re->p == '^') { neg = 1; re->p++; }
        while (*re->p && *re->p != ']') {
            unsigned lo = (unsigned char)*re->p++;
            if (lo == '\\') { add_escape_class(s, *re->p++); continue; }
            unsigned hi = lo;
            if (re->p[0] == '-' && re->p[1] && re->p[1] != ']') { hi = (unsigned char)re->p[1]; re->p += 2; }
            for (unsigned x = lo; x <= hi; x++) bit_set(s, x);
        }
        if (*re->p++ != ']') die("missing ]", re->src);
        if (neg) for (int i = 0; i < 8; i++) s[i] = ~s[i];
        return new_node(re, N_CLASS, k, 0); }
    case '*': case '+': case '?': case ')': case '|': case '\0': die("unexpected metacharacter", re->src);
    }
    return new_node(re, N_CHAR, (unsigned char)c, 0);
}

static int parse_repeat(regex_t *re) {
    static const char ops[] = "*+?"; /* N_STAR, N_PLUS, N_QUEST */
    int n = parse_atom(re);
    for (const char *q; *re->p && (q = strchr(ops, *re->p)) != NULL; re->p++)
        n = new_node(re, N_STAR + (int)(q - ops), n, 0);
    return n;
}

static int parse_concat(regex_t *re) {
    int n = -1;
    while (*re->p && *re->p != '|' && *re->p != ')') {
        int m = parse_repeat(re);
        n = n < 0 ? m : new_node(re, N_CAT, n, m);
    }
    return n < 0 ? new_node(re, N_EMPTY, 0, 0) : n;
}

static int parse_alt(regex_t *re) {
    int n = parse_concat(re);
    while (*re->p == '|') { re->p++; n = new_node(re, N_ALT, n, parse_concat(re)); }
    return n;
}

static int emit(regex_t *re, int op, int x, int y) {
    if (re->ninst >= MAXINST) die("program too large", re->src);
    re->code[re->ninst] = (inst_t){(uint8_t)op, x, y};
    return re->ninst++;
}

static void compile_node(regex_t *re, int id) {
    node_t n = re->nodes[id];
    int l1, l2;
    switch (n.kind) {
    default: emit(re, n.kind, n.a, 0); break; /* a leaf */
    case N_EMPTY: break;
    case N_CAT: compile_node(re, n.a); compile_node(re, n.b); break;
    case N_ALT: /* split L1, L2; L1: a; jmp L3; L2: b; L3: */
        l1 = emit(re, OP_SPLIT, re->ninst + 1, 0);
        compile_node(re, n.a);
        l2 = emit(re, OP_JMP, 0, 0);
        re->code[l1].y = re->ninst;
        compile_node(re, n.b);
        re->code[l2].x = re->ninst;
        break;
    case N_STAR: /* L1: split L2, L3; L2: a; jmp L1; L3: */
        l1 = emit(re, OP_SPLIT, re->ninst + 1, 0);
        compile_node(re, n.a);
        emit(re, OP_JMP, l1, 0);
        re->code[l1].y = re->ninst;
        break;
    case N_PLUS: /* L1: a; split L1, L2; L2: */
        l1 = re->ninst;
        compile_node(re, n.a);
        emit(re, OP_SPLIT, l1, re->ninst + 1);
        break;
    case N_QUEST: /* split L1, L2; L1: a; L2: */
        l1 = emit(re, OP_SPLIT, re->ninst + 1, 0);
        compile_node(re, n.a);
        re->code[l1].y = re->ninst;
        break;
    }
}

/* The first-byte set: walk the epsilon closure of pc 0. */
static void first_set(regex_t *re, int pc, uint8_t *seen) {
    if (seen[pc]++) return;
    inst_t *in = &re->code[pc];
    switch (in->op) {
    case OP_CHAR: bit_set(re->first, (unsigned)in->x); break;
    case OP_CLASS: for (int i = 0; i < 8; i++) re->first[i] |= re->cls[in->x][i]; break;
    case OP_SPLIT: first_set(re, in->x, seen); first_set(re, in->y, seen); break;
    case OP_JMP: first_set(re, in->x, seen); break;
    case OP_BOL: first_set(re, pc + 1, seen); break;
    default: re->anyfirst = 1; break; /* ANY, EOL, MATCH */
    }
}

static void regex_compile(regex_t *re, const char *pat) {
    memset(re, 0, sizeof *re);
    re->src = re->p = pat;
    int root = parse_alt(re);
    if (*re->p) die("unbalanced )", pat);
    compile_node(re, root);
    emit(re, OP_MATCH, 0, 0);
    uint8_t seen[MAXINST] = {0};
    first_set(re, 0, seen);
}

/* Backtracking: try pc at sp, pushing the second branch of each SPLIT. */
typedef struct { int pc, sp; } frame_t;
static frame_t bt_stack[1 << 16];

static int bt_run(const regex_t *re, const uint8_t *s, int n, int start) {
    int top = 0;
    bt_stack[top++] = (frame_t){0, start};
    while (top > 0) {
        int pc = bt_stack[--top].pc, sp = bt_stack[top].sp;
        for (;;) {
            const inst_t *in = &re->code[pc];
            switch (in->op) {
            case OP_CHAR: if (sp < n && s[sp] == in->x) { pc++; sp++; continue; } goto fail;
            case OP_ANY: if (sp < n) { pc++; sp++; continue; } goto fail;
            case OP_CLASS: if (sp < n && bit_has(re->cls[in->x], s[sp])) { pc++; sp++; continue; } goto fail;
            case OP_SPLIT:
                if (top >= (int)(sizeof bt_stack / sizeof bt_stack[0])) die("backtrack stack overflow", re->src);
                bt_stack[top++] = (frame_t){in->y, sp};
                pc = in->x;
                continue;
            case OP_JMP: pc = in->x; continue;
            case OP_BOL: if (sp == 0) { pc++; continue; } goto fail;
            case OP_EOL: if (sp == n) { pc++; continue; } goto fail;
            case OP_MATCH: return sp;
            }
        }
    fail:;
    }
    return -1;
}

/* Leftmost-first search from `from`: returns the start, sets *end. */
static int bt_search(const regex_t *re, const uint8_t *s, int n, int from, int *end) {
    for (int i = from; i <= n; i++) {
        if (!re->anyfirst && (i == n || !bit_has(re->first, s[i]))) continue;
        int e = bt_run(re, s, n, i);
        if (e >= 0) { *end = e; return i; }
    }
    return -1;
}

/* Pike VM: threads in priority order, each carrying its start position. */
typedef struct { int n; int pc[MAXINST]; int st[MAXINST]; } tlist_t;

static void add_thread(const regex_t *re, tlist_t *l, int *mark, int gen, int pc, int st, const uint8_t *s, int n, int sp) {
    if (mark[pc] == gen) return;
    mark[pc] = gen;
    const inst_t *in = &re->code[pc];
    switch (in->op) {
    case OP_JMP: add_thread(re, l, mark, gen, in->x, st, s, n, sp); return;
    case OP_SPLIT: /* x before y: x has the higher priority */
        add_thread(re, l, mark, gen, in->x, st, s, n, sp);
        add_thread(re, l, mark, gen, in->y, st, s, n, sp);
        return;
    case OP_BOL: if (sp == 0) add_thread(re, l, mark, gen, pc + 1, st, s, n, sp); return;
    case OP_EOL: if (sp == n) add_thread(re, l, mark, gen, pc + 1, st, s, n, sp); return;
    default: l->pc[l->n] = pc; l->st[l->n] = st; l->n++;
    }
}

static int pike_search(const regex_t *re, const uint8_t *s, int n, int from, int *end) {
    static tlist_t la, lb; /* the current and next thread lists */
    static int mark[MAXINST], gen = 0;
    tlist_t *cl = &la, *nl = &lb;
    int mstart = -1, mend = -1;
    cl->n = 0;
    gen++;
    for (int sp = from; sp <= n; sp++) {
        if (mstart < 0) add_thread(re, cl, mark, gen, 0, sp, s, n, sp); /* lowest priority */
        gen++;
        if (cl->n == 0) { if (mstart >= 0) break; continue; }
        nl->n = 0;
        for (int i = 0; i < cl->n; i++) {
            const inst_t *in = &re->code[cl->pc[i]];
            int ok = 0;
            switch (in->op) {
            case OP_CHAR: ok = sp < n && s[sp] == in->x; break;
            case OP_ANY: ok = sp < n; break;
            case OP_CLASS: ok = sp < n && bit_has(re->cls[in->x], s[sp]); break;
            case OP_MATCH: mstart = cl->st[i]; mend = sp; i = cl->n; continue; /* cut lower priorities */
            }
            if (ok) add_thread(re, nl, mark, gen, cl->pc[i] + 1, cl->st[i], s, n, sp + 1);
        }
        tlist_t *t = cl; cl = nl; nl = t;
    }
    if (mstart >= 0) *end = mend;
    return mstart;
}

static const char *const patterns[] = {
    "ERROR|FATAL", "^[0-9]+-[0-9][0-9]-[0-9][0-9] [0-2][0-9]:", "user=[a-z]+[0-9]*",
    "(GET|POST|PUT) /api/v[0-9]+/[a-z_]+(/[0-9]+)?", "status=(4|5)\\d\\d", "time=[1-9][0-9][0-9]+ms",
    "ip=(10|192)\\.\\d+\\.\\d+\\.\\d+", "[a-z]+(\\.[a-z]+)*@[a-z]+\\.(com|org|net)",
    "(timeout|refused|reset).*retry", "\\[(WARN|ERROR)\\] .*(fail|denied)", "([a-z]+_)+[a-z]+\\(",
    "[^ =]+=[^ ]*x[^ ]*", "0x[0-9a-f]+ ?$", "[a-z]+=(\\w+) \\w+=\\d+ms",
};
#define NPAT (int)(sizeof patterns / sizeof patterns[0])

static const char *const users[] = {"alice", "bob", "carol", "dave", "eve", "mallory", "trent", "peggy"};
static const char *const levels[] = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR", "FATAL", "INFO"};
static const char *const methods[] = {"GET", "GET", "POST", "PUT", "DELETE"};
static const char *const paths[] = {"items", "users", "order_history", "login", "cart_items", "search"};
static const char *const msgs[] = {
    "connection timeout, will retry", "request served", "permission denied for resource",
    "cache miss on key_lookup_table(", "write failed: disk full", "connection reset by peer; retry later",
    "user logged in", "mail sent to ops.team@example.org", "token refused", "handler parse_json_body( ok"};

static int gen_line(rng_t *r, char *out) {
    static const int codes[] = {200, 200, 204, 302, 404, 403};
    uint64_t x = rng_next(r), y = rng_next(r);
    int n = sprintf(out, "2024-%02d-%02d %02d:%02d:%02d [%s] user=%s%d %s /api/v%d/%s",
                    (int)(x % 12) + 1, (int)((x >> 4) % 28) + 1, (int)((x >> 9) % 24), (int)((x >> 14) % 60),
                    (int)((x >> 20) % 60), levels[(x >> 26) % 8], users[(x >> 29) % 8], (int)((x >> 32) % 100),
                    methods[(x >> 40) % 5], (int)((x >> 43) % 3) + 1, paths[(x >> 45) % 6]);
    if ((y & 3) != 0) n += sprintf(out + n, "/%d", (int)((y >> 2) % 100000));
    int status = (y >> 20) % 4 == 0 ? 500 + (int)((y >> 22) % 4) : codes[(y >> 24) % 6];
    n += sprintf(out + n, " status=%d time=%dms ip=%d.%d.%d.%d ", status, (int)((y >> 27) % 2000) + 1,
                 (y >> 37) & 1 ? 10 : (y >> 38) & 1 ? 192 : 172, (int)((y >> 39) % 256),
                 (int)((y >> 47) % 256), (int)((y >> 55) % 256));
    n += sprintf(out + n, "%s", msgs[(x >> 50) % 10]);
    if ((y >> 8) % 3 == 0) n += sprintf(out + n, " ref=0x%llx", (unsigned long long)(x >> 36));
    if ((y >> 10) % 5 == 0) n += sprintf(out + n, " trace=%llx ", (unsigned long long)((y ^ x) >> 20));
    return n;
}
typedef int (*search_fn)(const regex_t *, const uint8_t *, int, int, int *);

/* Every non-overlapping match in s: the count, and a hash of the positions. */
static uint64_t find_all(search_fn search, const regex_t *re, const uint8_t *s, int n, int *found) {
    uint64_t h = 0;
    int from = 0, end = 0, st;
    *found = 0;
    while (from <= n && (st = search(re, s, n, from, &end)) >= 0) {
        h = mix(h, (uint64_t)st << 16 | (uint64_t)end);
        ++*found;
        from = end > st ? end : end + 1;
    }
    return h;
}

int main(int argc, char **argv) {
    long lines = bench_size(argc, argv, 400, 11000);
    static regex_t res[NPAT];
    for (int k = 0; k < NPAT; k++) regex_compile(&res[k], patterns[k]);
    rng_t r = {0xfeedbeef};
    char line[512];
    uint64_t counts[NPAT] = {0}, sum = 0, checked = 0;
    for (long li = 0; li < lines; li++) {
        int n = gen_line(&r, line), found, found2;
        const uint8_t *s = (const uint8_t *)line;
        for (int k = 0; k < NPAT; k++) {
            uint64_t h = find_all(bt_search, &res[k], s, n, &found);
            counts[k] += (uint64_t)found;
            sum = mix(sum, h + (uint64_t)found);
            if (li % 8 != 0) continue;
            if (find_all(pike_search, &res[k], s, n, &found2) != h || found2 != found) {
                fprintf(stderr, "regex: backtracker and Pike VM disagree on /%s/ in line %ld: %.*s\n",
                        patterns[k], li, n, line);
                return 1;
            }
            checked++;
        }
    }
    for (int k = 0; k < NPAT; k++) {
        sum = mix(sum, counts[k]);
        if (lines >= 400 && counts[k] == 0) die("no match in any line for", patterns[k]);
    }
    print_checksum(mix(sum, checked));
    return 0;
}
