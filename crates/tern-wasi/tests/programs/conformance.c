/*
 * conformance: the assertions of the WASI conformance suite
 * (WebAssembly/wasi-testsuite, wasm32-wasip1 Rust and C programs), re-checked
 * with raw __wasi_* calls in one program.  The list of what the suite asserts
 * is in /work/notes/wasi-expectations.md (sections 2, 3a, 3b); every check
 * below accepts exactly the errno set the suite accepts (its `assert_errno!`
 * is permissive: the unix, macos and windows answers are all accepted).
 *
 * Setup, as the newest suite runs its tests: one writable preopen, an empty
 * host directory mounted at guest path "/" (`--dir TMP::/`), stdin an open
 * pipe that never gets data (`sleep 10 | host run ...`).  Everything created
 * is removed again; the directory is empty afterwards.
 *
 * When a test's first O_CREAT open fails, that is reported, and the file is
 * then made with FD_WRITE added and reopened the suite's way without O_CREAT
 * (`info ... to go on`), so that the test's later checks still run.
 *
 * Each suite test is one section; its checks print `ok <test>: <check>`.
 * Where the suite has two accepted outcomes (e.g. fd_allocate works or says
 * NOTSUP, rights are enforced or fd_fdstat_set_rights says NOTSUP), the `ok`
 * lines are the same either way and an `info` line on stderr says which.
 *
 * Order matters in three places: poll_oneoff_stdio runs first (stdin must
 * still be the idle pipe), stdio moves fds 0-2 away and back, and the
 * preopen fd 3 is renumbered over (overwrite_preopen) and then closed
 * (close_preopen) at the very end, after the wasi-libc (C suite) checks,
 * which need the preopen.  With a single preopen, close_preopen's checks run
 * on fd 3 after it has been overwritten: closing number 3 must work and
 * leave the other directory fd usable.
 */
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RT(x) ((__wasi_rights_t)__WASI_RIGHTS_##x)

/* path_open with an explicit path length, for a path with an embedded NUL
 * (the __wasi_path_open wrapper measures the path with strlen). */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                      int32_t retptr);

static __wasi_fd_t pre;  /* the preopen named "/" */
static __wasi_fd_t root; /* "." opened from it, like the suite's root_directory() */
static const char *cur = "setup";

/* "<current test>: <what>", in a small ring of buffers. */
static const char *nm(const char *what) {
    static char bufs[8][200];
    static int i;
    i = (i + 1) & 7;
    snprintf(bufs[i], sizeof bufs[i], "%s: %s", cur, what);
    return bufs[i];
}

static int ok_if(const char *name, int cond, const char *fmt, ...) {
    if (cond) {
        t_ok(name);
        return 1;
    }
    char m[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    t_fail("%s (%s)", name, m);
    return 0;
}

#define EXP(what, got, ...) EXPECT_ERRNO(nm(what), got, __VA_ARGS__)
#define SUCC(what, got) EXP(what, got, 0)
#define OKC(what, cond, ...) ok_if(nm(what), (cond), __VA_ARGS__)

/* A setup step that must work; only a failure is reported. */
static int quiet(const char *what, int err) {
    if (err) t_fail("%s (errno %d %s)", nm(what), err, t_errname(err));
    return err == 0;
}

static void cl(__wasi_fd_t fd) {
    int e = __wasi_fd_close(fd);
    if (e) t_fail("%s: fd_close(%u) (errno %d %s)", cur, fd, e, t_errname(e));
}
static void rm_file(__wasi_fd_t dir, const char *p) {
    int e = __wasi_path_unlink_file(dir, p);
    if (e) t_fail("%s: path_unlink_file %s (errno %d %s)", cur, p, e, t_errname(e));
}
static void rm_dir(__wasi_fd_t dir, const char *p) {
    int e = __wasi_path_remove_directory(dir, p);
    if (e) t_fail("%s: path_remove_directory %s (errno %d %s)", cur, p, e, t_errname(e));
}

static uint64_t now_ns(void) {
    __wasi_timestamp_t t = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static int wr(__wasi_fd_t fd, const void *p, size_t n, __wasi_size_t *done) {
    __wasi_ciovec_t iov = {(const uint8_t *)p, n};
    *done = 0;
    return __wasi_fd_write(fd, &iov, 1, done);
}
static int rd(__wasi_fd_t fd, void *p, size_t n, __wasi_size_t *done) {
    __wasi_iovec_t iov = {(uint8_t *)p, n};
    *done = 0;
    return __wasi_fd_read(fd, &iov, 1, done);
}

/*
 * The O_CREAT open a test starts with, done exactly as the suite does it.
 * If it fails, that failure is reported, and then -- so that the test's later
 * checks still run -- the file is created with FD_WRITE added to the rights
 * and opened again the suite's way without O_CREAT (an `info` line says so).
 * Returns whether *fd is open.
 */
static int creat_open(const char *what, __wasi_fd_t dir, const char *path, __wasi_oflags_t of,
                      __wasi_rights_t base, __wasi_rights_t inh, __wasi_fdflags_t ff,
                      __wasi_fd_t *fd) {
    int e = __wasi_path_open(dir, 0, path, of, base, inh, ff, fd);
    if (EXP(what, e, 0)) {
        if (*fd <= 2) t_fail("%s: new fd %u <= 2", nm(what), *fd);
        return 1;
    }
    __wasi_fd_t tmp;
    int e2 = __wasi_path_open(dir, 0, path, of & ~(__wasi_oflags_t)__WASI_OFLAGS_EXCL,
                              base | RT(FD_WRITE), inh, ff, &tmp);
    if (e2 == 0) {
        (void)__wasi_fd_close(tmp);
        e2 = __wasi_path_open(dir, 0, path,
                              of & ~(__wasi_oflags_t)(__WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL |
                                                      __WASI_OFLAGS_TRUNC),
                              base, inh, ff, fd);
    }
    t_info("%s: to go on, created %s with FD_WRITE added and reopened without O_CREAT: errno %d",
           cur, path, e2);
    return e2 == 0;
}
#define CREATE(what, dir, path, of, base, inh, ff, fdp)                                            \
    creat_open(what, (__wasi_fd_t)(dir), path, of, base, inh, ff, fdp)

/* The suite's create_file: O_CREAT with no rights at all, then close (with
 * creat_open's fallback when that fails). */
static int create_file(__wasi_fd_t dir, const char *name) {
    __wasi_fd_t fd = 0;
    char what[120];
    snprintf(what, sizeof what, "create_file %s (O_CREAT, rights 0)", name);
    int e = __wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd);
    if (e) {
        t_fail("%s: %s (errno %d %s)", cur, what, e, t_errname(e));
        int e2 = __wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, RT(FD_WRITE), 0, 0, &fd);
        t_info("%s: to go on, created %s with FD_WRITE: errno %d", cur, name, e2);
        if (e2) return e;
        cl(fd);
        return 0;
    }
    if (fd <= 2) t_fail("%s: create %s: new fd %u <= 2", cur, name, fd);
    cl(fd);
    return 0;
}

/* The suite's create_tmp_dir: mkdir, then open it asking for these rights
 * (more than a host may grant: it must clamp, never refuse). */
#define TMP_BASE                                                                                   \
    (RT(FD_FILESTAT_GET) | RT(FD_READDIR) | RT(PATH_CREATE_FILE) | RT(PATH_CREATE_DIRECTORY) |     \
     RT(PATH_REMOVE_DIRECTORY) | RT(PATH_OPEN) | RT(PATH_UNLINK_FILE) | RT(PATH_LINK_SOURCE) |     \
     RT(PATH_LINK_TARGET) | RT(PATH_READLINK) | RT(PATH_RENAME_SOURCE) | RT(PATH_RENAME_TARGET) |  \
     RT(PATH_FILESTAT_GET) | RT(PATH_FILESTAT_SET_SIZE) | RT(PATH_FILESTAT_SET_TIMES) |            \
     RT(PATH_SYMLINK))
#define TMP_INH                                                                                    \
    (RT(FD_READ) | RT(FD_WRITE) | RT(FD_READDIR) | RT(FD_FILESTAT_GET) | RT(FD_SEEK) |             \
     RT(PATH_LINK_SOURCE) | RT(PATH_LINK_TARGET) | RT(PATH_OPEN) | RT(PATH_UNLINK_FILE) |          \
     RT(PATH_FILESTAT_GET) | RT(FD_FDSTAT_SET_FLAGS) | RT(FD_SYNC) | RT(FD_TELL) | RT(FD_ADVISE) | \
     RT(FD_ALLOCATE) | RT(FD_FILESTAT_SET_SIZE) | RT(FD_FILESTAT_SET_TIMES))

static int tmp_dir_rights(const char *name, __wasi_rights_t base, __wasi_rights_t inh) {
    int e = __wasi_path_create_directory(root, name);
    if (!EXP("create_tmp_dir: path_create_directory", e, 0)) return -1;
    __wasi_fd_t fd = 0;
    e = __wasi_path_open(root, 0, name, __WASI_OFLAGS_DIRECTORY, base, inh, 0, &fd);
    if (!EXP("create_tmp_dir: path_open(O_DIRECTORY) with more rights than needed", e, 0)) {
        (void)__wasi_path_remove_directory(root, name);
        return -1;
    }
    if (fd <= 2) t_fail("%s: tmp dir fd %u <= 2", cur, fd);
    return (int)fd;
}
static int tmp_dir(const char *name) { return tmp_dir_rights(name, TMP_BASE, TMP_INH); }
static void end_tmp(int fd, const char *name) {
    if (fd >= 0) cl((__wasi_fd_t)fd);
    rm_dir(root, name);
}

static int fdstat(__wasi_fd_t fd, __wasi_fdstat_t *st) {
    memset(st, 0, sizeof *st);
    return __wasi_fd_fdstat_get(fd, st);
}
static int fstat_(__wasi_fd_t fd, __wasi_filestat_t *st) {
    memset(st, 0, sizeof *st);
    return __wasi_fd_filestat_get(fd, st);
}
static int pstat(__wasi_fd_t dir, __wasi_lookupflags_t lf, const char *p, __wasi_filestat_t *st) {
    memset(st, 0, sizeof *st);
    return __wasi_path_filestat_get(dir, lf, p, st);
}

/* lib.rs supports_rights(): NOTSUP from an unchanged fd_fdstat_set_rights
 * means the host has no rights at all, and rights checks are skipped. */
static int supports_rights(__wasi_fd_t fd) {
    __wasi_fdstat_t st;
    if (fdstat(fd, &st)) return 1;
    int e = __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base, st.fs_rights_inheriting);
    t_info("%s: supports_rights probe on fd %u: errno %d %s", cur, fd, e, t_errname(e));
    return e != __WASI_ERRNO_NOTSUP;
}

/* ---- fd_readdir parsing ---- */
struct ent {
    __wasi_dirent_t d;
    char name[64];
};
/* Parse the complete entries in buf[0..used) (a cut-off last entry is
 * dropped, as the suite's iterator does). */
static int parse_dirents(const uint8_t *buf, size_t used, struct ent *out, int max) {
    size_t off = 0;
    int n = 0;
    while (off + sizeof(__wasi_dirent_t) <= used && n < max) {
        __wasi_dirent_t d;
        memcpy(&d, buf + off, sizeof d);
        if (off + sizeof d + d.d_namlen > used) break;
        out[n].d = d;
        size_t l = d.d_namlen < sizeof out[n].name - 1 ? d.d_namlen : sizeof out[n].name - 1;
        memcpy(out[n].name, buf + off + sizeof d, l);
        out[n].name[l] = '\0';
        n++;
        off += sizeof d + d.d_namlen;
    }
    return n;
}
/* One suite-style fd_readdir call: 256-byte buffer, EOF is bufused < 256. */
static int readdir256(__wasi_fd_t fd, __wasi_dircookie_t cookie, struct ent *out, int max,
                      int *n, int *eof, __wasi_size_t *used_out) {
    static uint8_t buf[256] __attribute__((aligned(8)));
    __wasi_size_t used = 0;
    memset(buf, 0, sizeof buf);
    int e = __wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used);
    *n = 0;
    *eof = 1;
    if (used_out) *used_out = used;
    if (e) return e;
    if (used > sizeof buf) return -1;
    *n = parse_dirents(buf, used, out, max);
    *eof = used < sizeof buf;
    return 0;
}
static int by_name(const void *a, const void *b) {
    return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

/* Names in a directory other than "." and "..", for the leftover check. */
static int list_names(__wasi_fd_t fd, char names[][64], int max) {
    static uint8_t buf[4096] __attribute__((aligned(8)));
    static struct ent ents[200];
    __wasi_dircookie_t cookie = 0;
    int total = 0;
    for (int round = 0; round < 1000; round++) {
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used)) return total;
        int n = parse_dirents(buf, used, ents, 200);
        for (int i = 0; i < n; i++) {
            if (strcmp(ents[i].name, ".") && strcmp(ents[i].name, "..") && total < max)
                snprintf(names[total++], 64, "%s", ents[i].name);
        }
        if (used < sizeof buf || n == 0) break;
        cookie = ents[n - 1].d.d_next;
    }
    return total;
}
/* Remove `name` under dir, whatever it is (leftovers of failed checks). */
static void rm_tree(__wasi_fd_t dir, const char *name, int depth) {
    if (__wasi_path_unlink_file(dir, name) == 0) return;
    __wasi_fd_t sub;
    if (depth < 8 && t_open(dir, 0, name, __WASI_OFLAGS_DIRECTORY, 0, &sub) == 0) {
        static char names[8][64][64];
        int n = list_names(sub, names[depth], 64);
        for (int i = 0; i < n; i++) rm_tree(sub, names[depth][i], depth + 1);
        (void)__wasi_fd_close(sub);
    }
    (void)__wasi_path_remove_directory(dir, name);
}

/* =====================================================================
 * Rust tests (wasi-testsuite tests/rust/wasm32-wasip1/src/bin/)
 * ===================================================================== */

static void t_sched_yield(void) {
    cur = "sched_yield";
    SUCC("sched_yield", __wasi_sched_yield());
}

static void t_poll_oneoff_stdio(void) {
    cur = "poll_oneoff_stdio";
    const __wasi_userdata_t CLOCK_UD = 0x12345678ull, STDIN_UD = 0x876543210ull;
    const __wasi_timestamp_t TIMEOUT = 200000000ull; /* 200 ms */
    __wasi_subscription_t s[3];
    __wasi_event_t ev[3];
    __wasi_size_t n = 0;

    /* 1. A 200 ms clock and fd_read on stdin (an idle pipe): the call must
     * return (the clock fires; stdin being ready is also accepted) and every
     * event must be one of the two, with error SUCCESS. */
    memset(s, 0, sizeof s);
    memset(ev, 0, sizeof ev);
    s[0].userdata = CLOCK_UD;
    s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[0].u.u.clock.timeout = TIMEOUT;
    s[1].userdata = STDIN_UD;
    s[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[1].u.u.fd_read.file_descriptor = 0;
    uint64_t t0 = now_ns();
    int e = __wasi_poll_oneoff(s, ev, 2, &n);
    uint64_t ms = (now_ns() - t0) / 1000000;
    if (EXP("poll_oneoff(clock 200ms, fd_read stdin)", e, 0)) {
        OKC("at least one event", n >= 1 && n <= 2, "nevents %u", n);
        int good = 1;
        for (__wasi_size_t i = 0; i < n && i < 2; i++) {
            if (ev[i].type == __WASI_EVENTTYPE_CLOCK) {
                t_info("%s: clock event after %llu ms, error %d", cur, (unsigned long long)ms,
                       ev[i].error);
                if (ev[i].error != 0 || ev[i].userdata != CLOCK_UD) good = 0;
            } else if (ev[i].type == __WASI_EVENTTYPE_FD_READ) {
                t_info("%s: stdin fd_read event after %llu ms, error %d", cur,
                       (unsigned long long)ms, ev[i].error);
                if (ev[i].error != 0 || ev[i].userdata != STDIN_UD) good = 0;
            } else {
                good = 0;
            }
        }
        OKC("events are the clock or stdin, with error SUCCESS", good,
            "type %d error %d userdata %#llx", ev[0].type, ev[0].error,
            (unsigned long long)ev[0].userdata);
    }

    /* 2. fd_write on stdout and stderr plus a 200 ms clock, repeated until
     * both came back: they must come back (type FD_WRITE, error SUCCESS)
     * before the clock ever fires. */
    int pending[2] = {1, 1};
    int good = 1;
    fflush(stdout);
    for (int round = 0; round < 10 && (pending[0] || pending[1]) && good; round++) {
        int k = 0;
        memset(s, 0, sizeof s);
        memset(ev, 0, sizeof ev);
        for (int j = 0; j < 2; j++) {
            if (!pending[j]) continue;
            s[k].userdata = (__wasi_userdata_t)(j + 1);
            s[k].u.tag = __WASI_EVENTTYPE_FD_WRITE;
            s[k].u.u.fd_write.file_descriptor = (__wasi_fd_t)(j + 1);
            k++;
        }
        s[k].userdata = CLOCK_UD;
        s[k].u.tag = __WASI_EVENTTYPE_CLOCK;
        s[k].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
        s[k].u.u.clock.timeout = TIMEOUT;
        k++;
        n = 0;
        e = __wasi_poll_oneoff(s, ev, (__wasi_size_t)k, &n);
        if (e) {
            t_fail("%s: poll_oneoff(fd_write stdout/stderr, clock) (errno %d %s)", cur, e,
                   t_errname(e));
            good = 0;
            break;
        }
        for (__wasi_size_t i = 0; i < n && i < (__wasi_size_t)k; i++) {
            __wasi_userdata_t ud = ev[i].userdata;
            if (ud == CLOCK_UD) {
                t_fail("%s: clock fired with stdout %s, stderr %s still pending", cur,
                       pending[0] ? "yes" : "no", pending[1] ? "yes" : "no");
                good = 0;
            } else if ((ud == 1 || ud == 2) && pending[ud - 1]) {
                pending[ud - 1] = 0;
                if (ev[i].type != __WASI_EVENTTYPE_FD_WRITE || ev[i].error != 0) {
                    t_fail("%s: fd %llu event type %d error %d", cur, (unsigned long long)ud,
                           ev[i].type, ev[i].error);
                    good = 0;
                }
            } else {
                t_fail("%s: unknown userdata %#llx", cur, (unsigned long long)ud);
                good = 0;
            }
        }
    }
    OKC("stdout and stderr writable before the 200 ms clock", good && !pending[0] && !pending[1],
        "pending stdout %d stderr %d", pending[0], pending[1]);
}

static void t_path_open_preopen(void) {
    cur = "path_open_preopen";
    __wasi_prestat_t ps;
    int e = __wasi_fd_prestat_get(pre, &ps);
    char name[16] = {0};
    int named = e == 0 && ps.tag == __WASI_PREOPENTYPE_DIR && ps.u.dir.pr_name_len == 1 &&
                __wasi_fd_prestat_dir_name(pre, (uint8_t *)name, 1) == 0 && name[0] == '/';
    OKC("the preopen is a directory named \"/\"", named, "errno %d", e);

    static const __wasi_rights_t base_need =
        RT(PATH_CREATE_DIRECTORY) | RT(PATH_CREATE_FILE) | RT(PATH_LINK_SOURCE) |
        RT(PATH_LINK_TARGET) | RT(PATH_OPEN) | RT(FD_READDIR) | RT(PATH_READLINK) |
        RT(PATH_RENAME_SOURCE) | RT(PATH_RENAME_TARGET) | RT(PATH_SYMLINK) |
        RT(PATH_REMOVE_DIRECTORY) | RT(PATH_UNLINK_FILE) | RT(PATH_FILESTAT_GET) |
        RT(PATH_FILESTAT_SET_TIMES) | RT(FD_FILESTAT_GET) | RT(FD_FILESTAT_SET_TIMES);
    static const __wasi_rights_t inh_need =
        base_need | RT(FD_DATASYNC) | RT(FD_READ) | RT(FD_SEEK) | RT(FD_FDSTAT_SET_FLAGS) |
        RT(FD_SYNC) | RT(FD_TELL) | RT(FD_WRITE) | RT(FD_ADVISE) | RT(FD_ALLOCATE) |
        RT(FD_FILESTAT_GET) | RT(FD_FILESTAT_SET_SIZE) | RT(FD_FILESTAT_SET_TIMES) |
        RT(POLL_FD_READWRITE);
    __wasi_fdstat_t st;
    e = fdstat(pre, &st);
    t_info("%s: preopen rights base %#llx inheriting %#llx", cur,
           (unsigned long long)st.fs_rights_base, (unsigned long long)st.fs_rights_inheriting);
    OKC("fs_rights_base has the directory rights", e == 0 && (st.fs_rights_base & base_need) == base_need,
        "errno %d, missing %#llx", e, (unsigned long long)(base_need & ~st.fs_rights_base));
    OKC("fs_rights_inheriting has the directory and file rights",
        e == 0 && (st.fs_rights_inheriting & inh_need) == inh_need, "missing %#llx",
        (unsigned long long)(inh_need & ~st.fs_rights_inheriting));

    __wasi_fd_t fd;
    e = __wasi_path_open(pre, 0, ".", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd);
    if (EXP("open \".\" with the preopen's own rights", e, 0)) cl(fd);
    e = __wasi_path_open(pre, 0, ".", 0, 0, 0, 0, &fd);
    if (EXP("open \".\" with no rights", e, 0)) cl(fd);
    e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
    if (EXP("open \".\" O_DIRECTORY with no rights", e, 0)) cl(fd);
    e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, RT(FD_READ), 0, 0, &fd);
    if (EXP("open \".\" O_DIRECTORY with FD_READ", e, 0)) cl(fd);
    e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, RT(FD_READ) | RT(FD_WRITE), 0, 0,
                         &fd);
    if (!EXP("open \".\" O_DIRECTORY with FD_READ|FD_WRITE -> ISDIR", e, EISDIR) && e == 0) cl(fd);
}

static void t_dir_fd_op_failures(void) {
    cur = "dir_fd_op_failures";
    __wasi_filestat_t fs;
    int e = fstat_(root, &fs);
    OKC("fd_filestat_get(dir).filetype == DIRECTORY", e == 0 && fs.filetype == __WASI_FILETYPE_DIRECTORY,
        "errno %d type %d", e, fs.filetype);

    /* The first preopen found by scanning from fd 3. */
    __wasi_fd_t pr = 0;
    __wasi_prestat_t ps;
    for (__wasi_fd_t f = 3; f < 64; f++) {
        if (__wasi_fd_prestat_get(f, &ps) != 0) break;
        if (ps.tag == __WASI_PREOPENTYPE_DIR) {
            pr = f;
            break;
        }
    }
    if (OKC("found a preopen", pr != 0, "none")) {
        uint8_t nb[64];
        e = __wasi_fd_prestat_dir_name(pr, nb, 0);
        EXP("fd_prestat_dir_name(buf len 0) -> INVAL|NAMETOOLONG", e, EINVAL, ENAMETOOLONG);
        e = __wasi_fd_prestat_dir_name(pr, nb, ps.u.dir.pr_name_len + 1);
        EXP("fd_prestat_dir_name(len+1)", e, 0);
    }

    uint8_t buf[128] = {0};
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_ciovec_t ciov = {buf, sizeof buf};
    __wasi_size_t n;
    __wasi_filesize_t pos;
    EXP("fd_read(dir) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_read(root, &iov, 1, &n), EISDIR, EBADF,
        ENOTCAPABLE);
    EXP("fd_pread(dir) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_pread(root, &iov, 1, 0, &n), EISDIR,
        EBADF, ENOTCAPABLE);
    EXP("fd_write(dir) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_write(root, &ciov, 1, &n), EISDIR,
        EBADF, ENOTCAPABLE);
    EXP("fd_pwrite(dir) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_pwrite(root, &ciov, 1, 0, &n), EISDIR,
        EBADF, ENOTCAPABLE);
    EXP("fd_seek(dir, 0, CUR) -> ISDIR|BADF|NOTCAPABLE",
        __wasi_fd_seek(root, 0, __WASI_WHENCE_CUR, &pos), EISDIR, EBADF, ENOTCAPABLE);
    EXP("fd_seek(dir, 0, SET) -> ISDIR|BADF|NOTCAPABLE",
        __wasi_fd_seek(root, 0, __WASI_WHENCE_SET, &pos), EISDIR, EBADF, ENOTCAPABLE);
    EXP("fd_seek(dir, 0, END) -> ISDIR|BADF|NOTCAPABLE",
        __wasi_fd_seek(root, 0, __WASI_WHENCE_END, &pos), EISDIR, EBADF, ENOTCAPABLE);
    EXP("fd_tell(dir) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_tell(root, &pos), EISDIR, EBADF,
        ENOTCAPABLE);
    EXP("fd_allocate(dir, 0, 1) -> ISDIR|BADF|NOTCAPABLE", __wasi_fd_allocate(root, 0, 1), EISDIR,
        EBADF, ENOTCAPABLE);
    EXP("fd_filestat_set_size(dir, 0) -> ISDIR|INVAL|BADF|NOTCAPABLE",
        __wasi_fd_filestat_set_size(root, 0), EISDIR, EINVAL, EBADF, ENOTCAPABLE);
}

static void t_directory_seek(void) {
    cur = "directory_seek";
    const char *D = "directory_seek_dir.cleanup";
    if (!quiet("mkdir", __wasi_path_create_directory(root, D))) return;
    __wasi_fd_t fd;
    int e = __wasi_path_open(root, 0, D, __WASI_OFLAGS_DIRECTORY, RT(FD_SEEK), 0, 0, &fd);
    if (EXP("open O_DIRECTORY asking for FD_SEEK", e, 0)) {
        OKC("fd > 2", fd > 2, "fd %u", fd);
        __wasi_filesize_t pos;
        EXP("fd_seek(dir, 0, CUR) -> ISDIR|NOTCAPABLE|BADF",
            __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos), EISDIR, ENOTCAPABLE, EBADF);
        __wasi_fdstat_t st;
        e = fdstat(fd, &st);
        OKC("fdstat filetype DIRECTORY", e == 0 && st.fs_filetype == __WASI_FILETYPE_DIRECTORY,
            "errno %d type %d", e, st.fs_filetype);
        OKC("fdstat base lacks FD_SEEK", e == 0 && !(st.fs_rights_base & RT(FD_SEEK)),
            "base %#llx", (unsigned long long)st.fs_rights_base);
        cl(fd);
    }
    rm_dir(root, D);
}

static void t_fd_advise(void) {
    cur = "fd_advise";
    const char *F = "fd_advise_file.cleanup";
    __wasi_fd_t fd;
    int e = __wasi_path_open(root, 0, F, __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_ADVISE) | RT(FD_FILESTAT_GET) |
                                 RT(FD_FILESTAT_SET_SIZE) | RT(FD_ALLOCATE),
                             0, 0, &fd);
    if (!EXP("create", e, 0)) return;
    OKC("fd > 2", fd > 2, "fd %u", fd);
    __wasi_filestat_t fs;
    e = fstat_(fd, &fs);
    OKC("size 0", e == 0 && fs.size == 0, "errno %d size %llu", e, (unsigned long long)fs.size);
    SUCC("fd_filestat_set_size(100)", __wasi_fd_filestat_set_size(fd, 100));
    e = fstat_(fd, &fs);
    OKC("size 100", e == 0 && fs.size == 100, "errno %d size %llu", e, (unsigned long long)fs.size);
    SUCC("fd_advise(10, 50, NORMAL)", __wasi_fd_advise(fd, 10, 50, __WASI_ADVICE_NORMAL));
    e = fstat_(fd, &fs);
    OKC("size still 100", e == 0 && fs.size == 100, "size %llu", (unsigned long long)fs.size);
    e = __wasi_fd_allocate(fd, 100, 100);
    if (EXP("fd_allocate(100, 100) -> OK or NOTSUP", e, 0, ENOTSUP) && e == 0) {
        e = fstat_(fd, &fs);
        OKC("size 200 after fd_allocate", e == 0 && fs.size == 200, "size %llu",
            (unsigned long long)fs.size);
    } else {
        t_ok(nm("size 200 after fd_allocate"));
    }
    cl(fd);
    rm_file(root, F);
}

static void t_file_allocate(void) {
    cur = "file_allocate";
    const char *D = "file_allocate_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_ALLOCATE) | RT(FD_FILESTAT_GET), 0,
                             0, &fd);
    if (EXP("create", e, 0)) {
        __wasi_filestat_t fs;
        e = fstat_(fd, &fs);
        OKC("size 0", e == 0 && fs.size == 0, "size %llu", (unsigned long long)fs.size);
        e = __wasi_fd_allocate(fd, 0, 100);
        int supported = e == 0;
        EXP("fd_allocate(0, 100) -> OK or NOTSUP", e, 0, ENOTSUP);
        if (supported) {
            e = fstat_(fd, &fs);
            OKC("size 100", e == 0 && fs.size == 100, "size %llu", (unsigned long long)fs.size);
            e = __wasi_fd_allocate(fd, 10, 10);
            OKC("fd_allocate(10, 10) keeps size 100", e == 0 && fstat_(fd, &fs) == 0 && fs.size == 100,
                "errno %d size %llu", e, (unsigned long long)fs.size);
            e = __wasi_fd_allocate(fd, 90, 20);
            OKC("fd_allocate(90, 20) grows to 110", e == 0 && fstat_(fd, &fs) == 0 && fs.size == 110,
                "errno %d size %llu", e, (unsigned long long)fs.size);
        } else {
            t_ok(nm("size 100"));
            t_ok(nm("fd_allocate(10, 10) keeps size 100"));
            t_ok(nm("fd_allocate(90, 20) grows to 110"));
        }
        cl(fd);
        rm_file(dir, "file");
    }
    end_tmp(dir, D);
}

static void t_file_pread_pwrite(void) {
    cur = "file_pread_pwrite";
    const char *D = "file_pread_pwrite_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_SEEK) | RT(FD_WRITE), 0, 0, &fd);
    if (EXP("create", e, 0)) {
        const uint8_t c4[4] = {0, 1, 2, 3};
        __wasi_size_t n = 0;
        __wasi_ciovec_t ci = {c4, 4};
        e = __wasi_fd_pwrite(fd, &ci, 1, 0, &n);
        OKC("fd_pwrite 4 bytes at 0 returns 4", e == 0 && n == 4, "errno %d n %u", e, n);
        uint8_t r4[4] = {9, 9, 9, 9};
        __wasi_iovec_t ri = {r4, 4};
        e = __wasi_fd_pread(fd, &ri, 1, 0, &n);
        OKC("fd_pread 4 at 0 reads them back", e == 0 && n == 4 && !memcmp(r4, c4, 4), "errno %d n %u",
            e, n);

        /* Several iovecs, looping over short transfers. */
        size_t off = 0;
        int good = 1;
        for (int i = 0; i < 10 && off < 4; i++) {
            __wasi_ciovec_t v[2];
            int k = 0;
            size_t rem = 4 - off;
            if (rem > 2) {
                v[k].buf = c4 + off;
                v[k].buf_len = 2;
                k++;
                rem -= 2;
            }
            v[k].buf = c4 + 4 - rem;
            v[k].buf_len = rem;
            k++;
            e = __wasi_fd_pwrite(fd, v, k, off, &n);
            if (e || n == 0) {
                good = 0;
                break;
            }
            off += n;
        }
        OKC("multi-iovec fd_pwrite loop writes 4", good && off == 4, "errno %d off %zu", e, off);
        uint8_t got[4] = {0};
        off = 0;
        good = 1;
        for (int i = 0; i < 10; i++) {
            uint8_t b[4] = {0};
            __wasi_iovec_t v[2] = {{b, 2}, {b + 2, 2}};
            e = __wasi_fd_pread(fd, v, 2, off, &n);
            if (e) {
                good = 0;
                break;
            }
            if (n == 0) break;
            if (off + n > 4) {
                good = 0;
                break;
            }
            memcpy(got + off, b, n);
            off += n;
        }
        OKC("multi-iovec fd_pread loop reads 0 1 2 3", good && off == 4 && !memcmp(got, c4, 4),
            "errno %d off %zu", e, off);
        uint8_t r2[4] = {0, 0, 0, 0};
        __wasi_iovec_t ri2 = {r2, 4};
        e = __wasi_fd_pread(fd, &ri2, 1, 2, &n);
        const uint8_t want2[4] = {2, 3, 0, 0};
        OKC("fd_pread(buf 4, at 2) is short: 2 bytes", e == 0 && n == 2 && !memcmp(r2, want2, 4),
            "errno %d n %u", e, n);
        const uint8_t w10[2] = {1, 0};
        __wasi_ciovec_t ci2 = {w10, 2};
        e = __wasi_fd_pwrite(fd, &ci2, 1, 2, &n);
        OKC("fd_pwrite([1,0], at 2) returns 2", e == 0 && n == 2, "errno %d n %u", e, n);
        memset(r4, 9, 4);
        e = __wasi_fd_pread(fd, &ri, 1, 0, &n);
        const uint8_t want3[4] = {0, 1, 1, 0};
        OKC("content is 0 1 1 0", e == 0 && n == 4 && !memcmp(r4, want3, 4), "errno %d n %u", e, n);
        cl(fd);
        rm_file(dir, "file");
    }
    end_tmp(dir, D);
}

static void t_file_seek_tell(void) {
    cur = "file_seek_tell";
    const char *D = "file_seek_tell_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_SEEK) | RT(FD_TELL), 0, 0, &fd);
    if (EXP("create", e, 0)) {
        __wasi_filesize_t pos = 99;
        e = __wasi_fd_tell(fd, &pos);
        OKC("fd_tell 0", e == 0 && pos == 0, "errno %d pos %llu", e, (unsigned long long)pos);
        uint8_t data[100] = {0};
        __wasi_size_t n;
        e = wr(fd, data, 100, &n);
        OKC("write 100", e == 0 && n == 100, "errno %d n %u", e, n);
        e = __wasi_fd_tell(fd, &pos);
        OKC("fd_tell 100", e == 0 && pos == 100, "errno %d pos %llu", e, (unsigned long long)pos);
        e = __wasi_fd_seek(fd, -50, __WASI_WHENCE_CUR, &pos);
        OKC("fd_seek(-50, CUR) -> 50", e == 0 && pos == 50, "errno %d pos %llu", e,
            (unsigned long long)pos);
        e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
        OKC("fd_seek(0, SET) -> 0", e == 0 && pos == 0, "errno %d pos %llu", e,
            (unsigned long long)pos);
        SUCC("fd_seek(+1000, CUR) past EOF", __wasi_fd_seek(fd, 1000, __WASI_WHENCE_CUR, &pos));
        EXP("fd_seek(-2000, CUR) -> INVAL", __wasi_fd_seek(fd, -2000, __WASI_WHENCE_CUR, &pos),
            EINVAL);
        e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
        e = e ? e : rd(fd, data, 100, &n);
        OKC("read 100", e == 0 && n == 100, "errno %d n %u", e, n);
        e = __wasi_fd_tell(fd, &pos);
        OKC("fd_tell 100 after read", e == 0 && pos == 100, "errno %d pos %llu", e,
            (unsigned long long)pos);
        cl(fd);
        rm_file(dir, "file");
    }
    end_tmp(dir, D);
}

static void t_file_truncation(void) {
    cur = "file_truncation";
    const char *D = "file_truncation_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, RT(FD_READ) | RT(FD_WRITE), 0, 0,
                             &fd);
    if (EXP("create", e, 0)) {
        __wasi_size_t n;
        e = wr(fd, "123456", 6, &n);
        OKC("write 6", e == 0 && n == 6, "errno %d n %u", e, n);
        cl(fd);
        e = __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                             RT(FD_READ) | RT(FD_WRITE), 0, 0, &fd);
        if (EXP("reopen O_CREAT|O_TRUNC", e, 0)) {
            char b[16];
            e = rd(fd, b, sizeof b, &n);
            OKC("fd_read returns 0 bytes", e == 0 && n == 0, "errno %d n %u", e, n);
            cl(fd);
        }
        rm_file(dir, "file");
    }
    end_tmp(dir, D);
}

static void t_file_unbuffered_write(void) {
    cur = "file_unbuffered_write";
    const char *D = "file_unbuffered_write_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fr, fw;
    int e;
    if (CREATE("create, open for reading", dir, "file", __WASI_OFLAGS_CREAT, RT(FD_READ), 0, 0, &fr)) {
        e = __wasi_path_open(dir, 0, "file", 0, RT(FD_WRITE), 0, 0, &fw);
        if (EXP("open for writing", e, 0)) {
            uint8_t one = 1, got = 0;
            __wasi_size_t n;
            e = wr(fw, &one, 1, &n);
            OKC("write 1 byte", e == 0 && n == 1, "errno %d n %u", e, n);
            e = rd(fr, &got, 1, &n);
            OKC("the other fd reads it at once", e == 0 && n == 1 && got == 1, "errno %d n %u", e, n);
            cl(fw);
        }
        cl(fr);
        rm_file(dir, "file");
    }
    end_tmp(dir, D);
}

static void t_fstflags_validate(void) {
    cur = "fstflags_validate";
    const char *F = "fstflags_validate.cleanup";
    __wasi_fd_t fd;
    if (!CREATE("create", root, F, __WASI_OFLAGS_CREAT, RT(FD_READ) | RT(FD_FILESTAT_SET_TIMES), 0,
                0, &fd))
        return;
    EXP("fd_filestat_set_times MTIM|MTIM_NOW -> INVAL",
        __wasi_fd_filestat_set_times(fd, 100, 200, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
        EINVAL);
    EXP("fd_filestat_set_times ATIM|ATIM_NOW -> INVAL",
        __wasi_fd_filestat_set_times(fd, 100, 200, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
        EINVAL);
    cl(fd);
    rm_file(root, F);
}

static void t_fd_filestat_set(void) {
    cur = "fd_filestat_set";
    const char *F = "fd_filestat_set_file.cleanup";
    __wasi_fd_t fd;
    int e = __wasi_path_open(root, 0, F, __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_FILESTAT_GET) |
                                 RT(FD_FILESTAT_SET_SIZE) | RT(FD_FILESTAT_SET_TIMES),
                             0, 0, &fd);
    if (!EXP("create", e, 0)) return;
    OKC("fd > 2", fd > 2, "fd %u", fd);
    __wasi_filestat_t fs;
    e = fstat_(fd, &fs);
    OKC("size 0", e == 0 && fs.size == 0, "size %llu", (unsigned long long)fs.size);
    SUCC("fd_filestat_set_size(100)", __wasi_fd_filestat_set_size(fd, 100));
    e = fstat_(fd, &fs);
    OKC("size 100", e == 0 && fs.size == 100, "size %llu", (unsigned long long)fs.size);
    __wasi_timestamp_t old_atim = fs.atim, new_mtim = fs.mtim - 100;
    SUCC("fd_filestat_set_times(mtim-100, MTIM)",
         __wasi_fd_filestat_set_times(fd, new_mtim, new_mtim, __WASI_FSTFLAGS_MTIM));
    e = fstat_(fd, &fs);
    OKC("size unchanged", e == 0 && fs.size == 100, "size %llu", (unsigned long long)fs.size);
    OKC("mtim is exactly the new value", e == 0 && fs.mtim == new_mtim, "mtim %llu want %llu",
        (unsigned long long)fs.mtim, (unsigned long long)new_mtim);
    OKC("atim unchanged (no ATIM flag)", e == 0 && fs.atim == old_atim, "atim %llu was %llu",
        (unsigned long long)fs.atim, (unsigned long long)old_atim);
    cl(fd);
    rm_file(root, F);
}

static void t_fd_flags_set(void) {
    cur = "fd_flags_set";
    const char *F = "fd_flags_set_file.cleanup";
    __wasi_fd_t fd;
    int e = __wasi_path_open(root, 0, F, __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_SEEK) | RT(FD_TELL) |
                                 RT(FD_FDSTAT_SET_FLAGS),
                             0, __WASI_FDFLAGS_APPEND, &fd);
    if (!EXP("create with APPEND", e, 0)) return;
    uint8_t d0[100], d1[100], d2[100], b[100];
    memset(d0, 0, 100);
    memset(d1, 1, 100);
    memset(d2, 2, 100);
    __wasi_size_t n;
    __wasi_filesize_t pos;
    e = wr(fd, d0, 100, &n);
    OKC("write 100", e == 0 && n == 100, "errno %d n %u", e, n);
    e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    memset(b, 7, 100);
    e = e ? e : rd(fd, b, 100, &n);
    OKC("seek 0, read them back", e == 0 && n == 100 && !memcmp(b, d0, 100), "errno %d n %u", e, n);
    e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    e = e ? e : wr(fd, d1, 100, &n);
    OKC("seek 0, write 100 more", e == 0 && n == 100, "errno %d n %u", e, n);
    e = __wasi_fd_seek(fd, 100, __WASI_WHENCE_SET, &pos);
    memset(b, 7, 100);
    e = e ? e : rd(fd, b, 100, &n);
    OKC("append mode: they went to the end (read at 100)", e == 0 && n == 100 && !memcmp(b, d1, 100),
        "errno %d n %u first byte %d", e, n, b[0]);
    SUCC("fd_fdstat_set_flags(0)", __wasi_fd_fdstat_set_flags(fd, 0));
    e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    e = e ? e : wr(fd, d2, 100, &n);
    OKC("seek 0, write 100", e == 0 && n == 100, "errno %d n %u", e, n);
    e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    memset(b, 7, 100);
    e = e ? e : rd(fd, b, 100, &n);
    OKC("append off: bytes 0..100 overwritten", e == 0 && n == 100 && !memcmp(b, d2, 100),
        "errno %d n %u first byte %d", e, n, b[0]);
    cl(fd);
    __wasi_filestat_t fs;
    e = pstat(root, 0, F, &fs);
    OKC("final size 200", e == 0 && fs.size == 200, "errno %d size %llu", e,
        (unsigned long long)fs.size);
    rm_file(root, F);
}

static void t_fd_fdstat_set_rights(void) {
    cur = "fd_fdstat_set_rights";
    const char *D = "rights_dir.cleanup";
    static const char *checks[] = {
        "write, seek 0, read",
        "fdstat lacks FD_READ|FD_WRITE after dropping them",
        "fdstat still has FD_SEEK",
        "fd_read -> BADF|NOTCAPABLE",
        "fd_write -> BADF|NOTCAPABLE",
        "re-adding rights -> NOTCAPABLE",
    };
    int dir = tmp_dir(D);
    if (dir < 0) return;
    if (!supports_rights((__wasi_fd_t)dir)) {
        t_info("%s: skipped: fd_fdstat_set_rights says NOTSUP (no rights)", cur);
        for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) t_ok(nm(checks[i]));
        end_tmp(dir, D);
        return;
    }
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, 0, "file.cleanup", __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_SEEK) | RT(FD_TELL), 0, 0, &fd);
    if (quiet("create", e)) {
        const uint8_t c[4] = {0, 1, 2, 3};
        uint8_t r[4] = {9, 9, 9, 9};
        __wasi_size_t n, m = 0;
        __wasi_filesize_t pos;
        e = wr(fd, c, 4, &n);
        e = e ? e : __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
        e = e ? e : rd(fd, r, 4, &m);
        OKC(checks[0], e == 0 && m == 4 && !memcmp(r, c, 4), "errno %d n %u", e, m);
        __wasi_fdstat_t st;
        e = fdstat(fd, &st);
        e = e ? e
              : __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base & ~(RT(FD_READ) | RT(FD_WRITE)),
                                            st.fs_rights_inheriting);
        quiet("drop FD_READ|FD_WRITE", e);
        e = fdstat(fd, &st);
        OKC(checks[1], e == 0 && !(st.fs_rights_base & (RT(FD_READ) | RT(FD_WRITE))), "base %#llx",
            (unsigned long long)st.fs_rights_base);
        OKC(checks[2], e == 0 && (st.fs_rights_base & RT(FD_SEEK)), "base %#llx",
            (unsigned long long)st.fs_rights_base);
        EXP(checks[3], rd(fd, r, 4, &n), EBADF, ENOTCAPABLE);
        EXP(checks[4], wr(fd, c, 4, &n), EBADF, ENOTCAPABLE);
        __wasi_rights_t add = RT(FD_READ) | RT(FD_WRITE) | RT(FD_SEEK) | RT(FD_TELL);
        e = fdstat(fd, &st);
        EXP(checks[5],
            __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base | add, st.fs_rights_inheriting | add),
            ENOTCAPABLE);
        cl(fd);
        rm_file((__wasi_fd_t)dir, "file.cleanup");
    }
    end_tmp(dir, D);
}

static void t_truncation_rights(void) {
    cur = "truncation_rights";
    const char *D = "truncation_rights_dir.cleanup";
    static const char *checks[] = {
        "O_TRUNC with rights 0",
        "drop inheriting FD_FILESTAT_SET_SIZE",
        "O_TRUNC without FD_FILESTAT_SET_SIZE",
        "drop base PATH_FILESTAT_SET_SIZE",
        "fdstat shows PATH_FILESTAT_SET_SIZE gone",
        "O_TRUNC without PATH_FILESTAT_SET_SIZE -> PERM|NOTCAPABLE",
    };
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    create_file(d, "file");
    __wasi_fdstat_t st;
    int e = fdstat(d, &st);
    t_info("%s: dir rights base %#llx inheriting %#llx", cur, (unsigned long long)st.fs_rights_base,
           (unsigned long long)st.fs_rights_inheriting);
    OKC("dir filetype DIRECTORY", e == 0 && st.fs_filetype == __WASI_FILETYPE_DIRECTORY, "type %d",
        st.fs_filetype);
    OKC("dir fs_flags 0", e == 0 && st.fs_flags == 0, "flags %#x", st.fs_flags);
    OKC("dir base lacks FD_FILESTAT_SET_SIZE", e == 0 && !(st.fs_rights_base & RT(FD_FILESTAT_SET_SIZE)),
        "base %#llx", (unsigned long long)st.fs_rights_base);
    if (!(st.fs_rights_base & RT(PATH_FILESTAT_SET_SIZE))) {
        t_info("%s: skipped: the dir base lacks PATH_FILESTAT_SET_SIZE", cur);
        for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) t_ok(nm(checks[i]));
    } else {
        e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd);
        if (EXP(checks[0], e, 0)) cl(fd);
        __wasi_rights_t base = st.fs_rights_base, inh = st.fs_rights_inheriting;
        if (inh & RT(FD_FILESTAT_SET_SIZE)) {
            inh &= ~RT(FD_FILESTAT_SET_SIZE);
            EXP(checks[1], __wasi_fd_fdstat_set_rights(d, base, inh), 0);
        } else {
            t_ok(nm(checks[1]));
        }
        e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd);
        if (EXP(checks[2], e, 0)) cl(fd);
        base &= ~RT(PATH_FILESTAT_SET_SIZE);
        EXP(checks[3], __wasi_fd_fdstat_set_rights(d, base, inh), 0);
        e = fdstat(d, &st);
        OKC(checks[4], e == 0 && !(st.fs_rights_base & RT(PATH_FILESTAT_SET_SIZE)), "base %#llx",
            (unsigned long long)st.fs_rights_base);
        e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd);
        if (!EXP(checks[5], e, EPERM, ENOTCAPABLE) && e == 0) cl(fd);
    }
    rm_file(d, "file");
    end_tmp(dir, D);
}

static void t_fd_readdir(void) {
    cur = "fd_readdir";
    const char *D = "fd_readdir_dir.cleanup";
    static struct ent ents[64];
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    __wasi_filestat_t dst;
    int e = fstat_(d, &dst);
    quiet("fd_filestat_get(dir)", e);

    int n, eof;
    e = readdir256(d, 0, ents, 64, &n, &eof, NULL);
    if (EXP("fd_readdir of an empty dir", e, 0)) {
        OKC("empty dir: whole listing in one call", eof, "bufused 256");
        qsort(ents, n, sizeof *ents, by_name);
        OKC("empty dir: exactly 2 entries", n == 2, "%d entries", n);
        OKC("\".\" first (sorted), DIRECTORY, d_namlen 1",
            n >= 1 && !strcmp(ents[0].name, ".") && ents[0].d.d_type == __WASI_FILETYPE_DIRECTORY &&
                ents[0].d.d_namlen == 1,
            "name '%s' type %d", n >= 1 ? ents[0].name : "", n >= 1 ? ents[0].d.d_type : -1);
        OKC("\".\" d_ino == fd_filestat_get(dir).ino", n >= 1 && ents[0].d.d_ino == dst.ino,
            "d_ino %llu ino %llu", (unsigned long long)(n >= 1 ? ents[0].d.d_ino : 0),
            (unsigned long long)dst.ino);
        OKC("\"..\" second, DIRECTORY",
            n >= 2 && !strcmp(ents[1].name, "..") && ents[1].d.d_type == __WASI_FILETYPE_DIRECTORY,
            "name '%s'", n >= 2 ? ents[1].name : "");
    }

    __wasi_fd_t fd;
    e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_CREAT,
                         RT(FD_READ) | RT(FD_WRITE) | RT(FD_READDIR) | RT(FD_FILESTAT_GET), 0, 0,
                         &fd);
    if (EXP("create file", e, 0)) {
        __wasi_filestat_t fst;
        e = fstat_(fd, &fst);
        cl(fd);
        e = readdir256(d, 0, ents, 64, &n, &eof, NULL);
        OKC("with a file: 3 entries in one call", e == 0 && eof && n == 3, "errno %d eof %d n %d",
            e, eof, n);
        if (n == 3) {
            __wasi_dircookie_t c1 = ents[1].d.d_next;
            char third[64];
            snprintf(third, sizeof third, "%s", ents[2].name);
            qsort(ents, n, sizeof *ents, by_name);
            OKC("\"file\": REGULAR_FILE, d_ino == its filestat ino",
                !strcmp(ents[2].name, "file") && ents[2].d.d_type == __WASI_FILETYPE_REGULAR_FILE &&
                    ents[2].d.d_ino == fst.ino,
                "name '%s' type %d d_ino %llu ino %llu", ents[2].name, ents[2].d.d_type,
                (unsigned long long)ents[2].d.d_ino, (unsigned long long)fst.ino);
            e = readdir256(d, c1, ents, 64, &n, &eof, NULL);
            OKC("from the 2nd entry's d_next: exactly the 3rd entry", e == 0 && eof && n == 1 &&
                !strcmp(ents[0].name, third), "errno %d n %d name '%s' want '%s'", e, n,
                n ? ents[0].name : "", third);
        } else {
            t_fail("%s: file entry and cookie checks skipped (no 3 entries)", cur);
        }
        rm_file(d, "file");
    }

    /* 1000 files, paged through with a 256-byte buffer: every call before the
     * last must fill the buffer exactly (EOF is bufused < 256). */
    int made = 0;
    for (int i = 0; i < 1000; i++) {
        char name[32];
        snprintf(name, sizeof name, "file.%d", i);
        e = __wasi_path_open(d, 0, name, __WASI_OFLAGS_CREAT,
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_READDIR) | RT(FD_FILESTAT_GET), 0,
                             0, &fd);
        if (e || fd <= 2) break;
        (void)__wasi_fd_close(fd);
        made++;
    }
    OKC("created 1000 files", made == 1000, "created %d", made);
    int total = 0, calls = 0, stuck = 0;
    __wasi_dircookie_t cookie = 0;
    e = 0;
    for (;;) {
        __wasi_size_t used;
        e = readdir256(d, cookie, ents, 64, &n, &eof, &used);
        calls++;
        if (e) break;
        total += n;
        if (eof) break;
        if (n == 0 || calls > 5000) {
            stuck = 1;
            break;
        }
        cookie = ents[n - 1].d.d_next;
    }
    t_info("%s: %d entries in %d calls", cur, total, calls);
    OKC("1000 files + . + .. = 1002 entries when paging by d_next", e == 0 && !stuck && total == 1002,
        "errno %d stuck %d total %d", e, stuck, total);
    for (int i = 0; i < made; i++) {
        char name[32];
        snprintf(name, sizeof name, "file.%d", i);
        (void)__wasi_path_unlink_file(d, name);
    }
    end_tmp(dir, D);
}

static void t_dangling_fd(void) {
    cur = "dangling_fd";
    const char *F = "dangling_fd_file.cleanup", *D = "dangling_fd_subdir.cleanup";
    __wasi_fd_t fd;
    int e;
    if (CREATE("create file", root, F, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd)) cl(fd);
    e = __wasi_path_open(root, 0, F, 0, 0, 0, 0, &fd);
    if (EXP("reopen with oflags 0, rights 0", e, 0)) {
        OKC("fd > 2", fd > 2, "fd %u", fd);
        cl(fd);
    }
    SUCC("unlink", __wasi_path_unlink_file(root, F));
    if (CREATE("re-create", root, F, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd)) cl(fd);
    SUCC("unlink again", __wasi_path_unlink_file(root, F));
    SUCC("mkdir", __wasi_path_create_directory(root, D));
    e = __wasi_path_open(root, 0, D, __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
    if (EXP("open O_DIRECTORY rights 0", e, 0)) {
        OKC("dir fd > 2", fd > 2, "fd %u", fd);
        cl(fd);
    }
    SUCC("rmdir", __wasi_path_remove_directory(root, D));
    SUCC("mkdir again", __wasi_path_create_directory(root, D));
    rm_dir(root, D);
}

static void t_dangling_symlink(void) {
    cur = "dangling_symlink";
    const char *S = "dangling_symlink_symlink.cleanup";
    int e = __wasi_path_symlink("target", root, S);
    if (e) {
        /* The suite silently skips the test when symlinks cannot be made. */
        t_info("%s: skipped: path_symlink errno %d %s", cur, e, t_errname(e));
        t_ok(nm("open nofollow O_DIRECTORY -> NOTDIR|LOOP"));
        t_ok(nm("open nofollow -> LOOP"));
        t_ok(nm("unlink the link"));
        return;
    }
    __wasi_fd_t fd;
    e = __wasi_path_open(root, 0, S, __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
    if (!EXP("open nofollow O_DIRECTORY -> NOTDIR|LOOP", e, ENOTDIR, ELOOP) && e == 0) cl(fd);
    e = __wasi_path_open(root, 0, S, 0, 0, 0, 0, &fd);
    if (!EXP("open nofollow -> LOOP", e, ELOOP) && e == 0) cl(fd);
    SUCC("unlink the link", __wasi_path_unlink_file(root, S));
}

static void t_interesting_paths(void) {
    cur = "interesting_paths";
    const char *D = "interesting_paths_dir.cleanup";
    int dir = tmp_dir_rights(D,
                             RT(FD_FILESTAT_GET) | RT(FD_READDIR) | RT(PATH_CREATE_FILE) |
                                 RT(PATH_CREATE_DIRECTORY) | RT(PATH_REMOVE_DIRECTORY) |
                                 RT(PATH_OPEN) | RT(PATH_UNLINK_FILE),
                             RT(FD_READ) | RT(FD_WRITE) | RT(FD_READDIR) | RT(FD_FILESTAT_GET) |
                                 RT(FD_SEEK));
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    int e;
    if (quiet("mkdir dir", __wasi_path_create_directory(d, "dir")) &&
        quiet("mkdir dir/nested", __wasi_path_create_directory(d, "dir/nested")) &&
        create_file(d, "dir/nested/file") == 0) {
        e = __wasi_path_open(d, 0, "/dir/nested/file", 0, 0, 0, 0, &fd);
        if (!EXP("absolute path -> PERM|NOTCAPABLE", e, EPERM, ENOTCAPABLE) && e == 0) cl(fd);
        e = __wasi_path_open(d, 0, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0, 0, 0,
                             &fd);
        if (EXP("path with . and .. inside the dir", e, 0)) {
            OKC("fd > 2", fd > 2, "fd %u", fd);
            cl(fd);
        }
        static const char nul_path[] = "dir/nested/file\0";
        __wasi_fd_t out = 0;
        e = raw_path_open((int32_t)d, 0, (int32_t)(uintptr_t)nul_path, (int32_t)(sizeof nul_path - 1),
                          0, 0, 0, 0, (int32_t)(uintptr_t)&out);
        if (!EXP("trailing NUL -> INVAL|ILSEQ|NOENT", e, EINVAL, EILSEQ, ENOENT) && e == 0) cl(out);
        e = __wasi_path_open(d, 0, "dir/nested/file/", 0, 0, 0, 0, &fd);
        if (!EXP("\"file/\" -> NOTDIR|NOENT", e, ENOTDIR, ENOENT) && e == 0) cl(fd);
        e = __wasi_path_open(d, 0, "dir/nested/file///", 0, 0, 0, 0, &fd);
        if (!EXP("\"file///\" -> NOTDIR|NOENT", e, ENOTDIR, ENOENT) && e == 0) cl(fd);
        e = __wasi_path_open(d, 0, "dir/nested/", 0, 0, 0, 0, &fd);
        if (EXP("\"dir/nested/\" with oflags 0", e, 0)) {
            OKC("fd > 2 (nested/)", fd > 2, "fd %u", fd);
            cl(fd);
        }
        e = __wasi_path_open(d, 0, "dir/nested///", 0, 0, 0, 0, &fd);
        if (EXP("\"dir/nested///\" with oflags 0", e, 0)) {
            OKC("fd > 2 (nested///)", fd > 2, "fd %u", fd);
            cl(fd);
        }
        /* Too many "..": out of the dir fd, through the preopen's name (the
         * suite's form) and through the dir's own name. */
        e = __wasi_path_open(d, 0, "dir/nested/../../..///dir/nested/file", 0, 0, 0, 0, &fd);
        if (!EXP("escape via ../../../<preopen name \"/\"> -> PERM|NOTCAPABLE", e, EPERM,
                 ENOTCAPABLE) &&
            e == 0)
            cl(fd);
        e = __wasi_path_open(d, 0, "dir/nested/../../../interesting_paths_dir.cleanup/dir/nested/file",
                             0, 0, 0, 0, &fd);
        if (!EXP("escape via ../../../<dir name> -> PERM|NOTCAPABLE", e, EPERM, ENOTCAPABLE) &&
            e == 0)
            cl(fd);
        SUCC("unlink dir/nested/file", __wasi_path_unlink_file(d, "dir/nested/file"));
        SUCC("rmdir dir/nested", __wasi_path_remove_directory(d, "dir/nested"));
        SUCC("rmdir dir", __wasi_path_remove_directory(d, "dir"));
    }
    end_tmp(dir, D);
}

static void t_isatty(void) {
    cur = "isatty";
    const char *D = "isatty_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t fd;
    if (CREATE("create with rights 0", dir, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd)) {
        OKC("fd > 2", fd > 2, "fd %u", fd);
        OKC("isatty(file) == 0", isatty((int)fd) == 0, "isatty says yes");
        cl(fd);
        rm_file((__wasi_fd_t)dir, "file");
    }
    end_tmp(dir, D);
}

static void t_nofollow_errors(void) {
    cur = "nofollow_errors";
    const char *D = "nofollow_errors_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    int e;
    if (quiet("mkdir target", __wasi_path_create_directory(d, "target")) &&
        quiet("symlink -> target", __wasi_path_symlink("target", d, "symlink"))) {
        e = __wasi_path_open(d, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
        if (!EXP("link to dir: nofollow O_DIRECTORY -> LOOP|NOTDIR", e, ELOOP, ENOTDIR) && e == 0)
            cl(fd);
        e = __wasi_path_open(d, 0, "symlink", 0, 0, 0, 0, &fd);
        if (!EXP("link to dir: nofollow -> LOOP|ACCES", e, ELOOP, EACCES) && e == 0) cl(fd);
        e = __wasi_path_open(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY,
                             0, 0, 0, &fd);
        if (EXP("link to dir: FOLLOW O_DIRECTORY", e, 0)) {
            OKC("fd > 2", fd > 2, "fd %u", fd);
            cl(fd);
        }
        SUCC("path_unlink_file removes the link to a dir", __wasi_path_unlink_file(d, "symlink"));
        SUCC("rmdir target", __wasi_path_remove_directory(d, "target"));
        if (CREATE("create file target (rights 0)", d, "target", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd))
            cl(fd);
        if (quiet("symlink -> target (file)", __wasi_path_symlink("target", d, "symlink"))) {
            e = __wasi_path_open(d, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
            if (!EXP("link to file: nofollow O_DIRECTORY -> LOOP|NOTDIR", e, ELOOP, ENOTDIR) &&
                e == 0)
                cl(fd);
            e = __wasi_path_open(d, 0, "symlink", 0, 0, 0, 0, &fd);
            if (!EXP("link to file: nofollow -> LOOP", e, ELOOP) && e == 0) cl(fd);
            e = __wasi_path_open(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink",
                                 __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
            if (!EXP("link to file: FOLLOW O_DIRECTORY -> NOTDIR", e, ENOTDIR) && e == 0) cl(fd);
        }
        (void)__wasi_path_unlink_file(d, "target");
        (void)__wasi_path_unlink_file(d, "symlink");
    }
    end_tmp(dir, D);
}

static void t_path_exists(void) {
    cur = "path_exists";
    const char *D = "path_exists_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    __wasi_filestat_t fs;
    int e;
    const __wasi_lookupflags_t F = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
#define PTYPE(what, lf, path, want)                                                                \
    do {                                                                                           \
        e = pstat(d, lf, path, &fs);                                                               \
        OKC(what, e == 0 && fs.filetype == (want), "errno %d filetype %d", e, fs.filetype);        \
    } while (0)
    if (quiet("mkdir subdir", __wasi_path_create_directory(d, "subdir"))) {
        PTYPE("subdir: DIRECTORY", 0, "subdir", __WASI_FILETYPE_DIRECTORY);
        PTYPE("subdir (follow): DIRECTORY", F, "subdir", __WASI_FILETYPE_DIRECTORY);
        create_file(d, "subdir/file");
        PTYPE("subdir/file: REGULAR_FILE", 0, "subdir/file", __WASI_FILETYPE_REGULAR_FILE);
        PTYPE("subdir/file (follow): REGULAR_FILE", F, "subdir/file", __WASI_FILETYPE_REGULAR_FILE);
        if (EXP("symlink link1 -> subdir/file", __wasi_path_symlink("subdir/file", d, "link1"), 0)) {
            PTYPE("link1: SYMBOLIC_LINK", 0, "link1", __WASI_FILETYPE_SYMBOLIC_LINK);
            PTYPE("link1 (follow): REGULAR_FILE", F, "link1", __WASI_FILETYPE_REGULAR_FILE);
        }
        if (EXP("symlink link2 -> subdir", __wasi_path_symlink("subdir", d, "link2"), 0)) {
            PTYPE("link2: SYMBOLIC_LINK", 0, "link2", __WASI_FILETYPE_SYMBOLIC_LINK);
            PTYPE("link2 (follow): DIRECTORY", F, "link2", __WASI_FILETYPE_DIRECTORY);
        }
        (void)__wasi_path_unlink_file(d, "link1");
        (void)__wasi_path_unlink_file(d, "link2");
        rm_file(d, "subdir/file");
        rm_dir(d, "subdir");
    }
#undef PTYPE
    end_tmp(dir, D);
}

static void t_path_filestat(void) {
    cur = "path_filestat";
    const char *D = "path_filestat_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    __wasi_fdstat_t st;
    int e = fdstat(d, &st);
    OKC("dir base has PATH_FILESTAT_GET", e == 0 && (st.fs_rights_base & RT(PATH_FILESTAT_GET)),
        "base %#llx", (unsigned long long)st.fs_rights_base);
    __wasi_rights_t r = RT(FD_READ) | RT(FD_WRITE) | RT(PATH_FILESTAT_GET);
    __wasi_fdflags_t ff = __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC;
    e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_CREAT, r, 0, ff, &fd);
    if (e == __WASI_ERRNO_NOTSUP) {
        t_info("%s: APPEND|SYNC -> NOTSUP, retrying with APPEND", cur);
        ff = __WASI_FDFLAGS_APPEND;
        e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_CREAT, r, 0, ff, &fd);
    }
    if (EXP("create with APPEND|SYNC (or NOTSUP, then APPEND)", e, 0)) {
        OKC("fd > 2", fd > 2, "fd %u", fd);
        e = fdstat(fd, &st);
        OKC("fs_flags has the flags it was opened with", e == 0 && (st.fs_flags & ff) == ff,
            "flags %#x want %#x", st.fs_flags, ff);
        __wasi_filestat_t fs;
        e = pstat(d, 0, "file", &fs);
        OKC("size 0", e == 0 && fs.size == 0, "errno %d size %llu", e, (unsigned long long)fs.size);
        __wasi_timestamp_t nm_ = fs.mtim - 100;
        SUCC("path_filestat_set_times(mtim-100, MTIM)",
             __wasi_path_filestat_set_times(d, 0, "file", 0, nm_, __WASI_FSTFLAGS_MTIM));
        e = pstat(d, 0, "file", &fs);
        OKC("mtim is exactly the new value", e == 0 && fs.mtim == nm_, "mtim %llu want %llu",
            (unsigned long long)fs.mtim, (unsigned long long)nm_);
        EXP("MTIM|MTIM_NOW -> INVAL",
            __wasi_path_filestat_set_times(d, 0, "file", 0, nm_,
                                           __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
            EINVAL);
        e = pstat(d, 0, "file", &fs);
        OKC("mtim unchanged after the INVAL", e == 0 && fs.mtim == nm_, "mtim %llu want %llu",
            (unsigned long long)fs.mtim, (unsigned long long)nm_);
        EXP("ATIM|ATIM_NOW -> INVAL",
            __wasi_path_filestat_set_times(d, 0, "file", 0, 0,
                                           __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
            EINVAL);
        cl(fd);
        rm_file(d, "file");
    }
    end_tmp(dir, D);
}

#define LINK_RIGHTS                                                                                \
    (RT(FD_READ) | RT(PATH_LINK_SOURCE) | RT(PATH_LINK_TARGET) | RT(FD_FILESTAT_GET) |             \
     RT(PATH_OPEN) | RT(PATH_UNLINK_FILE))

static void link_compare(__wasi_fd_t a, __wasi_fd_t b, const char *where) {
    __wasi_filestat_t x, y;
    int e1 = fstat_(a, &x), e2 = fstat_(b, &y);
    char what[120];
    snprintf(what, sizeof what, "%s: filestat of file and link equal in every field", where);
    OKC(what,
        !e1 && !e2 && x.dev == y.dev && x.ino == y.ino && x.atim == y.atim && x.mtim == y.mtim &&
            x.ctim == y.ctim && x.size == y.size && x.nlink == y.nlink && x.filetype == y.filetype,
        "errno %d/%d dev %llu/%llu ino %llu/%llu atim %llu/%llu mtim %llu/%llu ctim %llu/%llu "
        "size %llu/%llu nlink %llu/%llu type %d/%d",
        e1, e2, (unsigned long long)x.dev, (unsigned long long)y.dev, (unsigned long long)x.ino,
        (unsigned long long)y.ino, (unsigned long long)x.atim, (unsigned long long)y.atim,
        (unsigned long long)x.mtim, (unsigned long long)y.mtim, (unsigned long long)x.ctim,
        (unsigned long long)y.ctim, (unsigned long long)x.size, (unsigned long long)y.size,
        (unsigned long long)x.nlink, (unsigned long long)y.nlink, x.filetype, y.filetype);
    __wasi_fdstat_t p, q;
    e1 = fdstat(a, &p);
    e2 = fdstat(b, &q);
    int rights = supports_rights(a);
    /* Rights are compared only if the host has rights (supports_rights). */
    snprintf(what, sizeof what, "%s: fdstat flags, filetype (and rights) equal", where);
    OKC(what,
        !e1 && !e2 && p.fs_flags == q.fs_flags && p.fs_filetype == q.fs_filetype &&
            (!rights || (p.fs_rights_base == q.fs_rights_base &&
                         p.fs_rights_inheriting == q.fs_rights_inheriting)),
        "flags %#x/%#x type %d/%d base %#llx/%#llx inh %#llx/%#llx (rights compared: %d)",
        p.fs_flags, q.fs_flags, p.fs_filetype, q.fs_filetype,
        (unsigned long long)p.fs_rights_base, (unsigned long long)q.fs_rights_base,
        (unsigned long long)p.fs_rights_inheriting, (unsigned long long)q.fs_rights_inheriting,
        rights);
}

static void t_path_link(void) {
    cur = "path_link";
    const char *D = "path_link_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, file_fd, link_fd, sub;
    int e;
    if (!CREATE("create file", d, "file", __WASI_OFLAGS_CREAT, LINK_RIGHTS, LINK_RIGHTS, 0, &file_fd)) {
        end_tmp(dir, D);
        return;
    }
    OKC("fd > 2", file_fd > 2, "fd %u", file_fd);
    if (EXP("link in the same dir", __wasi_path_link(d, 0, "file", d, "link"), 0)) {
        e = __wasi_path_open(d, 0, "link", 0, LINK_RIGHTS, LINK_RIGHTS, 0, &link_fd);
        if (EXP("open the link", e, 0)) {
            link_compare(file_fd, link_fd, "same dir");
            cl(link_fd);
        }
        rm_file(d, "link");
    }
    if (quiet("mkdir subdir", __wasi_path_create_directory(d, "subdir"))) {
        e = __wasi_path_open(d, 0, "subdir", __WASI_OFLAGS_DIRECTORY, LINK_RIGHTS, LINK_RIGHTS, 0,
                             &sub);
        if (EXP("open subdir with the test rights", e, 0)) {
            if (EXP("link into subdir", __wasi_path_link(d, 0, "file", sub, "link"), 0)) {
                e = __wasi_path_open(sub, 0, "link", 0, LINK_RIGHTS, LINK_RIGHTS, 0, &link_fd);
                if (EXP("open subdir/link", e, 0)) {
                    link_compare(file_fd, link_fd, "subdir");
                    cl(link_fd);
                }
                rm_file(sub, "link");
            }
            cl(sub);
        }
        rm_dir(d, "subdir");
    }
    cl(file_fd);

    create_file(d, "link");
    EXP("new path exists (file) -> EXIST", __wasi_path_link(d, 0, "file", d, "link"), EEXIST);
    rm_file(d, "link");
    EXP("link to itself -> EXIST", __wasi_path_link(d, 0, "file", d, "file"), EEXIST);
    if (quiet("mkdir link", __wasi_path_create_directory(d, "link"))) {
        EXP("new path is a dir -> EXIST", __wasi_path_link(d, 0, "file", d, "link"), EEXIST);
        rm_dir(d, "link");
    }
    if (quiet("mkdir subdir", __wasi_path_create_directory(d, "subdir"))) {
        int open_e = __wasi_path_open(d, 0, "subdir", __WASI_OFLAGS_DIRECTORY, LINK_RIGHTS,
                                      LINK_RIGHTS, 0, &sub);
        e = __wasi_path_link(d, 0, "subdir", d, "link");
        if (!EXP("source is a dir -> PERM|ACCES", e, EPERM, EACCES) && e == 0) {
            (void)__wasi_path_remove_directory(d, "link");
            (void)__wasi_path_unlink_file(d, "link");
        }
        if (open_e == 0) cl(sub);
        rm_dir(d, "subdir");
    }
    e = __wasi_path_link(d, 0, "file", d, "link/");
    if (!EXP("new path \"link/\" (trailing slash, missing) -> NOENT", e, ENOENT) && e == 0)
        (void)__wasi_path_unlink_file(d, "link");

    static const char *dangling_checks[] = {
        "link to a dangling symlink (nofollow)",
        "link to a symlink loop",
        "new path is a dangling symlink -> EXIST",
        "SYMLINK_FOLLOW -> INVAL|NOENT",
    };
    e = __wasi_path_symlink("target", d, "symlink");
    if (e) {
        t_info("%s: dangling symlink part skipped: path_symlink errno %d %s", cur, e, t_errname(e));
        for (int i = 0; i < 4; i++) t_ok(nm(dangling_checks[i]));
    } else {
        SUCC(dangling_checks[0], __wasi_path_link(d, 0, "symlink", d, "link"));
        (void)__wasi_path_unlink_file(d, "symlink");
        (void)__wasi_path_unlink_file(d, "link");
        if (quiet("symlink loop", __wasi_path_symlink("symlink", d, "symlink"))) {
            SUCC(dangling_checks[1], __wasi_path_link(d, 0, "symlink", d, "link"));
            (void)__wasi_path_unlink_file(d, "symlink");
            (void)__wasi_path_unlink_file(d, "link");
        }
        if (quiet("dangling symlink", __wasi_path_symlink("target", d, "symlink"))) {
            EXP(dangling_checks[2], __wasi_path_link(d, 0, "file", d, "symlink"), EEXIST);
            (void)__wasi_path_unlink_file(d, "symlink");
        }
        if (quiet("dangling symlink again", __wasi_path_symlink("target", d, "symlink"))) {
            e = __wasi_path_link(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", d, "link");
            if (!EXP(dangling_checks[3], e, EINVAL, ENOENT) && e == 0)
                (void)__wasi_path_unlink_file(d, "link");
            (void)__wasi_path_unlink_file(d, "symlink");
        }
    }
    rm_file(d, "file");
    end_tmp(dir, D);
}

static void t_path_open_small(void) {
    __wasi_fd_t fd;
    int e, dir;

    cur = "path_open_create_existing";
    dir = tmp_dir("path_open_create_existing_dir.cleanup");
    if (dir >= 0) {
        create_file((__wasi_fd_t)dir, "file");
        e = __wasi_path_open((__wasi_fd_t)dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
                             0, 0, 0, &fd);
        if (!EXP("O_CREAT|O_EXCL on an existing file -> EXIST", e, EEXIST) && e == 0) cl(fd);
        rm_file((__wasi_fd_t)dir, "file");
        end_tmp(dir, "path_open_create_existing_dir.cleanup");
    }

    cur = "path_open_dirfd_not_dir";
    dir = tmp_dir("path_open_dirfd_not_dir_dir.cleanup");
    if (dir >= 0) {
        __wasi_fd_t file_fd;
        if (CREATE("create (rights 0)", dir, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &file_fd)) {
            e = __wasi_path_open(file_fd, 0, "foo", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd);
            if (!EXP("file fd as dirfd -> NOTDIR|NOTCAPABLE", e, ENOTDIR, ENOTCAPABLE) && e == 0)
                cl(fd);
            cl(file_fd);
            rm_file((__wasi_fd_t)dir, "file");
        }
        end_tmp(dir, "path_open_dirfd_not_dir_dir.cleanup");
    }

    cur = "path_open_missing";
    dir = tmp_dir("path_open_missing_dir.cleanup");
    if (dir >= 0) {
        e = __wasi_path_open((__wasi_fd_t)dir, 0, "file", 0, 0, 0, 0, &fd);
        if (!EXP("missing file without O_CREAT -> NOENT", e, ENOENT) && e == 0) cl(fd);
        end_tmp(dir, "path_open_missing_dir.cleanup");
    }

    cur = "path_open_nonblock";
    e = __wasi_path_open(root, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, &fd);
    if (EXP("open \".\" with fdflags NONBLOCK", e, 0)) cl(fd);
}

static void t_path_open_read_write(void) {
    cur = "path_open_read_write";
    const char *F = "file.cleanup";
    if (create_file(root, F)) return;
    __wasi_fd_t fd;
    __wasi_fdstat_t st;
    uint8_t buf[100];
    uint8_t w1[50], w2[25];
    memset(w1, 1, sizeof w1);
    memset(w2, 2, sizeof w2);
    __wasi_size_t n;
    int e = __wasi_path_open(root, 0, F, 0, RT(FD_READ), 0, 0, &fd);
    if (EXP("open with FD_READ", e, 0)) {
        e = fdstat(fd, &st);
        OKC("FD_READ: base has READ, not WRITE",
            e == 0 && (st.fs_rights_base & RT(FD_READ)) && !(st.fs_rights_base & RT(FD_WRITE)),
            "base %#llx", (unsigned long long)st.fs_rights_base);
        e = rd(fd, buf, sizeof buf, &n);
        OKC("FD_READ: read returns 0", e == 0 && n == 0, "errno %d n %u", e, n);
        EXP("FD_READ: fd_write -> BADF|NOTCAPABLE|ACCES", wr(fd, w1, sizeof w1, &n), EBADF,
            ENOTCAPABLE, EACCES);
        cl(fd);
    }
    e = __wasi_path_open(root, 0, F, 0, RT(FD_WRITE), 0, 0, &fd);
    if (EXP("open with FD_WRITE", e, 0)) {
        e = fdstat(fd, &st);
        OKC("FD_WRITE: base has WRITE, not READ",
            e == 0 && !(st.fs_rights_base & RT(FD_READ)) && (st.fs_rights_base & RT(FD_WRITE)),
            "base %#llx", (unsigned long long)st.fs_rights_base);
        EXP("FD_WRITE: fd_read -> BADF|NOTCAPABLE|ACCES", rd(fd, buf, sizeof buf, &n), EBADF,
            ENOTCAPABLE, EACCES);
        e = wr(fd, w1, sizeof w1, &n);
        OKC("FD_WRITE: write 50", e == 0 && n == 50, "errno %d n %u", e, n);
        cl(fd);
    }
    e = __wasi_path_open(root, 0, F, 0, RT(FD_READ) | RT(FD_WRITE) | RT(FD_FILESTAT_GET), 0, 0, &fd);
    if (EXP("open with FD_READ|FD_WRITE", e, 0)) {
        e = fdstat(fd, &st);
        OKC("READ|WRITE: base has both",
            e == 0 && (st.fs_rights_base & RT(FD_READ)) && (st.fs_rights_base & RT(FD_WRITE)),
            "base %#llx", (unsigned long long)st.fs_rights_base);
        e = rd(fd, buf, sizeof buf, &n);
        OKC("READ|WRITE: read 50", e == 0 && n == 50, "errno %d n %u", e, n);
        e = wr(fd, w2, sizeof w2, &n);
        OKC("READ|WRITE: write 25", e == 0 && n == 25, "errno %d n %u", e, n);
        __wasi_filestat_t fs;
        e = fstat_(fd, &fs);
        OKC("size 75", e == 0 && fs.size == 75, "errno %d size %llu", e, (unsigned long long)fs.size);
        cl(fd);
    }
    rm_file(root, F);
}

static void t_path_rename(void) {
    cur = "path_rename";
    const char *D = "path_rename_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    int e;
#define GONE(what, path, of)                                                                       \
    do {                                                                                           \
        e = __wasi_path_open(d, 0, path, of, 0, 0, 0, &fd);                                        \
        if (!EXP(what, e, ENOENT) && e == 0) cl(fd);                                               \
    } while (0)
#define THERE(what, path, of)                                                                      \
    do {                                                                                           \
        e = __wasi_path_open(d, 0, path, of, 0, 0, 0, &fd);                                        \
        if (EXP(what, e, 0)) {                                                                     \
            if (fd <= 2) t_fail("%s: fd %u <= 2", cur, fd);                                        \
            cl(fd);                                                                                \
        }                                                                                          \
    } while (0)

    /* dir -> new name */
    quiet("mkdir source", __wasi_path_create_directory(d, "source"));
    SUCC("dir -> new name", __wasi_path_rename(d, "source", d, "target"));
    GONE("dir -> new name: source gone (NOENT)", "source", __WASI_OFLAGS_DIRECTORY);
    THERE("dir -> new name: target opens as dir", "target", __WASI_OFLAGS_DIRECTORY);
    (void)__wasi_path_remove_directory(d, "target");

    /* dir -> existing empty dir */
    quiet("mkdir source", __wasi_path_create_directory(d, "source"));
    quiet("mkdir target", __wasi_path_create_directory(d, "target"));
    SUCC("dir -> existing empty dir", __wasi_path_rename(d, "source", d, "target"));
    GONE("dir -> empty dir: source gone (NOENT)", "source", __WASI_OFLAGS_DIRECTORY);
    THERE("dir -> empty dir: target opens as dir", "target", __WASI_OFLAGS_DIRECTORY);
    (void)__wasi_path_remove_directory(d, "target");
    (void)__wasi_path_remove_directory(d, "source");

    /* dir -> non-empty dir; dir -> file inside it */
    quiet("mkdir source", __wasi_path_create_directory(d, "source"));
    quiet("mkdir target", __wasi_path_create_directory(d, "target"));
    create_file(d, "target/file");
    EXP("dir -> non-empty dir -> NOTEMPTY|ACCES", __wasi_path_rename(d, "source", d, "target"),
        ENOTEMPTY, EACCES);
    e = __wasi_path_rename(d, "source", d, "target/file");
    if (e == 0) {
        t_info("%s: dir -> existing file: succeeded (the Windows answer)", cur);
        t_ok(nm("dir -> existing file -> OK or exactly NOTDIR"));
        (void)__wasi_path_remove_directory(d, "target/file");
    } else {
        EXP("dir -> existing file -> OK or exactly NOTDIR", e, ENOTDIR);
        (void)__wasi_path_unlink_file(d, "target/file");
        (void)__wasi_path_remove_directory(d, "source");
    }
    (void)__wasi_path_remove_directory(d, "target");

    /* file -> new name */
    create_file(d, "source");
    SUCC("file -> new name", __wasi_path_rename(d, "source", d, "target"));
    GONE("file -> new name: source gone (NOENT)", "source", 0);
    THERE("file -> new name: target opens", "target", 0);
    (void)__wasi_path_unlink_file(d, "target");

    /* file -> existing file */
    create_file(d, "source");
    create_file(d, "target");
    SUCC("file -> existing file (replaced)", __wasi_path_rename(d, "source", d, "target"));
    GONE("file -> existing file: source gone (NOENT)", "source", 0);
    THERE("file -> existing file: target opens", "target", 0);
    (void)__wasi_path_unlink_file(d, "target");

    /* file -> existing empty dir */
    create_file(d, "source");
    quiet("mkdir target", __wasi_path_create_directory(d, "target"));
    EXP("file -> existing empty dir -> ISDIR|ACCES", __wasi_path_rename(d, "source", d, "target"),
        EISDIR, EACCES);
    (void)__wasi_path_remove_directory(d, "target");
    (void)__wasi_path_unlink_file(d, "source");
    (void)__wasi_path_unlink_file(d, "target");
#undef GONE
#undef THERE
    end_tmp(dir, D);
}

static void t_path_rename_dir_trailing_slashes(void) {
    cur = "path_rename_dir_trailing_slashes";
    const char *D = "path_rename_dir_trailing_slashes_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    if (quiet("mkdir source", __wasi_path_create_directory(d, "source"))) {
        SUCC("\"source/\" -> \"target\"", __wasi_path_rename(d, "source/", d, "target"));
        SUCC("\"target\" -> \"source/\"", __wasi_path_rename(d, "target", d, "source/"));
        SUCC("\"source/\" -> \"target/\"", __wasi_path_rename(d, "source/", d, "target/"));
        SUCC("\"target\" -> \"source\"", __wasi_path_rename(d, "target", d, "source"));
        (void)__wasi_path_remove_directory(d, "source");
        (void)__wasi_path_remove_directory(d, "target");
    }
    end_tmp(dir, D);
}

static void t_path_symlink_trailing_slashes(void) {
    cur = "path_symlink_trailing_slashes";
    const char *D = "path_symlink_trailing_slashes_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    int e = __wasi_path_symlink("source", d, "target/");
    if (!EXP("dangling: \"target/\" (missing) -> NOENT", e, ENOENT) && e == 0)
        (void)__wasi_path_unlink_file(d, "target");
    if (__wasi_path_symlink("source", d, "target") == 0) (void)__wasi_path_unlink_file(d, "target");

    if (quiet("mkdir target", __wasi_path_create_directory(d, "target"))) {
        EXP("target is a dir: \"target/\" -> EXIST|NOENT", __wasi_path_symlink("source", d, "target/"),
            EEXIST, ENOENT);
        rm_dir(d, "target");
    }
    if (quiet("mkdir target", __wasi_path_create_directory(d, "target"))) {
        EXP("target is a dir: \"target\" -> EXIST|NOENT", __wasi_path_symlink("source", d, "target"),
            EEXIST, ENOENT);
        rm_dir(d, "target");
    }
    if (create_file(d, "target") == 0) {
        EXP("target is a file: \"target/\" -> NOTDIR|NOENT|EXIST",
            __wasi_path_symlink("source", d, "target/"), ENOTDIR, ENOENT, EEXIST);
        rm_file(d, "target");
    }
    if (create_file(d, "target") == 0) {
        EXP("target is a file: \"target\" -> EXIST|NOENT", __wasi_path_symlink("source", d, "target"),
            EEXIST, ENOENT);
        rm_file(d, "target");
    }
    end_tmp(dir, D);
}

static void t_readlink(void) {
    cur = "readlink";
    const char *D = "readlink_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    create_file(d, "target");
    if (quiet("symlink", __wasi_path_symlink("target", d, "symlink"))) {
        uint8_t b10[10] = {0};
        __wasi_size_t used = 0;
        int e = __wasi_path_readlink(d, "symlink", b10, sizeof b10, &used);
        static const uint8_t zero4[4] = {0};
        OKC("buffer 10: 6 bytes \"target\", the other 4 untouched",
            e == 0 && used == 6 && !memcmp(b10, "target", 6) && !memcmp(b10 + 6, zero4, 4),
            "errno %d used %u", e, used);
        uint8_t b4[4] = {0};
        used = 0;
        e = __wasi_path_readlink(d, "symlink", b4, sizeof b4, &used);
        OKC("buffer 4: OK, 4 bytes \"targ\" (truncated, no RANGE)",
            e == 0 && used == 4 && !memcmp(b4, "targ", 4), "errno %d %s used %u", e, t_errname(e),
            used);
        rm_file(d, "symlink");
    }
    rm_file(d, "target");
    end_tmp(dir, D);
}

static void t_remove_directory_trailing_slashes(void) {
    cur = "remove_directory_trailing_slashes";
    const char *DN = "dir.cleanup", *FN = "file.cleanup";
    quiet("mkdir", __wasi_path_create_directory(root, DN));
    SUCC("rmdir dir", __wasi_path_remove_directory(root, DN));
    quiet("mkdir again", __wasi_path_create_directory(root, DN));
    int e = __wasi_path_remove_directory(root, "dir.cleanup/");
    EXP("rmdir \"dir/\" -> OK or exactly ACCES", e, 0, EACCES);
    if (e) (void)__wasi_path_remove_directory(root, DN);
    create_file(root, FN);
    EXP("rmdir of a file -> NOTDIR", __wasi_path_remove_directory(root, FN), ENOTDIR);
    EXP("rmdir \"file/\" -> NOTDIR|NOENT", __wasi_path_remove_directory(root, "file.cleanup/"),
        ENOTDIR, ENOENT);
    rm_file(root, FN);
}

static void t_remove_nonempty_directory(void) {
    cur = "remove_nonempty_directory";
    const char *D = "remove_nonempty_directory_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    if (quiet("mkdir dir", __wasi_path_create_directory(d, "dir"))) {
        create_file(d, "dir/file");
        EXP("rmdir of a non-empty dir -> NOTEMPTY", __wasi_path_remove_directory(d, "dir"),
            ENOTEMPTY);
        (void)__wasi_path_unlink_file(d, "dir/file");
        rm_dir(d, "dir");
    }
    end_tmp(dir, D);
}

static void t_renumber(void) {
    cur = "renumber";
    const char *D = "renumber_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, a, b;
    OKC("dir fd > 3", d > 3, "fd %u", d);
    int e = __wasi_path_open(d, 0, "file1", __WASI_OFLAGS_CREAT, RT(FD_READ) | RT(FD_WRITE), 0, 0, &a);
    int e2 = __wasi_path_open(d, 0, "file2", __WASI_OFLAGS_CREAT, RT(FD_READ) | RT(FD_WRITE), 0, 0, &b);
    if (quiet("create file1", e) && quiet("create file2", e2)) {
        OKC("fds > 2", a > 2 && b > 2, "fds %u %u", a, b);
        __wasi_fdstat_t sa, sb;
        quiet("fdstat file1", fdstat(a, &sa));
        SUCC("fd_renumber(file1, file2)", __wasi_fd_renumber(a, b));
        EXP("fd_close(old fd) -> BADF", __wasi_fd_close(a), EBADF);
        e = fdstat(b, &sb);
        OKC("new fd has the old fd's fdstat",
            e == 0 && sa.fs_filetype == sb.fs_filetype && sa.fs_flags == sb.fs_flags &&
                sa.fs_rights_base == sb.fs_rights_base &&
                sa.fs_rights_inheriting == sb.fs_rights_inheriting,
            "errno %d type %d/%d flags %#x/%#x base %#llx/%#llx", e, sa.fs_filetype, sb.fs_filetype,
            sa.fs_flags, sb.fs_flags, (unsigned long long)sa.fs_rights_base,
            (unsigned long long)sb.fs_rights_base);
        e = __wasi_fd_renumber(b, a);
        EXP("fd_renumber onto a closed fd -> BADF", e, EBADF);
        if (e == 0) b = a;
        cl(b);
    }
    (void)__wasi_path_unlink_file(d, "file1");
    (void)__wasi_path_unlink_file(d, "file2");
    end_tmp(dir, D);
}

static void t_symlink_create(void) {
    cur = "symlink_create";
    const char *D = "symlink_create_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    int e;
    if (CREATE("create target (rights 0)", d, "target", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd)) cl(fd);
    if (EXP("symlink to a file", __wasi_path_symlink("target", d, "symlink"), 0)) {
        e = __wasi_path_open(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0, 0, 0, 0, &fd);
        if (EXP("open it (FOLLOW)", e, 0)) {
            OKC("fd > 2", fd > 2, "fd %u", fd);
            cl(fd);
        }
        SUCC("unlink the link", __wasi_path_unlink_file(d, "symlink"));
    }
    rm_file(d, "target");
    quiet("mkdir target", __wasi_path_create_directory(d, "target"));
    if (EXP("symlink to a dir", __wasi_path_symlink("target", d, "symlink"), 0)) {
        e = __wasi_path_open(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY,
                             0, 0, 0, &fd);
        if (EXP("open it (FOLLOW, O_DIRECTORY)", e, 0)) {
            OKC("dir fd > 2", fd > 2, "fd %u", fd);
            cl(fd);
        }
        SUCC("path_unlink_file on the link to a dir", __wasi_path_unlink_file(d, "symlink"));
    }
    rm_dir(d, "target");
    e = __wasi_path_symlink("/", d, "symlink");
    OKC("symlink to \"/\" (absolute) must fail", e != 0, "it succeeded");
    t_info("%s: symlink to \"/\": errno %d %s", cur, e, t_errname(e));
    if (e == 0) (void)__wasi_path_unlink_file(d, "symlink");
    end_tmp(dir, D);
}

static void t_symlink_filestat(void) {
    cur = "symlink_filestat";
    const char *D = "symlink_filestat_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    __wasi_fdstat_t st;
    int e = fdstat(d, &st);
    OKC("dir base has PATH_FILESTAT_GET", e == 0 && (st.fs_rights_base & RT(PATH_FILESTAT_GET)),
        "base %#llx", (unsigned long long)st.fs_rights_base);
    e = __wasi_path_open(d, 0, "file", __WASI_OFLAGS_CREAT,
                         RT(FD_READ) | RT(FD_WRITE) | RT(PATH_FILESTAT_GET), 0, 0, &fd);
    if (EXP("create", e, 0)) {
        __wasi_filestat_t ffs, sfs, x;
        e = pstat(d, 0, "file", &ffs);
        OKC("file size 0", e == 0 && ffs.size == 0, "size %llu", (unsigned long long)ffs.size);
        if (EXP("symlink -> file", __wasi_path_symlink("file", d, "symlink"), 0)) {
            quiet("stat the link (nofollow)", pstat(d, 0, "symlink", &sfs));
            __wasi_timestamp_t t = sfs.mtim - 200;
            SUCC("set_times(nofollow, MTIM) on the link",
                 __wasi_path_filestat_set_times(d, 0, "symlink", 0, t, __WASI_FSTFLAGS_MTIM));
            e = pstat(d, 0, "symlink", &x);
            OKC("the link's own mtim changed exactly", e == 0 && x.mtim == t, "mtim %llu want %llu",
                (unsigned long long)x.mtim, (unsigned long long)t);
            e = pstat(d, 0, "file", &x);
            OKC("the target's mtim unchanged", e == 0 && x.mtim == ffs.mtim, "mtim %llu was %llu",
                (unsigned long long)x.mtim, (unsigned long long)ffs.mtim);
            e = pstat(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", &x);
            OKC("stat with FOLLOW gives the target's mtim", e == 0 && x.mtim == ffs.mtim,
                "mtim %llu want %llu", (unsigned long long)x.mtim, (unsigned long long)ffs.mtim);
            SUCC("set_times(FOLLOW, MTIM) through the link",
                 __wasi_path_filestat_set_times(d, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", 0,
                                                sfs.mtim, __WASI_FSTFLAGS_MTIM));
            e = pstat(d, 0, "file", &x);
            OKC("the target's mtim changed exactly", e == 0 && x.mtim == sfs.mtim,
                "mtim %llu want %llu", (unsigned long long)x.mtim, (unsigned long long)sfs.mtim);
            rm_file(d, "symlink");
        }
        cl(fd);
        rm_file(d, "file");
    }
    end_tmp(dir, D);
}

static void t_symlink_loop(void) {
    cur = "symlink_loop";
    const char *D = "symlink_loop_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir, fd;
    int e = __wasi_path_symlink("symlink", d, "symlink");
    if (e) {
        t_info("%s: skipped: path_symlink errno %d %s", cur, e, t_errname(e));
        t_ok(nm("open a self-loop (nofollow) -> LOOP"));
    } else {
        e = __wasi_path_open(d, 0, "symlink", 0, 0, 0, 0, &fd);
        if (!EXP("open a self-loop (nofollow) -> LOOP", e, ELOOP) && e == 0) cl(fd);
        rm_file(d, "symlink");
    }
    end_tmp(dir, D);
}

static void t_unlink_file_trailing_slashes(void) {
    cur = "unlink_file_trailing_slashes";
    const char *D = "unlink_file_trailing_slashes_dir.cleanup";
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    if (quiet("mkdir dir", __wasi_path_create_directory(d, "dir"))) {
        EXP("unlink a dir -> PERM|ISDIR|ACCES", __wasi_path_unlink_file(d, "dir"), EPERM, EISDIR,
            EACCES);
        EXP("unlink \"dir/\" -> PERM|ISDIR|ACCES", __wasi_path_unlink_file(d, "dir/"), EPERM, EISDIR,
            EACCES);
        rm_dir(d, "dir");
    }
    if (create_file(d, "file") == 0) {
        EXP("unlink \"file/\" -> NOTDIR|NOENT", __wasi_path_unlink_file(d, "file/"), ENOTDIR, ENOENT);
        SUCC("unlink \"file\"", __wasi_path_unlink_file(d, "file"));
    }
    end_tmp(dir, D);
}

/* stdio: each of fds 0-2 renumbered over a fresh file fd; then it is put
 * back (by reopening until that number comes back and renumbering onto it),
 * so the rest of the program still has its stdio.  Nothing is printed while
 * a stdio fd is away. */
static void t_stdio(void) {
    cur = "stdio";
    const char *D = "stdio_dir.cleanup";
    static const char *names[3] = {"stdin", "stdout", "stderr"};
    int dir = tmp_dir(D);
    if (dir < 0) return;
    __wasi_fd_t d = (__wasi_fd_t)dir;
    for (__wasi_fd_t from = 0; from < 3; from++) {
        fflush(stdout);
        fflush(stderr);
        __wasi_fd_t to = 0;
        int e_ren = -1, e_to = -1, e_from = -1, e_back = -1, restored = 0;
        char what[100];
        snprintf(what, sizeof what, "create file (rights 0) for %s", names[from]);
        int opened = CREATE(what, d, "file.cleanup", __WASI_OFLAGS_CREAT, 0, 0, 0, &to);
        fflush(stdout);
        fflush(stderr);
        if (opened) {
            e_ren = __wasi_fd_renumber(from, to);
            if (e_ren == 0) {
                __wasi_fdstat_t st;
                e_to = fdstat(to, &st);
                e_from = fdstat(from, &st);
                if (e_from == 0) {
                    /* `from` is still open: nothing to put back. */
                    (void)__wasi_fd_close(to);
                    restored = 1;
                    e_back = 0;
                } else {
                    static __wasi_fd_t extra[300];
                    int nextra = 0;
                    for (int k = 0; k < 300; k++) {
                        __wasi_fd_t x;
                        if (__wasi_path_open(d, 0, "restore.cleanup", __WASI_OFLAGS_CREAT,
                                             RT(FD_WRITE), 0, 0, &x))
                            break;
                        if (x == from) {
                            restored = 1;
                            break;
                        }
                        extra[nextra++] = x;
                    }
                    if (restored) e_back = __wasi_fd_renumber(to, from);
                    for (int k = 0; k < nextra; k++) (void)__wasi_fd_close(extra[k]);
                    (void)__wasi_path_unlink_file(d, "restore.cleanup");
                    if (!restored || e_back) {
                        static const char msg[] = "FAIL stdio: could not put a stdio fd back\n";
                        __wasi_size_t n;
                        (void)wr(to, msg, sizeof msg - 1, &n);
                        _Exit(1);
                    }
                }
            } else {
                (void)__wasi_fd_close(to);
            }
        }
        (void)__wasi_path_unlink_file(d, "file.cleanup");
        if (!opened) continue;
        snprintf(what, sizeof what, "fd_renumber(%s, file fd)", names[from]);
        if (!EXP(what, e_ren, 0)) continue;
        snprintf(what, sizeof what, "fd_fdstat_get(file fd) after renumbering %s", names[from]);
        EXP(what, e_to, 0);
        snprintf(what, sizeof what, "fd_fdstat_get(%s) fails after renumbering", names[from]);
        OKC(what, e_from != 0, "it succeeded");
        t_info("%s: fd_fdstat_get(%s) after renumbering: errno %d %s", cur, names[from], e_from,
               t_errname(e_from));
    }
    end_tmp(dir, D);
}

/* =====================================================================
 * C tests (wasi-testsuite tests/c/src/), through wasi-libc
 * ===================================================================== */

static int put_file(const char *path, const char *content) {
    __wasi_fd_t fd;
    int e = __wasi_path_open(root, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                             RT(FD_WRITE), 0, 0, &fd);
    if (e) {
        t_fail("%s: create fixture %s (errno %d)", cur, path, e);
        return e;
    }
    __wasi_size_t n;
    e = wr(fd, content, strlen(content), &n);
    (void)__wasi_fd_close(fd);
    if (e || n != strlen(content)) t_fail("%s: write fixture %s (errno %d)", cur, path, e);
    return e;
}

static void t_c_tests(void) {
    struct timespec ts, ts2;

    cur = "c/clock_getres-monotonic";
    OKC("clock_getres(MONOTONIC) == 0", clock_getres(CLOCK_MONOTONIC, &ts) == 0, "errno %d", errno);
    cur = "c/clock_getres-realtime";
    OKC("clock_getres(REALTIME) == 0", clock_getres(CLOCK_REALTIME, &ts) == 0, "errno %d", errno);
    cur = "c/clock_gettime-realtime";
    OKC("clock_gettime(REALTIME) == 0", clock_gettime(CLOCK_REALTIME, &ts) == 0, "errno %d", errno);
    cur = "c/clock_gettime-monotonic";
    {
        /* The suite reads twice and needs a strict increase; repeated here
         * 1000 times, as any one pair may be the one the suite gets. */
        int bad = 0, err = 0;
        for (int i = 0; i < 1000; i++) {
            if (clock_gettime(CLOCK_MONOTONIC, &ts) || clock_gettime(CLOCK_MONOTONIC, &ts2)) {
                err = 1;
                break;
            }
            if (!(ts.tv_sec < ts2.tv_sec || (ts.tv_sec == ts2.tv_sec && ts.tv_nsec < ts2.tv_nsec)))
                bad++;
        }
        OKC("two consecutive clock_gettime(MONOTONIC) strictly increase (1000 pairs)",
            !err && bad == 0, "errors %d, %d of 1000 pairs not increasing", err, bad);
    }

    /* Fixtures the suite ships, made here. */
    cur = "c/fixtures";
    put_file("file", "file\n");
    put_file("lseek.txt", "01234567");
    put_file("pread.txt", "pread-test");
    quiet("mkdir fopendir.dir", __wasi_path_create_directory(root, "fopendir.dir"));
    put_file("fopendir.dir/file-0", "0");
    put_file("fopendir.dir/file-1", "1");
    quiet("mkdir writeable", __wasi_path_create_directory(root, "writeable"));

    cur = "c/fdopendir-with-access";
    {
        int dfd = open("fopendir.dir", O_RDONLY | O_DIRECTORY);
        OKC("open(O_RDONLY|O_DIRECTORY)", dfd != -1, "errno %d", errno);
        DIR *dp = dfd != -1 ? fdopendir(dfd) : NULL;
        OKC("fdopendir", dp != NULL, "errno %d", errno);
        if (dp) {
            int seen[2] = {0, 0}, other = 0, inos_ok = 1;
            ino_t ino[2] = {0, 0};
            struct dirent *de;
            while ((de = readdir(dp)) != NULL) {
                if (de->d_name[0] == '.') continue;
                int k = !strcmp(de->d_name, "file-0") ? 0 : !strcmp(de->d_name, "file-1") ? 1 : -1;
                if (k < 0) {
                    other++;
                    continue;
                }
                seen[k] = 1;
                ino[k] = de->d_ino;
                struct stat sb;
                if (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || sb.st_ino != de->d_ino) {
                    inos_ok = 0;
                    t_info("%s: %s d_ino %llu fstatat ino %llu", cur, de->d_name,
                           (unsigned long long)de->d_ino, (unsigned long long)sb.st_ino);
                }
            }
            OKC("readdir lists file-0 and file-1 and nothing else", seen[0] && seen[1] && !other,
                "seen %d %d, %d others", seen[0], seen[1], other);
            OKC("d_ino == fstatat(AT_SYMLINK_NOFOLLOW).st_ino", inos_ok, "mismatch");
            OKC("the two inodes differ", ino[0] != ino[1], "both %llu", (unsigned long long)ino[0]);
            closedir(dp);
        } else if (dfd != -1) {
            close(dfd);
        }
    }

    cur = "c/fopen-with-access";
    {
        FILE *f = fopen("file", "r");
        OKC("fopen(\"file\", \"r\")", f != NULL, "errno %d", errno);
        if (f) OKC("fclose == 0", fclose(f) == 0, "errno %d", errno);
        else t_fail("%s: fclose skipped", cur);
    }

    cur = "c/lseek";
    {
        FILE *f = fopen("lseek.txt", "r");
        if (OKC("fopen(\"lseek.txt\", \"r\")", f != NULL, "errno %d", errno)) {
            int fd = fileno(f);
            char buf[4];
            size_t n = fread(buf, 1, 4, f);
            fflush(f);
            off_t p = lseek(fd, 0, SEEK_CUR);
            OKC("fread 4, fflush (seeks back: negative CUR) -> lseek(CUR) == 4", n == 4 && p == 4,
                "n %zu pos %lld errno %d", n, (long long)p, errno);
            n = fread(buf, 1, 1, f);
            fflush(f);
            p = lseek(fd, 0, SEEK_CUR);
            OKC("fread 1 -> '4', lseek(CUR) == 5", n == 1 && buf[0] == '4' && p == 5,
                "n %zu byte %c pos %lld", n, buf[0], (long long)p);
            p = lseek(fd, 0, SEEK_SET);
            off_t end = lseek(fd, 0, SEEK_END);
            OKC("lseek(SET) == 0, lseek(END) == 8", p == 0 && end == 8, "%lld %lld", (long long)p,
                (long long)end);
            fclose(f);
        }
    }

    cur = "c/pread-with-access";
    {
        int fd = open("pread.txt", O_RDONLY);
        char b[4] = {0};
        ssize_t n = fd >= 0 ? pread(fd, b, 3, 4) : -1;
        OKC("pread(3 bytes at 4) == \"d-t\"", n == 3 && !memcmp(b, "d-t", 3), "n %zd errno %d", n,
            errno);
        if (fd >= 0) close(fd);
    }

    cur = "c/pwrite-with-access";
    {
        const char *tf = "writeable/test_pwrite_pread.txt.cleanup";
        OKC("access(F_OK) on a missing file fails", access(tf, F_OK) != 0, "it exists");
        int fd = open(tf, O_WRONLY | O_CREAT);
        if (OKC("open(O_WRONLY|O_CREAT)", fd > 0, "fd %d errno %d", fd, errno)) {
            const char *full = "very long text";
            size_t len = strlen(full), done = 0;
            int good = 1;
            while (done < len) {
                ssize_t r = pwrite(fd, full + done, len - done, (off_t)done);
                if (r <= 0) {
                    good = 0;
                    break;
                }
                done += (size_t)r;
            }
            done = 0;
            while (good && done < 4) {
                ssize_t r = pwrite(fd, &"test"[done], 4 - done, (off_t)(3 + done));
                if (r <= 0) {
                    good = 0;
                    break;
                }
                done += (size_t)r;
            }
            OKC("pwrite at 0 and at 3", good, "errno %d", errno);
            OKC("close", close(fd) == 0, "errno %d", errno);
            fd = open(tf, O_RDONLY);
            char rb[16] = {0};
            size_t got = 0;
            while (fd > 0 && got < len) {
                ssize_t r = read(fd, rb + got, sizeof rb - got);
                if (r <= 0) break;
                got += (size_t)r;
            }
            OKC("reopen read-only: content \"vertestng text\"",
                fd > 0 && got == len && !memcmp(rb, "vertestng text", len), "fd %d got %zu '%.16s'",
                fd, got, rb);
            if (fd > 0) close(fd);
            OKC("remove() == 0", remove(tf) == 0, "errno %d", errno);
        }
    }

    cur = "c/pwrite-with-append";
    {
        char buf[4] = {'a', 'b', 'c', 'd'};
        int fd = open("pwrite.cleanup", O_CREAT | O_TRUNC | O_WRONLY | O_APPEND);
        OKC("open(O_CREAT|O_TRUNC|O_WRONLY|O_APPEND)", fd != -1, "errno %d", errno);
        if (fd == -1) {
            /* To go on with the append checks: the same without O_TRUNC
             * (the file does not exist yet anyway). */
            fd = open("pwrite.cleanup", O_CREAT | O_WRONLY | O_APPEND);
            t_info("%s: to go on, opened without O_TRUNC: fd %d errno %d", cur, fd, errno);
        }
        if (fd != -1) {
            ssize_t n1 = write(fd, buf, 2);
            off_t s = lseek(fd, 0, SEEK_SET);
            ssize_t n2 = write(fd, buf, 2);
            off_t c = lseek(fd, 0, SEEK_CUR);
            OKC("write 2, lseek(SET 0), write 2 -> lseek(CUR) == 4 (append puts the position at EOF)",
                n1 == 2 && s == 0 && n2 == 2 && c == 4, "%zd %lld %zd %lld", n1, (long long)s, n2,
                (long long)c);
            ssize_t n3 = pwrite(fd, buf, 3, 0);
            c = lseek(fd, 0, SEEK_CUR);
            off_t end = lseek(fd, 0, SEEK_END);
            OKC("pwrite(3, at 0) == 3 and lseek(CUR) still 4", n3 == 3 && c == 4, "%zd %lld", n3,
                (long long)c);
            t_info("%s: size after pwrite with O_APPEND: %lld", cur, (long long)end);
            OKC("lseek(END) is 4 or 7", end == 4 || end == 7, "%lld", (long long)end);
            close(fd);
        }
        unlink("pwrite.cleanup");
    }

    cur = "c/sock_shutdown-not_sock";
    {
        errno = 0;
        int r = shutdown(STDOUT_FILENO, SHUT_RD);
        EXP("shutdown(stdout) -> ENOTSOCK", r != 0 ? errno : 0, ENOTSOCK);
    }

    cur = "c/stat-dev-ino";
    {
        int a = open("file", O_RDONLY), b = open("lseek.txt", O_RDONLY);
        struct stat sa, sb;
        int ok = a != -1 && b != -1 && fstat(a, &sa) == 0 && fstat(b, &sb) == 0;
        OKC("open + fstat both", ok, "errno %d", errno);
        if (ok) {
            OKC("same st_dev", sa.st_dev == sb.st_dev, "%llu %llu", (unsigned long long)sa.st_dev,
                (unsigned long long)sb.st_dev);
            OKC("different st_ino", sa.st_ino != sb.st_ino, "both %llu", (unsigned long long)sa.st_ino);
        }
        if (a != -1) close(a);
        if (b != -1) close(b);
    }

    cur = "c/fixtures";
    rm_file(root, "file");
    rm_file(root, "lseek.txt");
    rm_file(root, "pread.txt");
    rm_file(root, "fopendir.dir/file-0");
    rm_file(root, "fopendir.dir/file-1");
    rm_dir(root, "fopendir.dir");
    rm_dir(root, "writeable");
}

/* =====================================================================
 * Last: the preopen itself.
 * ===================================================================== */
static void t_overwrite_and_close_preopen(void) {
    cur = "overwrite_preopen";
    const char *D = "overwrite_preopen_dir.cleanup";
    int dir = tmp_dir(D);
    int closed3 = 0;
    if (dir >= 0) {
        __wasi_fd_t d = (__wasi_fd_t)dir;
        OKC("tmp dir fd > 3", d > 3, "fd %u", d);
        __wasi_filestat_t old, neu;
        quiet("fd_filestat_get(tmp dir)", fstat_(d, &old));
        int e = __wasi_fd_renumber(d, pre);
        if (EXP("fd_renumber(tmp dir fd, 3) over the preopen", e, 0)) {
            e = fstat_(pre, &neu);
            OKC("fd 3 now has the tmp dir's dev and ino", e == 0 && neu.dev == old.dev && neu.ino == old.ino,
                "errno %d dev %llu/%llu ino %llu/%llu", e, (unsigned long long)neu.dev,
                (unsigned long long)old.dev, (unsigned long long)neu.ino, (unsigned long long)old.ino);
            __wasi_fdstat_t st;
            EXP("fd_fdstat_get(old tmp dir fd) -> BADF", fdstat(d, &st), EBADF);

            /* close_preopen's checks, on fd 3 (see the top comment). */
            cur = "close_preopen";
            OKC("the other dir fd is > 3", root > 3, "fd %u", root);
            SUCC("fd_close(3)", __wasi_fd_close(pre));
            closed3 = 1;
            e = fdstat(root, &st);
            OKC("the other dir fd still reports DIRECTORY",
                e == 0 && st.fs_filetype == __WASI_FILETYPE_DIRECTORY, "errno %d type %d", e,
                st.fs_filetype);
            EXP("fd_fdstat_get(3) -> BADF", fdstat(pre, &st), EBADF);
        } else {
            (void)__wasi_fd_close(d);
        }
        cur = "overwrite_preopen";
        rm_dir(root, D);
    }
    if (closed3) {
        /* sock_shutdown-invalid_fd wants nothing at fd 3; now there is not. */
        cur = "c/sock_shutdown-invalid_fd";
        errno = 0;
        int r = shutdown(3, SHUT_RD);
        EXP("shutdown(3) with nothing at fd 3 -> EBADF", r != 0 ? errno : 0, EBADF);
    }
}

int main(void) {
    /* lib.rs root_directory(): scan fd_prestat_get from 3 until the first
     * error, find the preopen named "/", open "." from it with its own
     * rights. */
    int found = -1, first = -1;
    for (__wasi_fd_t fd = 3; fd < 1000; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        if (first < 0) first = (int)fd;
        char name[8] = {0};
        if (ps.u.dir.pr_name_len == 1 && __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, 1) == 0 &&
            name[0] == '/') {
            found = (int)fd;
            break;
        }
    }
    REQUIRE(found >= 0, "setup: no preopen named \"/\" (run with --dir HOST::/)");
    OKC("the first preopen is fd 3", first == 3, "first preopen fd %d", first);
    pre = (__wasi_fd_t)found;
    __wasi_fdstat_t st;
    REQUIRE(fdstat(pre, &st) == 0, "setup: fd_fdstat_get(preopen)");
    int e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, st.fs_rights_base,
                             st.fs_rights_inheriting, 0, &root);
    REQUIRE(e == 0, "setup: open \".\" in the preopen with its own rights (errno %d %s)", e,
            t_errname(e));
    OKC("root_directory() fd > 3", root > 3, "fd %u", root);

    t_sched_yield();
    t_poll_oneoff_stdio();
    t_path_open_preopen();
    t_dir_fd_op_failures();
    t_directory_seek();
    t_fd_advise();
    t_file_allocate();
    t_file_pread_pwrite();
    t_file_seek_tell();
    t_file_truncation();
    t_file_unbuffered_write();
    t_fstflags_validate();
    t_fd_filestat_set();
    t_fd_flags_set();
    t_fd_fdstat_set_rights();
    t_truncation_rights();
    t_fd_readdir();
    t_dangling_fd();
    t_dangling_symlink();
    t_interesting_paths();
    t_isatty();
    t_nofollow_errors();
    t_path_exists();
    t_path_filestat();
    t_path_link();
    t_path_open_small();
    t_path_open_read_write();
    t_path_rename();
    t_path_rename_dir_trailing_slashes();
    t_path_symlink_trailing_slashes();
    t_readlink();
    t_remove_directory_trailing_slashes();
    t_remove_nonempty_directory();
    t_renumber();
    t_symlink_create();
    t_symlink_filestat();
    t_symlink_loop();
    t_unlink_file_trailing_slashes();
    t_stdio();
    t_c_tests();
    t_overwrite_and_close_preopen();

    /* Whatever a failed check left behind is reported and removed. */
    cur = "cleanup";
    static char left[64][64];
    int n = list_names(root, left, 64);
    for (int i = 0; i < n; i++) {
        t_fail("cleanup: leftover %s", left[i]);
        rm_tree(root, left[i], 0);
    }
    n = list_names(root, left, 64);
    OKC("the preopen directory is empty again", n == 0, "%d entries left", n);
    return t_done();
}
