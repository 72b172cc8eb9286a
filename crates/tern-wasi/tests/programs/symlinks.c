/*
 * symlinks: symbolic links inside the writable preopen `/sandbox` (empty).
 * symlink/readlink, opening through relative links (also into and out of a
 * subdirectory), lstat vs stat, dangling links, loops, O_NOFOLLOW, unlink and
 * rename of a link.  Everything is removed at the end.
 */
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define SB "/sandbox"

static void make_file(const char *path, const char *content) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0, "create %s (errno %d)", path, errno);
    REQUIRE(write(fd, content, strlen(content)) == (ssize_t)strlen(content), "write %s", path);
    close(fd);
}

/* Open and read the file; returns the content length or -errno. */
static int read_through(const char *path, int flags, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | flags);
    if (fd < 0) return -errno;
    ssize_t n = read(fd, buf, cap - 1);
    int e = errno;
    close(fd);
    if (n < 0) return -e;
    buf[n] = '\0';
    return (int)n;
}

static int open_errno(const char *path, int flags) {
    int fd = open(path, flags, 0644);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return errno;
}

int main(void) {
    int sb = t_find_preopen(SB);
    REQUIRE(sb >= 0, "no preopen " SB);
    char buf[256];
    struct stat st;

    make_file(SB "/target.txt", "target content\n");
    REQUIRE(symlink("target.txt", SB "/link") == 0, "symlink (errno %d)", errno);
    t_ok("symlink");

    /* readlink returns the stored text, not NUL-terminated. */
    memset(buf, 'Z', sizeof buf);
    ssize_t n = readlink(SB "/link", buf, sizeof buf);
    CHECK(n == 10 && memcmp(buf, "target.txt", 10) == 0 && buf[10] == 'Z',
          "readlink (got %zd '%.*s')", n, n > 0 ? (int)n : 0, buf);
    /* Raw path_readlink with an exact-size buffer. */
    uint8_t rb[64];
    __wasi_size_t used = 0;
    int err = __wasi_path_readlink(sb, "link", rb, 10, &used);
    CHECK(err == 0 && used == 10 && memcmp(rb, "target.txt", 10) == 0,
          "path_readlink exact buffer (errno %d, used %u)", err, used);
    /* A buffer too small: POSIX readlink truncates; Wasmtime returns ERANGE.
     * Either is accepted, but a truncation must be a prefix of the target. */
    used = 0;
    memset(rb, 0, sizeof rb);
    err = __wasi_path_readlink(sb, "link", rb, 4, &used);
    if (err == 0)
        CHECK(used == 4 && memcmp(rb, "targ", 4) == 0, "path_readlink truncation (used %u)", used);
    EXPECT_ERRNO("path_readlink small buffer -> truncate/ERANGE", err, 0, ERANGE);
    /* readlink of a regular file: EINVAL. */
    err = __wasi_path_readlink(sb, "target.txt", rb, sizeof rb, &used);
    EXPECT_ERRNO("readlink of a regular file -> EINVAL", err, EINVAL);
    err = __wasi_path_readlink(sb, "missing", rb, sizeof rb, &used);
    EXPECT_ERRNO("readlink of a missing path -> ENOENT", err, ENOENT);
    t_ok("readlink");

    /* Open through the link. */
    n = read_through(SB "/link", 0, buf, sizeof buf);
    CHECK(n == 15 && strcmp(buf, "target content\n") == 0, "read through link (got %zd)", n);
    t_ok("open through symlink");

    /* lstat sees the link, stat the target. */
    CHECK(lstat(SB "/link", &st) == 0 && S_ISLNK(st.st_mode), "lstat link not S_ISLNK (mode %o)",
          st.st_mode);
    CHECK(st.st_size == 10, "lstat link size (got %lld, expected 10 = strlen(target))",
          (long long)st.st_size);
    CHECK(stat(SB "/link", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 15,
          "stat link (mode %o size %lld)", st.st_mode, (long long)st.st_size);
    __wasi_filestat_t fs;
    err = __wasi_path_filestat_get(sb, 0, "link", &fs);
    CHECK(err == 0 && fs.filetype == __WASI_FILETYPE_SYMBOLIC_LINK,
          "path_filestat_get nofollow (errno %d, type %d)", err, fs.filetype);
    err = __wasi_path_filestat_get(sb, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &fs);
    CHECK(err == 0 && fs.filetype == __WASI_FILETYPE_REGULAR_FILE && fs.size == 15,
          "path_filestat_get follow (errno %d, type %d)", err, fs.filetype);
    t_ok("lstat vs stat");

    /* Creating a link over an existing name: EEXIST. */
    err = __wasi_path_symlink("whatever", sb, "target.txt");
    EXPECT_ERRNO("symlink over existing file -> EEXIST", err, EEXIST);
    err = __wasi_path_symlink("whatever", sb, "link");
    EXPECT_ERRNO("symlink over existing link -> EEXIST", err, EEXIST);

    /* Links in and out of a subdirectory. */
    REQUIRE(mkdir(SB "/dir", 0755) == 0, "mkdir dir");
    make_file(SB "/dir/inner.txt", "inner\n");
    REQUIRE(symlink("dir", SB "/dirlink") == 0, "symlink dirlink");
    n = read_through(SB "/dirlink/inner.txt", 0, buf, sizeof buf);
    CHECK(n == 6 && strcmp(buf, "inner\n") == 0, "read through directory link (got %zd)", n);
    REQUIRE(symlink("../target.txt", SB "/dir/up") == 0, "symlink dir/up");
    n = read_through(SB "/dir/up", 0, buf, sizeof buf);
    CHECK(n == 15, "read through ../ link inside the sandbox (got %zd)", n);
    REQUIRE(symlink("link", SB "/chain") == 0, "symlink chain");
    n = read_through(SB "/chain", 0, buf, sizeof buf);
    CHECK(n == 15, "read through a link to a link (got %zd)", n);
    /* opendir through a link to a directory. */
    int dfd = open(SB "/dirlink", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open dirlink O_DIRECTORY (errno %d)", errno);
    if (dfd >= 0) close(dfd);
    t_ok("relative links through directories");

    /* Dangling link: open fails ENOENT, lstat works, O_CREAT creates the target. */
    REQUIRE(symlink("nonexistent.txt", SB "/dangle") == 0, "symlink dangle");
    EXPECT_ERRNO("open dangling link -> ENOENT", open_errno(SB "/dangle", O_RDONLY), ENOENT);
    errno = 0;
    CHECK(stat(SB "/dangle", &st) == -1 && errno == ENOENT, "stat dangling (errno %d)", errno);
    CHECK(lstat(SB "/dangle", &st) == 0 && S_ISLNK(st.st_mode), "lstat dangling");
    /* O_CREAT|O_EXCL on a dangling link: EEXIST (the name exists). */
    EXPECT_ERRNO("O_CREAT|O_EXCL on a dangling link -> EEXIST",
                 open_errno(SB "/dangle", O_WRONLY | O_CREAT | O_EXCL), EEXIST);
    /* O_CREAT without O_EXCL follows the link and creates its target. */
    int cerr = open_errno(SB "/dangle", O_WRONLY | O_CREAT);
    EXPECT_ERRNO("O_CREAT through a dangling link", cerr, 0);
    if (cerr == 0) {
        CHECK(stat(SB "/nonexistent.txt", &st) == 0 && S_ISREG(st.st_mode),
              "O_CREAT through a dangling link did not create the target");
        CHECK(unlink(SB "/nonexistent.txt") == 0, "unlink created target");
    }
    t_ok("dangling link");

    /* Loops: ELOOP. */
    REQUIRE(symlink("loop2", SB "/loop1") == 0, "symlink loop1");
    REQUIRE(symlink("loop1", SB "/loop2") == 0, "symlink loop2");
    EXPECT_ERRNO("open symlink loop -> ELOOP", open_errno(SB "/loop1", O_RDONLY), ELOOP);
    REQUIRE(symlink("self", SB "/self") == 0, "symlink self");
    EXPECT_ERRNO("open self link -> ELOOP", open_errno(SB "/self", O_RDONLY), ELOOP);
    errno = 0;
    CHECK(stat(SB "/loop1", &st) == -1, "stat of a loop succeeded");
    EXPECT_ERRNO("stat symlink loop -> ELOOP", errno, ELOOP);
    EXPECT_ERRNO("loop as a path component -> ELOOP", open_errno(SB "/loop1/x", O_RDONLY), ELOOP);

    /* O_NOFOLLOW (path_open without LOOKUPFLAGS_SYMLINK_FOLLOW) on a link
     * as the last component: ELOOP, as in POSIX. */
    EXPECT_ERRNO("O_NOFOLLOW on a symlink -> ELOOP",
                 open_errno(SB "/link", O_RDONLY | O_NOFOLLOW), ELOOP);
    __wasi_fd_t fd;
    err = t_open(sb, 0, "link", 0, 0, &fd);
    EXPECT_ERRNO("path_open nofollow on a symlink -> ELOOP", err, ELOOP);
    /* Links in earlier components are followed even without the flag. */
    err = t_open(sb, 0, "dirlink/inner.txt", 0, 0, &fd);
    CHECK(err == 0, "path_open nofollow through a directory link (errno %d)", err);
    if (err == 0) (void)__wasi_fd_close(fd);
    t_ok("O_NOFOLLOW");

    /* A trailing slash on a link to a file: ENOTDIR. */
    EXPECT_ERRNO("link to file with trailing slash -> ENOTDIR", open_errno(SB "/link/", O_RDONLY),
                 ENOTDIR);

    /* path_filestat_set_times without follow on a link: sets the link's own
     * times (or ENOTSUP on hosts that cannot).  With follow: the target's. */
    err = __wasi_path_filestat_set_times(sb, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", 0,
                                         1400000000000000000ull, __WASI_FSTFLAGS_MTIM);
    CHECK(err == 0, "path_filestat_set_times follow (errno %d)", err);
    CHECK(stat(SB "/target.txt", &st) == 0 && st.st_mtim.tv_sec == 1400000000,
          "target mtime after set_times through link (got %lld)", (long long)st.st_mtim.tv_sec);
    t_ok("set_times through link");

    /* rename a link: the link moves, the target stays. */
    CHECK(rename(SB "/link", SB "/link2") == 0, "rename link (errno %d)", errno);
    memset(buf, 0, sizeof buf);
    n = readlink(SB "/link2", buf, sizeof buf);
    CHECK(n == 10 && memcmp(buf, "target.txt", 10) == 0, "readlink after rename");
    /* unlink removes the link, not the target. */
    CHECK(unlink(SB "/link2") == 0, "unlink link2 (errno %d)", errno);
    CHECK(stat(SB "/target.txt", &st) == 0, "unlink of a link removed the target");
    /* A link to a directory is removed with unlink, not rmdir. */
    err = __wasi_path_remove_directory(sb, "dirlink");
    EXPECT_ERRNO("rmdir on a link to a directory -> ENOTDIR", err, ENOTDIR);
    CHECK(unlink(SB "/dirlink") == 0, "unlink dirlink (errno %d)", errno);
    CHECK(stat(SB "/dir/inner.txt", &st) == 0, "unlink dirlink removed the directory");
    t_ok("rename/unlink link");

    /* Hard link of a symlink (no follow): the new name is a symlink too. */
    err = __wasi_path_link(sb, 0, "chain", sb, "chain_hard");
    if (err == 0) {
        CHECK(lstat(SB "/chain_hard", &st) == 0 && S_ISLNK(st.st_mode), "hard link of a symlink");
        unlink(SB "/chain_hard");
    }
    /* Linux links the symlink itself; some hosts refuse (EPERM/ENOTSUP). */
    EXPECT_ERRNO("hard link of a symlink", err, 0, EPERM, ENOTSUP);
    /* With LOOKUPFLAGS_SYMLINK_FOLLOW the new name is a hard link to the
     * target.  Wasmtime rejects the flag for path_link outright (EINVAL);
     * both are accepted. */
    err = __wasi_path_link(sb, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "chain", sb, "chain_follow");
    if (err == 0) {
        CHECK(lstat(SB "/chain_follow", &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 2,
              "hard link with follow is not a second name of target.txt");
        unlink(SB "/chain_follow");
    }
    EXPECT_ERRNO("hard link with SYMLINK_FOLLOW", err, 0, EINVAL);

    /* Cleanup. */
    const char *rm[] = {"/chain", "/dangle", "/loop1", "/loop2", "/self", "/dir/up",
                        "/dir/inner.txt", "/target.txt"};
    for (unsigned i = 0; i < sizeof rm / sizeof rm[0]; i++) {
        snprintf(buf, sizeof buf, SB "%s", rm[i]);
        CHECK(unlink(buf) == 0, "unlink %s (errno %d)", buf, errno);
    }
    CHECK(rmdir(SB "/dir") == 0, "rmdir dir (errno %d)", errno);
    t_ok("cleanup");
    return t_done();
}
