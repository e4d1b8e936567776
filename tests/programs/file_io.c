// File I/O in a temporary directory: create, write, read, seek, stat,
// rename, unlink, readdir, truncate, append, stdio and raw fds; cleaned up.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

static char dir[64];

static void die(const char *what) {
    printf("FAIL %s: %s\n", what, strerror(errno));
    exit(1);
}

static char *p(const char *name) {
    static char buf[4][128];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, 128, "%s/%s", dir, name);
    return b;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(void) {
    DIR *d = opendir(dir);
    if (!d) die("opendir");
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmpstr);
    printf("dir:");
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(names[i], ".") && strcmp(names[i], "..")) {
            if (lstat(p(names[i]), &st)) die("lstat");
            printf(" %s(%lld%s)", names[i], (long long)st.st_size, S_ISDIR(st.st_mode) ? ",dir" : "");
        } else {
            printf(" %s", names[i]);
        }
        free(names[i]);
    }
    printf("\n");
}

int main(void) {
    strcpy(dir, "/tmp/x64vm-fileio-XXXXXX");
    if (!mkdtemp(dir)) die("mkdtemp");

    int fd = open(p("a.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) die("open a");
    for (int i = 0; i < 100; i++) {
        char line[32];
        int n = snprintf(line, sizeof line, "line %03d\n", i);
        if (write(fd, line, n) != n) die("write");
    }
    close(fd);

    struct stat st;
    if (stat(p("a.txt"), &st)) die("stat");
    printf("size %lld mode %o reg %d\n", (long long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode));

    fd = open(p("a.txt"), O_RDWR);
    if (fd < 0) die("open rw");
    char buf[64] = { 0 };
    off_t off = lseek(fd, 9 * 50, SEEK_SET);
    ssize_t r = read(fd, buf, 18);
    printf("lseek %lld read %zd: %.*s", (long long)off, r, (int)r, buf);
    off = lseek(fd, -9, SEEK_END);
    r = read(fd, buf, 64);
    printf("end %lld read %zd: %.*s", (long long)off, r, (int)r, buf);
    r = read(fd, buf, 64);
    printf("eof read %zd\n", r);
    lseek(fd, 5, SEEK_SET);
    write(fd, "XYZ", 3);
    printf("cur %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    r = pread(fd, buf, 12, 0);
    printf("pread %zd: %.*s|\n", r, 12, buf);
    pwrite(fd, "##", 2, 1);
    if (ftruncate(fd, 50)) die("ftruncate");
    fstat(fd, &st);
    printf("after truncate %lld\n", (long long)st.st_size);
    close(fd);

    /* stdio */
    FILE *f = fopen(p("b.dat"), "w+");
    if (!f) die("fopen");
    for (int i = 0; i < 1000; i++) fprintf(f, "%d,", i * i);
    fflush(f);
    printf("ftell %ld\n", ftell(f));
    rewind(f);
    long sum = 0;
    int v;
    while (fscanf(f, "%d,", &v) == 1) sum += v;
    printf("sum %ld\n", sum);
    fseek(f, 100, SEEK_SET);
    char chunk[21] = { 0 };
    fread(chunk, 1, 20, f);
    printf("chunk %s\n", chunk);
    fclose(f);

    f = fopen(p("a.txt"), "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen(p("a.txt"), "r");
    char line[100];
    int lines = 0;
    while (fgets(line, sizeof line, f)) { lines++; if (lines <= 2 || lines >= 6) printf("  %s", line); }
    fclose(f);
    printf("lines %d\n", lines);

    if (mkdir(p("sub"), 0755)) die("mkdir");
    if (rename(p("b.dat"), p("sub/c.dat"))) die("rename");
    printf("old exists: %d\n", access(p("b.dat"), F_OK) == 0);
    if (symlink("a.txt", p("link"))) die("symlink");
    char target[64];
    ssize_t tl = readlink(p("link"), target, sizeof target);
    printf("readlink %.*s\n", (int)tl, target);
    if (link(p("a.txt"), p("hard"))) die("link");
    stat(p("a.txt"), &st);
    printf("nlink %ld\n", (long)st.st_nlink);
    list();

    /* O_EXCL on existing file */
    fd = open(p("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0600);
    printf("excl: %d %s\n", fd, strerror(errno));
    /* dup and shared offset */
    fd = open(p("a.txt"), O_RDONLY);
    int fd2 = dup(fd);
    lseek(fd, 10, SEEK_SET);
    printf("dup offset %lld\n", (long long)lseek(fd2, 0, SEEK_CUR));
    close(fd);
    close(fd2);

    unlink(p("link"));
    unlink(p("hard"));
    unlink(p("a.txt"));
    unlink(p("sub/c.dat"));
    rmdir(p("sub"));
    list();
    if (rmdir(dir)) die("rmdir");
    printf("cleaned %d\n", access(dir, F_OK) != 0);
    return 0;
}
