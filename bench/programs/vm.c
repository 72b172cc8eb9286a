/* vm: a register-machine bytecode interpreter (switch dispatch, the shape
 * of a guest-side interpreter: an indirect branch per instruction, register
 * file in memory). The bytecode counts Collatz steps for 1..SIZE, keeps a
 * histogram in the VM's own memory and folds everything into a hash.
 * small = 2 000, bench = 110 000. */
#include "common.h"

enum {
    OP_LI,    /* r[a] = imm */
    OP_MOV,   /* r[a] = r[b] */
    OP_ADD,   /* r[a] = r[b] + r[c] */
    OP_SUB,   /* r[a] = r[b] - r[c] */
    OP_MUL,   /* r[a] = r[b] * r[c] */
    OP_XOR,   /* r[a] = r[b] ^ r[c] */
    OP_ANDI,  /* r[a] = r[b] & imm */
    OP_ADDI,  /* r[a] = r[b] + imm */
    OP_SHRI,  /* r[a] = r[b] >> imm */
    OP_SHLI,  /* r[a] = r[b] << imm */
    OP_LOAD,  /* r[a] = mem[r[b] & 1023] */
    OP_STORE, /* mem[r[b] & 1023] = r[a] */
    OP_JZ,    /* if r[a] == 0 goto imm */
    OP_JNZ,   /* if r[a] != 0 goto imm */
    OP_JLT,   /* if r[a] < r[b] goto imm (unsigned) */
    OP_JMP,   /* goto imm */
    OP_HALT,
};

typedef struct {
    uint8_t op, a, b, c;
    int32_t imm;
} insn_t;

static uint64_t run(const insn_t *code, uint64_t *r, uint64_t *mem) {
    const insn_t *pc = code;
    for (;;) {
        const insn_t i = *pc++;
        switch (i.op) {
        case OP_LI: r[i.a] = (uint64_t)(int64_t)i.imm; break;
        case OP_MOV: r[i.a] = r[i.b]; break;
        case OP_ADD: r[i.a] = r[i.b] + r[i.c]; break;
        case OP_SUB: r[i.a] = r[i.b] - r[i.c]; break;
        case OP_MUL: r[i.a] = r[i.b] * r[i.c]; break;
        case OP_XOR: r[i.a] = r[i.b] ^ r[i.c]; break;
        case OP_ANDI: r[i.a] = r[i.b] & (uint64_t)(int64_t)i.imm; break;
        case OP_ADDI: r[i.a] = r[i.b] + (uint64_t)(int64_t)i.imm; break;
        case OP_SHRI: r[i.a] = r[i.b] >> (i.imm & 63); break;
        case OP_SHLI: r[i.a] = r[i.b] << (i.imm & 63); break;
        case OP_LOAD: r[i.a] = mem[r[i.b] & 1023]; break;
        case OP_STORE: mem[r[i.b] & 1023] = r[i.a]; break;
        case OP_JZ: if (r[i.a] == 0) pc = code + i.imm; break;
        case OP_JNZ: if (r[i.a] != 0) pc = code + i.imm; break;
        case OP_JLT: if (r[i.a] < r[i.b]) pc = code + i.imm; break;
        case OP_JMP: pc = code + i.imm; break;
        case OP_HALT: return r[0];
        default: abort();
        }
    }
}

#define I(op, a, b, c, imm) {op, a, b, c, imm}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 2000, 110000);
    /* Registers: r1 = n, r2 = i, r3 = x, r4 = steps, r5 = scratch,
     * r6 = hash, r7 = 1, r8 = 3, r9 = multiplier, r0 = result. */
    static const insn_t code[] = {
        /* 0 */ I(OP_LI, 2, 0, 0, 1),           /* i = 1 */
        /* 1 */ I(OP_LI, 6, 0, 0, 0),           /* hash = 0 */
        /* 2 */ I(OP_LI, 7, 0, 0, 1),
        /* 3 */ I(OP_LI, 8, 0, 0, 3),
        /* 4 */ I(OP_LI, 9, 0, 0, 0x01000193),
        /* outer: 5 */ I(OP_MOV, 3, 2, 0, 0),   /* x = i */
        /* 6 */ I(OP_LI, 4, 0, 0, 0),           /* steps = 0 */
        /* inner: 7 */ I(OP_SUB, 5, 3, 7, 0),   /* t = x - 1 */
        /* 8 */ I(OP_JZ, 5, 0, 0, 17),          /* x == 1: done */
        /* 9 */ I(OP_ADDI, 4, 4, 0, 1),         /* steps++ */
        /* 10 */ I(OP_ANDI, 5, 3, 0, 1),
        /* 11 */ I(OP_JNZ, 5, 0, 0, 14),        /* odd */
        /* 12 */ I(OP_SHRI, 3, 3, 0, 1),        /* x >>= 1 */
        /* 13 */ I(OP_JMP, 0, 0, 0, 7),
        /* odd: 14 */ I(OP_MUL, 3, 3, 8, 0),    /* x = 3x */
        /* 15 */ I(OP_ADD, 3, 3, 7, 0),         /* x += 1 */
        /* 16 */ I(OP_JMP, 0, 0, 0, 7),
        /* done: 17 */ I(OP_LOAD, 5, 4, 0, 0),  /* histogram[steps]++ */
        /* 18 */ I(OP_ADDI, 5, 5, 0, 1),
        /* 19 */ I(OP_STORE, 5, 4, 0, 0),
        /* 20 */ I(OP_XOR, 6, 6, 4, 0),         /* hash = (hash ^ steps) * m */
        /* 21 */ I(OP_MUL, 6, 6, 9, 0),
        /* 22 */ I(OP_ADDI, 2, 2, 0, 1),        /* i++ */
        /* 23 */ I(OP_JLT, 1, 2, 0, 25),        /* n < i: exit */
        /* 24 */ I(OP_JMP, 0, 0, 0, 5),
        /* exit: 25 */ I(OP_MOV, 0, 6, 0, 0),
        /* 26 */ I(OP_HALT, 0, 0, 0, 0),
    };
    uint64_t r[16] = {0};
    uint64_t *mem = calloc(1024, sizeof(uint64_t));
    if (!mem) return 1;
    r[1] = (uint64_t)n;
    uint64_t sum = run(code, r, mem);
    for (int k = 0; k < 1024; k++) sum = mix(sum, mem[k]);
    free(mem);
    print_checksum(sum);
    return 0;
}
