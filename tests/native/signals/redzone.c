// The red zone: a leaf function keeps data in the 128 bytes below %rsp while a
// 1 ms SIGALRM timer fires repeatedly; the handler uses plenty of stack. Nothing
// below %rsp-128 is promised, everything above must survive.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

volatile int ticks;

static void on_alarm(int sig) {
    (void)sig;
    volatile char junk[2048];
    for (int i = 0; i < 2048; i++) junk[i] = (char)i;
    ticks++;
}

/* long check_redzone(int target): fills -128(%rsp)..-1(%rsp), then verifies it
 * until ticks reaches target; returns the number of damaged qwords. */
__attribute__((naked, noinline)) static long check_redzone(int target) {
    __asm__ volatile(
        "xorl %ecx, %ecx\n"
        "1:\n\t"
        "leaq 0x5a5a(%rcx), %rax\n\t"
        "imulq $0x3779b1, %rax, %rax\n\t"
        "movq %rax, -128(%rsp,%rcx,8)\n\t"
        "incl %ecx\n\t"
        "cmpl $16, %ecx\n\t"
        "jne 1b\n\t"
        "xorl %edx, %edx\n"
        "2:\n\t"
        "xorl %ecx, %ecx\n"
        "3:\n\t"
        "leaq 0x5a5a(%rcx), %rax\n\t"
        "imulq $0x3779b1, %rax, %rax\n\t"
        "cmpq %rax, -128(%rsp,%rcx,8)\n\t"
        "je 4f\n\t"
        "incq %rdx\n\t"
        "movq %rax, -128(%rsp,%rcx,8)\n"
        "4:\n\t"
        "incl %ecx\n\t"
        "cmpl $16, %ecx\n\t"
        "jne 3b\n\t"
        "movl ticks(%rip), %eax\n\t"
        "cmpl %edi, %eax\n\t"
        "jl 2b\n\t"
        "movq %rdx, %rax\n\t"
        "ret\n");
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    long bad = check_redzone(30);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("ticks >= 30: %d, damaged qwords: %ld\n", ticks >= 30, bad);
    return bad != 0;
}
