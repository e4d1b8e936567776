// The 128-byte red zone below %rsp must survive signal delivery: a naked asm
// leaf function and a C leaf function keep data in the red zone while a
// repeating SIGALRM (setitimer) fires; the handler scribbles on its own stack.
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

volatile int rz_ticks;

static void on_alarm(int sig) {
    (void)sig;
    volatile char junk[1024];
    for (int i = 0; i < 1024; i++) junk[i] = (char)(i ^ 0x5a);
    rz_ticks++;
}

/* long redzone_asm(int target): fills -128..-8(%rsp) with a pattern, then
 * re-verifies it until rz_ticks >= target; returns the number of words found
 * clobbered. It never moves %rsp. */
__attribute__((naked, noinline)) static long redzone_asm(int target) {
    __asm__ volatile(
        "movabsq $0x5a5a5a5a12345678, %r8\n\t"
        "xorl %ecx, %ecx\n"
        "1:\n\t"
        "imulq $0x3779b9, %rcx, %rax\n\t"
        "xorq %r8, %rax\n\t"
        "movq %rax, -128(%rsp,%rcx,8)\n\t"
        "incl %ecx\n\t"
        "cmpl $16, %ecx\n\t"
        "jne 1b\n\t"
        "xorl %edx, %edx\n"
        "2:\n\t"
        "xorl %ecx, %ecx\n"
        "3:\n\t"
        "imulq $0x3779b9, %rcx, %rax\n\t"
        "xorq %r8, %rax\n\t"
        "cmpq %rax, -128(%rsp,%rcx,8)\n\t"
        "je 4f\n\t"
        "incq %rdx\n\t"
        "movq %rax, -128(%rsp,%rcx,8)\n"
        "4:\n\t"
        "incl %ecx\n\t"
        "cmpl $16, %ecx\n\t"
        "jne 3b\n\t"
        "movl rz_ticks(%rip), %eax\n\t"
        "cmpl %edi, %eax\n\t"
        "jl 2b\n\t"
        "movq %rdx, %rax\n\t"
        "ret\n");
}

/* The same in C: a leaf function with a local array, which gcc -O2 keeps in
 * the red zone (no stack adjustment). */
__attribute__((noinline)) static long redzone_c(int target) {
    volatile unsigned long arr[14];
    for (int i = 0; i < 14; i++) arr[i] = 0xa5a5a5a5a5a5a5a5UL ^ ((unsigned long)i * 0x10001);
    long bad = 0;
    while (rz_ticks < target) {
        for (int i = 0; i < 14; i++) {
            unsigned long want = 0xa5a5a5a5a5a5a5a5UL ^ ((unsigned long)i * 0x10001);
            if (arr[i] != want) { bad++; arr[i] = want; }
        }
    }
    return bad;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);

    long bad_asm = 0, bad_c = 0;
    for (int round = 1; round <= 5; round++) {
        bad_asm += redzone_asm(rz_ticks + 5);
        bad_c += redzone_c(rz_ticks + 5);
    }
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("ticks >= 50: %d\n", rz_ticks >= 50);
    printf("red zone words clobbered: asm %ld, C %ld\n", bad_asm, bad_c);
    return bad_asm || bad_c;
}
