/*
 * Shared helpers for the Tern WASI test programs.
 *
 * Every program prints one deterministic `ok <check>` line on stdout per
 * passed check.  A failed check prints `FAIL <check> ...` on stderr and makes
 * the program exit with status 1 (at once for REQUIRE, at the end for CHECK).
 * Values that legitimately vary between hosts (which errno out of an accepted
 * set, timings) are reported on stderr as `info ...` lines only, so stdout
 * stays byte-for-byte identical across conforming hosts.
 */
#ifndef TERN_WASI_TEST_COMMON_H
#define TERN_WASI_TEST_COMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static int t_failures;

static void t_fail(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("FAIL ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    t_failures++;
}

static void t_info(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("info ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void t_ok(const char *name) { printf("ok %s\n", name); }

/* Record a failure and keep going. */
#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) t_fail(__VA_ARGS__);                                      \
    } while (0)

/* Record a failure and stop: later checks depend on this one. */
#define REQUIRE(cond, ...)                                                     \
    do {                                                                       \
        if (!(cond)) {                                                         \
            t_fail(__VA_ARGS__);                                               \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

/* Name of a WASI errno (wasi-libc uses the same numbers for errno). */
static const char *t_errname(int e) {
    switch (e) {
    case 0: return "SUCCESS";
    case __WASI_ERRNO_2BIG: return "2BIG";
    case __WASI_ERRNO_ACCES: return "ACCES";
    case __WASI_ERRNO_AGAIN: return "AGAIN";
    case __WASI_ERRNO_BADF: return "BADF";
    case __WASI_ERRNO_EXIST: return "EXIST";
    case __WASI_ERRNO_FAULT: return "FAULT";
    case __WASI_ERRNO_FBIG: return "FBIG";
    case __WASI_ERRNO_ILSEQ: return "ILSEQ";
    case __WASI_ERRNO_INVAL: return "INVAL";
    case __WASI_ERRNO_IO: return "IO";
    case __WASI_ERRNO_ISDIR: return "ISDIR";
    case __WASI_ERRNO_LOOP: return "LOOP";
    case __WASI_ERRNO_MLINK: return "MLINK";
    case __WASI_ERRNO_NAMETOOLONG: return "NAMETOOLONG";
    case __WASI_ERRNO_NOENT: return "NOENT";
    case __WASI_ERRNO_NOSPC: return "NOSPC";
    case __WASI_ERRNO_NOSYS: return "NOSYS";
    case __WASI_ERRNO_NOTDIR: return "NOTDIR";
    case __WASI_ERRNO_NOTEMPTY: return "NOTEMPTY";
    case __WASI_ERRNO_NOTSOCK: return "NOTSOCK";
    case __WASI_ERRNO_NOTSUP: return "NOTSUP";
    case __WASI_ERRNO_PERM: return "PERM";
    case __WASI_ERRNO_PIPE: return "PIPE";
    case __WASI_ERRNO_RANGE: return "RANGE";
    case __WASI_ERRNO_ROFS: return "ROFS";
    case __WASI_ERRNO_SPIPE: return "SPIPE";
    case __WASI_ERRNO_XDEV: return "XDEV";
    case __WASI_ERRNO_NOTCAPABLE: return "NOTCAPABLE";
    default: return "?";
    }
}

/*
 * Check that `got` (an errno, 0 for success) is one of the accepted values
 * in the -1 terminated list.  Prints `ok <name>` on success, an `info` line
 * with the errno either way.
 */
static int t_expect_errno(const char *name, int got, ...) {
    va_list ap;
    int e, found = 0;
    char want[160];
    size_t n = 0;
    want[0] = '\0';
    va_start(ap, got);
    while ((e = va_arg(ap, int)) != -1) {
        if (e == got) found = 1;
        n += snprintf(want + n, sizeof want - n, "%s%s(%d)", n ? "|" : "",
                      t_errname(e), e);
        if (n >= sizeof want) n = sizeof want - 1;
    }
    va_end(ap);
    t_info("%s: errno %d %s", name, got, t_errname(got));
    if (found) {
        t_ok(name);
        return 1;
    }
    t_fail("%s (errno got %d %s, expected %s)", name, got, t_errname(got), want);
    return 0;
}
#define EXPECT_ERRNO(name, got, ...) t_expect_errno(name, (int)(got), __VA_ARGS__, -1)

/* Finish: exit status 1 if any check failed. */
static int t_done(void) {
    fflush(stdout);
    return t_failures ? 1 : 0;
}

/* Find the preopened directory fd with the given guest name, or -1. */
static int t_find_preopen(const char *name) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        char buf[256];
        if (__wasi_fd_prestat_get(fd, &ps) != 0) continue;
        if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        if (ps.u.dir.pr_name_len >= sizeof buf) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, ps.u.dir.pr_name_len) != 0)
            continue;
        buf[ps.u.dir.pr_name_len] = '\0';
        if (strcmp(buf, name) == 0) return (int)fd;
    }
    return -1;
}

/*
 * Raw path_open asking for every right, except that a directory open
 * (O_DIRECTORY) leaves out FD_WRITE: hosts take FD_WRITE in the base rights
 * as a request to open for writing, which is EISDIR on a directory.
 */
#define T_ALL_RIGHTS ((__wasi_rights_t)0x1fffffff)
static int t_open(int dirfd, __wasi_lookupflags_t lf, const char *path,
                  __wasi_oflags_t of, __wasi_fdflags_t ff, __wasi_fd_t *out) {
    __wasi_rights_t base = T_ALL_RIGHTS;
    if (of & __WASI_OFLAGS_DIRECTORY) base &= ~(__wasi_rights_t)__WASI_RIGHTS_FD_WRITE;
    return __wasi_path_open((__wasi_fd_t)dirfd, lf, path, of, base, T_ALL_RIGHTS, ff, out);
}

#endif
