// chmod/chown families, utimensat/utimes/futimesat/utime, truncate/ftruncate,
// fsync/fdatasync/sync/syncfs, fallocate, fadvise64, statfs/fstatfs, umask.
#include "t.h"

static void times_of(const char *p, int nofollow) {
  struct kstat st;
  long r = nofollow ? xlstat(p, &st) : xstat(p, &st);
  if (r < 0) { out("  %s: %r\n", p, r); return; }
  out("  %s: atime %ld.%ld mtime %ld.%ld\n", p, st.atime, st.atime_ns, st.mtime, st.mtime_ns);
}

static int test_main(int argc, char **argv) {
  (void)argc; (void)argv;
  struct kstat st;
  T(SC1(NR_umask, 022));
  mkfile("f", "0123456789");
  T(xmkdir("d", 0755));
  T(SC2(NR_symlink, "f", "l"));

  out("-- chmod\n");
  T(SC2(NR_chmod, "f", 0600)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC2(NR_chmod, "f", 04755)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC2(NR_chmod, "f", 0177777)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC2(NR_chmod, "l", 0640)); xstat("f", &st); out("through link %o\n", st.mode);
  xlstat("l", &st); out("link itself %o\n", st.mode);
  T(SC2(NR_chmod, "nothing", 0644));
  T(SC2(NR_chmod, "", 0644));
  T(SC2(NR_chmod, "f/", 0644));
  long fd = T(xopen("f", O_RDONLY, 0));
  T(SC2(NR_fchmod, fd, 0604)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC2(NR_fchmod, 999, 0644));
  T(xclose(fd));
  long dfd = T(xopen("d", O_RDONLY | O_DIRECTORY, 0));
  T(SC3(NR_fchmodat, dfd, "../f", 0644)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC3(NR_fchmodat, 999, "f", 0644));
  T(SC3(NR_fchmodat, AT_FDCWD, "d", 0700)); xstat("d", &st); out("mode %o\n", st.mode);
  T(SC4(NR_fchmodat2, AT_FDCWD, "l", 0644, AT_SYMLINK_NOFOLLOW));
  T(SC4(NR_fchmodat2, AT_FDCWD, "f", 0640, AT_SYMLINK_NOFOLLOW)); xstat("f", &st); out("mode %o\n", st.mode);
  T(SC4(NR_fchmodat2, AT_FDCWD, "f", 0640, 0x200));
  T(SC4(NR_fchmodat2, dfd, "", 0755, AT_EMPTY_PATH)); xstat("d", &st); out("mode %o\n", st.mode);

  out("-- chown\n");
  long uid = SC0(NR_getuid);
  out("root %d\n", uid == 0);
  T(SC3(NR_chown, "f", 1234, 5678)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_chown, "f", -1, 99)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_chown, "f", 77, -1)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_chown, "f", -1, -1)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_lchown, "l", 11, 22)); xlstat("l", &st); out("link owner %u %u\n", st.uid, st.gid);
  xstat("f", &st); out("target owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_chown, "l", 33, 44)); xstat("f", &st); out("target owner %u %u\n", st.uid, st.gid);
  fd = xopen("f", O_RDONLY, 0);
  T(SC3(NR_fchown, fd, 0, 0)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_fchown, 999, 0, 0));
  T(xclose(fd));
  T(SC5(NR_fchownat, dfd, "../l", 5, 6, AT_SYMLINK_NOFOLLOW)); xlstat("l", &st); out("link owner %u %u\n", st.uid, st.gid);
  T(SC5(NR_fchownat, dfd, "../l", 7, 8, 0)); xstat("f", &st); out("target owner %u %u\n", st.uid, st.gid);
  T(SC5(NR_fchownat, dfd, "", 9, 10, AT_EMPTY_PATH)); xstat("d", &st); out("dir owner %u %u\n", st.uid, st.gid);
  T(SC5(NR_fchownat, dfd, "x", 0, 0, 0x200));
  T(SC3(NR_chown, "nothing", 0, 0));
  T(SC3(NR_chown, "f", 0, 0));
  T(SC3(NR_chown, "d", 0, 0));
  T(SC3(NR_chown, "f", 4294967294u, 4294967294u)); xstat("f", &st); out("owner %u %u\n", st.uid, st.gid);
  T(SC3(NR_chown, "f", 0, 0));

  out("-- utimensat\n");
  struct ktimespec ts[2];
  ts[0].sec = 1000000000; ts[0].nsec = 250000000;
  ts[1].sec = 1234567890; ts[1].nsec = 123456000;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0)); times_of("f", 0);
  ts[0].sec = 5; ts[0].nsec = UTIME_OMIT; ts[1].sec = 777; ts[1].nsec = 0;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0)); times_of("f", 0);
  ts[0].sec = -100; ts[0].nsec = 999999000; ts[1].nsec = UTIME_OMIT;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0)); times_of("f", 0);
  ts[0].nsec = UTIME_OMIT; ts[1].nsec = UTIME_OMIT;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0)); times_of("f", 0);
  T(SC4(NR_utimensat, AT_FDCWD, "nothing", ts, 0));
  long t0 = SC1(NR_time, 0);
  T(SC4(NR_utimensat, AT_FDCWD, "f", 0, 0));
  xstat("f", &st); out("now: %d %d\n", st.atime >= t0 && st.atime <= t0 + 5, st.mtime >= t0 && st.mtime <= t0 + 5);
  ts[0].sec = 42; ts[0].nsec = 0; ts[1].sec = 0; ts[1].nsec = UTIME_NOW;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0));
  xstat("f", &st); out("atime %ld mtime now %d\n", st.atime, st.mtime >= t0 && st.mtime <= t0 + 5);
  ts[0].nsec = 1000000000;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0));
  ts[0].nsec = -1;
  T(SC4(NR_utimensat, AT_FDCWD, "f", ts, 0));
  T(SC4(NR_utimensat, AT_FDCWD, "f", (void *)16, 0));
  T(SC4(NR_utimensat, AT_FDCWD, "f", 0, 0x8));
  ts[0].sec = 100; ts[0].nsec = 0; ts[1].sec = 200; ts[1].nsec = 0;
  T(SC4(NR_utimensat, AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW)); times_of("l", 1);
  xstat("f", &st); out("target atime %ld\n", st.atime);
  fd = xopen("f", O_RDONLY, 0);
  ts[0].sec = 300; ts[1].sec = 400;
  T(SC4(NR_utimensat, fd, 0, ts, 0)); times_of("f", 0);
  T(SC4(NR_utimensat, fd, 0, ts, AT_SYMLINK_NOFOLLOW));
  T(SC4(NR_utimensat, 999, 0, ts, 0));
  ts[0].sec = 500; ts[1].sec = 600;
  T(SC4(NR_utimensat, fd, "", ts, AT_EMPTY_PATH)); times_of("f", 0);
  T(SC4(NR_utimensat, dfd, "../f", ts, 0));
  xclose(fd);

  out("-- utimes, futimesat, utime\n");
  struct ktimeval tv[2];
  tv[0].sec = 111; tv[0].usec = 500000; tv[1].sec = 222; tv[1].usec = 1;
  T(SC2(NR_utimes, "f", tv)); times_of("f", 0);
  tv[1].usec = 1000000;
  T(SC2(NR_utimes, "f", tv));
  tv[1].usec = -1;
  T(SC2(NR_utimes, "f", tv));
  tv[1].usec = 7;
  T(SC3(NR_futimesat, dfd, "../f", tv)); times_of("f", 0);
  T(SC3(NR_futimesat, 999, "f", tv));
  T(SC2(NR_utimes, "nothing", tv));
  T(SC2(NR_utimes, "f", 0));
  xstat("f", &st); out("now %d\n", st.mtime >= t0);
  i64 ub[2] = {1500000000, 1600000000};
  T(SC2(NR_utime, "f", ub)); times_of("f", 0);
  T(SC2(NR_utime, "f", (void *)16));

  out("-- truncate\n");
  T(SC2(NR_truncate, "f", 4)); showfile("f");
  T(SC2(NR_truncate, "f", 8)); showfile("f");
  T(SC2(NR_truncate, "f", -1));
  T(SC2(NR_truncate, "d", 0));
  T(SC2(NR_truncate, "nothing", 0));
  T(SC2(NR_truncate, "", 0));
  T(SC2(NR_truncate, "l", 2)); showfile("f");
  fd = T(xopen("f", O_RDWR, 0));
  T(SC2(NR_ftruncate, fd, 5)); xfstat(fd, &st); out("size %ld\n", st.size);
  T(SC2(NR_ftruncate, fd, 0)); xfstat(fd, &st); out("size %ld\n", st.size);
  T(SC2(NR_ftruncate, fd, -5));
  T(xwrite(fd, "abc", 3));
  T(xclose(fd));
  showfile("f");
  fd = T(xopen("f", O_RDONLY, 0));
  T(SC2(NR_ftruncate, fd, 1));
  T(SC2(NR_ftruncate, dfd, 1));
  T(SC2(NR_ftruncate, 999, 1));

  out("-- sync family\n");
  T(SC1(NR_fsync, fd));
  T(SC1(NR_fdatasync, fd));
  T(SC1(NR_fsync, dfd));
  T(SC1(NR_fsync, 999));
  SC0(NR_sync);
  T(SC1(NR_syncfs, fd));
  T(SC1(NR_syncfs, 999));
  int pfd[2];
  SC1(NR_pipe, pfd);
  T(SC1(NR_fsync, pfd[0]));
  T(SC1(NR_fdatasync, pfd[1]));

  out("-- fallocate, fadvise64\n");
  long wfd = T(xopen("fa", O_RDWR | O_CREAT, 0644));
  T(SC4(NR_fallocate, wfd, 0, 0, 8192)); xfstat(wfd, &st); out("size %ld\n", st.size);
  T(SC4(NR_fallocate, wfd, 1, 0, 100000)); xfstat(wfd, &st); out("size %ld\n", st.size);
  T(SC4(NR_fallocate, wfd, 0, 8000, 1000)); xfstat(wfd, &st); out("size %ld\n", st.size);
  T(SC4(NR_fallocate, wfd, 0, -1, 10));
  T(SC4(NR_fallocate, wfd, 0, 0, 0));
  T(SC4(NR_fallocate, wfd, 2, 0, 10));
  T(SC4(NR_fallocate, wfd, 0x1000, 0, 10));
  T(xwrite(wfd, "xxxxxxxxxx", 10));
  T(SC4(NR_fallocate, wfd, 3, 2, 4)); showfile("fa");
  xfstat(wfd, &st); out("size %ld\n", st.size);
  T(SC4(NR_fallocate, fd, 0, 0, 10));
  T(SC4(NR_fallocate, pfd[1], 0, 0, 10));
  T(SC4(NR_fallocate, 999, 0, 0, 10));
  T(SC4(NR_fadvise64, fd, 0, 0, 2));
  T(SC4(NR_fadvise64, fd, 0, 0, 6));
  T(SC4(NR_fadvise64, fd, 0, -1, 0));
  T(SC4(NR_fadvise64, pfd[0], 0, 0, 0));
  T(SC4(NR_fadvise64, 999, 0, 0, 0));
  T(xclose(wfd));
  T(xclose(fd));

  out("-- statfs\n");
  struct kstatfs sf;
  T(SC2(NR_statfs, ".", &sf));
  out("type %lx namelen %ld bsize %ld frsize==bsize %d blocks>0 %d\n", sf.type, sf.namelen, sf.bsize, sf.frsize == sf.bsize, sf.blocks > 0);
  struct kstatfs sf2;
  T(SC2(NR_fstatfs, dfd, &sf2)); out("same type %d blocks %d\n", sf.type == sf2.type, sf.blocks == sf2.blocks);
  T(SC2(NR_statfs, "nothing", &sf));
  T(SC2(NR_statfs, ".", (void *)16));
  T(SC2(NR_statfs, "", &sf));
  T(SC2(NR_fstatfs, 999, &sf));
  T(SC2(NR_fstatfs, pfd[0], &sf)); out("pipe fs %lx\n", sf.type);
  T(SC2(NR_statfs, "/dev/null", &sf)); out("/dev type %lx\n", sf.type);

  out("-- umask\n");
  T(SC1(NR_umask, 0777));
  T(SC1(NR_umask, 01777));
  T(SC1(NR_umask, 022));
  fd = xopen("um", O_CREAT | O_WRONLY, 0666);
  xfstat(fd, &st); out("mode %o\n", st.mode);
  flush();
  return 0;
}
