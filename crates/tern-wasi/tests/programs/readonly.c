/*
 * readonly: a preopen the host marks read-only (guest `/ro`).
 *
 * Host layout (made by the harness, preopened READ-ONLY as `/ro`):
 *   R/existing.txt      "read only\n"
 *   R/dir/nested.txt    "nested\n"
 *   R/empty/            empty directory
 *   R/link -> existing.txt   (relative symlink)
 * The harness must find R unchanged afterwards.
 *
 * Reading must work; every write, truncate, create, mkdir, rename, link,
 * symlink, unlink, rmdir and set-times must fail.  Accepted errnos for a
 * refused mutation: ENOTCAPABLE (WASI's "the rights do not allow it"),
 * EPERM, EROFS and EACCES (the POSIX answers of a read-only mount or a
 * permission check).  Wasmtime (preopen with DirPerms::READ +
 * FilePerms::READ) answers EPERM, and EBADF for writes through an fd that
 * was opened for reading; cases that accept more say why.
 */
#include "common.h"

#define RO ENOTCAPABLE, EPERM, EROFS, EACCES
#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | \
                __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR |             \
                __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET |           \
                __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_FD_ADVISE)
#define R_WRITE (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)

static int ro;

static int open_rights(int dirfd, const char *path, __wasi_oflags_t of, __wasi_rights_t base,
                       __wasi_fd_t *out) {
    return __wasi_path_open(dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, of, base,
                            T_ALL_RIGHTS, 0, out);
}

/* Try a path_open for writing; closes the fd if it (wrongly) succeeds. */
static int try_open_w(int dirfd, const char *path, __wasi_oflags_t of, __wasi_rights_t base) {
    __wasi_fd_t fd;
    int err = open_rights(dirfd, path, of, base, &fd);
    if (err == 0) (void)__wasi_fd_close(fd);
    return err;
}

static int read_file(int dirfd, const char *path, char *buf, size_t cap) {
    __wasi_fd_t fd;
    int err = open_rights(dirfd, path, 0, R_READ, &fd);
    if (err) return -err;
    __wasi_iovec_t iov = {(uint8_t *)buf, cap - 1};
    __wasi_size_t n = 0;
    err = __wasi_fd_read(fd, &iov, 1, &n);
    (void)__wasi_fd_close(fd);
    if (err) return -err;
    buf[n] = '\0';
    return (int)n;
}

int main(void) {
    ro = t_find_preopen("/ro");
    REQUIRE(ro >= 0, "no preopen /ro");
    char buf[256];

    /* ---- Reading works. ---- */
    int n = read_file(ro, "existing.txt", buf, sizeof buf);
    CHECK(n == 10 && strcmp(buf, "read only\n") == 0, "read existing.txt (got %d)", n);
    n = read_file(ro, "dir/nested.txt", buf, sizeof buf);
    CHECK(n == 7 && strcmp(buf, "nested\n") == 0, "read dir/nested.txt (got %d)", n);
    n = read_file(ro, "link", buf, sizeof buf);
    CHECK(n == 10, "read through link (got %d)", n);
    __wasi_filestat_t st;
    int err = __wasi_path_filestat_get(ro, 0, "existing.txt", &st);
    CHECK(err == 0 && st.size == 10 && st.filetype == __WASI_FILETYPE_REGULAR_FILE,
          "path_filestat_get existing.txt (errno %d)", err);
    __wasi_size_t used = 0;
    uint8_t lb[64];
    err = __wasi_path_readlink(ro, "link", lb, sizeof lb, &used);
    CHECK(err == 0 && used == 12 && memcmp(lb, "existing.txt", 12) == 0,
          "readlink link (errno %d, used %u)", err, used);
    {
        /* Listing the directory: the four entries, dots optional. */
        static uint8_t db[4096];
        err = __wasi_fd_readdir(ro, db, sizeof db, 0, &used);
        CHECK(err == 0, "fd_readdir /ro (errno %d)", err);
        int names = 0;
        for (size_t off = 0; err == 0 && off + sizeof(__wasi_dirent_t) <= used;) {
            __wasi_dirent_t de;
            memcpy(&de, db + off, sizeof de);
            const char *nm = (const char *)db + off + sizeof de;
            if (!(de.d_namlen == 1 && nm[0] == '.') && !(de.d_namlen == 2 && !memcmp(nm, "..", 2)))
                names++;
            off += sizeof de + de.d_namlen;
        }
        CHECK(names == 4, "fd_readdir /ro: %d entries, expected 4", names);
    }
    t_ok("reading works");

    /* ---- Opening for writing. ---- */
    EXPECT_ERRNO("open existing.txt for write",
                 try_open_w(ro, "existing.txt", 0, __WASI_RIGHTS_FD_WRITE), RO);
    EXPECT_ERRNO("open existing.txt read+write",
                 try_open_w(ro, "existing.txt", 0, R_READ | R_WRITE), RO);
    EXPECT_ERRNO("open dir/nested.txt for write",
                 try_open_w(ro, "dir/nested.txt", 0, __WASI_RIGHTS_FD_WRITE), RO);
    EXPECT_ERRNO("open link for write (follows to existing.txt)",
                 try_open_w(ro, "link", 0, __WASI_RIGHTS_FD_WRITE), RO);
    /* O_TRUNC even with only read rights would destroy data. */
    EXPECT_ERRNO("open existing.txt O_TRUNC",
                 try_open_w(ro, "existing.txt", __WASI_OFLAGS_TRUNC, R_READ | R_WRITE), RO);
    EXPECT_ERRNO("open existing.txt O_TRUNC (read rights only)",
                 try_open_w(ro, "existing.txt", __WASI_OFLAGS_TRUNC, R_READ), RO);
    EXPECT_ERRNO("create new.txt",
                 try_open_w(ro, "new.txt", __WASI_OFLAGS_CREAT, R_READ | R_WRITE), RO);
    EXPECT_ERRNO("create new.txt (read rights only)",
                 try_open_w(ro, "new.txt", __WASI_OFLAGS_CREAT, R_READ), RO);
    EXPECT_ERRNO("create dir/new.txt",
                 try_open_w(ro, "dir/new.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
                            R_READ | R_WRITE),
                 RO);
    /* O_CREAT|O_EXCL on an existing name: EEXIST is also right (Linux gives
     * EEXIST on a read-only mount: the name exists, nothing is created). */
    EXPECT_ERRNO("create existing.txt O_EXCL",
                 try_open_w(ro, "existing.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
                            R_READ | R_WRITE),
                 RO, EEXIST);

    /* ---- Directory-level mutations. ---- */
    EXPECT_ERRNO("mkdir newdir", __wasi_path_create_directory(ro, "newdir"), RO);
    EXPECT_ERRNO("mkdir dir/newdir", __wasi_path_create_directory(ro, "dir/newdir"), RO);
    /* mkdir of an existing name: EEXIST is also right (POSIX checks existence). */
    EXPECT_ERRNO("mkdir existing dir", __wasi_path_create_directory(ro, "dir"), RO, EEXIST);
    EXPECT_ERRNO("rename existing.txt -> renamed.txt",
                 __wasi_path_rename(ro, "existing.txt", ro, "renamed.txt"), RO);
    EXPECT_ERRNO("rename dir -> dir2", __wasi_path_rename(ro, "dir", ro, "dir2"), RO);
    EXPECT_ERRNO("rename existing.txt over dir/nested.txt",
                 __wasi_path_rename(ro, "existing.txt", ro, "dir/nested.txt"), RO);
    EXPECT_ERRNO("link existing.txt -> hard.txt",
                 __wasi_path_link(ro, 0, "existing.txt", ro, "hard.txt"), RO);
    EXPECT_ERRNO("symlink sym -> existing.txt", __wasi_path_symlink("existing.txt", ro, "sym"), RO);
    EXPECT_ERRNO("unlink existing.txt", __wasi_path_unlink_file(ro, "existing.txt"), RO);
    EXPECT_ERRNO("unlink link", __wasi_path_unlink_file(ro, "link"), RO);
    EXPECT_ERRNO("unlink dir/nested.txt", __wasi_path_unlink_file(ro, "dir/nested.txt"), RO);
    EXPECT_ERRNO("rmdir empty", __wasi_path_remove_directory(ro, "empty"), RO);
    EXPECT_ERRNO("set_times existing.txt",
                 __wasi_path_filestat_set_times(ro, 0, "existing.txt", 0, 0,
                                                __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW),
                 RO);
    EXPECT_ERRNO("set_times dir",
                 __wasi_path_filestat_set_times(ro, 0, "dir", 1000000000, 1000000000,
                                                __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
                 RO);

    /* ---- Mutations through an fd opened for reading. ---- */
    __wasi_fd_t fd;
    err = open_rights(ro, "existing.txt", 0, R_READ, &fd);
    REQUIRE(err == 0, "open existing.txt read-only (errno %d)", err);
    {
        __wasi_ciovec_t iov = {(const uint8_t *)"X", 1};
        __wasi_size_t nw = 0;
        /* fd opened without FD_WRITE: EBADF (POSIX: not open for writing) or
         * ENOTCAPABLE (WASI rights) as well as the read-only answers. */
        EXPECT_ERRNO("fd_write on read fd", __wasi_fd_write(fd, &iov, 1, &nw), RO, EBADF);
        EXPECT_ERRNO("fd_pwrite on read fd", __wasi_fd_pwrite(fd, &iov, 1, 0, &nw), RO, EBADF);
        /* ftruncate on a read fd: POSIX says EBADF or EINVAL. */
        EXPECT_ERRNO("fd_filestat_set_size on read fd", __wasi_fd_filestat_set_size(fd, 0), RO,
                     EBADF, EINVAL);
        EXPECT_ERRNO("fd_filestat_set_times on read fd",
                     __wasi_fd_filestat_set_times(fd, 0, 0,
                                                  __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW),
                     RO, EBADF);
        /* fd_allocate: Wasmtime has no fd_allocate at all (ENOTSUP). */
        EXPECT_ERRNO("fd_allocate on read fd", __wasi_fd_allocate(fd, 0, 4096), RO, EBADF, ENOTSUP);
    }
    (void)__wasi_fd_close(fd);

    /* A directory fd opened from the read-only preopen is read-only too. */
    __wasi_fd_t dfd;
    err = t_open(ro, 0, "dir", __WASI_OFLAGS_DIRECTORY, 0, &dfd);
    REQUIRE(err == 0, "open dir (errno %d)", err);
    EXPECT_ERRNO("create through a sub-directory fd",
                 try_open_w(dfd, "new.txt", __WASI_OFLAGS_CREAT, R_READ | R_WRITE), RO);
    EXPECT_ERRNO("unlink through a sub-directory fd", __wasi_path_unlink_file(dfd, "nested.txt"),
                 RO);
    (void)__wasi_fd_close(dfd);

    /* ---- Nothing changed. ---- */
    n = read_file(ro, "existing.txt", buf, sizeof buf);
    CHECK(n == 10 && strcmp(buf, "read only\n") == 0, "existing.txt changed (got %d)", n);
    n = read_file(ro, "dir/nested.txt", buf, sizeof buf);
    CHECK(n == 7 && strcmp(buf, "nested\n") == 0, "dir/nested.txt changed (got %d)", n);
    const char *absent[] = {"new.txt", "newdir", "renamed.txt", "dir2", "hard.txt", "sym",
                            "dir/new.txt", "dir/newdir"};
    for (unsigned i = 0; i < sizeof absent / sizeof absent[0]; i++) {
        err = __wasi_path_filestat_get(ro, 0, absent[i], &st);
        CHECK(err == ENOENT, "%s exists after the failed attempts (errno %d)", absent[i], err);
    }
    err = __wasi_path_filestat_get(ro, 0, "empty", &st);
    CHECK(err == 0 && st.filetype == __WASI_FILETYPE_DIRECTORY, "empty/ was removed");
    t_ok("nothing changed");
    return t_done();
}
