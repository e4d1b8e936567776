/* Integer instructions the JIT compiles, checked through the flags software can
   see: each snippet runs an operation and then pushf (which the JIT leaves to the
   interpreter, so the lazy-flag record stored at the region exit is read), setcc on
   all 16 conditions (fused compares) and cmov. Inputs come from an LCG; every result
   goes into a checksum printed per operation. */
#include <stdio.h>
#include <stdint.h>

static uint64_t seed = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t r = seed >> 11;
    switch ((seed >> 3) & 7) { /* bias towards edge values */
    case 0: return r & 0xff;
    case 1: return 0x7fffffffffffffffULL - (r & 3);
    case 2: return 0x80000000ULL + (r & 3) - 2;
    case 3: return (uint64_t)-(int64_t)(r & 7);
    case 4: return 0x7fff + (r & 3);
    default: return r * 0x100000001ULL;
    }
}

static uint64_t h;
uint64_t mv[2];
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; }

#define FLAGS_MASK 0x8d5 /* CF PF AF ZF SF OF */
#define SETCC_ALL(pre) \
    __asm__ volatile(pre "\n" \
        "seto %%cl; shl $1,%%rcx; setno %%cl; shl $1,%%rcx; setb %%cl; shl $1,%%rcx; setae %%cl; shl $1,%%rcx;" \
        "sete %%cl; shl $1,%%rcx; setne %%cl; shl $1,%%rcx; setbe %%cl; shl $1,%%rcx; seta %%cl; shl $1,%%rcx;" \
        "sets %%cl; shl $1,%%rcx; setns %%cl; shl $1,%%rcx; setp %%cl; shl $1,%%rcx; setnp %%cl; shl $1,%%rcx;" \
        "setl %%cl; shl $1,%%rcx; setge %%cl; shl $1,%%rcx; setle %%cl; shl $1,%%rcx; setg %%cl" \
        : "+a"(a), "+d"(b), "=&c"(cc) : : "cc")

/* op then pushf: flags through the lazy record */
#define PUSHF(insn) \
    __asm__ volatile(insn "\n pushfq\n pop %%rcx" : "+a"(a), "+d"(b), "=&c"(fl) : : "cc")

#define TEST2(name, insn) do { \
    uint64_t s0 = h; h = 0; \
    for (int k = 0; k < 400; k++) { \
        uint64_t a = rnd(), b = rnd(), cc = 0, fl; \
        uint64_t a0 = a, b0 = b, m0 = rnd(); \
        mv[0] = m0; PUSHF(insn); mix(a); mix(b); mix(fl & FLAGS_MASK); mix(mv[0]); \
        a = a0; b = b0; mv[0] = m0; \
        SETCC_ALL(insn); mix(a); mix(cc); mix(mv[0]); \
    } \
    printf("%-28s %016llx\n", name, (unsigned long long)h); h ^= s0; \
} while (0)

int main(void) {
    TEST2("add rdx,rax", "add %%rdx,%%rax");
    TEST2("add edx,eax", "add %%edx,%%eax");
    TEST2("add dx,ax", "add %%dx,%%ax");
    TEST2("add dl,al", "add %%dl,%%al");
    TEST2("add dh,al", "add %%dh,%%al");
    TEST2("sub rdx,rax", "sub %%rdx,%%rax");
    TEST2("sub edx,eax", "sub %%edx,%%eax");
    TEST2("sub dx,ax", "sub %%dx,%%ax");
    TEST2("sub dl,ah", "sub %%dl,%%ah");
    TEST2("cmp rdx,rax", "cmp %%rdx,%%rax");
    TEST2("cmp edx,eax", "cmp %%edx,%%eax");
    TEST2("cmp dx,ax", "cmp %%dx,%%ax");
    TEST2("cmp dl,al", "cmp %%dl,%%al");
    TEST2("cmp $-5,rax", "cmp $-5,%%rax");
    TEST2("cmp $0x7f,al", "cmp $0x7f,%%al");
    TEST2("and rdx,rax", "and %%rdx,%%rax");
    TEST2("or edx,eax", "or %%edx,%%eax");
    TEST2("xor dx,ax", "xor %%dx,%%ax");
    TEST2("test rdx,rax", "test %%rdx,%%rax");
    TEST2("test $0x80,al", "test $0x80,%%al");
    TEST2("test edx,eax", "test %%edx,%%eax");
    TEST2("inc rax", "inc %%rax");
    TEST2("dec eax", "dec %%eax");
    TEST2("inc ax", "inc %%ax");
    TEST2("dec al", "dec %%al");
    TEST2("cmp;inc (CF kept)", "cmp %%rdx,%%rax; inc %%rax");
    TEST2("add;dec (CF kept)", "add %%rdx,%%rax; dec %%edx");
    TEST2("neg rax", "neg %%rax");
    TEST2("neg eax", "neg %%eax");
    TEST2("neg al", "neg %%al");
    TEST2("not;test", "not %%rax; test %%rax,%%rax");
    TEST2("shl $1,rax", "shl $1,%%rax");
    TEST2("shl $13,rax", "shl $13,%%rax");
    TEST2("shl $5,eax", "shl $5,%%eax");
    TEST2("shl $3,ax", "shl $3,%%ax");
    TEST2("shl $7,al", "shl $7,%%al");
    TEST2("shr $1,rax", "shr $1,%%rax");
    TEST2("shr $29,rax", "shr $29,%%rax");
    TEST2("shr $31,eax", "shr $31,%%eax");
    TEST2("shr $4,dx", "shr $4,%%dx");
    TEST2("sar $1,rax", "sar $1,%%rax");
    TEST2("sar $63,rax", "sar $63,%%rax");
    TEST2("sar $9,eax", "sar $9,%%eax");
    TEST2("sar $2,al", "sar $2,%%al");
    TEST2("imul rdx,rax", "imul %%rdx,%%rax");
    TEST2("imul edx,eax", "imul %%edx,%%eax");
    TEST2("imul $-7,rdx,rax", "imul $-7,%%rdx,%%rax");
    TEST2("imul $1000,edx,eax", "imul $1000,%%edx,%%eax");
    TEST2("lea;cmp", "lea 7(%%rax,%%rdx,4),%%rax; cmp %%rdx,%%rax");
    TEST2("movzx;movsx;sub", "movzbl %%dl,%%edx; movsbq %%al,%%rax; sub %%rdx,%%rax");
    TEST2("movsxd;movzwl;add", "movslq %%eax,%%rax; movzwl %%dx,%%edx; add %%rdx,%%rax");
    TEST2("cdqe;cqo;xor", "cltq; cqto; xor %%rdx,%%rax");
    TEST2("cmov*", "cmp %%rdx,%%rax; cmovl %%rdx,%%rax; cmovae %%eax,%%edx; cmp %%eax,%%edx; cmovs %%dx,%%ax");
    TEST2("mov8/16 high", "mov %%dl,%%ah; mov %%ax,%%dx; movb $0x80,%%dh; add %%dh,%%al");
    TEST2("cmp;inc;jcc chain", "cmp %%rdx,%%rax; inc %%rdx; adc $0,%%rax");
    TEST2("push/pop", "push %%rax; push %%rdx; pop %%rax; pop %%rdx; sub %%rdx,%%rax");
    TEST2("and $imm,mem-free", "and $-16,%%rax; or $0x55,%%dl; xor $0x1234,%%ax; sub $3,%%eax");
    TEST2("add mem,rax", "add mv(%%rip),%%rax");
    TEST2("add rax,mem", "add %%rax,mv(%%rip)");
    TEST2("sub edx,mem32", "sub %%edx,mv+4(%%rip)");
    TEST2("cmp mem16,dx", "cmpw mv+2(%%rip),%%dx");
    TEST2("cmpb $imm,mem", "cmpb $0x40,mv(%%rip)");
    TEST2("incb mem", "incb mv+1(%%rip)");
    TEST2("decq mem", "decq mv(%%rip)");
    TEST2("negl mem", "negl mv(%%rip)");
    TEST2("notw mem", "notw mv(%%rip); testw $0x101,mv(%%rip)");
    TEST2("shlq $3,mem", "shlq $3,mv(%%rip)");
    TEST2("sarl $1,mem", "sarl mv(%%rip)");
    TEST2("test mem,rdx", "test %%rdx,mv(%%rip)");
    TEST2("mov/movzx/movsx mem", "mov %%dl,mv+3(%%rip); movzbl mv+3(%%rip),%%eax; movswq mv+2(%%rip),%%rdx; add %%rdx,%%rax");
    TEST2("imul mem", "imul mv(%%rip),%%rax");
    TEST2("cmov mem", "cmp %%rdx,%%rax; cmovg mv(%%rip),%%rax; cmovbe mv(%%rip),%%edx");
    TEST2("setcc mem", "cmp %%rdx,%%rax; setle mv+5(%%rip); sete mv+6(%%rip)");
    TEST2("lea index", "lea mv(%%rip),%%rcx; and $1,%%edx; mov (%%rcx,%%rdx,8),%%rax; add 8(%%rcx),%%rax");
    printf("checksum %016llx\n", (unsigned long long)h);
    return 0;
}
