// Deterministic time functions: gmtime/timegm of fixed times, strftime with
// many conversions, difftime, and time arithmetic across leap years.
// env: TZ=UTC
#include <stdio.h>
#include <time.h>
#include <string.h>

int main(void) {
    time_t ts[] = { 0, 1, 86399, 951782400, 1234567890, 1700000000, 2147483647, 2147483648LL,
                    -1, -86400, 4102444800LL, 253402300799LL, 1078012800 };
    for (unsigned i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        struct tm tm;
        gmtime_r(&ts[i], &tm);
        char buf[256];
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %u %w %y %C %e %D %T %R %p %I %%", &tm);
        printf("%lld: %s | wday %d yday %d isdst %d\n", (long long)ts[i], buf, tm.tm_wday, tm.tm_yday, tm.tm_isdst);
        strftime(buf, sizeof buf, "%G-W%V-%u %F %h %n%t|%s|", &tm);
        printf("   %s round-trip %d\n", buf, timegm(&tm) == ts[i]);
    }
    /* normalisation by timegm/mktime in UTC */
    struct tm t;
    memset(&t, 0, sizeof t);
    t.tm_year = 2024 - 1900;
    t.tm_mon = 1;
    t.tm_mday = 29 + 366; /* overflow days into the next years */
    t.tm_hour = 25;
    t.tm_min = -30;
    time_t n = timegm(&t);
    printf("normalised %lld -> %04d-%02d-%02d %02d:%02d wday %d yday %d\n", (long long)n, t.tm_year + 1900,
           t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_wday, t.tm_yday);
    memset(&t, 0, sizeof t);
    t.tm_year = 100; t.tm_mon = 0; t.tm_mday = 1; t.tm_isdst = 0;
    printf("mktime (TZ=UTC) %lld\n", (long long)mktime(&t));
    printf("difftime %.1f\n", difftime(1234567890, 1000000000));
    char out[64];
    struct tm g;
    time_t fixed = 1234567890;
    gmtime_r(&fixed, &g);
    printf("asctime %s", asctime(&g));
    size_t r = strftime(out, 5, "%Y-%m-%d", &g);
    printf("strftime too small returns %zu\n", r);
    /* day-of-week for the first of every month of 2000..2003 */
    for (int y = 2000; y < 2004; y++) {
        printf("%d:", y);
        for (int m = 0; m < 12; m++) {
            memset(&t, 0, sizeof t);
            t.tm_year = y - 1900; t.tm_mon = m; t.tm_mday = 1;
            timegm(&t);
            printf(" %d", t.tm_wday);
        }
        printf("\n");
    }
    return 0;
}
