// Singly and doubly linked lists: build, reverse, merge sort, remove, splice.
#include <stdio.h>
#include <stdlib.h>

struct node { long v; struct node *next; };
struct dnode { int v; struct dnode *prev, *next; };

static struct node *push(struct node *h, long v) {
    struct node *n = malloc(sizeof *n);
    n->v = v; n->next = h;
    return n;
}
static struct node *reverse(struct node *h) {
    struct node *r = NULL;
    while (h) { struct node *nx = h->next; h->next = r; r = h; h = nx; }
    return r;
}
static struct node *merge(struct node *a, struct node *b) {
    struct node head, *t = &head;
    while (a && b) {
        if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}
static struct node *msort(struct node *h) {
    if (!h || !h->next) return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *b = slow->next;
    slow->next = NULL;
    return merge(msort(h), msort(b));
}
static void show(const char *tag, struct node *h, int max) {
    printf("%s:", tag);
    for (int i = 0; h && i < max; h = h->next, i++) printf(" %ld", h->v);
    printf("\n");
}

int main(void) {
    struct node *h = NULL;
    unsigned long x = 88172645463325252UL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        h = push(h, (long)(x % 100000));
    }
    show("first", h, 8);
    h = reverse(h);
    show("reversed", h, 8);
    h = msort(h);
    show("sorted", h, 12);
    long n = 0, sum = 0, prev = -1, ordered = 1;
    for (struct node *p = h; p; p = p->next) { n++; sum += p->v; if (p->v < prev) ordered = 0; prev = p->v; }
    printf("n %ld sum %ld ordered %ld\n", n, sum, ordered);
    /* remove odd values */
    struct node **pp = &h;
    while (*pp) {
        if ((*pp)->v & 1) { struct node *d = *pp; *pp = d->next; free(d); } else pp = &(*pp)->next;
    }
    n = 0;
    for (struct node *p = h; p; p = p->next) n++;
    printf("even count %ld\n", n);
    while (h) { struct node *nx = h->next; free(h); h = nx; }

    /* doubly linked ring with sentinel */
    struct dnode s = { -1, &s, &s };
    for (int i = 0; i < 1000; i++) {
        struct dnode *d = malloc(sizeof *d);
        d->v = i;
        struct dnode *at = (i % 2) ? &s : s.next; /* odd: append, even: after first */
        d->prev = at->prev; d->next = at;
        at->prev->next = d; at->prev = d;
    }
    long fw = 0, bw = 0; int k = 0;
    for (struct dnode *d = s.next; d != &s; d = d->next) fw = fw * 31 + d->v, k++;
    for (struct dnode *d = s.prev; d != &s; d = d->prev) bw = bw * 31 + d->v;
    printf("ring %d fw %ld bw %ld\n", k, fw, bw);
    for (struct dnode *d = s.next; d != &s;) { struct dnode *nx = d->next; free(d); d = nx; }
    return 0;
}
