/* Many distinct functions, each called once per pass: measures warm-up
   (decode/translate cost of cold code) rather than steady-state speed.
   The functions come from manyfuncs.gen.h, written at build time by
   bench/gen-manyfuncs.mjs into .cache/bench/gen/. argv[1] = passes over all
   functions (default 1; the harness does not scale it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manyfuncs.gen.h"

int main(int argc, char **argv) {
    long passes = argc > 1 ? atol(argv[1]) : 1;
    uint64_t x = 0x0123456789ABCDEFULL;
    for (long p = 0; p < passes; p++)
        x = call_all_functions(x + (uint64_t)p);
    printf("manyfuncs %ld: %d functions, checksum %016llx\n", passes,
           MANYFUNCS_COUNT, (unsigned long long)x);
    return 0;
}
