// A tiny Forth interpreter reading its program from stdin: integer stack,
// arithmetic, comparisons, colon definitions, IF/ELSE/THEN, DO/LOOP,
// BEGIN/UNTIL, variables, recursion and string output.
// stdin: tests/programs/input/prog.fth
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define MAXW 256
enum { LIT, CALL, PRIM, BRANCH, ZBRANCH, DO, LOOP, RET, STR, PLOOP };
struct ins { int op; long arg; };
struct word { char name[32]; int prim; int start; };

static struct ins code[20000];
static int ncode;
static struct word dict[MAXW];
static int nwords;
static long st[1024], rs[1024], mem[1024];
static int sp, rsp, here;
static char strs[8192];
static int nstrs;
static const char *prims[] = { "+", "-", "*", "/", "mod", "dup", "drop", "swap", "over", "rot", ".", "emit",
                               "cr", "=", "<", ">", "and", "or", "invert", "negate", "@", "!", "i", "j",
                               "abs", "max", "min", "variable-addr", ".s", "depth", "1+", "1-", "2*", "+!", NULL };

static char tok[256];
static int next_token(void) {
    int c;
    while ((c = getchar()) != EOF && isspace(c)) {}
    if (c == EOF) return 0;
    int n = 0;
    do { if (n < 255) tok[n++] = (char)c; } while ((c = getchar()) != EOF && !isspace(c));
    tok[n] = 0;
    return 1;
}

static int find(const char *s) {
    for (int i = nwords - 1; i >= 0; i--) if (!strcasecmp(dict[i].name, s)) return i;
    return -1;
}

static void prim(int p) {
    long a, b;
    switch (p) {
    case 0: b = st[--sp]; st[sp - 1] += b; break;
    case 1: b = st[--sp]; st[sp - 1] -= b; break;
    case 2: b = st[--sp]; st[sp - 1] *= b; break;
    case 3: b = st[--sp]; st[sp - 1] = b ? st[sp - 1] / b : 0; break;
    case 4: b = st[--sp]; st[sp - 1] = b ? st[sp - 1] % b : 0; break;
    case 5: st[sp] = st[sp - 1]; sp++; break;
    case 6: sp--; break;
    case 7: a = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = a; break;
    case 8: st[sp] = st[sp - 2]; sp++; break;
    case 9: a = st[sp - 3]; st[sp - 3] = st[sp - 2]; st[sp - 2] = st[sp - 1]; st[sp - 1] = a; break;
    case 10: printf("%ld ", st[--sp]); break;
    case 11: putchar((int)st[--sp]); break;
    case 12: putchar('\n'); break;
    case 13: b = st[--sp]; st[sp - 1] = st[sp - 1] == b ? -1 : 0; break;
    case 14: b = st[--sp]; st[sp - 1] = st[sp - 1] < b ? -1 : 0; break;
    case 15: b = st[--sp]; st[sp - 1] = st[sp - 1] > b ? -1 : 0; break;
    case 16: b = st[--sp]; st[sp - 1] &= b; break;
    case 17: b = st[--sp]; st[sp - 1] |= b; break;
    case 18: st[sp - 1] = ~st[sp - 1]; break;
    case 19: st[sp - 1] = -st[sp - 1]; break;
    case 20: st[sp - 1] = mem[st[sp - 1]]; break;
    case 21: a = st[--sp]; mem[a] = st[--sp]; break;
    case 22: st[sp++] = rs[rsp - 1]; break;
    case 23: st[sp++] = rs[rsp - 3]; break;
    case 24: st[sp - 1] = labs(st[sp - 1]); break;
    case 25: b = st[--sp]; if (b > st[sp - 1]) st[sp - 1] = b; break;
    case 26: b = st[--sp]; if (b < st[sp - 1]) st[sp - 1] = b; break;
    case 28: printf("<%d> ", sp); for (int i = 0; i < sp; i++) printf("%ld ", st[i]); break;
    case 29: st[sp] = sp; sp++; break;
    case 30: st[sp - 1]++; break;
    case 31: st[sp - 1]--; break;
    case 32: st[sp - 1] *= 2; break;
    case 33: a = st[--sp]; mem[a] += st[--sp]; break;
    }
}

static void run(int pc) {
    int base = rsp;
    for (;;) {
        struct ins in = code[pc++];
        switch (in.op) {
        case LIT: st[sp++] = in.arg; break;
        case PRIM: prim((int)in.arg); break;
        case CALL: rs[rsp++] = pc; pc = dict[in.arg].start; break;
        case RET: if (rsp == base) return; pc = (int)rs[--rsp]; break;
        case BRANCH: pc = (int)in.arg; break;
        case ZBRANCH: if (!st[--sp]) pc = (int)in.arg; break;
        case DO: rs[rsp++] = st[sp - 2]; rs[rsp++] = st[sp - 1]; sp -= 2; break;
        case LOOP: case PLOOP: {
            long inc = in.op == PLOOP ? st[--sp] : 1;
            rs[rsp - 1] += inc;
            if ((inc > 0 && rs[rsp - 1] < rs[rsp - 2]) || (inc < 0 && rs[rsp - 1] >= rs[rsp - 2])) pc = (int)in.arg;
            else rsp -= 2;
            break;
        }
        case STR: fputs(strs + in.arg, stdout); break;
        }
    }
}

int main(void) {
    for (int i = 0; prims[i]; i++) { strcpy(dict[nwords].name, prims[i]); dict[nwords].prim = 1; dict[nwords++].start = i; }
    int compiling = 0, cstack[64], csp = 0;
    int top = ncode;
    while (next_token()) {
        if (!strcmp(tok, "\\")) { int c; while ((c = getchar()) != EOF && c != '\n') {} continue; }
        if (!strcmp(tok, "(")) { int c; while ((c = getchar()) != EOF && c != ')') {} continue; }
        if (!strcmp(tok, ":")) {
            next_token();
            strcpy(dict[nwords].name, tok);
            dict[nwords].prim = 0;
            dict[nwords].start = ncode;
            nwords++;
            compiling = 1;
            continue;
        }
        if (!strcmp(tok, "variable")) {
            next_token();
            strcpy(dict[nwords].name, tok);
            dict[nwords].prim = 0;
            dict[nwords].start = ncode;
            code[ncode++] = (struct ins){ LIT, here++ };
            code[ncode++] = (struct ins){ RET, 0 };
            nwords++;
            top = ncode;
            continue;
        }
        if (!strcmp(tok, ";")) { code[ncode++] = (struct ins){ RET, 0 }; compiling = 0; top = ncode; continue; }
        if (!strcmp(tok, "if")) { cstack[csp++] = ncode; code[ncode++] = (struct ins){ ZBRANCH, 0 }; }
        else if (!strcmp(tok, "else")) {
            int at = cstack[--csp];
            cstack[csp++] = ncode;
            code[ncode++] = (struct ins){ BRANCH, 0 };
            code[at].arg = ncode;
        }
        else if (!strcmp(tok, "then")) code[cstack[--csp]].arg = ncode;
        else if (!strcmp(tok, "do")) { code[ncode++] = (struct ins){ DO, 0 }; cstack[csp++] = ncode; }
        else if (!strcmp(tok, "loop")) code[ncode++] = (struct ins){ LOOP, cstack[--csp] };
        else if (!strcmp(tok, "+loop")) code[ncode++] = (struct ins){ PLOOP, cstack[--csp] };
        else if (!strcmp(tok, "begin")) cstack[csp++] = ncode;
        else if (!strcmp(tok, "until")) code[ncode++] = (struct ins){ ZBRANCH, cstack[--csp] };
        else if (!strcmp(tok, ".\"")) {
            int c, start = nstrs;
            while ((c = getchar()) != EOF && c != '"') strs[nstrs++] = (char)c;
            strs[nstrs++] = 0;
            code[ncode++] = (struct ins){ STR, start };
        } else {
            int w = find(tok);
            if (w >= 0) code[ncode++] = dict[w].prim ? (struct ins){ PRIM, dict[w].start } : (struct ins){ CALL, w };
            else {
                char *end;
                long v = strtol(tok, &end, 0);
                if (*end) { printf("\n? unknown word %s\n", tok); code[ncode++] = (struct ins){ LIT, 0 }; }
                else code[ncode++] = (struct ins){ LIT, v };
            }
        }
        if (!compiling && csp == 0) {
            code[ncode++] = (struct ins){ RET, 0 };
            run(top);
            ncode = top;
        }
    }
    printf("\nok, %d words, stack depth %d\n", nwords, sp);
    return 0;
}
