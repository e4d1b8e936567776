// Ends with __builtin_trap() (ud2): killed by SIGILL.
#include <stdio.h>

int main(void) {
    printf("trapping\n");
    fflush(stdout);
    __builtin_trap();
}
