// stdin filter: counts lines, words, bytes and word frequencies (like wc).
// stdin: tests/programs/input/words.txt
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

struct w { char s[32]; int n; };
static struct w tab[512];
static int nw;

static int cmp(const void *a, const void *b) {
    const struct w *x = a, *y = b;
    if (x->n != y->n) return y->n - x->n;
    return strcmp(x->s, y->s);
}

int main(void) {
    long lines = 0, words = 0, bytes = 0, maxlen = 0, cur = 0;
    int c, inword = 0, wl = 0;
    char word[32];
    while ((c = getchar()) != EOF) {
        bytes++;
        if (c == '\n') { lines++; if (cur > maxlen) maxlen = cur; cur = 0; } else cur++;
        if (isalpha(c)) {
            if (wl < 31) word[wl++] = (char)tolower(c);
        } else if (wl) {
            word[wl] = 0;
            int i;
            for (i = 0; i < nw && strcmp(tab[i].s, word); i++) {}
            if (i == nw && nw < 512) strcpy(tab[nw++].s, word);
            if (i < 512) tab[i].n++;
            wl = 0;
        }
        if (isspace(c)) inword = 0;
        else if (!inword) { inword = 1; words++; }
    }
    if (cur > maxlen) maxlen = cur;
    printf("%7ld %7ld %7ld  (longest line %ld)\n", lines, words, bytes, maxlen);
    qsort(tab, nw, sizeof tab[0], cmp);
    for (int i = 0; i < nw && i < 12; i++) printf("%3d %s\n", tab[i].n, tab[i].s);
    return 0;
}
