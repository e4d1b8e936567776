// stdin filter: upper-cases stdin with fgets/fputs and counts what changed.
// stdin-text: hello, world!
// stdin-text: Mixed Case line with 123 numbers and symbols #$%
// stdin-text:   indented\tand\ttabbed
// stdin-text: \x01\x7f binary-ish \xe9\xff bytes
#include <stdio.h>
#include <ctype.h>

int main(void) {
    char line[256];
    long changed = 0, lines = 0;
    while (fgets(line, sizeof line, stdin)) {
        for (char *p = line; *p; p++) {
            int u = toupper((unsigned char)*p);
            if (u != (unsigned char)*p) changed++;
            *p = (char)u;
        }
        fputs(line, stdout);
        lines++;
    }
    fprintf(stderr, "lines=%ld changed=%ld\n", lines, changed);
    return lines == 4 ? 0 : 1;
}
