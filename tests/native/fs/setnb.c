// setnb FD... -- PROG ARGS: set O_NONBLOCK on the descriptors, then run PROG
// (so that x64vm starts with non-blocking standard descriptors, as Node may leave them).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int k = 1;
  for (; k < argc && strcmp(argv[k], "--"); k++) {
    int fd = atoi(argv[k]);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  if (k + 1 >= argc) return 2;
  execvp(argv[k + 1], argv + k + 1);
  perror("execvp");
  return 127;
}
