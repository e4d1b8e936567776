// String functions: strlen strcmp strncmp strstr strchr strrchr memcpy memmove
// memset memcmp memchr strtok strtol strtoul strtod snprintf strspn strcspn ...
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
    /* lengths at every alignment and size (exercises vectorised libc routines) */
    static char buf[512];
    unsigned long acc = 0;
    for (int off = 0; off < 32; off++) {
        for (int n = 0; n < 300; n += 7) {
            memset(buf, 'x', sizeof buf);
            buf[off + n] = 0;
            acc += strlen(buf + off) * 3 + (strchr(buf + off, 'y') == NULL);
            acc += (size_t)((char *)memchr(buf + off, 0, 400) - (buf + off));
        }
    }
    printf("strlen acc %lu\n", acc);

    const char *words[] = { "apple", "apricot", "banana", "band", "", "a", "Apple", "apple\x80", "b" };
    for (int i = 0; i < 9; i++) {
        for (int j = 0; j < 9; j++)
            printf("%d", sgn(strcmp(words[i], words[j])) + 1);
        printf(" %d %d\n", sgn(strncmp(words[i], "apx", 2)) + 1, sgn(strcasecmp(words[i], "APPLE")) + 1);
    }
    const char *hay = "the quick brown fox jumps over the lazy dog; the end";
    const char *needles[] = { "the", "fox", "lazy dog", "cat", "", "end", "d" };
    for (int i = 0; i < 7; i++) {
        const char *f = strstr(hay, needles[i]);
        printf("strstr(%s) = %ld\n", needles[i], f ? (long)(f - hay) : -1L);
    }
    printf("strchr o %ld strrchr o %ld\n", (long)(strchr(hay, 'o') - hay), (long)(strrchr(hay, 'o') - hay));
    printf("spn %zu cspn %zu pbrk %s\n", strspn(hay, "the qu"), strcspn(hay, "xyz"), strpbrk(hay, "jz"));

    /* memmove overlapping both ways */
    char m[64] = "0123456789abcdefghijklmnopqrstuvwxyz";
    memmove(m + 5, m, 20);
    printf("memmove fwd %s\n", m);
    memmove(m, m + 7, 20);
    printf("memmove bwd %s\n", m);
    char big1[4096], big2[4096];
    for (int i = 0; i < 4096; i++) big1[i] = (char)(i * 7);
    unsigned long cs = 0;
    for (int n = 1; n < 4096; n = n * 3 + 1) {
        memcpy(big2, big1 + (n & 15), n);
        memmove(big2 + 3, big2, n - (n > 3 ? 3 : 0));
        for (int i = 0; i < n; i++) cs = cs * 131 + (unsigned char)big2[i];
        cs ^= (unsigned long)sgn(memcmp(big1, big2, n)) + 7;
    }
    printf("memcpy cs %lu\n", cs);

    char text[] = "alpha, beta;gamma  delta,,epsilon";
    int k = 0;
    for (char *t = strtok(text, ",; "); t; t = strtok(NULL, ",; ")) printf("tok%d=%s ", k++, t);
    printf("\n");
    char text2[] = "a=1&b=22&c=333";
    char *save, *save2;
    for (char *t = strtok_r(text2, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
        char *kk = strtok_r(t, "=", &save2), *vv = strtok_r(NULL, "=", &save2);
        printf("[%s->%s]", kk, vv);
    }
    printf("\n");

    const char *nums[] = { "42", "-17", "0x1fZ", "0777", "  +99abc", "9223372036854775807",
                           "9223372036854775808", "-9223372036854775809", "zz", "1e5", "0b101" };
    for (int i = 0; i < 11; i++) {
        char *end;
        errno = 0;
        long v = strtol(nums[i], &end, 0);
        int e1 = errno;
        errno = 0;
        unsigned long u = strtoul(nums[i], NULL, 10);
        int e2 = errno;
        long b36 = strtol(nums[i], NULL, 36);
        printf("strtol(%s) = %ld rest '%s' errno %d | strtoul10 %lu errno %d | base36 %ld\n",
               nums[i], v, end, e1, u, e2, b36);
    }
    const char *dbls[] = { "3.14159", "-0.0", "1e308", "1e309", "4.9e-324", "1e-400", "0x1.8p3",
                           "inf", "-nan", "  12.5e2xyz", ".5", "123456789012345678901234567890",
                           "2.2250738585072011e-308", "0.1e-2" };
    for (int i = 0; i < 14; i++) {
        char *end;
        errno = 0;
        double d = strtod(dbls[i], &end);
        printf("strtod(%s) = %.17g %a rest '%s' erange %d\n", dbls[i], d, d, end, errno == ERANGE);
    }
    printf("atoi %d atol %ld atof %g\n", atoi("  -123x"), atol("9876543210"), atof("2.5e-3"));

    char out[16];
    int n = snprintf(out, sizeof out, "%s-%d-%08.3f", "truncate-me", 12345, 3.14159);
    printf("snprintf %d '%s'\n", n, out);
    n = snprintf(NULL, 0, "%d %s %c %5.1f%%", 7, "abc", 'z', 99.44);
    printf("needed %d\n", n);
    char line[200];
    snprintf(line, sizeof line, "%-8s|%8s|%.3s|%c|%5c|%-5d|%05d|%+d|% d|%x|%#X|%#o|%llu|%hhd|%hd|%zu|%p",
             "left", "right", "precision", 'c', 'd', 42, 42, 42, 42, 255, 255, 8,
             18446744073709551615ULL, 300, 70000, (size_t)12, (void *)0);
    printf("%s\n", line);
    char dup[] = "Hello, World 123";
    for (char *q = dup; *q; q++) *q = islower((unsigned char)*q) ? toupper((unsigned char)*q) : tolower((unsigned char)*q);
    printf("%s\n", dup);
    char *sd = strndup("duplicate-this", 9);
    char cat[64] = "start";
    strcat(cat, "+");
    strncat(cat, sd, 4);
    printf("%s %s %zu\n", sd, cat, strnlen(cat, 3));
    free(sd);
    char cp[32];
    strncpy(cp, "abc", sizeof cp);
    printf("strncpy pad %d%d%d\n", cp[3], cp[20], cp[31]);
    return 0;
}
