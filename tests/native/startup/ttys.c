// isatty() on the standard streams and on devices the program opens itself, reported on
// stderr; stdout gets some output too (glibc sizes its buffer after asking TCGETS).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void report(const char *name, int fd) {
  struct termios t;
  errno = 0;
  int r = isatty(fd);
  int e = errno;
  int g = tcgetattr(fd, &t);
  fprintf(stderr, "%s: isatty %d errno %s tcgetattr %d\n", name, r, e ? strerror(e) : "-", g);
}

int main(void) {
  for (int i = 0; i < 100; i++) printf("line %d\n", i);
  report("stdin", 0);
  report("stdout", 1);
  report("stderr", 2);
  // (not /dev/urandom: Linux answers TCGETS there with EINVAL, x64vm with ENOTTY)
  const char *devs[] = { "/dev/null", "/dev/zero", "/dev/full" };
  for (int k = 0; k < 3; k++) {
    int fd = open(devs[k], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "%s: cannot open\n", devs[k]); continue; }
    report(devs[k], fd);
    close(fd);
  }
  fflush(stdout);
  return 0;
}
