// variants: glibc,static-pie
// rseq: glibc registers its area at startup; sched_getcpu reads the CPU from it, and
// the kernel's rules for a second registration and for unregistering hold.
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <unistd.h>

extern const unsigned int __rseq_size;
extern const ptrdiff_t __rseq_offset;

static struct rseq other __attribute__((aligned(32)));

static void show(const char *what, long r) {
    printf("%-28s %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
    printf("registered by libc: %d\n", __rseq_size >= 32);
    printf("sched_getcpu valid: %d\n", sched_getcpu() >= 0);
    struct rseq *mine = (struct rseq *)((char *)__builtin_thread_pointer() + __rseq_offset);
    printf("cpu_id is a cpu: %d\n", (int)mine->cpu_id >= 0 && mine->cpu_id < 4096);
    show("same area again", syscall(SYS_rseq, mine, __rseq_size, 0, RSEQ_SIG));
    show("same area, other signature", syscall(SYS_rseq, mine, __rseq_size, 0, RSEQ_SIG + 1));
    show("another area", syscall(SYS_rseq, &other, 32, 0, RSEQ_SIG));
    show("bad flags", syscall(SYS_rseq, mine, __rseq_size, 2, RSEQ_SIG));
    show("unregister, wrong signature", syscall(SYS_rseq, mine, __rseq_size, RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1));
    show("unregister", syscall(SYS_rseq, mine, __rseq_size, RSEQ_FLAG_UNREGISTER, RSEQ_SIG));
    show("unregister again", syscall(SYS_rseq, mine, __rseq_size, RSEQ_FLAG_UNREGISTER, RSEQ_SIG));
    show("misaligned", syscall(SYS_rseq, (char *)&other + 4, 32, 0, RSEQ_SIG));
    show("too short", syscall(SYS_rseq, &other, 16, 0, RSEQ_SIG));
    show("register another", syscall(SYS_rseq, &other, 32, 0, RSEQ_SIG));
    printf("its cpu_id is a cpu: %d\n", other.cpu_id < 4096);
    return 0;
}
