// stdio buffering modes (full, line, none via setvbuf), interleaving of
// stdout and stderr writes through write(2), fflush, ungetc, freopen-free
// tricks; each stream's bytes are compared separately.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    static char outbuf[64];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    for (int i = 0; i < 20; i++) printf("full-buffered line %d\n", i);
    write(1, "[raw write 1]\n", 14);
    fflush(stdout);
    setvbuf(stderr, NULL, _IOLBF, 0);
    fprintf(stderr, "stderr line-buffered ");
    fprintf(stderr, "until newline\n");
    write(2, "[raw write 2]\n", 14);
    puts("puts adds a newline");
    fputc('c', stdout);
    fputc('\n', stdout);
    fwrite("fwrite of 12", 1, 12, stdout);
    putchar('\n');
    fflush(stdout);
    printf("%s", "no newline then raw: ");
    write(1, "[raw 3]", 7);
    fflush(stdout);
    putchar('\n');
    /* a big single printf */
    char big[70000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    big[1000] = '\n';
    printf("%s\n", big);
    /* sscanf / ungetc on a memory stream */
    char mem[] = "12 34 abc 5.5";
    FILE *m = fmemopen(mem, strlen(mem), "r");
    int a, b;
    char w[8];
    double d;
    fscanf(m, "%d %d", &a, &b);
    int c = fgetc(m);
    ungetc('Z', m);
    fscanf(m, "%7s %lf", w, &d);
    printf("fmemopen: %d %d [%c] %s %g\n", a, b, c, w, d);
    fclose(m);
    char *dyn = NULL;
    size_t dn = 0;
    FILE *o = open_memstream(&dyn, &dn);
    for (int i = 0; i < 100; i++) fprintf(o, "%d;", i * i);
    fclose(o);
    printf("open_memstream %zu bytes, tail %s\n", dn, dyn + dn - 12);
    fprintf(stderr, "done\n");
    return 0;
}
