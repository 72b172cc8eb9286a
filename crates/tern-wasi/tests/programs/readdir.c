/*
 * readdir: directory listing through libc (opendir/readdir, which use
 * fd_readdir with cookies) and through raw fd_readdir with a 64-byte buffer,
 * which forces resumption by cookie after (at most) two entries per call.
 *
 * In the writable preopen `/sandbox` (empty) it creates `many/` holding 1000
 * empty files f0000..f0999 and one
 * subdirectory `sub`, then lists it several ways.  "." and ".." may or may not
 * be returned by the host (both are fine); they are skipped when counting.
 * Everything is removed at the end.
 */
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFILES 1000
#define DIR_PATH "/sandbox/many"

static unsigned char seen[NFILES];

/* Classify a name: 0..NFILES-1 for fNNNN, -2 for sub, -3 for dot entries,
 * -1 for anything else. */
static int classify(const char *name, size_t len) {
    if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) return -3;
    if (len == 3 && memcmp(name, "sub", 3) == 0) return -2;
    if (len != 5 || name[0] != 'f') return -1;
    int v = 0;
    for (int i = 1; i < 5; i++) {
        if (name[i] < '0' || name[i] > '9') return -1;
        v = v * 10 + (name[i] - '0');
    }
    return v < NFILES ? v : -1;
}

/* List with readdir(); returns the number of real entries, checks them. */
static int list_libc(DIR *d, const char *what) {
    memset(seen, 0, sizeof seen);
    int count = 0, subs = 0, dots = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        int c = classify(e->d_name, strlen(e->d_name));
        if (c == -3) {
            dots++;
            continue;
        }
        CHECK(c != -1, "%s: unexpected entry '%s'", what, e->d_name);
        if (c == -2) {
            subs++;
            CHECK(e->d_type == DT_DIR, "%s: sub d_type %d, expected DT_DIR", what, e->d_type);
        } else if (c >= 0) {
            CHECK(!seen[c], "%s: duplicate entry %s", what, e->d_name);
            seen[c] = 1;
            CHECK(e->d_type == DT_REG, "%s: %s d_type %d, expected DT_REG", what, e->d_name,
                  e->d_type);
        }
        count++;
    }
    CHECK(errno == 0, "%s: readdir ended with errno %d", what, errno);
    CHECK(subs == 1, "%s: saw sub %d times", what, subs);
    for (int i = 0; i < NFILES; i++) CHECK(seen[i], "%s: f%04d missing", what, i);
    t_info("%s: %d entries plus %d dot entries", what, count, dots);
    return count;
}

/* One raw pass with a buffer of bufsize bytes, starting at cookie `start`.
 * Records names in order in `order` (indexes; -2 for sub), returns count.
 * If `cookies` is non-NULL, stores the d_next cookie of each real entry. */
static int list_raw(int fd, size_t bufsize, __wasi_dircookie_t start, int *order,
                    __wasi_dircookie_t *cookies, int max, int *calls_out) {
    static uint8_t buf[4096];
    REQUIRE(bufsize <= sizeof buf, "raw buffer too big");
    __wasi_dircookie_t cookie = start;
    int count = 0, calls = 0;
    for (;;) {
        __wasi_size_t used = 0;
        int err = __wasi_fd_readdir(fd, buf, bufsize, cookie, &used);
        REQUIRE(err == 0, "fd_readdir (bufsize %zu, cookie %llu): errno %d", bufsize,
                (unsigned long long)cookie, err);
        REQUIRE(used <= bufsize, "fd_readdir used %u > buffer %zu", used, bufsize);
        calls++;
        REQUIRE(calls < 100000, "fd_readdir does not terminate");
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t de;
            memcpy(&de, buf + off, sizeof de);
            if (off + sizeof de + de.d_namlen > used) break; /* truncated entry */
            const char *name = (const char *)buf + off + sizeof de;
            int c = classify(name, de.d_namlen);
            off += sizeof de + de.d_namlen;
            cookie = de.d_next;
            progressed = 1;
            if (c == -3) continue;
            CHECK(c != -1, "raw: unexpected entry '%.*s'", (int)de.d_namlen, name);
            if (c == -2)
                CHECK(de.d_type == __WASI_FILETYPE_DIRECTORY, "raw: sub type %d", de.d_type);
            else if (c >= 0)
                CHECK(de.d_type == __WASI_FILETYPE_REGULAR_FILE, "raw: %.*s type %d",
                      (int)de.d_namlen, name, de.d_type);
            if (count < max) {
                order[count] = c;
                if (cookies) cookies[count] = de.d_next;
            }
            count++;
        }
        if (used < bufsize) break; /* end of directory */
        REQUIRE(progressed, "fd_readdir: buffer of %zu bytes holds no complete entry", bufsize);
    }
    if (calls_out) *calls_out = calls;
    return count;
}

int main(void) {
    REQUIRE(t_find_preopen("/sandbox") >= 0, "no preopen /sandbox");
    REQUIRE(mkdir(DIR_PATH, 0755) == 0, "mkdir %s (errno %d)", DIR_PATH, errno);
    char path[64];
    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, DIR_PATH "/f%04d", i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        REQUIRE(fd >= 0, "create %s (errno %d)", path, errno);
        close(fd);
    }
    REQUIRE(mkdir(DIR_PATH "/sub", 0755) == 0, "mkdir sub (errno %d)", errno);
    t_ok("created 1000 files and sub");

    /* opendir/readdir. */
    DIR *d = opendir(DIR_PATH);
    REQUIRE(d != NULL, "opendir (errno %d)", errno);
    int n = list_libc(d, "readdir");
    CHECK(n == NFILES + 1, "readdir count (got %d, expected %d)", n, NFILES + 1);
    printf("readdir entries %d\n", n);

    /* rewinddir: the same listing again. */
    rewinddir(d);
    n = list_libc(d, "readdir after rewinddir");
    CHECK(n == NFILES + 1, "count after rewinddir (got %d)", n);
    t_ok("rewinddir");

    /* telldir/seekdir: remember the position after 500 entries, read the next
     * name, seek back, and the same name comes again. */
    rewinddir(d);
    for (int i = 0; i < 500; i++) REQUIRE(readdir(d) != NULL, "readdir %d", i);
    long pos = telldir(d);
    REQUIRE(pos != -1, "telldir (errno %d)", errno);
    struct dirent *e = readdir(d);
    REQUIRE(e != NULL, "readdir after telldir");
    char name1[256];
    snprintf(name1, sizeof name1, "%s", e->d_name);
    for (int i = 0; i < 10; i++) (void)readdir(d);
    seekdir(d, pos);
    e = readdir(d);
    CHECK(e != NULL && strcmp(e->d_name, name1) == 0, "seekdir: got '%s', expected '%s'",
          e ? e->d_name : "(null)", name1);
    t_ok("telldir/seekdir");
    closedir(d);

    /* Raw fd_readdir with a 64-byte buffer (resumption by cookie) must give
     * the same entries, in the same order, as a 4096-byte buffer. */
    int fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
    REQUIRE(fd >= 0, "open dir (errno %d)", errno);
    static int order_big[NFILES + 8], order_small[NFILES + 8];
    static __wasi_dircookie_t cookies[NFILES + 8];
    int calls_big = 0, calls_small = 0;
    int nb = list_raw(fd, 4096, __WASI_DIRCOOKIE_START, order_big, cookies, NFILES + 8, &calls_big);
    int ns = list_raw(fd, 64, __WASI_DIRCOOKIE_START, order_small, NULL, NFILES + 8, &calls_small);
    CHECK(nb == NFILES + 1, "raw 4096-byte count (got %d)", nb);
    CHECK(ns == NFILES + 1, "raw 64-byte count (got %d)", ns);
    int same = nb == ns;
    for (int i = 0; same && i < nb && i < NFILES + 8; i++) same = order_big[i] == order_small[i];
    CHECK(same, "raw listings with 4096- and 64-byte buffers differ");
    CHECK(calls_small >= (NFILES + 1) / 2, "64-byte buffer needed only %d calls", calls_small);
    printf("raw fd_readdir entries %d\n", ns);
    t_ok("fd_readdir 64-byte buffer resumes by cookie");

    /* Restart from the cookie of entry 499: the rest of the listing follows. */
    if (nb == NFILES + 1) {
        static int rest[NFILES + 8];
        int nr = list_raw(fd, 256, cookies[499], rest, NULL, NFILES + 8, NULL);
        CHECK(nr == nb - 500, "listing from cookie of entry 499 (got %d, expected %d)", nr,
              nb - 500);
        int ok = nr == nb - 500;
        for (int i = 0; ok && i < nr; i++) ok = rest[i] == order_big[500 + i];
        CHECK(ok, "listing from a saved cookie is not the tail of the full listing");
        t_ok("fd_readdir from a saved cookie");
        /* The cookie of the last entry yields nothing more. */
        __wasi_size_t used = 1;
        static uint8_t buf[256];
        int err = __wasi_fd_readdir(fd, buf, sizeof buf, cookies[nb - 1], &used);
        CHECK(err == 0 && used == 0, "fd_readdir past the end (errno %d, used %u)", err, used);
        t_ok("fd_readdir at end");
    }
    /* A buffer too small for any header returns it filled (used == len). */
    {
        uint8_t tiny[8];
        __wasi_size_t used = 0;
        int err = __wasi_fd_readdir(fd, tiny, sizeof tiny, __WASI_DIRCOOKIE_START, &used);
        CHECK(err == 0 && used == sizeof tiny, "fd_readdir 8-byte buffer (errno %d, used %u)",
              err, used);
        t_ok("fd_readdir truncated header");
    }
    close(fd);

    /* fd_readdir on a regular file fails with ENOTDIR (or EBADF for a host
     * that checks the descriptor kind/rights first). */
    fd = open(DIR_PATH "/f0000", O_RDONLY);
    REQUIRE(fd >= 0, "open f0000");
    {
        uint8_t b[128];
        __wasi_size_t used = 0;
        int err = __wasi_fd_readdir(fd, b, sizeof b, 0, &used);
        EXPECT_ERRNO("fd_readdir on a file -> ENOTDIR/EBADF/ENOTCAPABLE", err, ENOTDIR, EBADF,
                      ENOTCAPABLE);
    }
    close(fd);

    /* Empty directory: only (optional) dot entries. */
    d = opendir(DIR_PATH "/sub");
    REQUIRE(d != NULL, "opendir sub");
    int others = 0;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) others++;
    CHECK(others == 0, "empty dir lists %d entries", others);
    closedir(d);
    t_ok("empty directory");

    /* Cleanup. */
    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, DIR_PATH "/f%04d", i);
        CHECK(unlink(path) == 0, "unlink %s (errno %d)", path, errno);
    }
    CHECK(rmdir(DIR_PATH "/sub") == 0, "rmdir sub");
    CHECK(rmdir(DIR_PATH) == 0, "rmdir many (errno %d)", errno);
    t_ok("cleanup");
    return t_done();
}
