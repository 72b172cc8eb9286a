/*
 * escape: every attempt to reach outside the preopened directory must fail.
 *
 * Host layout (T is a fresh temporary directory, passed as argv[1] so the
 * program can plant absolute symlinks to real host paths):
 *   T/secret.txt             "TOP SECRET\n"   (outside the sandbox)
 *   T/outside_dir/inner.txt  "outside\n"      (outside the sandbox)
 *   T/sandbox/               preopened writable as guest `/sandbox`, holding
 *                            only two symlinks that the harness creates with
 *                            absolute host targets (a guest cannot always
 *                            plant those itself: Wasmtime refuses them):
 *   T/sandbox/host_abs_file -> T/secret.txt    (absolute target)
 *   T/sandbox/host_abs_dir  -> T/outside_dir   (absolute target)
 * After the run the harness must find T exactly as it made it: no new file,
 * directory or link outside T/sandbox, secret.txt intact, and T/sandbox back
 * to holding only the two host links.
 *
 * All attempts use raw WASI calls on the preopen fd (or on a directory fd
 * opened from it), so wasi-libc's own path handling cannot pre-empt them.
 *
 * Accepted errnos.  A path that leaves the directory of the fd it is resolved
 * against (through "..", an absolute path, or a symlink whose target does so)
 * is a capability violation: WASI's answer is ENOTCAPABLE (76); EPERM (63) is
 * accepted too, as the POSIX errno for "not permitted" (Wasmtime's cap-std
 * layer reports escapes as EPERM in some versions).  Nothing else is
 * accepted for escapes: in particular not ENOENT/ENOTDIR/EISDIR, which would
 * reveal whether the outside path exists and what it is.  Each case below
 * says if it accepts more, and why.
 *
 * stdout: one `ok <case>` line per case, in a fixed order.  stderr: `info
 * <case>: errno N NAME` for every case.
 */
#include "common.h"

static int sb;
static char host_root[1024];

#define ESC ENOTCAPABLE, EPERM

static void cleanup_fd(__wasi_fd_t fd) { (void)__wasi_fd_close(fd); }

/* path_open; closes the fd on success (which is itself a failure here). */
static int try_open(int dirfd, __wasi_lookupflags_t lf, const char *path, __wasi_oflags_t of) {
    __wasi_fd_t fd;
    int err = t_open(dirfd, lf, path, of, 0, &fd);
    if (err == 0) cleanup_fd(fd);
    return err;
}

static int try_stat(int dirfd, __wasi_lookupflags_t lf, const char *path) {
    __wasi_filestat_t st;
    return __wasi_path_filestat_get(dirfd, lf, path, &st);
}

static void write_file(const char *path, const char *content) {
    __wasi_fd_t fd;
    int err = t_open(sb, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0, &fd);
    REQUIRE(err == 0, "create %s (errno %d)", path, err);
    __wasi_ciovec_t iov = {(const uint8_t *)content, strlen(content)};
    __wasi_size_t n;
    err = __wasi_fd_write(fd, &iov, 1, &n);
    REQUIRE(err == 0 && n == strlen(content), "write %s", path);
    cleanup_fd(fd);
}

/* Read a file inside the sandbox through path_open (following links). */
static int read_inside(int dirfd, const char *path, char *buf, size_t cap) {
    __wasi_fd_t fd;
    int err = t_open(dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, 0, 0, &fd);
    if (err) return -err;
    __wasi_iovec_t iov = {(uint8_t *)buf, cap - 1};
    __wasi_size_t n = 0;
    err = __wasi_fd_read(fd, &iov, 1, &n);
    cleanup_fd(fd);
    if (err) return -err;
    buf[n] = '\0';
    return (int)n;
}

/*
 * Plant a symlink whose target leaves the sandbox.  Creating it is harmless
 * (the text is only data): SUCCESS or ESC are both accepted.  Wasmtime
 * allows relative targets and refuses absolute ones with EPERM.  Returns 1
 * if the link exists.
 */
static int plant(const char *target, const char *link, const char *name) {
    int err = __wasi_path_symlink(target, sb, link);
    char label[128];
    snprintf(label, sizeof label, "plant %s", name);
    EXPECT_ERRNO(label, err, 0, ESC);
    return err == 0;
}

int main(int argc, char **argv) {
    REQUIRE(argc >= 2, "usage: escape.wasm <absolute host path of the parent of the sandbox>");
    snprintf(host_root, sizeof host_root, "%s", argv[1]);
    sb = t_find_preopen("/sandbox");
    REQUIRE(sb >= 0, "no preopen /sandbox");
    char path[2048], buf[256];

    /* Inside setup. */
    write_file("file.txt", "inside\n");
    write_file("file2.txt", "second\n");
    REQUIRE(__wasi_path_create_directory(sb, "sub") == 0, "mkdir sub");
    REQUIRE(__wasi_path_symlink("../file.txt", sb, "sub/up") == 0, "symlink sub/up");

    /* ---- Sanity: legitimate paths that stay inside work. ---- */
    EXPECT_ERRNO("inside: file.txt", try_open(sb, 0, "file.txt", 0), 0);
    EXPECT_ERRNO("inside: .", try_open(sb, 0, ".", __WASI_OFLAGS_DIRECTORY), 0);
    EXPECT_ERRNO("inside: sub/../file.txt", try_open(sb, 0, "sub/../file.txt", 0), 0);
    EXPECT_ERRNO("inside: sub/./../sub/../file.txt",
                 try_open(sb, 0, "sub/./../sub/../file.txt", 0), 0);
    EXPECT_ERRNO("inside: sub/.. as directory", try_open(sb, 0, "sub/..", __WASI_OFLAGS_DIRECTORY),
                 0);
    EXPECT_ERRNO("inside: sub/ (trailing slash on a directory)",
                 try_open(sb, 0, "sub/", __WASI_OFLAGS_DIRECTORY), 0);
    int n = read_inside(sb, "sub/up", buf, sizeof buf);
    CHECK(n == 7 && strcmp(buf, "inside\n") == 0, "inside: read sub/up -> ../file.txt (got %d)", n);
    t_ok("inside: symlink sub/up -> ../file.txt stays inside");

    /* ---- Plain ".." and absolute paths. ----
     * All ESC: ".." above the fd's directory is the textbook capability
     * violation; an absolute path names nothing relative to a directory fd
     * and WASI has no root to resolve it from, so it is one too (not ENOENT,
     * even for "/secret.txt" which does not exist on the host). */
    EXPECT_ERRNO("open ../secret.txt", try_open(sb, 0, "../secret.txt", 0), ESC);
    int e1 = try_open(sb, 0, "../secret.txt", 0);
    int e2 = try_open(sb, 0, "../no_such_file.txt", 0);
    /* Same errno whether the outside file exists or not: no existence oracle. */
    CHECK(e1 == e2, "escape errno differs for existing (%d) and missing (%d) outside files", e1,
          e2);
    t_ok("no existence oracle outside");
    EXPECT_ERRNO("open sub/../../secret.txt", try_open(sb, 0, "sub/../../secret.txt", 0), ESC);
    EXPECT_ERRNO("open sub/./../sub/../../secret.txt",
                 try_open(sb, 0, "sub/./../sub/../../secret.txt", 0), ESC);
    /* Out and back in through the host name of the sandbox: still an escape,
     * because ".." may never go above the directory of the fd. */
    EXPECT_ERRNO("open ../sandbox/file.txt", try_open(sb, 0, "../sandbox/file.txt", 0), ESC);
    EXPECT_ERRNO("open .. as directory", try_open(sb, 0, "..", __WASI_OFLAGS_DIRECTORY), ESC);
    EXPECT_ERRNO("open ../ as directory", try_open(sb, 0, "../", __WASI_OFLAGS_DIRECTORY), ESC);
    EXPECT_ERRNO("open /secret.txt (absolute)", try_open(sb, 0, "/secret.txt", 0), ESC);
    EXPECT_ERRNO("open /etc/passwd (absolute)", try_open(sb, 0, "/etc/passwd", 0), ESC);
    snprintf(path, sizeof path, "%s/secret.txt", host_root);
    EXPECT_ERRNO("open <host T>/secret.txt (absolute)", try_open(sb, 0, path, 0), ESC);
    EXPECT_ERRNO("open / (absolute root)", try_open(sb, 0, "/", __WASI_OFLAGS_DIRECTORY), ESC);
    EXPECT_ERRNO("filestat ../secret.txt", try_stat(sb, 0, "../secret.txt"), ESC);
    EXPECT_ERRNO("filestat follow ../secret.txt",
                 try_stat(sb, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "../secret.txt"), ESC);
    EXPECT_ERRNO("filestat /etc/passwd", try_stat(sb, 0, "/etc/passwd"), ESC);
    EXPECT_ERRNO("filestat ..", try_stat(sb, 0, ".."), ESC);

    /* ---- Trailing slashes. ----
     * A regular file named with a trailing slash is not a directory: ENOTDIR
     * (this one is inside, so the path form decides).  Outside, ENOTDIR is
     * NOT accepted: the escape must be refused before the host looks at what
     * the outside path is, or the errno would tell a file from a directory. */
    EXPECT_ERRNO("open file.txt/ (inside) -> ENOTDIR", try_open(sb, 0, "file.txt/", 0), ENOTDIR);
    EXPECT_ERRNO("open ../secret.txt/", try_open(sb, 0, "../secret.txt/", 0), ESC);
    EXPECT_ERRNO("open ../outside_dir/", try_open(sb, 0, "../outside_dir/",
                                                  __WASI_OFLAGS_DIRECTORY), ESC);

    /* ---- Symlinks planted inside that point outside. ---- */
    int have_rel = plant("../secret.txt", "esc_rel", "esc_rel -> ../secret.txt");
    snprintf(path, sizeof path, "%s/secret.txt", host_root);
    int have_abs = plant(path, "esc_abs", "esc_abs -> <host T>/secret.txt");
    int have_etc = plant("/etc/passwd", "esc_etc", "esc_etc -> /etc/passwd");
    int have_drel = plant("../outside_dir", "esc_dir_rel", "esc_dir_rel -> ../outside_dir");
    snprintf(path, sizeof path, "%s/outside_dir", host_root);
    int have_dabs = plant(path, "esc_dir_abs", "esc_dir_abs -> <host T>/outside_dir");
    int have_deep = plant("sub/../../secret.txt", "esc_deep", "esc_deep -> sub/../../secret.txt");
    int have_chain = plant("esc_rel", "esc_chain", "esc_chain -> esc_rel");
    int have_up2 = plant("../../secret.txt", "sub/esc_up2", "sub/esc_up2 -> ../../secret.txt");
    int have_new = plant("../created_via_link.txt", "esc_new",
                         "esc_new -> ../created_via_link.txt (dangling)");
    (void)have_rel; (void)have_abs; (void)have_etc; (void)have_drel; (void)have_dabs;
    (void)have_deep; (void)have_chain; (void)have_up2; (void)have_new;

    /* Reading the link text and lstat of the link are fine (SUCCESS): the
     * link itself is an object inside the sandbox, only following it leaves. */
    if (have_rel) {
        __wasi_size_t used = 0;
        uint8_t lb[64];
        int err = __wasi_path_readlink(sb, "esc_rel", lb, sizeof lb, &used);
        CHECK(err == 0 && used == 13 && memcmp(lb, "../secret.txt", 13) == 0,
              "readlink esc_rel (errno %d, used %u)", err, used);
        err = try_stat(sb, 0, "esc_rel");
        CHECK(err == 0, "lstat of an escaping link (the link itself is inside) errno %d", err);
    }
    t_ok("readlink/lstat of an escaping link itself work");

    /*
     * Following any of them must fail.  A link that does not exist (the host
     * refused to plant it) gives ENOENT here, which is fine: that host already
     * stopped the escape; ENOENT is accepted only in that case.
     */
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define VIA(have, label, expr)                                                                     \
    do {                                                                                           \
        if (have)                                                                                  \
            EXPECT_ERRNO(label, (expr), ESC);                                                      \
        else                                                                                       \
            EXPECT_ERRNO(label, (expr), ESC, ENOENT);                                              \
    } while (0)
    /* Final-component links (relative, absolute, through "sub/..", chained,
     * from a subdirectory): ESC.  O_TRUNC through the link must not truncate
     * the outside file (checked by the harness on the host). */
    VIA(have_rel, "open esc_rel", try_open(sb, FOLLOW, "esc_rel", 0));
    VIA(have_rel, "filestat follow esc_rel", try_stat(sb, FOLLOW, "esc_rel"));
    VIA(have_rel, "open esc_rel with O_TRUNC", try_open(sb, FOLLOW, "esc_rel", __WASI_OFLAGS_TRUNC));
    VIA(have_rel, "open esc_rel/ (trailing slash)", try_open(sb, FOLLOW, "esc_rel/", 0));
    VIA(have_abs, "open esc_abs", try_open(sb, FOLLOW, "esc_abs", 0));
    VIA(have_etc, "open esc_etc", try_open(sb, FOLLOW, "esc_etc", 0));
    VIA(have_deep, "open esc_deep", try_open(sb, FOLLOW, "esc_deep", 0));
    VIA(have_chain, "open esc_chain -> esc_rel", try_open(sb, FOLLOW, "esc_chain", 0));
    VIA(have_up2, "open sub/esc_up2", try_open(sb, FOLLOW, "sub/esc_up2", 0));
    /* Links to an outside directory used as a path component: ESC even
     * without LOOKUPFLAGS_SYMLINK_FOLLOW, which only governs the last
     * component (POSIX always follows links in earlier components). */
    VIA(have_drel, "open esc_dir_rel/inner.txt", try_open(sb, 0, "esc_dir_rel/inner.txt", 0));
    VIA(have_dabs, "open esc_dir_abs/inner.txt", try_open(sb, 0, "esc_dir_abs/inner.txt", 0));
    VIA(have_drel, "open esc_dir_rel as directory",
        try_open(sb, FOLLOW, "esc_dir_rel", __WASI_OFLAGS_DIRECTORY));
    VIA(have_drel, "filestat esc_dir_rel/inner.txt", try_stat(sb, 0, "esc_dir_rel/inner.txt"));
    VIA(have_drel, "open esc_dir_rel/../secret.txt", try_open(sb, 0, "esc_dir_rel/../secret.txt", 0));
    /* O_CREAT through a dangling link whose target is outside: ESC, and no
     * file may appear outside (harness check). */
    VIA(have_new, "create through dangling esc_new",
        try_open(sb, FOLLOW, "esc_new", __WASI_OFLAGS_CREAT));
    VIA(have_rel, "set_times follow esc_rel",
        __wasi_path_filestat_set_times(sb, FOLLOW, "esc_rel", 0, 0,
                                       __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW));

    /* Absolute links planted by the host: lstat of the link works (SUCCESS);
     * following it, as last or as middle component, is ESC -- the host's
     * own absolute path is not a way in either. */
    EXPECT_ERRNO("lstat host_abs_file (the link itself)", try_stat(sb, 0, "host_abs_file"), 0);
    EXPECT_ERRNO("open host_abs_file -> <host T>/secret.txt",
                 try_open(sb, FOLLOW, "host_abs_file", 0), ESC);
    EXPECT_ERRNO("filestat follow host_abs_file",
                 try_stat(sb, FOLLOW, "host_abs_file"), ESC);
    EXPECT_ERRNO("open host_abs_dir/inner.txt", try_open(sb, 0, "host_abs_dir/inner.txt", 0), ESC);
    EXPECT_ERRNO("open host_abs_dir as directory",
                 try_open(sb, FOLLOW, "host_abs_dir", __WASI_OFLAGS_DIRECTORY), ESC);
    EXPECT_ERRNO("create host_abs_dir/created.txt",
                 try_open(sb, 0, "host_abs_dir/created.txt", __WASI_OFLAGS_CREAT), ESC);

    /* ---- Capabilities are per directory fd: ".." out of a subdirectory fd
     * fails even though the target is inside the preopen. ---- */
    __wasi_fd_t subfd;
    int err = t_open(sb, 0, "sub", __WASI_OFLAGS_DIRECTORY, 0, &subfd);
    REQUIRE(err == 0, "open sub (errno %d)", err);
    EXPECT_ERRNO("subfd: ../file.txt", try_open(subfd, 0, "../file.txt", 0), ESC);
    EXPECT_ERRNO("subfd: follow up -> ../file.txt", try_open(subfd, FOLLOW, "up", 0), ESC);
    EXPECT_ERRNO("subfd: ..", try_open(subfd, 0, "..", __WASI_OFLAGS_DIRECTORY), ESC);
    EXPECT_ERRNO("subfd: create ../x.txt", try_open(subfd, 0, "../x.txt", __WASI_OFLAGS_CREAT), ESC);
    cleanup_fd(subfd);

    /* ---- Creating, linking, renaming and removing outside. ----
     * All ESC: the new name (create, mkdir, link target, symlink location,
     * rename destination) or the source (link source, rename source, unlink,
     * rmdir, set_times, readlink) resolves outside.  EEXIST/ENOENT are not
     * accepted: they would depend on the outside state. */
    EXPECT_ERRNO("create ../created.txt",
                 try_open(sb, 0, "../created.txt", __WASI_OFLAGS_CREAT), ESC);
    EXPECT_ERRNO("create ../created.txt O_EXCL",
                 try_open(sb, 0, "../created.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL), ESC);
    EXPECT_ERRNO("create /created.txt (absolute)",
                 try_open(sb, 0, "/created.txt", __WASI_OFLAGS_CREAT), ESC);
    EXPECT_ERRNO("mkdir ../created_dir", __wasi_path_create_directory(sb, "../created_dir"), ESC);
    VIA(have_drel, "mkdir esc_dir_rel/created_dir",
        __wasi_path_create_directory(sb, "esc_dir_rel/created_dir"));
    EXPECT_ERRNO("link file.txt -> ../linked.txt",
                 __wasi_path_link(sb, 0, "file.txt", sb, "../linked.txt"), ESC);
    EXPECT_ERRNO("link ../secret.txt -> stolen_link",
                 __wasi_path_link(sb, 0, "../secret.txt", sb, "stolen_link"), ESC);
    /* Following esc_rel to hard-link the outside file.  EINVAL is accepted as
     * well: a host may reject LOOKUPFLAGS_SYMLINK_FOLLOW for path_link outright. */
    if (have_rel)
        EXPECT_ERRNO("link follow esc_rel -> stolen_link2",
                     __wasi_path_link(sb, FOLLOW, "esc_rel", sb, "stolen_link2"), ESC, EINVAL);
    else
        EXPECT_ERRNO("link follow esc_rel -> stolen_link2",
                     __wasi_path_link(sb, FOLLOW, "esc_rel", sb, "stolen_link2"), ESC, EINVAL,
                     ENOENT);
    /* A symlink whose *location* is outside (its target text is harmless). */
    EXPECT_ERRNO("symlink at ../created_symlink",
                 __wasi_path_symlink("file.txt", sb, "../created_symlink"), ESC);
    EXPECT_ERRNO("rename file2.txt -> ../moved.txt",
                 __wasi_path_rename(sb, "file2.txt", sb, "../moved.txt"), ESC);
    VIA(have_drel, "rename file2.txt -> esc_dir_rel/moved.txt",
        __wasi_path_rename(sb, "file2.txt", sb, "esc_dir_rel/moved.txt"));
    EXPECT_ERRNO("rename ../secret.txt -> stolen.txt",
                 __wasi_path_rename(sb, "../secret.txt", sb, "stolen.txt"), ESC);
    EXPECT_ERRNO("rename sub -> ../moved_dir", __wasi_path_rename(sb, "sub", sb, "../moved_dir"),
                 ESC);
    EXPECT_ERRNO("unlink ../secret.txt", __wasi_path_unlink_file(sb, "../secret.txt"), ESC);
    VIA(have_drel, "unlink esc_dir_rel/inner.txt",
        __wasi_path_unlink_file(sb, "esc_dir_rel/inner.txt"));
    EXPECT_ERRNO("rmdir ../outside_dir", __wasi_path_remove_directory(sb, "../outside_dir"), ESC);
    EXPECT_ERRNO("set_times ../secret.txt",
                 __wasi_path_filestat_set_times(sb, 0, "../secret.txt", 0, 0,
                                                __WASI_FSTFLAGS_MTIM_NOW),
                 ESC);
    {
        uint8_t lb[64];
        __wasi_size_t used;
        EXPECT_ERRNO("readlink ../secret.txt",
                     __wasi_path_readlink(sb, "../secret.txt", lb, sizeof lb, &used), ESC);
    }

    /* The inside files are untouched by the failed attempts. */
    n = read_inside(sb, "file2.txt", buf, sizeof buf);
    CHECK(n == 7 && strcmp(buf, "second\n") == 0, "file2.txt changed (got %d)", n);
    t_ok("inside files intact");

    /* Cleanup: leave the sandbox as the harness made it. */
    const char *links[] = {"esc_rel", "esc_abs", "esc_etc", "esc_dir_rel", "esc_dir_abs",
                           "esc_deep", "esc_chain", "sub/esc_up2", "esc_new"};
    for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++)
        (void)__wasi_path_unlink_file(sb, links[i]);
    CHECK(__wasi_path_unlink_file(sb, "sub/up") == 0, "unlink sub/up");
    CHECK(__wasi_path_remove_directory(sb, "sub") == 0, "rmdir sub");
    CHECK(__wasi_path_unlink_file(sb, "file.txt") == 0, "unlink file.txt");
    CHECK(__wasi_path_unlink_file(sb, "file2.txt") == 0, "unlink file2.txt");
    t_ok("cleanup");
    return t_done();
}
