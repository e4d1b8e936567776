// system() and popen()/pclose(): both run /bin/sh -c, so this needs the host's
// /bin/sh to run under x64vm (tests/process.test.mjs checks that first).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int r = system("echo hello from system");
    printf("system: exited %d status %d\n", WIFEXITED(r), WEXITSTATUS(r));
    r = system("exit 3");
    printf("system exit 3: %d\n", WEXITSTATUS(r));
    r = system("kill -TERM $$");
    printf("system killed: signaled %d sig %d\n", WIFSIGNALED(r), WTERMSIG(r));
    printf("system(NULL): %d\n", system(NULL) != 0);

    FILE *f = popen("echo first; echo second; exit 5", "r");
    char line[128];
    while (fgets(line, sizeof line, f)) printf("popen read: %s", line);
    r = pclose(f);
    printf("pclose: exited %d status %d\n", WIFEXITED(r), WEXITSTATUS(r));

    f = popen("tr a-z A-Z", "w");
    fprintf(f, "written through popen\n");
    r = pclose(f);
    printf("pclose (w): %d\n", r);

    f = popen("cat", "w");
    for (int i = 0; i < 2000; i++) fprintf(f, "%d\n", i);
    r = pclose(f);
    printf("pclose after 2000 lines: %d\n", r);
    return 0;
}
