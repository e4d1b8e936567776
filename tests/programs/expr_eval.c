// A recursive-descent evaluator for arithmetic expressions with variables,
// functions and operator precedence; evaluates a fixed list of expressions.
// Built without optimisation (-O0) for a different instruction mix.
// cflags: -O0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <math.h>

static const char *p;
static double vars[26];
static int err;

static double expr(void);

static void skip(void) { while (isspace((unsigned char)*p)) p++; }

static double primary(void) {
    skip();
    if (*p == '(') { p++; double v = expr(); skip(); if (*p == ')') p++; else err = 1; return v; }
    if (*p == '-') { p++; return -primary(); }
    if (*p == '+') { p++; return primary(); }
    if (isdigit((unsigned char)*p) || *p == '.') { char *e; double v = strtod(p, &e); p = e; return v; }
    if (isalpha((unsigned char)*p)) {
        char name[16]; int n = 0;
        while (isalnum((unsigned char)*p) && n < 15) name[n++] = *p++;
        name[n] = 0;
        skip();
        if (*p == '(') {
            p++;
            double a = expr(), b = 0;
            skip();
            if (*p == ',') { p++; b = expr(); skip(); }
            if (*p == ')') p++; else err = 1;
            if (!strcmp(name, "sqrt")) return sqrt(a);
            if (!strcmp(name, "sin")) return sin(a);
            if (!strcmp(name, "cos")) return cos(a);
            if (!strcmp(name, "exp")) return exp(a);
            if (!strcmp(name, "ln")) return log(a);
            if (!strcmp(name, "pow")) return pow(a, b);
            if (!strcmp(name, "max")) return a > b ? a : b;
            if (!strcmp(name, "atan2")) return atan2(a, b);
            if (!strcmp(name, "floor")) return floor(a);
            err = 2;
            return 0;
        }
        if (n == 1 && islower((unsigned char)name[0])) return vars[name[0] - 'a'];
        if (!strcmp(name, "pi")) return M_PI;
        err = 3;
        return 0;
    }
    err = 4;
    return 0;
}

static double power(void) {
    double b = primary();
    skip();
    if (*p == '^') { p++; return pow(b, power()); }
    return b;
}

static double term(void) {
    double v = power();
    for (;;) {
        skip();
        if (*p == '*') { p++; v *= power(); }
        else if (*p == '/') { p++; v /= power(); }
        else if (*p == '%') { p++; v = fmod(v, power()); }
        else return v;
    }
}

static double expr(void) {
    double v = term();
    for (;;) {
        skip();
        if (*p == '+') { p++; v += term(); }
        else if (*p == '-') { p++; v -= term(); }
        else return v;
    }
}

static double statement(const char *s) {
    p = s;
    err = 0;
    skip();
    if (islower((unsigned char)p[0]) && !isalnum((unsigned char)p[1])) {
        const char *q = p + 1;
        while (isspace((unsigned char)*q)) q++;
        if (*q == '=') {
            int v = p[0] - 'a';
            p = q + 1;
            vars[v] = expr();
            return vars[v];
        }
    }
    double v = expr();
    skip();
    if (*p) err = 5;
    return v;
}

int main(void) {
    const char *lines[] = {
        "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "10 % 4", "7.5 % 2",
        "x = 3", "y = x * x + 1", "x * y - 2", "sqrt(2)", "sin(pi / 6)", "cos(pi)", "exp(1)",
        "ln(10)", "pow(2, 0.5)", "max(3, 7) + max(-1, -2)", "atan2(1, 1) * 4", "floor(-2.5)",
        "1 / 0", "-1 / 0", "0 / 0", "1e308 * 10", "((((1))))", "1 +", "foo(2)", "3 4",
        "z = 1", "z = z * 2 + 1", "z = z * 2 + 1", "z = z * 2 + 1", "z", "2 * pi * 6371",
        "123456789 * 987654321", "0.1 + 0.2", "1 - 0.9", "100000000000000000000 + 1",
    };
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        double v = statement(lines[i]);
        if (err) printf("%-28s error %d\n", lines[i], err);
        else printf("%-28s = %.15g\n", lines[i], v);
    }
    /* evaluate a polynomial expression at many points */
    double sum = 0;
    char buf[64];
    for (int k = -50; k <= 50; k++) {
        snprintf(buf, sizeof buf, "x = %d / 10", k);
        statement(buf);
        sum += statement("3*x^3 - 2*x^2 + x - 7 + sqrt(x*x + 1)");
    }
    printf("poly sum %.12f\n", sum);
    return 0;
}
