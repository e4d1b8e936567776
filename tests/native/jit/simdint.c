/* Packed-integer SSE2 the JIT compiles (src/jit/simd-int.ts): each operation runs on
   XMM registers loaded from edge-biased random bytes, in the register and the memory
   form, and the results are hashed per operation; then glibc's string functions
   (SSE2 and later versions picked by CPUID) over many lengths and alignments. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t seed = 0x243f6a8885a308d3ULL;
static uint64_t rnd(void) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 7;
}
static unsigned char edge(void) {
    static const unsigned char e[] = { 0, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x40, 0x55, 0xaa };
    uint64_t r = rnd();
    return (r & 3) ? e[(r >> 2) % sizeof e] : (unsigned char)(r >> 8);
}

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; }
unsigned char A[16] __attribute__((aligned(16))), B[32] __attribute__((aligned(16))), R[16] __attribute__((aligned(16)));
uint64_t G;

#define OP(name, body) do { \
    h = 0; \
    for (int k = 0; k < 400; k++) { \
        for (int j = 0; j < 16; j++) { A[j] = edge(); B[j] = (k & 1) ? A[j] ^ (edge() & 0x81) : edge(); } \
        G = rnd(); \
        __asm__ volatile("movdqa A(%%rip),%%xmm0\n movdqa B(%%rip),%%xmm1\n" body "\n movdqa %%xmm0,R(%%rip)" \
                         : : : "xmm0", "xmm1", "xmm2", "rax", "rcx", "cc", "memory"); \
        mix(((uint64_t *)R)[0]); mix(((uint64_t *)R)[1]); mix(G); \
    } \
    printf("%-24s %016llx\n", name, (unsigned long long)h); \
} while (0)
#define BIN(name) OP(name " reg", name " %%xmm1,%%xmm0"); OP(name " mem", name " B(%%rip),%%xmm0")

int main(void) {
    BIN("pcmpeqb"); BIN("pcmpeqw"); BIN("pcmpeqd");
    BIN("pcmpgtb"); BIN("pcmpgtw"); BIN("pcmpgtd");
    BIN("pminub"); BIN("pmaxub"); BIN("pminsw"); BIN("pmaxsw");
    BIN("paddb"); BIN("paddw"); BIN("psubb"); BIN("psubw");
    BIN("paddsb"); BIN("paddsw"); BIN("paddusb"); BIN("paddusw");
    BIN("psubsb"); BIN("psubsw"); BIN("psubusb"); BIN("psubusw");
    BIN("pavgb"); BIN("pavgw");
    BIN("punpcklbw"); BIN("punpcklwd"); BIN("punpckldq"); BIN("punpcklqdq");
    BIN("punpckhbw"); BIN("punpckhwd"); BIN("punpckhdq"); BIN("punpckhqdq");
    /* SSSE3 */
    BIN("pshufb"); BIN("pabsb"); BIN("pabsw"); BIN("pabsd");
    OP("palignr 0 reg", "palignr $0,%%xmm1,%%xmm0"); OP("palignr 1 reg", "palignr $1,%%xmm1,%%xmm0");
    OP("palignr 5 mem", "palignr $5,B(%%rip),%%xmm0"); OP("palignr 15 reg", "palignr $15,%%xmm1,%%xmm0");
    OP("palignr 16 reg", "palignr $16,%%xmm1,%%xmm0"); OP("palignr 17 mem", "palignr $17,B(%%rip),%%xmm0");
    OP("palignr 31 reg", "palignr $31,%%xmm1,%%xmm0"); OP("palignr 32 reg", "palignr $32,%%xmm1,%%xmm0");
    OP("palignr 200 reg", "palignr $200,%%xmm1,%%xmm0"); OP("palignr 8 same", "palignr $8,%%xmm0,%%xmm0");
    /* SSE4.2 pcmpistri (equal each on bytes): index, and flags both through pushf and in-region jcc */
#define PCMPI(imm) \
    OP("pcmpistri " #imm " reg", "pcmpistri $" #imm ",%%xmm1,%%xmm0; pushfq; pop %%rax; and $0x8d5,%%eax; shl $8,%%rax; or %%rcx,%%rax; mov %%rax,G(%%rip)"); \
    OP("pcmpistri " #imm " mem", "pcmpistri $" #imm ",B(%%rip),%%xmm0; mov %%ecx,%%eax; ja 1f; add $100,%%eax; 1: jc 2f; add $200,%%eax; 2: jo 3f; add $400,%%eax; 3: js 4f; add $800,%%eax; 4: jz 5f; add $1600,%%eax; 5: mov %%rax,G(%%rip)"); \
    OP("pcmpistri " #imm " mem+1", "pcmpistri $" #imm ",B+1(%%rip),%%xmm0; setc %%al; seto %%ah; shl $8,%%rcx; or %%rcx,%%rax; mov %%rax,G(%%rip)")
    PCMPI(0x1a); PCMPI(0x3a); PCMPI(0x18); PCMPI(0x08); PCMPI(0x38); PCMPI(0x0a); PCMPI(0x2a);
    OP("pmovmskb eax", "pmovmskb %%xmm0,%%eax; mov %%rax,G(%%rip)");
    OP("pmovmskb rax", "mov $-1,%%rax; pmovmskb %%xmm1,%%rax; mov %%rax,G(%%rip)");
    OP("pcmpeqb+pmovmskb", "pxor %%xmm2,%%xmm2; pcmpeqb %%xmm0,%%xmm2; pmovmskb %%xmm2,%%eax; mov %%eax,G(%%rip)");
    OP("psrlw 3", "psrlw $3,%%xmm0"); OP("psrlw 16", "psrlw $16,%%xmm0"); OP("psraw 5", "psraw $5,%%xmm0");
    OP("psraw 200", "psraw $200,%%xmm0"); OP("psllw 15", "psllw $15,%%xmm0");
    OP("psrld 7", "psrld $7,%%xmm0"); OP("psrad 31", "psrad $31,%%xmm0"); OP("psrad 33", "psrad $33,%%xmm0");
    OP("pslld 32", "pslld $32,%%xmm0"); OP("pslld 1", "pslld $1,%%xmm0");
    OP("psrlq 63", "psrlq $63,%%xmm0"); OP("psllq 9", "psllq $9,%%xmm0"); OP("psllq 64", "psllq $64,%%xmm0");
    for (int n = 0; n <= 17; n += 1) {
        char nm[32];
        if (n == 0) { OP("pslldq 0", "pslldq $0,%%xmm0"); OP("psrldq 0", "psrldq $0,%%xmm0"); }
        if (n == 1) { OP("pslldq 1", "pslldq $1,%%xmm0"); OP("psrldq 1", "psrldq $1,%%xmm0"); }
        if (n == 7) { OP("pslldq 7", "pslldq $7,%%xmm0"); OP("psrldq 7", "psrldq $7,%%xmm0"); }
        if (n == 8) { OP("pslldq 8", "pslldq $8,%%xmm0"); OP("psrldq 8", "psrldq $8,%%xmm0"); }
        if (n == 15) { OP("pslldq 15", "pslldq $15,%%xmm0"); OP("psrldq 15", "psrldq $15,%%xmm0"); }
        if (n == 16) { OP("pslldq 16", "pslldq $16,%%xmm0"); OP("psrldq 16", "psrldq $16,%%xmm0"); }
        if (n == 17) { OP("pslldq 200", "pslldq $200,%%xmm0"); OP("psrldq 200", "psrldq $200,%%xmm0"); }
        (void)nm;
    }

    /* string functions over lengths and alignments */
    static char buf[4096 + 64], buf2[4096 + 64];
    h = 0;
    for (int len = 0; len < 300; len += (len < 40 ? 1 : 7)) {
        for (int al = 0; al < 16; al++) {
            char *s = buf + al, *t = buf2 + ((al * 5) & 15);
            for (int j = 0; j < len; j++) s[j] = t[j] = 'a' + (char)(rnd() % 26);
            s[len] = t[len] = 0;
            mix(strlen(s));
            mix((uint64_t)(strchr(s, 'q') ? strchr(s, 'q') - s : -1));
            mix((uint64_t)(memchr(s, 'z', len) ? (char *)memchr(s, 'z', len) - s : -1));
            mix((uint64_t)strcmp(s, t));
            if (len) { t[rnd() % len] ^= 1; mix((uint64_t)(strcmp(s, t) > 0)); mix((uint64_t)(memcmp(s, t, len) > 0)); }
            mix((uint64_t)strrchr(s, 'e') ? (uint64_t)(strrchr(s, 'e') - s) : 7);
            memset(t, 'x', len); mix((uint64_t)strspn(t, "x"));
            memcpy(t, s, len + 1); mix((uint64_t)strcmp(s, t));
        }
    }
    printf("string functions %016llx\n", (unsigned long long)h);
    return 0;
}
