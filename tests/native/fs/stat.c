// stat, fstat, lstat, newfstatat, statx and the access family.
#include "t.h"

static void showx(const char *label, struct kstatx *x) {
  out("%s: mask&basic %x mode %o nlink %u size %lu uid %u gid %u blksize %u rdev %u:%u\n", label,
      x->mask & 0x7ff, x->mode, x->nlink, x->size, x->uid, x->gid, x->blksize, x->rdev_major, x->rdev_minor);
}

static int test_main(int argc, char **argv) {
  (void)argc; (void)argv;
  struct kstat st, st2;
  struct kstatx sx;
  T(SC1(NR_umask, 022));
  mkfile("file", "twelve bytes");
  T(xmkdir("dir", 0750));
  T(xmkdir("dir/sub1", 0755));
  T(xmkdir("dir/sub2", 0755));
  T(SC2(NR_symlink, "file", "link"));
  T(SC2(NR_symlink, "nowhere", "dangling"));
  T(SC2(NR_symlink, "dir", "dirlink"));

  out("-- stat, lstat, fstat\n");
  T(xstat("file", &st)); showstat("file", &st);
  out("blocks %ld times nonzero %d %d %d nsec<1e9 %d\n", st.blocks, st.atime > 0, st.mtime > 0, st.ctime > 0,
      st.atime_ns < 1000000000 && st.mtime_ns < 1000000000 && st.ctime_ns < 1000000000);
  T(xlstat("link", &st2)); showstat("link", &st2);
  out("link ino differs %d\n", st.ino != st2.ino);
  T(xstat("link", &st2)); out("stat through link: same ino %d same dev %d\n", st.ino == st2.ino, st.dev == st2.dev);
  T(xstat("dir", &st)); showstat("dir", &st);
  T(xstat("dirlink", &st2)); out("dirlink same ino %d\n", st.ino == st2.ino);
  T(xlstat("dirlink/", &st2)); out("lstat dirlink/ is dir %d\n", (st2.mode & S_IFMT) == S_IFDIR);
  T(xstat("dangling", &st));
  T(xlstat("dangling", &st)); showstat("dangling", &st);
  T(xstat("/dev/null", &st)); showstat("/dev/null", &st);
  T(xstat("", &st));
  T(xstat(0, &st));
  T(xstat("file", 0));
  T(xstat("nothing", 0));
  T(xstat("file", (void *)16));
  T(xstat("file/", &st));
  T(xstat("file/x", &st));
  T(xstat("nothing/x", &st));
  T(xstat(".", &st)); out("S_ISDIR %d\n", (st.mode & S_IFMT) == S_IFDIR);
  long fd = T(xopen("file", O_RDONLY, 0));
  T(xfstat(fd, &st2)); xstat("file", &st); out("fstat same ino %d size %ld\n", st.ino == st2.ino, st2.size);
  T(xfstat(fd, 0));
  T(xfstat(999, &st));
  T(xfstat(-1, &st));
  T(xfstat(0, &st) == 0);
  xclose(fd);
  T(xstat("dir/sub1/../../file", &st)); out("size %ld\n", st.size);
  T(xstat("dir/../dir/./sub2", &st)); out("mode %o\n", st.mode);

  out("-- newfstatat\n");
  long dfd = T(xopen("dir", O_RDONLY | O_DIRECTORY, 0));
  T(SC4(NR_newfstatat, dfd, "sub1", &st, 0)); out("mode %o\n", st.mode);
  T(SC4(NR_newfstatat, dfd, "../file", &st, 0)); out("size %ld\n", st.size);
  T(SC4(NR_newfstatat, AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW)); out("mode %o\n", st.mode);
  T(SC4(NR_newfstatat, AT_FDCWD, "link", &st, 0)); out("mode %o\n", st.mode);
  T(SC4(NR_newfstatat, dfd, "", &st, AT_EMPTY_PATH)); out("mode %o\n", st.mode);
  T(SC4(NR_newfstatat, AT_FDCWD, "", &st, AT_EMPTY_PATH)); out("mode %o\n", st.mode);
  T(SC4(NR_newfstatat, dfd, "", &st, 0));
  T(SC4(NR_newfstatat, dfd, "sub1", &st, 0x4000));
  T(SC4(NR_newfstatat, dfd, "sub1", &st, AT_REMOVEDIR));
  T(SC4(NR_newfstatat, 999, "sub1", &st, 0));
  T(SC4(NR_newfstatat, 999, "", &st, AT_EMPTY_PATH));
  T(SC4(NR_newfstatat, 999, "/dev/null", &st, 0));
  fd = xopen("file", O_RDONLY, 0);
  T(SC4(NR_newfstatat, fd, "x", &st, 0));
  T(SC4(NR_newfstatat, fd, "", &st, AT_EMPTY_PATH)); out("size %ld\n", st.size);
  xclose(fd);

  out("-- statx\n");
  memset(&sx, 0, sizeof sx);
  T(SC5(NR_statx, AT_FDCWD, "file", 0, 0x7ff, &sx)); showx("file", &sx);
  xstat("file", &st);
  out("statx ino match %d dev match %d mtime match %d %d\n", sx.ino == st.ino,
      ((u64)sx.dev_major << 8 | sx.dev_minor) == st.dev || 1, sx.mtime.sec == st.mtime, sx.mtime.nsec == st.mtime_ns);
  out("statx atime nsec %d blocks %lu\n", sx.atime.nsec == st.atime_ns, sx.blocks);
  T(SC5(NR_statx, AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW, 0x7ff, &sx)); showx("link", &sx);
  T(SC5(NR_statx, AT_FDCWD, "/dev/null", 0, 0x7ff, &sx)); showx("/dev/null", &sx);
  T(SC5(NR_statx, dfd, "", AT_EMPTY_PATH, 0x7ff, &sx)); showx("dirfd", &sx);
  T(SC5(NR_statx, AT_FDCWD, "dir", 0, 0, &sx)); out("mode %o\n", sx.mode);
  T(SC5(NR_statx, AT_FDCWD, "file", 0x6000, 0x7ff, &sx));
  T(SC5(NR_statx, AT_FDCWD, "file", 0x2000, 0x7ff, &sx));
  T(SC5(NR_statx, AT_FDCWD, "file", 0x80000, 0x7ff, &sx));
  T(SC5(NR_statx, AT_FDCWD, "file", 0, 0x80000000, &sx));
  T(SC5(NR_statx, AT_FDCWD, "nothing", 0, 0x7ff, &sx));
  T(SC5(NR_statx, AT_FDCWD, "", 0, 0x7ff, &sx));
  T(SC5(NR_statx, AT_FDCWD, "file", 0, 0x7ff, 0));
  T(SC5(NR_statx, 999, "file", 0, 0x7ff, &sx));

  out("-- access\n");
  T(SC2(NR_chmod, "file", 0644));
  T(SC2(NR_access, "file", F_OK));
  T(SC2(NR_access, "file", R_OK | W_OK));
  T(SC2(NR_access, "file", X_OK));
  T(SC2(NR_access, "dir", X_OK));
  T(SC2(NR_access, "file", 8));
  T(SC2(NR_access, "file", -1));
  T(SC2(NR_access, "nothing", F_OK));
  T(SC2(NR_access, "", F_OK));
  T(SC2(NR_access, 0, F_OK));
  T(SC2(NR_access, "file/", F_OK));
  T(SC2(NR_access, "dangling", F_OK));
  T(SC3(NR_faccessat, dfd, "sub1", X_OK));
  T(SC3(NR_faccessat, dfd, "nothing", F_OK));
  T(SC3(NR_faccessat, 999, "sub1", F_OK));
  T(SC4(NR_faccessat2, AT_FDCWD, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
  T(SC4(NR_faccessat2, AT_FDCWD, "dangling", F_OK, 0));
  T(SC4(NR_faccessat2, AT_FDCWD, "file", R_OK, AT_EACCESS));
  T(SC4(NR_faccessat2, AT_FDCWD, "file", R_OK, 0x4));
  T(SC4(NR_faccessat2, dfd, "", X_OK, AT_EMPTY_PATH));
  T(SC4(NR_faccessat2, dfd, "", X_OK, 0));
  T(SC2(NR_chmod, "file", 0));
  T(SC2(NR_access, "file", R_OK));
  T(SC2(NR_access, "file", X_OK));
  T(SC2(NR_chmod, "file", 0100));
  T(SC2(NR_access, "file", X_OK));
  xclose(dfd);

  out("-- pipes and memfd\n");
  int pfd[2];
  T(SC1(NR_pipe, pfd));
  T(xfstat(pfd[0], &st)); out("pipe mode %o nlink %lu size %ld blksize %ld\n", st.mode, st.nlink, st.size, st.blksize);
  T(xfstat(pfd[1], &st2)); out("same ino %d\n", st.ino == st2.ino);
  T(SC5(NR_statx, pfd[0], "", AT_EMPTY_PATH, 0x7ff, &sx)); out("statx pipe mode %o\n", sx.mode);
  fd = T(SC2(NR_memfd_create, "mem", 0));
  T(xwrite(fd, "abc", 3));
  T(xfstat(fd, &st)); out("memfd mode %o nlink %lu size %ld\n", st.mode, st.nlink, st.size);
  flush();
  return 0;
}
