// Memory mapping: anonymous private/shared maps, mprotect, munmap of a middle
// page, MAP_FIXED over an existing map, mremap growth, file-backed mapping
// with msync, brk growth and shrinking. Addresses are never printed.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

int main(void) {
    long pg = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", pg);
    unsigned char *a = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) { perror("mmap"); return 1; }
    int zero = 1;
    for (long i = 0; i < 16 * pg; i++) if (a[i]) { zero = 0; break; }
    printf("anonymous is zeroed: %d, page aligned: %d\n", zero, ((uintptr_t)a & (pg - 1)) == 0);
    for (long i = 0; i < 16 * pg; i++) a[i] = (unsigned char)(i / pg + i);
    printf("mprotect ro: %d\n", mprotect(a + 4 * pg, 2 * pg, PROT_READ));
    printf("munmap middle: %d\n", munmap(a + 8 * pg, pg));
    unsigned char *f = mmap(a + 10 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED at requested address: %d, fresh page zeroed: %d, neighbour kept: %d\n", f == a + 10 * pg,
           f[0] == 0 && f[pg - 1] == 0, a[11 * pg] == (unsigned char)(11 + 11 * pg));
    printf("munmap range with a hole: %d\n", munmap(a + 4 * pg, 12 * pg));
    unsigned char *g = mremap(a, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) { perror("mremap"); return 1; }
    long sum = 0;
    for (long i = 0; i < 4 * pg; i++) sum += g[i];
    printf("mremap kept data: sum %ld, tail zero %d\n", sum, g[63 * pg] == 0);
    munmap(g, 64 * pg);

    /* shared anonymous mapping visible through two views after mremap-free copy */
    int *sh = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 100; i++) sh[i] = i * i;
    long ss = 0;
    for (int i = 0; i < 100; i++) ss += sh[i];
    printf("shared anon sum %ld\n", ss);
    munmap(sh, pg);

    /* file-backed mapping */
    char path[] = "/tmp/x64vm-mmap-XXXXXX";
    int fd = mkstemp(path);
    ftruncate(fd, 3 * pg);
    char *fm = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(fm + pg + 10, "written through a shared file mapping");
    msync(fm, 3 * pg, MS_SYNC);
    char back[64] = { 0 };
    pread(fd, back, 40, pg + 10);
    printf("pread sees: %s\n", back);
    pwrite(fd, "FILE", 4, 0);
    printf("mapping sees pwrite: %.4s\n", fm);
    munmap(fm, 3 * pg);
    char *pm = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, pg);
    pm[10] = 'W';
    pread(fd, back, 1, pg + 10);
    printf("private mapping copy-on-write: map %c file %c\n", pm[10], back[0]);
    munmap(pm, pg);
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("read-only file map: %.4s\n", ro);
    munmap(ro, pg);
    close(fd);
    unlink(path);

    /* the raw brk system call (musl's sbrk only supports sbrk(0)) */
    char *b0 = (char *)syscall(SYS_brk, 0);
    char *b1 = (char *)syscall(SYS_brk, b0 + 100000);
    printf("brk grew by at least 100000: %d\n", b1 >= b0 + 100000);
    memset(b0, 7, 100000);
    long bs = 0;
    for (int i = 0; i < 100000; i += 999) bs += b0[i];
    char *b2 = (char *)syscall(SYS_brk, b0 + 50000);
    printf("brk sum %ld, shrank to request: %d\n", bs, b2 == b0 + 50000);
    char *b3 = (char *)syscall(SYS_brk, b0);
    printf("brk restored: %d\n", b3 == b0);
    /* madvise DONTNEED zeroes private anonymous pages */
    unsigned char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 0xee, 4 * pg);
    madvise(m + pg, pg, MADV_DONTNEED);
    printf("after DONTNEED: %02x %02x %02x\n", m[0], m[pg], m[2 * pg]);
    munmap(m, 4 * pg);
    return 0;
}
