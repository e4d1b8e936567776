// setjmp/longjmp: nested buffers, jumps out of deep recursion, values
// preserved in volatile locals, longjmp(…, 0) returning 1.
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int n) {
    volatile char pad[64];
    pad[n % 64] = (char)n;
    depth_reached = n;
    if (n == 500) longjmp(outer, n + pad[n % 64] * 0);
    recurse(n + 1);
}

static int level2(int x) {
    if (x > 3) longjmp(inner, x * 10);
    return x;
}

static int level1(int x) {
    int r = setjmp(inner);
    if (r) return r + 1;
    return level2(x) + 100;
}

int main(void) {
    volatile int counter = 0;
    int r = setjmp(outer);
    counter++;
    printf("setjmp returned %d, counter %d\n", r, counter);
    if (r == 0) recurse(0);
    printf("depth reached %d\n", depth_reached);

    for (int i = 1; i <= 6; i++) printf("level1(%d) = %d\n", i, level1(i));

    jmp_buf jb;
    volatile int loops = 0;
    volatile double acc = 1.0;
    int v = setjmp(jb);
    acc *= 1.5;
    if (loops < 10) {
        loops++;
        longjmp(jb, loops);
    }
    printf("loops %d last %d acc %g\n", loops, v, acc);

    jmp_buf z;
    if (setjmp(z) == 0) longjmp(z, 0);
    else printf("longjmp(0) gives 1\n");
    return 0;
}
