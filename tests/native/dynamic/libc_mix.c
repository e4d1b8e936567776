/* A dynamically linked program (built with musl-gcc without -static) exercising the
 * libc through the dynamic loader: formatted output, strtod, qsort, getenv, malloc,
 * a file written and read back, and an exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
  qsort(words, 5, sizeof *words, cmp);
  for (int k = 0; k < 5; k++) printf("%s%c", words[k], k < 4 ? ' ' : '\n');
  printf("%.6f %g %e\n", strtod("3.14159265", NULL), 1.0 / 3, 6.02214076e23);
  printf("argc=%d argv[1]=%s HOME_SET=%d\n", argc, argc > 1 ? argv[1] : "-", getenv("HOME") != NULL);
  char *p = malloc(1 << 20);
  memset(p, 'x', 1 << 20);
  printf("malloc ok %d\n", p[12345] == 'x');
  free(p);
  const char *path = argc > 2 ? argv[2] : "/tmp/x64vm-libc-mix.txt";
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); return 2; }
  fprintf(f, "line %d\n", 42);
  fclose(f);
  char buf[64] = "";
  f = fopen(path, "r");
  if (!f || !fgets(buf, sizeof buf, f)) { perror("read back"); return 2; }
  fclose(f);
  unlink(path);
  printf("read back: %s", buf);
  fprintf(stderr, "to stderr\n");
  return 7;
}
