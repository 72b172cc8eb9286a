/* fib: doubly recursive Fibonacci. Measures calls and returns: a call per
 * node of the recursion tree, almost no work in between.
 * SIZE is n; small = 20, bench = 39. */
#include "common.h"

__attribute__((noinline)) static uint64_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 20, 39);
    print_checksum(fib((uint32_t)n));
    return 0;
}
