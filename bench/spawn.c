/* spawn: runs a command and reports its wall time and peak memory, for
 * bench/run.py.
 *
 *     spawn PROGRAM ARGS...     (PROGRAM is a path; no PATH search)
 *
 * Writes `<nanoseconds> <max RSS in KiB> <wait status>` to file descriptor 3
 * once PROGRAM has exited. Its stdin, stdout and stderr are spawn's own.
 *
 * Why not time the child straight from Python: Linux carries the peak RSS
 * of the address space a process had before `exec` into its `ru_maxrss`,
 * and a child forked (or vforked) from the Python harness starts with the
 * harness's 15-20 MB. Forked from this tiny static program, it starts from
 * almost nothing, so small runtimes report their own peak. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: spawn PROGRAM ARGS...\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("spawn: fork");
        return 2;
    }
    if (pid == 0) {
        close(3);
        execv(argv[1], argv + 1);
        perror("spawn: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("spawn: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    if (dprintf(3, "%lld %ld %d\n", ns, ru.ru_maxrss, status) < 0) {
        perror("spawn: fd 3");
        return 2;
    }
    return 0;
}
