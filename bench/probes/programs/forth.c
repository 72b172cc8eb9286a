/* forth: a small Forth-like interpreter. Source text is split into
 * whitespace-separated tokens; colon definitions are compiled to bytecode
 * (64-bit cells: opcodes with inline literals and branch targets) and run by
 * a switch-dispatched inner loop with separate data and return stacks.
 * Supports IF/ELSE/THEN, BEGIN/UNTIL, BEGIN/WHILE/REPEAT, DO/?DO/LOOP/+LOOP,
 * RECURSE, EXIT, VARIABLE, CREATE/ALLOT and byte/cell memory access. Each
 * round compiles a prelude of words (primality, sieve, Collatz lengths, gcd
 * sums, recursive fib, an insertion sort in data space) and runs them with
 * round-dependent arguments; every value printed with `.` is checked
 * against the same computation in C.
 * SIZE = rounds; small = 2, bench = 13. */
#include "common.h"

typedef int64_t cell;

enum {
    OP_HALT, OP_LIT, OP_CALL, OP_RET, OP_BRANCH, OP_ZBRANCH, OP_DO, OP_QDO, OP_LOOP, OP_PLOOP,
    OP_I, OP_J, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_DUP, OP_DROP, OP_SWAP,
    OP_OVER, OP_ROT, OP_TUCK, OP_NIP, OP_2DUP, OP_2DROP, OP_LT, OP_GT, OP_EQ, OP_ZEQ,
    OP_AND, OP_OR, OP_XOR, OP_INC, OP_DEC, OP_SHL1, OP_SHR1, OP_LSHIFT, OP_RSHIFT, OP_MAX, OP_MIN, OP_TOR,
    OP_FROMR, OP_RFETCH, OP_FETCH, OP_STORE, OP_CFETCH, OP_CSTORE, OP_DOT,
    NPRIMS
};

static const char *const prim_names[NPRIMS] = {
    [OP_I] = "i", [OP_J] = "j", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
    [OP_DIV] = "/", [OP_MOD] = "mod", [OP_DUP] = "dup", [OP_DROP] = "drop",
    [OP_SWAP] = "swap", [OP_OVER] = "over", [OP_ROT] = "rot", [OP_TUCK] = "tuck",
    [OP_NIP] = "nip", [OP_2DUP] = "2dup", [OP_2DROP] = "2drop", [OP_LT] = "<",
    [OP_GT] = ">", [OP_EQ] = "=", [OP_ZEQ] = "0=", [OP_AND] = "and", [OP_OR] = "or",
    [OP_XOR] = "xor", [OP_INC] = "1+", [OP_DEC] = "1-", [OP_SHL1] = "2*",
    [OP_SHR1] = "2/", [OP_LSHIFT] = "lshift", [OP_RSHIFT] = "rshift", [OP_MAX] = "max",
    [OP_MIN] = "min", [OP_TOR] = ">r", [OP_FROMR] = "r>", [OP_RFETCH] = "r@", [OP_FETCH] = "@", [OP_STORE] = "!",
    [OP_CFETCH] = "c@", [OP_CSTORE] = "c!", [OP_DOT] = ".",
};

enum { W_PRIM, W_COLON, W_CONST };
typedef struct { char name[24]; int kind; cell val; } word_t;

#define CODE_MAX 8192
#define DICT_MAX 256
#define STACK_MAX 256
#define RSTACK_MAX 1024
#define DATA_MAX 65536
#define OUT_MAX 256

typedef struct {
    cell code[CODE_MAX], ds[STACK_MAX], rs[RSTACK_MAX], out[OUT_MAX];
    word_t dict[DICT_MAX];
    uint8_t data[DATA_MAX];
    int here, nwords, dp, nout; /* code, dictionary, data space and output sizes */
    uint64_t steps;
} vm_t;

static void die(const char *msg, const char *tok) {
    fprintf(stderr, "forth: %s%s%s\n", msg, tok ? ": " : "", tok ? tok : "");
    exit(1);
}

static int add_word(vm_t *vm, const char *name, int kind, cell val) {
    if (vm->nwords >= DICT_MAX || !*name) die("cannot define", name);
    word_t *w = &vm->dict[vm->nwords];
    snprintf(w->name, sizeof w->name, "%s", name);
    w->kind = kind;
    w->val = val;
    return vm->nwords++;
}

static void vm_reset(vm_t *vm) {
    vm->here = 0; vm->nwords = 0; vm->dp = 8; vm->nout = 0; vm->steps = 0;
    memset(vm->data, 0, sizeof vm->data);
    for (int op = 0; op < NPRIMS; op++)
        if (prim_names[op]) add_word(vm, prim_names[op], W_PRIM, op);
}

static word_t *lookup(vm_t *vm, const char *name) {
    for (int i = vm->nwords - 1; i >= 0; i--) /* newest first, so words can be redefined */
        if (strcmp(vm->dict[i].name, name) == 0) return &vm->dict[i];
    return NULL;
}

static inline void emit(vm_t *vm, cell v) {
    if (vm->here >= CODE_MAX) die("code space full", NULL);
    vm->code[vm->here++] = v;
}

/* The inner interpreter: runs from ip until OP_HALT. Returns the data stack depth. */
static int run(vm_t *vm, int ip, int sp) {
    const cell *code = vm->code;
    cell *ds = vm->ds, *rs = vm->rs;
    uint8_t *mem = vm->data;
    int rp = 0;
    uint64_t steps = 0;
    cell a;
    for (;;) {
        steps++;
        switch (code[ip++]) {
        case OP_HALT: vm->steps += steps; return sp;
        case OP_LIT: ds[sp++] = code[ip++]; break;
        case OP_CALL:
            if (rp >= RSTACK_MAX - 2) die("return stack overflow", NULL);
            rs[rp++] = ip + 1; ip = (int)code[ip]; break;
        case OP_RET: ip = (int)rs[--rp]; break;
        case OP_BRANCH: ip = (int)code[ip]; break;
        case OP_ZBRANCH: ip = ds[--sp] == 0 ? (int)code[ip] : ip + 1; break;
        case OP_DO: rs[rp++] = ds[sp - 2]; rs[rp++] = ds[sp - 1]; sp -= 2; break;
        case OP_QDO: /* skips the loop when start >= limit */
            if (ds[sp - 1] >= ds[sp - 2]) { sp -= 2; ip = (int)code[ip]; break; }
            rs[rp++] = ds[sp - 2]; rs[rp++] = ds[sp - 1]; sp -= 2; ip++; break;
        case OP_LOOP:
            if (++rs[rp - 1] < rs[rp - 2]) ip = (int)code[ip];
            else { rp -= 2; ip++; }
            break;
        case OP_PLOOP:
            a = ds[--sp];
            rs[rp - 1] += a;
            if (a >= 0 ? rs[rp - 1] < rs[rp - 2] : rs[rp - 1] >= rs[rp - 2]) ip = (int)code[ip];
            else { rp -= 2; ip++; }
            break;
        case OP_I: ds[sp++] = rs[rp - 1]; break;
        case OP_J: ds[sp++] = rs[rp - 3]; break;
        case OP_ADD: sp--; ds[sp - 1] += ds[sp]; break;
        case OP_SUB: sp--; ds[sp - 1] -= ds[sp]; break;
        case OP_MUL: sp--; ds[sp - 1] *= ds[sp]; break;
        case OP_DIV: sp--; if (!ds[sp]) die("division by zero", NULL); ds[sp - 1] /= ds[sp]; break;
        case OP_MOD: sp--; if (!ds[sp]) die("division by zero", NULL); ds[sp - 1] %= ds[sp]; break;
        case OP_DUP: ds[sp] = ds[sp - 1]; sp++; break;
        case OP_DROP: sp--; break;
        case OP_SWAP: a = ds[sp - 1]; ds[sp - 1] = ds[sp - 2]; ds[sp - 2] = a; break;
        case OP_OVER: ds[sp] = ds[sp - 2]; sp++; break;
        case OP_ROT: a = ds[sp - 3]; ds[sp - 3] = ds[sp - 2]; ds[sp - 2] = ds[sp - 1]; ds[sp - 1] = a; break;
        case OP_TUCK: a = ds[sp - 1]; ds[sp - 1] = ds[sp - 2]; ds[sp - 2] = a; ds[sp++] = a; break;
        case OP_NIP: ds[sp - 2] = ds[sp - 1]; sp--; break;
        case OP_2DUP: ds[sp] = ds[sp - 2]; ds[sp + 1] = ds[sp - 1]; sp += 2; break;
        case OP_2DROP: sp -= 2; break;
        case OP_LT: sp--; ds[sp - 1] = ds[sp - 1] < ds[sp] ? -1 : 0; break;
        case OP_GT: sp--; ds[sp - 1] = ds[sp - 1] > ds[sp] ? -1 : 0; break;
        case OP_EQ: sp--; ds[sp - 1] = ds[sp - 1] == ds[sp] ? -1 : 0; break;
        case OP_ZEQ: ds[sp - 1] = ds[sp - 1] == 0 ? -1 : 0; break;
        case OP_AND: sp--; ds[sp - 1] &= ds[sp]; break;
        case OP_OR: sp--; ds[sp - 1] |= ds[sp]; break;
        case OP_XOR: sp--; ds[sp - 1] ^= ds[sp]; break;
        case OP_INC: ds[sp - 1]++; break;
        case OP_DEC: ds[sp - 1]--; break;
        case OP_SHL1: ds[sp - 1] <<= 1; break;
        case OP_SHR1: ds[sp - 1] >>= 1; break;
        case OP_LSHIFT: sp--; ds[sp - 1] = (cell)((uint64_t)ds[sp - 1] << (ds[sp] & 63)); break;
        case OP_RSHIFT: sp--; ds[sp - 1] = (cell)((uint64_t)ds[sp - 1] >> (ds[sp] & 63)); break;
        case OP_MAX: sp--; if (ds[sp] > ds[sp - 1]) ds[sp - 1] = ds[sp]; break;
        case OP_MIN: sp--; if (ds[sp] < ds[sp - 1]) ds[sp - 1] = ds[sp]; break;
        case OP_TOR: rs[rp++] = ds[--sp]; break;
        case OP_FROMR: ds[sp++] = rs[--rp]; break;
        case OP_RFETCH: ds[sp++] = rs[rp - 1]; break;
        case OP_FETCH: memcpy(&ds[sp - 1], mem + (ds[sp - 1] & (DATA_MAX - 8)), sizeof(cell)); break;
        case OP_STORE: memcpy(mem + (ds[sp - 1] & (DATA_MAX - 8)), &ds[sp - 2], sizeof(cell)); sp -= 2; break;
        case OP_CFETCH: ds[sp - 1] = mem[ds[sp - 1] & (DATA_MAX - 1)]; break;
        case OP_CSTORE: mem[ds[sp - 1] & (DATA_MAX - 1)] = (uint8_t)ds[sp - 2]; sp -= 2; break;
        case OP_DOT:
            if (vm->nout >= OUT_MAX) die("too much output", NULL);
            vm->out[vm->nout++] = ds[--sp]; break;
        default: die("bad opcode", NULL);
        }
        if (sp < 0 || sp > STACK_MAX - 4) die("data stack out of range", NULL);
    }
}

static int next_token(const char **src, char *tok, int cap) {
    const char *p = *src;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t') p++;
        if (*p == '\\') { while (*p && *p != '\n') p++; continue; }
        if (p[0] == '(' && (p[1] == ' ' || p[1] == '\n')) { while (*p && *p != ')') p++; if (*p) p++; continue; }
        break;
    }
    int n = 0;
    for (; *p && *p != ' ' && *p != '\n' && *p != '\t'; p++)
        if (n < cap - 1) tok[n++] = *p;
    tok[n] = '\0';
    *src = p;
    return n;
}

static int parse_number(const char *p, cell *v) {
    int neg = *p == '-' && p[1];
    cell x = 0;
    for (p += neg; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        x = x * 10 + (*p - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

/* The outer interpreter: compiles definitions, executes everything else. */
static void interpret(vm_t *vm, const char *src) {
    char tok[64];
    int compiling = 0, sp = 0, csp = 0, cur = -1, stub = CODE_MAX - 3;
    int cstack[64]; /* control-flow stack: patch addresses and loop starts */
    while (next_token(&src, tok, sizeof tok)) {
        word_t *w;
        cell num;
        if (!compiling) {
            if (strcmp(tok, ":") == 0) {
                next_token(&src, tok, sizeof tok);
                cur = add_word(vm, tok, W_COLON, vm->here);
                vm->dict[cur].name[0] ^= 0x80; /* hidden until ';' */
                compiling = 1;
            } else if (strcmp(tok, "variable") == 0 || strcmp(tok, "create") == 0) {
                int is_var = tok[0] == 'v';
                next_token(&src, tok, sizeof tok);
                vm->dp = (vm->dp + 7) & ~7;
                add_word(vm, tok, W_CONST, vm->dp);
                if (is_var) vm->dp += 8;
            } else if (strcmp(tok, "allot") == 0) {
                vm->dp += (int)vm->ds[--sp];
                if (vm->dp >= DATA_MAX) die("data space full", NULL);
            } else if (parse_number(tok, &num)) {
                vm->ds[sp++] = num;
            } else if ((w = lookup(vm, tok)) != NULL) {
                if (w->kind == W_CONST) { vm->ds[sp++] = w->val; continue; }
                /* execute via a tiny stub at the end of code space */
                vm->code[stub] = w->kind == W_PRIM ? w->val : OP_CALL;
                vm->code[stub + 1] = w->kind == W_PRIM ? OP_HALT : w->val;
                vm->code[stub + 2] = OP_HALT;
                sp = run(vm, stub, sp);
            } else die("unknown word", tok);
            continue;
        }
        if (strcmp(tok, ";") == 0) {
            if (csp) die("unbalanced control flow in", vm->dict[cur].name);
            emit(vm, OP_RET);
            vm->dict[cur].name[0] ^= 0x80;
            compiling = 0;
        } else if (strcmp(tok, "if") == 0 || strcmp(tok, "while") == 0) {
            emit(vm, OP_ZBRANCH); cstack[csp++] = vm->here; emit(vm, 0);
        } else if (strcmp(tok, "else") == 0) {
            emit(vm, OP_BRANCH); emit(vm, 0);
            vm->code[cstack[csp - 1]] = vm->here;
            cstack[csp - 1] = vm->here - 1;
        } else if (strcmp(tok, "then") == 0) {
            vm->code[cstack[--csp]] = vm->here;
        } else if (strcmp(tok, "begin") == 0) {
            cstack[csp++] = vm->here;
        } else if (strcmp(tok, "until") == 0) {
            emit(vm, OP_ZBRANCH); emit(vm, cstack[--csp]);
        } else if (strcmp(tok, "repeat") == 0) {
            int patch = cstack[--csp], start = cstack[--csp];
            emit(vm, OP_BRANCH); emit(vm, start);
            vm->code[patch] = vm->here;
        } else if (strcmp(tok, "do") == 0) {
            emit(vm, OP_DO); cstack[csp++] = -1; cstack[csp++] = vm->here;
        } else if (strcmp(tok, "?do") == 0) {
            emit(vm, OP_QDO); emit(vm, 0); cstack[csp++] = vm->here - 1; cstack[csp++] = vm->here;
        } else if (strcmp(tok, "loop") == 0 || strcmp(tok, "+loop") == 0) {
            emit(vm, tok[0] == '+' ? OP_PLOOP : OP_LOOP); emit(vm, cstack[--csp]);
            int skip = cstack[--csp];
            if (skip >= 0) vm->code[skip] = vm->here;
        } else if (strcmp(tok, "recurse") == 0) {
            emit(vm, OP_CALL); emit(vm, vm->dict[cur].val);
        } else if (strcmp(tok, "exit") == 0) {
            emit(vm, OP_RET);
        } else if (parse_number(tok, &num)) {
            emit(vm, OP_LIT); emit(vm, num);
        } else if ((w = lookup(vm, tok)) != NULL) {
            if (w->kind == W_PRIM) emit(vm, w->val);
            else if (w->kind == W_CONST) { emit(vm, OP_LIT); emit(vm, w->val); }
            else { emit(vm, OP_CALL); emit(vm, w->val); }
        } else die("unknown word", tok);
        if (csp < 0 || csp >= 64) die("control stack out of range", tok);
    }
    if (compiling || sp != 0) die("unfinished input", NULL);
}

static const char prelude[] =
    ": prime? ( n -- f ) dup 2 < if drop 0 exit then dup 4 < if drop -1 exit then\n"
    "  dup 1 and 0= if drop 0 exit then\n"
    "  3 begin 2dup dup * < 0= while 2dup mod 0= if 2drop 0 exit then 2 + repeat 2drop -1 ;\n"
    ": count-primes ( n -- c ) 0 swap 2 do i prime? if 1+ then loop ;\n"
    "create flags 40000 allot\n"
    ": sieve ( n -- c ) dup 0 do 1 flags i + c! loop\n"
    "  0 over 2 do flags i + c@ if 1+ over i dup * ?do 0 flags i + c! j +loop then loop nip ;\n"
    ": collatz ( n -- len ) 0 swap begin dup 1 > while\n"
    "  dup 1 and if 3 * 1+ else 2/ then swap 1+ swap repeat drop ;\n"
    ": max-collatz ( n -- m ) 0 swap 1 do i collatz max loop ;\n"
    ": gcd ( a b -- g ) begin dup while tuck mod repeat drop ;\n"
    ": gcd-sum ( n -- s ) 0 swap 1+ 1 do i 1+ 1 do i j gcd + loop loop ;\n"
    ": fib ( n -- f ) dup 2 < if exit then dup 1- recurse swap 2 - recurse + ;\n"
    "variable seed  create arr 8000 allot\n"
    ": rand ( -- u ) seed @ 1103515245 * 12345 + 2147483647 and dup seed ! 7 rshift ;\n"
    ": fill ( n -- ) 0 do rand 1000 mod arr i 8 * + ! loop ;\n"
    ": a@ ( i -- v ) 8 * arr + @ ;  : a! ( v i -- ) 8 * arr + ! ;\n"
    ": isort ( n -- ) 1 do i a@ i begin dup 0 > if 2dup 1- a@ < else 0 then\n"
    "  while dup 1- a@ over a! 1- repeat a! loop ;\n"
    ": checksum ( n -- s ) 0 swap 0 do 31 * i a@ + 1048575 and loop ;\n"
    ": sorted? ( n -- f ) -1 swap 1 do i 1- a@ i a@ > if 0 and then loop ;\n";

/* C references. */
static int c_prime(cell n) {
    if (n < 4 || !(n & 1)) return n == 2 || n == 3;
    for (cell d = 3; d * d <= n; d += 2) if (n % d == 0) return 0;
    return 1;
}
static cell c_collatz(cell n) { cell k = 0; while (n > 1) { n = n & 1 ? 3 * n + 1 : n >> 1; k++; } return k; }
static cell c_gcd(cell a, cell b) { while (b) { cell t = a % b; a = b; b = t; } return a; }
static cell c_fib(cell n) { return n < 2 ? n : c_fib(n - 1) + c_fib(n - 2); }
static int cmp_cell(const void *a, const void *b) {
    cell x = *(const cell *)a, y = *(const cell *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 2, 13);
    vm_t *vm = malloc(sizeof *vm);
    if (!vm) return 1;
    rng_t r = {0xf0f7};
    uint64_t sum = 0, steps = 0;
    char script[512];
    for (long round = 0; round < rounds; round++) {
        long long np = 3000 + (long long)(rng_next(&r) % 2000), ns = 20000 + (long long)(rng_next(&r) % 19000);
        long long nc = 2000 + (long long)(rng_next(&r) % 1500), ng = 60 + (long long)(rng_next(&r) % 30);
        long long nf = 18 + (long long)(rng_next(&r) % 4), na = 300 + (long long)(rng_next(&r) % 600);
        long long seed = (long long)(rng_next(&r) & 0x7fffffff);
        vm_reset(vm);
        interpret(vm, prelude);
        snprintf(script, sizeof script, "%lld count-primes .  %lld sieve .  %lld max-collatz .  %lld gcd-sum .  "
                 "%lld fib .\n%lld seed !  %lld fill  %lld isort  %lld sorted? .  %lld checksum .  %lld collatz .\n",
                 np, ns, nc, ng, nf, seed, na, na, na, na, np * 7 + 27);
        interpret(vm, script);

        cell want[8], c = 0, *arr = malloc((size_t)na * sizeof *arr), x = seed;
        for (cell i = 2; i < ns; i++) { c += c_prime(i); if (i == np - 1) want[0] = c; }
        want[1] = c;
        for (cell i = 1, m = 0; i < nc; i++) { cell l = c_collatz(i); want[2] = m = l > m ? l : m; }
        for (cell i = 1, g = 0; i <= ng; i++) for (cell j = 1; j <= i; j++) want[3] = g += c_gcd(j, i);
        want[4] = c_fib(nf);
        for (cell i = 0; i < na; i++) { x = (x * 1103515245 + 12345) & 2147483647; arr[i] = (x >> 7) % 1000; }
        qsort(arr, (size_t)na, sizeof *arr, cmp_cell);
        for (cell i = 0, h = 0; i < na; i++) want[6] = h = (h * 31 + arr[i]) & 1048575;
        free(arr);
        want[5] = -1, want[7] = c_collatz(np * 7 + 27);
        if (vm->nout != 8) die("wrong number of outputs", NULL);
        for (int i = 0; i < 8; i++) {
            if (vm->out[i] != want[i]) {
                fprintf(stderr, "forth: round %ld output %d: got %lld, want %lld\n", round, i,
                        (long long)vm->out[i], (long long)want[i]);
                return 1;
            }
            sum = mix(sum, (uint64_t)vm->out[i]);
        }
        steps += vm->steps;
    }
    print_checksum(mix(sum, steps));
    free(vm);
    return 0;
}
