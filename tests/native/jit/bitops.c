/* bt/bts/btr/btc compiled by the JIT: register and immediate bit numbers on registers
   (every edge bit index, numbers above the width wrap), memory operands with an
   immediate, and memory operands with a register bit offset that reaches far before or
   after the operand (negative and large offsets, 16/32/64-bit). The flags a bt keeps
   come from a preceding cmp/add/test/inc/shl, read both by pushf (the interpreter, from
   the record the region stored) and by setcc inside compiled code. One hash line per
   form. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "edge.h"

#define FLAGS_MASK 0x8d5
/* pre: a flag producer on x,y; then the bit op; then pushf and setcc of the kept flags */
#define BT_REG(pre, insn, SZ) do { \
    uint64_t v = a, fl; uint8_t z, c, o, sg, p; \
    __asm__ volatile(pre "\n\t" insn "\n\tsetz %b[z]\n\tsetc %b[c]\n\tseto %b[o]\n\tsets %b[sg]\n\tsetp %b[p]\n\tpushfq\n\tpop %[fl]" \
        : [v] "+r"(v), [fl] "=r"(fl), [z] "=&q"(z), [c] "=&q"(c), [o] "=&q"(o), [sg] "=&q"(sg), [p] "=&q"(p), [x] "+r"(x) \
        : [n] "r"(n), [y] "r"(y) : "cc"); \
    mix(v); mix(fl & FLAGS_MASK); mix(z | c << 1 | o << 2 | sg << 3 | p << 4); mix(x); } while (0)

static void regs(void) {
    static const char *names[] = { "bt", "bts", "btr", "btc" };
    for (int k = 0; k < 4; k++) {
        h = 0x9e3779b97f4a7c15ULL;
        for (int r = 0; r < 400; r++) {
            uint64_t a = rnd(), x = rnd(), y = rnd(), n = (r < 130) ? (uint64_t)r : rnd();
            switch (k) {
            case 0:
                BT_REG("cmp %[y],%[x]", "bt %[n],%[v]", 8); BT_REG("add %[y],%[x]", "bt %k[n],%k[v]", 4);
                BT_REG("test %[y],%[x]", "bt %w[n],%w[v]", 2); BT_REG("inc %[x]", "bt $63,%[v]", 8);
                BT_REG("shl $3,%[x]", "bt $33,%k[v]", 4); BT_REG("sub %[y],%[x]", "bt $17,%w[v]", 2);
                break;
            case 1:
                BT_REG("cmp %[y],%[x]", "bts %[n],%[v]", 8); BT_REG("add %[y],%[x]", "bts %k[n],%k[v]", 4);
                BT_REG("test %[y],%[x]", "bts %w[n],%w[v]", 2); BT_REG("dec %[x]", "bts $0,%[v]", 8);
                BT_REG("shr $5,%[x]", "bts $31,%k[v]", 4); BT_REG("or %[y],%[x]", "bts $15,%w[v]", 2);
                break;
            case 2:
                BT_REG("cmp %[y],%[x]", "btr %[n],%[v]", 8); BT_REG("add %[y],%[x]", "btr %k[n],%k[v]", 4);
                BT_REG("test %[y],%[x]", "btr %w[n],%w[v]", 2); BT_REG("neg %[x]", "btr $62,%[v]", 8);
                BT_REG("sar $7,%[x]", "btr $100,%k[v]", 4); BT_REG("and %[y],%[x]", "btr $16,%w[v]", 2);
                break;
            default:
                BT_REG("cmp %[y],%[x]", "btc %[n],%[v]", 8); BT_REG("add %[y],%[x]", "btc %k[n],%k[v]", 4);
                BT_REG("test %[y],%[x]", "btc %w[n],%w[v]", 2); BT_REG("xor %[y],%[x]", "btc $32,%[v]", 8);
                BT_REG("imul %[y],%[x]", "btc $1,%k[v]", 4); BT_REG("sbb %[y],%[x]", "btc $8,%w[v]", 2);
                break;
            }
        }
        printf("%s reg %016llx\n", names[k], (unsigned long long)h);
    }
}

static unsigned char mem[4096] __attribute__((aligned(64)));
#define OP (mem + 2048)

/* memory forms: a register bit offset (signed, at the operand size) or an immediate */
#define BT_MEM(pre, insn) do { \
    uint64_t fl; uint8_t z, c; \
    __asm__ volatile(pre "\n\t" insn "\n\tsetz %b[z]\n\tsetc %b[c]\n\tpushfq\n\tpop %[fl]" \
        : [fl] "=r"(fl), [z] "=&q"(z), [c] "=&q"(c), [x] "+r"(x) \
        : [n] "r"(n), [y] "r"(y), [m] "r"(p) : "cc", "memory"); \
    mix(fl & FLAGS_MASK); mix(z | c << 1); mix(x); } while (0)

static void mems(void) {
    static const char *names[] = { "bt", "bts", "btr", "btc" };
    for (int k = 0; k < 4; k++) {
        h = 0x9e3779b97f4a7c15ULL;
        for (int k2 = 0; k2 < 4096; k2++) mem[k2] = (unsigned char)(k2 * 131 + k);
        for (int r = 0; r < 1200; r++) {
            /* offsets within +-1900 bytes of the operand (so +-15200 bits), edges first */
            int64_t n = r < 300 ? r - 150 : (int64_t)(rnd() % 30400) - 15200;
            uint64_t x = rnd(), y = rnd();
            unsigned char *p = OP + (r & 7);
            switch (k) {
            case 0:
                BT_MEM("cmp %[y],%[x]", "btq %[n],(%[m])"); BT_MEM("add %[y],%[x]", "btl %k[n],(%[m])");
                BT_MEM("test %[y],%[x]", "btw %w[n],(%[m])"); BT_MEM("inc %[x]", "btq $63,8(%[m])");
                BT_MEM("sub %[y],%[x]", "btl $37,(%[m])"); BT_MEM("and %[y],%[x]", "btw $9,-2(%[m])");
                break;
            case 1:
                BT_MEM("cmp %[y],%[x]", "btsq %[n],(%[m])"); BT_MEM("add %[y],%[x]", "btsl %k[n],(%[m])");
                BT_MEM("test %[y],%[x]", "btsw %w[n],(%[m])"); BT_MEM("dec %[x]", "btsq $0,16(%[m])");
                BT_MEM("sub %[y],%[x]", "btsl $31,(%[m])"); BT_MEM("or %[y],%[x]", "btsw $15,-4(%[m])");
                break;
            case 2:
                BT_MEM("cmp %[y],%[x]", "btrq %[n],(%[m])"); BT_MEM("add %[y],%[x]", "btrl %k[n],(%[m])");
                BT_MEM("test %[y],%[x]", "btrw %w[n],(%[m])"); BT_MEM("neg %[x]", "btrq $40,24(%[m])");
                BT_MEM("sub %[y],%[x]", "btrl $3,(%[m])"); BT_MEM("xor %[y],%[x]", "btrw $0,-6(%[m])");
                break;
            default:
                BT_MEM("cmp %[y],%[x]", "btcq %[n],(%[m])"); BT_MEM("add %[y],%[x]", "btcl %k[n],(%[m])");
                BT_MEM("test %[y],%[x]", "btcw %w[n],(%[m])"); BT_MEM("shl $1,%[x]", "btcq $127,32(%[m])");
                BT_MEM("sub %[y],%[x]", "btcl $16,(%[m])"); BT_MEM("sbb %[y],%[x]", "btcw $7,-8(%[m])");
                break;
            }
        }
        for (int k2 = 0; k2 < 4096; k2 += 8) { uint64_t v; memcpy(&v, mem + k2, 8); mix(v); }
        printf("%s mem %016llx\n", names[k], (unsigned long long)h);
    }
}

/* a bit-set loop as compilers write it (bts in a loop, jc on the tested bit) */
static void loop(void) {
    static uint64_t set[64];
    memset(set, 0, sizeof set);
    uint64_t hits = 0;
    for (uint64_t r = 0; r < 20000; r++) {
        uint64_t b = (r * 2654435761u) % 4096;
        uint8_t c;
        __asm__ volatile("btsq %[b],%[s]\n\tsetc %[c]" : [s] "+m"(set[0]), [c] "=q"(c) : [b] "r"(b) : "cc", "memory");
        hits += c;
        __asm__ volatile("btrq %[b],%[s]\n\tsetc %[c]" : [s] "+m"(set[0]), [c] "=q"(c) : [b] "r"((b * 7) % 4096) : "cc", "memory");
        hits += c * 3;
    }
    h = 0;
    for (int k = 0; k < 64; k++) mix(set[k]);
    printf("loop hits=%llu %016llx\n", (unsigned long long)hits, (unsigned long long)h);
}

int main(void) {
    regs();
    mems();
    loop();
    return 0;
}
