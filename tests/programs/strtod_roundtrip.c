// Decimal <-> binary conversion: shortest round-trip search with %.*g and
// strtod, strtof, strtold, hex floats, and difficult decimal inputs.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int main(void) {
    uint64_t x = 0x123456789abcdefULL, hist[18] = { 0 };
    for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        double d;
        uint64_t bits = x >> 1;
        memcpy(&d, &bits, 8);
        if (d != d || d - d != 0) continue;
        char buf[64];
        int prec;
        for (prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, d);
            if (strtod(buf, NULL) == d) break;
        }
        hist[prec]++;
        if (i % 125 == 0) printf("%-25s (%d digits)\n", buf, prec);
    }
    printf("digits needed:");
    for (int p = 1; p <= 17; p++) printf(" %llu", (unsigned long long)hist[p]);
    printf("\n");
    const char *hard[] = { "2.2250738585072012e-308", "2.2250738585072011e-308", "1.00000000000000011102230246251565404236316680908203125",
                           "1.00000000000000011102230246251565404236316680908203124", "9007199254740993", "9007199254740992.999999999",
                           "0.30000000000000004", "1e23", "8.98846567431158e307", "1.7976931348623158e308", "1.7976931348623159e308",
                           "4.9406564584124654e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
                           "0x1.fffffffffffffp1023", "0x1p-1074", "0X1.8P+1", "123.456e-5", "-0", "+.e1", "1e" };
    for (unsigned i = 0; i < sizeof hard / sizeof hard[0]; i++) {
        char *end;
        double d = strtod(hard[i], &end);
        float f = strtof(hard[i], NULL);
        long double ld = strtold(hard[i], NULL);
        printf("%s\n  -> %a %.17g consumed %ld | f %a | ld %La\n", hard[i], d, d, (long)(end - hard[i]), (double)f, ld);
    }
    return 0;
}
