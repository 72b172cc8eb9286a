/*
 * exit_code: exits through exit() (wasi proc_exit) with the status given as
 * argv[1].  Prints `exiting with N` first so the harness can tell the program
 * ran.  Without an argument it exits 0.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 0;
    printf("exiting with %d\n", code);
    exit(code);
}
