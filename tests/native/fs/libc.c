// The C library's file APIs over x64vm's syscalls: stdio, dirent, stat,
// realpath, getcwd, mkstemp, tmpfile, ftw, fdopen, pipes and dup2 redirection.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

static char start[PATH_MAX];

#define CHECK(e) do { errno = 0; long r_ = (long)(e); printf("%s = %ld%s%s\n", #e, r_, errno ? " " : "", errno ? strerror(errno) : ""); } while (0)

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void listing(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("opendir %s: %s\n", path, strerror(errno)); return; }
  char *names[100];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 100) {
    char t[300];
    snprintf(t, sizeof t, "%s:%d", e->d_name, e->d_type);
    names[n++] = strdup(t);
  }
  qsort(names, n, sizeof names[0], cmpstr);
  printf("%s:", path);
  for (int k = 0; k < n; k++) { printf(" %s", names[k]); free(names[k]); }
  printf("\n");
  rewinddir(d);
  int again = 0;
  while (readdir(d)) again++;
  printf("after rewinddir %d\n", again);
  closedir(d);
}

static int visit(const char *p, const struct stat *st, int type, struct FTW *f) {
  printf("  ftw %s type %d level %d size %ld\n", p, type, f->level, S_ISREG(st->st_mode) ? (long)st->st_size : -1L);
  return 0;
}
static int byname(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int main(void) {
  umask(022);
  if (!getcwd(start, sizeof start)) { perror("getcwd"); return 1; }

  printf("-- stdio\n");
  FILE *f = fopen("a.txt", "w");
  fprintf(f, "line one\nline two\n%d %s\n", 42, "end");
  CHECK(ftell(f));
  CHECK(fclose(f));
  f = fopen("a.txt", "r");
  char line[100];
  while (fgets(line, sizeof line, f)) printf("got: %s", line);
  CHECK(feof(f));
  CHECK(fseek(f, 5, SEEK_SET));
  CHECK(fgetc(f));
  CHECK(ftell(f));
  rewind(f);
  int num = 0; char w1[20], w2[20];
  CHECK(fscanf(f, "%19s %19s", w1, w2));
  printf("%s %s\n", w1, w2);
  fclose(f);
  f = fopen("a.txt", "a+");
  fputs("appended\n", f);
  fseek(f, 0, SEEK_SET);
  CHECK(fread(line, 1, 8, f));
  fclose(f);
  f = fopen("a.txt", "r+");
  fseek(f, 0, SEEK_END);
  CHECK(ftell(f));
  fseek(f, 0, SEEK_SET);
  fputs("LINE", f);
  fclose(f);
  f = fopen("a.txt", "r");
  size_t n = fread(line, 1, sizeof line - 1, f);
  line[n] = 0;
  printf("content (%zu): %s", n, line);
  fclose(f);
  errno = 0;
  CHECK(fopen("missing/x", "r") == NULL);
  CHECK(fopen("a.txt/x", "w") == NULL);
  CHECK(fopen(".", "w") == NULL);
  (void)num;

  printf("-- stat and friends\n");
  struct stat st;
  CHECK(stat("a.txt", &st));
  printf("size %ld mode %o nlink %ld\n", (long)st.st_size, st.st_mode, (long)st.st_nlink);
  int fd = open("a.txt", O_RDONLY);
  struct stat st2;
  CHECK(fstat(fd, &st2));
  printf("same %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  CHECK(fstatat(AT_FDCWD, "a.txt", &st2, 0));
  CHECK(lstat("missing", &st));
  CHECK(access("a.txt", R_OK));
  CHECK(faccessat(AT_FDCWD, "a.txt", W_OK, AT_EACCESS));
  struct statvfs sv;
  CHECK(statvfs(".", &sv));
  printf("namemax %lu\n", sv.f_namemax);
  CHECK(fstatvfs(fd, &sv));
  close(fd);
#ifdef STATX_BASIC_STATS
  struct statx sx;
  CHECK(statx(AT_FDCWD, "a.txt", 0, STATX_BASIC_STATS, &sx));
  printf("statx size %llu\n", (unsigned long long)sx.stx_size);
#endif

  printf("-- directories\n");
  CHECK(mkdir("d", 0755));
  CHECK(mkdir("d/sub", 0700));
  for (int k = 0; k < 30; k++) {
    char p[64];
    snprintf(p, sizeof p, "d/file%02d", k);
    FILE *g = fopen(p, "w");
    fprintf(g, "%d", k * k);
    fclose(g);
  }
  CHECK(symlink("file01", "d/link"));
  listing("d");
  listing("d/sub");
  listing("missing");
  struct dirent **nl;
  int cnt = scandir("d", &nl, NULL, byname);
  printf("scandir %d first %s last %s\n", cnt, nl[0]->d_name, nl[cnt - 1]->d_name);
  for (int k = 0; k < cnt; k++) free(nl[k]);
  free(nl);
  DIR *dd = opendir("d");
  long pos = -1;
  struct dirent *e;
  int k = 0;
  char saved[256] = "";
  while ((e = readdir(dd))) {
    if (k++ == 5) { pos = telldir(dd); }
    else if (k == 7) strcpy(saved, e->d_name);
  }
  seekdir(dd, pos);
  e = readdir(dd);
  printf("seekdir back: %d\n", e && strcmp(e->d_name, saved) == 0);
  printf("dirfd valid %d\n", dirfd(dd) >= 0);
  closedir(dd);
  CHECK(nftw("d", visit, 10, FTW_PHYS) == 0);

  printf("-- paths\n");
  char rp[PATH_MAX];
  CHECK(realpath("d/../d/sub/.", rp) != NULL);
  printf("realpath rel: %s\n", rp + strlen(start));
  CHECK(realpath("d/link", rp) != NULL);
  printf("realpath link: %s\n", rp + strlen(start));
  CHECK(realpath("d/nothing", rp) == NULL);
  CHECK(chdir("d/sub"));
  char *cw = getcwd(NULL, 0);
  printf("cwd: %s\n", cw + strlen(start));
  free(cw);
  CHECK(chdir(start));
  char lb[100];
  ssize_t ln = readlink("d/link", lb, sizeof lb);
  printf("readlink %zd %.*s\n", ln, (int)ln, lb);
  CHECK(rename("d/file00", "d/renamed"));
  CHECK(unlink("d/file01"));
  CHECK(remove("d/file02"));
  CHECK(remove("d/sub"));
  CHECK(rmdir("d"));
  CHECK(link("a.txt", "b.txt"));
  CHECK(stat("a.txt", &st));
  printf("nlink %ld\n", (long)st.st_nlink);

  printf("-- temporary files\n");
  char tmpl[] = "tmpXXXXXX";
  fd = mkstemp(tmpl);
  printf("mkstemp ok %d name len %zu\n", fd >= 0, strlen(tmpl));
  CHECK(write(fd, "temp", 4));
  CHECK(fstat(fd, &st));
  printf("mode %o\n", st.st_mode);
  CHECK(unlink(tmpl));
  close(fd);
  char dtmpl[] = "dirXXXXXX";
  printf("mkdtemp ok %d\n", mkdtemp(dtmpl) != NULL);
  CHECK(rmdir(dtmpl));
  FILE *t = tmpfile();
  printf("tmpfile ok %d\n", t != NULL);
  if (t) { fputs("tmp", t); rewind(t); printf("read back %c\n", fgetc(t)); fclose(t); }

  printf("-- descriptors\n");
  int p[2];
  CHECK(pipe(p));
  FILE *pw = fdopen(p[1], "w");
  fprintf(pw, "through a pipe %d\n", 7);
  fclose(pw);
  FILE *pr = fdopen(p[0], "r");
  if (fgets(line, sizeof line, pr)) printf("pipe: %s", line);
  CHECK(fgetc(pr) == EOF);
  fclose(pr);
  int saved_out = dup(1);
  fflush(stdout);
  fd = open("redirect.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(dup2(fd, 1) == 1);
  printf("this goes to the file\n");
  fflush(stdout);
  dup2(saved_out, 1);
  close(saved_out);
  close(fd);
  f = fopen("redirect.txt", "r");
  if (fgets(line, sizeof line, f)) printf("redirected: %s", line);
  fclose(f);
  fd = open("a.txt", O_RDONLY | O_CLOEXEC);
  CHECK(fcntl(fd, F_GETFD));
  CHECK(flock(fd, LOCK_EX | LOCK_NB));
  struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
  CHECK(fcntl(fd, F_SETLK, &fl));
  CHECK(lseek(fd, 0, SEEK_END));
  CHECK(pread(fd, line, 4, 1));
  struct iovec iov[2] = {{line, 3}, {line + 10, 3}};
  CHECK(preadv(fd, iov, 2, 0));
  void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
  printf("mmap ok %d first %c\n", m != MAP_FAILED, m != MAP_FAILED ? *(char *)m : '?');
  int out = open("copy.txt", O_WRONLY | O_CREAT, 0644);
  off_t off = 0;
  CHECK(sendfile(out, fd, &off, 1000));
  CHECK(ftruncate(out, 3));
  CHECK(truncate("copy.txt", 2));
  CHECK(fsync(out));
  struct timeval tv[2] = {{100, 0}, {200, 500000}};
  CHECK(utimes("copy.txt", tv));
  CHECK(stat("copy.txt", &st));
  printf("size %ld mtime %ld.%09ld\n", (long)st.st_size, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  struct timespec ts[2] = {{0, UTIME_OMIT}, {300, 0}};
  CHECK(futimens(out, ts));
  CHECK(fstat(out, &st));
  printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
  CHECK(fchmod(out, 0600));
  CHECK(chmod("copy.txt", 0640));
  CHECK(chown("copy.txt", getuid(), getgid()));
  close(out);
  close(fd);
  CHECK(close(fd));
  fd = memfd_create("m", MFD_CLOEXEC);
  CHECK(write(fd, "memfd", 5));
  CHECK(lseek(fd, 0, SEEK_SET));
  CHECK(read(fd, line, 10));
  close(fd);
  return 0;
}
