/* Dense double-precision matrix multiply C = A * B (i-k-j loop order, which
   gcc -O2 vectorizes with packed SSE2). argv[1] = matrix dimension N
   (default 500); the harness scales N by the cube root of --scale. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 500;
    if (n < 1) n = 1;
    double *a = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n * n);
    double *c = calloc((size_t)(n * n), sizeof(double));
    if (!a || !b || !c) { perror("malloc"); return 1; }
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17) / 8.0 - 1.0;
            b[i * n + j] = (double)((i * 5 + j * 11) % 13) / 4.0 - 1.5;
        }
    for (long i = 0; i < n; i++)
        for (long k = 0; k < n; k++) {
            double aik = a[i * n + k];
            double *ci = c + i * n;
            const double *bk = b + k * n;
            for (long j = 0; j < n; j++)
                ci[j] += aik * bk[j];
        }
    double sum = 0, trace = 0, wsum = 0;
    for (long i = 0; i < n; i++) {
        trace += c[i * n + i];
        for (long j = 0; j < n; j++) {
            sum += c[i * n + j];
            wsum += c[i * n + j] * (double)((i + 2 * j) % 5);
        }
    }
    printf("matmul %ld: sum %.6f trace %.6f wsum %.6f\n", n, sum, trace, wsum);
    free(a); free(b); free(c);
    return 0;
}
