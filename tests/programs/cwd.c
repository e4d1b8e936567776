// getcwd/chdir/fchdir: move around a temporary tree and check getcwd agrees
// (the temporary name itself is never printed).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>

static char base[64];

static void show(const char *tag) {
    char buf[4096];
    if (!getcwd(buf, sizeof buf)) { printf("%s: getcwd failed %s\n", tag, strerror(errno)); return; }
    size_t n = strlen(base);
    if (!strncmp(buf, base, n)) printf("%s: <tmp>%s\n", tag, buf + n);
    else printf("%s: outside tmp (%s)\n", tag, buf[0] == '/' ? "absolute" : "relative?");
}

int main(void) {
    strcpy(base, "/tmp/x64vm-cwd-XXXXXX");
    if (!mkdtemp(base)) return 1;
    if (chdir(base)) return 2;
    show("start");
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    mkdir("a/b/c", 0755);
    chdir("a/b/c");
    show("deep");
    chdir("..");
    show("up one");
    chdir("../..");
    show("back at base");
    int fd = open("a/b", O_RDONLY | O_DIRECTORY);
    fchdir(fd);
    close(fd);
    show("fchdir");
    FILE *f = fopen("rel.txt", "w");
    fputs("relative file\n", f);
    fclose(f);
    char probe[128];
    snprintf(probe, sizeof probe, "%s/a/b/rel.txt", base);
    printf("relative file landed in cwd: %d\n", access(probe, F_OK) == 0);
    char small[4];
    errno = 0;
    const char *tiny = getcwd(small, sizeof small) ? "ok" : "NULL";
    printf("getcwd tiny buffer: %s errno %s\n", tiny, strerror(errno));
    char *dyn = getcwd(NULL, 0);
    printf("getcwd(NULL,0) ends with /a/b: %d\n", dyn && strlen(dyn) > 4 && !strcmp(dyn + strlen(dyn) - 4, "/a/b"));
    free(dyn);
    int cr = chdir("nope");
    printf("chdir missing: %d %s\n", cr, strerror(errno));
    chdir("/");
    show("root");
    char rootbuf[8];
    printf("root is /: %d\n", getcwd(rootbuf, sizeof rootbuf) && !strcmp(rootbuf, "/"));
    /* remove the tree from outside it */
    chdir(base);
    unlink("a/b/rel.txt");
    rmdir("a/b/c");
    rmdir("a/b");
    rmdir("a");
    chdir("/");
    printf("cleanup %d\n", rmdir(base) == 0);
    return 0;
}
