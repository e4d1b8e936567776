// Ends with a NULL pointer dereference: killed by SIGSEGV.
#include <stdio.h>

struct s { int pad[100]; int x; };

int main(int argc, char **argv) {
    (void)argv;
    printf("dereferencing NULL\n");
    fflush(stdout);
    struct s *volatile p = (argc > 100) ? (struct s *)&argc : NULL;
    return p->x;
}
