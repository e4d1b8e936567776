/* Private file mappings as ld.so and programs make them: the file's bytes at an offset,
 * zeros after the end of the file within the last page, a MAP_FIXED file mapping over
 * dirty anonymous memory, copy-on-write (the file keeps its bytes), the errors
 * (EBADF, EACCES, ENODEV, EINVAL), and a large file read through a mapping equal to
 * read(). Prints what it sees; tests/dynamic.test.mjs compares with the native run. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned h = 2166136261u;
  for (size_t k = 0; k < n; k++) h = (h ^ p[k]) * 16777619u;
  return h;
}

static const char *err(void *m) { return m == MAP_FAILED ? strerror(errno) : "ok"; }

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  const char *path = argv[1], *big = argv[2];
  long pg = sysconf(_SC_PAGESIZE);
  size_t flen = 3 * pg + 100;
  unsigned char *pat = malloc(flen);
  for (size_t k = 0; k < flen; k++) pat[k] = (unsigned char)(k * 131 + (k >> 9) + 1);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, pat, flen) != (ssize_t)flen) { perror("write"); return 1; }

  /* the whole file: bytes, then zeros up to the end of the last page */
  unsigned char *m = mmap(NULL, 4 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
  if (m == MAP_FAILED) { perror("mmap"); return 1; }
  int zeros = 1;
  for (long k = flen; k < 4 * pg; k++) zeros &= m[k] == 0;
  printf("whole: equal %d tail zero %d sum %08x\n", memcmp(m, pat, flen) == 0, zeros, sum(m, 4 * pg));

  /* at an offset */
  unsigned char *o = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 2 * pg);
  printf("offset: %s equal %d tail zero %d\n", err(o), o != MAP_FAILED && memcmp(o, pat + 2 * pg, pg + 100) == 0,
         o != MAP_FAILED && o[pg + 100] == 0 && o[2 * pg - 1] == 0);

  /* MAP_FIXED over dirty anonymous memory: nothing of the old bytes stays */
  unsigned char *a = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(a, 0xee, 3 * pg);
  unsigned char *fx = mmap(a + pg, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 2 * pg);
  int stale = 0;
  for (long k = 100; k < pg; k++) stale += fx[pg + k] != 0;
  printf("fixed: %s at %d equal %d stale %d before %02x after %02x\n", err(fx), fx == a + pg,
         memcmp(fx, pat + 2 * pg, pg + 100) == 0, stale, a[pg - 1], a[0]);

  /* copy on write: the mapping changes, the file does not */
  fx[5] ^= 0xff;
  unsigned char b = 0;
  pread(fd, &b, 1, 2 * pg + 5);
  printf("cow: mapped %02x file %02x\n", fx[5], b);

  /* errors */
  errno = 0;
  printf("ebadf: %s\n", err(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 12345, 0)));
  int wo = open(path, O_WRONLY);
  printf("write-only: %s\n", err(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, wo, 0)));
  int ro = open(path, O_RDONLY);
  printf("shared writable on read-only fd: %s\n", err(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0)));
  printf("private writable on read-only fd: %s\n", err(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0)));
  printf("unaligned offset: %s\n", err(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, ro, 100)));
  int dir = open("/", O_RDONLY | O_DIRECTORY);
  printf("directory: %s\n", err(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, dir, 0)));
  int pp[2];
  pipe(pp);
  printf("pipe: %s\n", err(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, pp[0], 0)));

  /* a big file through a mapping and through read() */
  int bf = open(big, O_RDONLY);
  off_t blen = lseek(bf, 0, SEEK_END);
  unsigned char *bm = mmap(NULL, blen, PROT_READ, MAP_PRIVATE, bf, 0);
  unsigned char *bb = malloc(blen);
  ssize_t got = 0, r;
  while (got < blen && (r = pread(bf, bb + got, blen - got, got)) > 0) got += r;
  printf("big: %s equal %d\n", err(bm), bm != MAP_FAILED && got == blen && memcmp(bm, bb, blen) == 0);
  munmap(bm, blen);
  munmap(m, 4 * pg);
  unlink(path);
  return 0;
}
