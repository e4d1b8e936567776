// FPU/SSE state across signal handlers: the interrupted code's XMM registers,
// MXCSR and x87 control word survive a handler that clobbers them; the handler
// starts with the default MXCSR and control word; the fpstate in the ucontext
// holds the interrupted values, and a handler can change them for the return.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <ucontext.h>

static volatile unsigned h_mxcsr, h_fcw, fp_mxcsr, fp_fcw;
static volatile uint64_t fp_xmm0, fp_xmm15;
static volatile int patch;

static void handler(int sig, siginfo_t *si, void *ucv) {
    (void)sig; (void)si;
    ucontext_t *uc = ucv;
    unsigned m; unsigned short cw;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    h_mxcsr = m; h_fcw = cw;
    fp_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    fp_fcw = uc->uc_mcontext.fpregs->cwd;
    memcpy((void *)&fp_xmm0, &uc->uc_mcontext.fpregs->_xmm[0], 8);
    memcpy((void *)&fp_xmm15, &uc->uc_mcontext.fpregs->_xmm[15], 8);
    if (patch) {
        uint64_t v = 0x1122334455667788ULL;
        memcpy(&uc->uc_mcontext.fpregs->_xmm[1], &v, 8);
        uc->uc_mcontext.fpregs->mxcsr = 0x1f80 | (2 << 13);
    }
    // clobber everything
    unsigned z = 0x1f80 | (3 << 13);
    unsigned short zc = 0x0c7f;
    __asm__ volatile("ldmxcsr %0" : : "m"(z));
    __asm__ volatile("fldcw %0" : : "m"(zc));
    __asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\t" "pcmpeqd %%xmm1, %%xmm1\n\t" "pcmpeqd %%xmm7, %%xmm7\n\t"
                     "pcmpeqd %%xmm8, %%xmm8\n\t" "pcmpeqd %%xmm15, %%xmm15\n\t"
                     ::: "xmm0", "xmm1", "xmm7", "xmm8", "xmm15");
    __asm__ volatile("fldpi\n\tfldpi\n\tfstp %%st(0)\n\tfstp %%st(0)" ::: "st", "st(1)");
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    for (patch = 0; patch <= 1; patch++) {
        uint64_t in[16][2], out[16][2];
        for (int k = 0; k < 16; k++) { in[k][0] = 0x0101010101010101ULL * (k + 1); in[k][1] = ~in[k][0]; }
        unsigned mx = 0x1f80 | (1 << 13), mx_after;   // round down
        unsigned short cw = 0x037f & ~0x300, cw_after; // single precision
        long double x = 1.0L / 3.0L, y;
        __asm__ volatile(
            "ldmxcsr %[mx]\n\t" "fldcw %[cw]\n\t"
            "fldt %[x]\n\t"
            "movdqu 0(%[in]), %%xmm0\n\t" "movdqu 16(%[in]), %%xmm1\n\t" "movdqu 32(%[in]), %%xmm2\n\t"
            "movdqu 48(%[in]), %%xmm3\n\t" "movdqu 64(%[in]), %%xmm4\n\t" "movdqu 80(%[in]), %%xmm5\n\t"
            "movdqu 96(%[in]), %%xmm6\n\t" "movdqu 112(%[in]), %%xmm7\n\t" "movdqu 128(%[in]), %%xmm8\n\t"
            "movdqu 144(%[in]), %%xmm9\n\t" "movdqu 160(%[in]), %%xmm10\n\t" "movdqu 176(%[in]), %%xmm11\n\t"
            "movdqu 192(%[in]), %%xmm12\n\t" "movdqu 208(%[in]), %%xmm13\n\t" "movdqu 224(%[in]), %%xmm14\n\t"
            "movdqu 240(%[in]), %%xmm15\n\t"
            "movl $39, %%eax\n\t" "syscall\n\t"          // getpid
            "movl %%eax, %%edi\n\t" "movl $10, %%esi\n\t" "movl $62, %%eax\n\t" "syscall\n\t" // kill(pid, SIGUSR1)
            "movdqu %%xmm0, 0(%[out])\n\t" "movdqu %%xmm1, 16(%[out])\n\t" "movdqu %%xmm2, 32(%[out])\n\t"
            "movdqu %%xmm3, 48(%[out])\n\t" "movdqu %%xmm4, 64(%[out])\n\t" "movdqu %%xmm5, 80(%[out])\n\t"
            "movdqu %%xmm6, 96(%[out])\n\t" "movdqu %%xmm7, 112(%[out])\n\t" "movdqu %%xmm8, 128(%[out])\n\t"
            "movdqu %%xmm9, 144(%[out])\n\t" "movdqu %%xmm10, 160(%[out])\n\t" "movdqu %%xmm11, 176(%[out])\n\t"
            "movdqu %%xmm12, 192(%[out])\n\t" "movdqu %%xmm13, 208(%[out])\n\t" "movdqu %%xmm14, 224(%[out])\n\t"
            "movdqu %%xmm15, 240(%[out])\n\t"
            "fstpt %[y]\n\t"
            "stmxcsr %[mxa]\n\t" "fnstcw %[cwa]\n\t"
            : [y] "=m"(y), [mxa] "=m"(mx_after), [cwa] "=m"(cw_after)
            : [in] "r"(in), [out] "r"(out), [mx] "m"(mx), [cw] "m"(cw), [x] "m"(x)
            : "rax", "rcx", "rdx", "rdi", "rsi", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
              "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
        int same = 0;
        for (int k = 0; k < 16; k++) same += in[k][0] == out[k][0] && in[k][1] == out[k][1];
        printf("patch %d: xmm regs preserved %d/16, xmm1 low %#llx\n", patch, same, (unsigned long long)out[1][0]);
        printf("  mxcsr after %#x, fcw after %#x, st0 kept %d\n", mx_after, cw_after, y == x);
        printf("  in handler: mxcsr %#x fcw %#x; fpstate: mxcsr %#x fcw %#x xmm0 %#llx xmm15 %#llx\n", h_mxcsr, h_fcw,
               fp_mxcsr, fp_fcw, (unsigned long long)fp_xmm0, (unsigned long long)fp_xmm15);
        __asm__ volatile("fninit");
        unsigned d = 0x1f80;
        __asm__ volatile("ldmxcsr %0" : : "m"(d));
    }
    return 0;
}
