// stdin filter: prints the lines of stdin in reverse order, each reversed,
// using read(2) in small chunks and a growing buffer.
// stdin: tests/programs/input/words.txt
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    size_t cap = 16, len = 0;
    char *data = malloc(cap);
    char chunk[7];
    ssize_t r;
    while ((r = read(0, chunk, sizeof chunk)) > 0) {
        if (len + r > cap) { while (len + r > cap) cap *= 2; data = realloc(data, cap); }
        memcpy(data + len, chunk, r);
        len += r;
    }
    size_t end = len;
    while (end > 0) {
        size_t start = end;
        if (data[end - 1] == '\n') start--;
        size_t lineend = start;
        while (start > 0 && data[start - 1] != '\n') start--;
        for (size_t i = lineend; i > start; i--) putchar(data[i - 1]);
        putchar('\n');
        end = start;
    }
    fprintf(stderr, "%zu bytes\n", len);
    free(data);
    return 0;
}
