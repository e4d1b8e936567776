// A chained hash table of strings: insert, update, lookup, delete, resize.
// Built for size (-Os).
// cflags: -Os
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct entry { char *key; long value; struct entry *next; };
struct table { struct entry **b; size_t nb, n; };

static uint64_t fnv(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    while (*s) { h ^= (unsigned char)*s++; h *= 1099511628211ULL; }
    return h;
}

static void grow(struct table *t) {
    size_t nb = t->nb ? t->nb * 2 : 8;
    struct entry **b = calloc(nb, sizeof *b);
    for (size_t i = 0; i < t->nb; i++) {
        for (struct entry *e = t->b[i], *nx; e; e = nx) {
            nx = e->next;
            size_t k = fnv(e->key) & (nb - 1);
            e->next = b[k];
            b[k] = e;
        }
    }
    free(t->b);
    t->b = b;
    t->nb = nb;
}

static struct entry *find(struct table *t, const char *key) {
    if (!t->nb) return NULL;
    for (struct entry *e = t->b[fnv(key) & (t->nb - 1)]; e; e = e->next)
        if (!strcmp(e->key, key)) return e;
    return NULL;
}

static void put(struct table *t, const char *key, long v) {
    struct entry *e = find(t, key);
    if (e) { e->value = v; return; }
    if (t->n + 1 > t->nb * 3 / 4) grow(t);
    e = malloc(sizeof *e);
    e->key = strdup(key);
    e->value = v;
    size_t k = fnv(key) & (t->nb - 1);
    e->next = t->b[k];
    t->b[k] = e;
    t->n++;
}

static int del(struct table *t, const char *key) {
    if (!t->nb) return 0;
    struct entry **pp = &t->b[fnv(key) & (t->nb - 1)];
    for (; *pp; pp = &(*pp)->next) {
        if (!strcmp((*pp)->key, key)) {
            struct entry *e = *pp;
            *pp = e->next;
            free(e->key);
            free(e);
            t->n--;
            return 1;
        }
    }
    return 0;
}

int main(void) {
    struct table t = { 0 };
    char key[32];
    for (long i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key-%ld-%lx", i % 15000, i * 2654435761UL % 1000);
        put(&t, key, i);
    }
    printf("n %zu buckets %zu\n", t.n, t.nb);
    long found = 0, sum = 0;
    for (long i = 0; i < 30000; i++) {
        snprintf(key, sizeof key, "key-%ld-%lx", i % 15000, i * 2654435761UL % 1000);
        struct entry *e = find(&t, key);
        if (e) { found++; sum += e->value; }
    }
    printf("found %ld sum %ld\n", found, sum);
    long deleted = 0;
    for (long i = 0; i < 20000; i += 3) {
        snprintf(key, sizeof key, "key-%ld-%lx", i % 15000, i * 2654435761UL % 1000);
        deleted += del(&t, key);
    }
    printf("deleted %ld n %zu\n", deleted, t.n);
    size_t longest = 0, used = 0;
    for (size_t i = 0; i < t.nb; i++) {
        size_t c = 0;
        for (struct entry *e = t.b[i]; e; e = e->next) c++;
        if (c) used++;
        if (c > longest) longest = c;
    }
    printf("used buckets %zu longest chain %zu\n", used, longest);
    for (size_t i = 0; i < t.nb; i++) {
        for (struct entry *e = t.b[i], *nx; e; e = nx) { nx = e->next; free(e->key); free(e); }
    }
    free(t.b);
    return 0;
}
