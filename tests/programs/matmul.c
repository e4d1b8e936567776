// Matrix multiply in double (naive, transposed and blocked orders), LU
// decomposition with partial pivoting, and a determinant.
#include <stdio.h>
#include <math.h>

#define N 96
static double A[N][N], B[N][N], C1[N][N], C2[N][N], C3[N][N], BT[N][N];

int main(void) {
    unsigned s = 42;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s = s * 1103515245u + 12345u;
            A[i][j] = ((s >> 8) % 2000) / 1000.0 - 1.0;
            s = s * 1103515245u + 12345u;
            B[i][j] = ((s >> 8) % 2000) / 1000.0 - 1.0 + (i == j);
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double t = 0;
            for (int k = 0; k < N; k++) t += A[i][k] * B[k][j];
            C1[i][j] = t;
        }
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) BT[j][i] = B[i][j];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double t = 0;
            for (int k = 0; k < N; k++) t += A[i][k] * BT[j][k];
            C2[i][j] = t;
        }
    const int bs = 16;
    for (int ii = 0; ii < N; ii += bs)
        for (int kk = 0; kk < N; kk += bs)
            for (int jj = 0; jj < N; jj += bs)
                for (int i = ii; i < ii + bs; i++)
                    for (int k = kk; k < kk + bs; k++) {
                        double a = A[i][k];
                        for (int j = jj; j < jj + bs; j++) C3[i][j] += a * B[k][j];
                    }
    double tr = 0, maxdiff = 0, fro = 0;
    for (int i = 0; i < N; i++) {
        tr += C1[i][i];
        for (int j = 0; j < N; j++) {
            fro += C1[i][j] * C1[i][j];
            double d = fabs(C1[i][j] - C2[i][j]) + fabs(C1[i][j] - C3[i][j]);
            if (d > maxdiff) maxdiff = d;
        }
    }
    printf("trace %.17g frobenius %.17g maxdiff %.3g\n", tr, sqrt(fro), maxdiff);
    printf("C[0][0..3] %.17g %.17g %.17g %.17g\n", C1[0][0], C1[0][1], C1[0][2], C1[0][3]);
    printf("C3[N-1][N-1] %a\n", C3[N - 1][N - 1]);
    /* LU with partial pivoting on C1 */
    double det = 1;
    int swaps = 0;
    for (int k = 0; k < N; k++) {
        int p = k;
        for (int i = k + 1; i < N; i++) if (fabs(C1[i][k]) > fabs(C1[p][k])) p = i;
        if (p != k) {
            for (int j = 0; j < N; j++) { double t = C1[k][j]; C1[k][j] = C1[p][j]; C1[p][j] = t; }
            swaps++;
        }
        det *= C1[k][k];
        for (int i = k + 1; i < N; i++) {
            double f = C1[i][k] / C1[k][k];
            for (int j = k; j < N; j++) C1[i][j] -= f * C1[k][j];
        }
    }
    printf("swaps %d log|det| %.15g sign %d\n", swaps, log(fabs(det)), (det < 0) ^ (swaps & 1) ? -1 : 1);
    return 0;
}
