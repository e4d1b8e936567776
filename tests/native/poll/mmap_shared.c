// MAP_SHARED file mappings against read/write of the same file: stores through
// the mapping seen by read/pread (with and without msync), writes and pwrite seen
// through the mapping, ftruncate, a second mapping and a private one, writes to
// the file after close and unlink, munmap and exit writing back, a child of fork
// storing through the mapping it inherited, and memfds.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char path[64];

static void show_file(const char *what, int fd, off_t at, int n) {
    char b[64] = { 0 };
    ssize_t r = pread(fd, b, n, at);
    printf("%s: pread %zd [", what, r);
    for (int k = 0; k < r; k++) putchar(b[k] >= 32 && b[k] < 127 ? b[k] : '.');
    printf("]\n");
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    long pg = sysconf(_SC_PAGESIZE);
    snprintf(path, sizeof path, "/tmp/x64vm-mapsh-%d", getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, 2 * pg);
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }

    memcpy(m + 100, "stored", 6);
    show_file("store then pread, no msync", fd, 100, 6);
    char b[16] = { 0 };
    lseek(fd, pg + 5, SEEK_SET);
    memcpy(m + pg + 5, "second page", 11);
    printf("read: %zd [%s]\n", read(fd, b, 11), b);
    pwrite(fd, "PWRITE", 6, 200);
    printf("mapping sees pwrite: [%.6s]\n", m + 200);
    lseek(fd, 300, SEEK_SET);
    write(fd, "WRITE", 5);
    printf("mapping sees write: [%.5s]\n", m + 300);
    /* a store right after a write of the same bytes wins, and the write's neighbours stay */
    m[301] = 'r';
    show_file("store after write", fd, 298, 9);
    printf("msync: %d\n", msync(m, 2 * pg, MS_SYNC));
    printf("msync async+sync: %d, unaligned: %d\n", msync(m, pg, MS_ASYNC | MS_SYNC), msync(m + 1, pg, MS_SYNC));

    /* a second shared mapping and a private one of the same file */
    char *m2 = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, pg);
    printf("second mapping sees the first's store: [%.11s]\n", m2 + 5);
    char *pv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private mapping sees the stores: [%.6s] [%.6s]\n", pv + 100, pv + 200);
    pv[100] = 'P';
    show_file("private store stays private", fd, 100, 6);
    memcpy(m2 + 20, "via m2", 6);
    msync(m2, pg, MS_SYNC);
    printf("first mapping after msync of the second: [%.6s]\n", m + pg + 20);
    munmap(m2, pg);
    munmap(pv, pg);

    /* truncation: the tail reads as zero, then the file grows again */
    ftruncate(fd, pg + 10);
    struct stat st;
    fstat(fd, &st);
    printf("size after ftruncate %ld, byte in the cut part %d, kept %c\n", (long)st.st_size, m[pg + 20], m[pg + 5]);
    ftruncate(fd, 2 * pg);
    printf("after growing back: %d\n", m[pg + 20]);

    /* unmapping part of it writes that part back; the rest stays shared */
    memcpy(m + pg + 40, "tail", 4);
    memcpy(m + 40, "head", 4);
    munmap(m + pg, pg);
    show_file("after munmap of the second page", fd, pg + 40, 4);
    show_file("first page still shared", fd, 40, 4);

    /* the guest's descriptor is not needed any more */
    close(fd);
    unlink(path);
    memcpy(m + 500, "no fd, no name", 14);
    printf("msync after close and unlink: %d\n", msync(m, pg, MS_SYNC));

    /* a child stores through the mapping it inherited; exit writes back */
    snprintf(path, sizeof path, "/tmp/x64vm-mapsh2-%d", getpid());
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, pg);
    char *c = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(c, "parent", 6);
    pid_t pid = fork();
    if (pid == 0) {
        memcpy(c + 10, "child", 5);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    show_file("the child's store", fd, 10, 5);
    show_file("the parent's store", fd, 0, 6);
    pid = fork();
    if (pid == 0) {
        memcpy(c + 20, "unmapped", 8);
        munmap(c, pg);
        pid_t g = fork();
        if (g == 0) _exit(0);
        waitpid(g, NULL, 0);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    show_file("written back by munmap in the child", fd, 20, 8);
    munmap(c, pg);
    close(fd);

    /* exit writes back: a child maps, stores and exits without munmap or msync */
    pid = fork();
    if (pid == 0) {
        int f2 = open(path, O_RDWR);
        char *x = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, f2, 0);
        close(f2);
        memcpy(x + 30, "at exit", 7);
        exit(0);
    }
    waitpid(pid, NULL, 0);
    fd = open(path, O_RDONLY);
    show_file("written back at exit", fd, 30, 7);
    close(fd);
    unlink(path);

    /* memfd */
    int mf = memfd_create("shared", 0);
    write(mf, "0123456789", 10);
    char *mm = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, mf, 0);
    mm[3] = 'x';
    show_file("memfd sees the store", mf, 0, 10);
    pwrite(mf, "AB", 2, 5);
    printf("memfd mapping sees pwrite: [%.10s]\n", mm);
    return 0;
}
