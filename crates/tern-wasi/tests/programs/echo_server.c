/*
 * echo_server: serves N TCP connections (N = argv[1], default 1) on the
 * listening socket the host hands in as fd 3, then exits 0.
 *
 * Per connection: sock_accept, sock_recv with RECV_PEEK (the peeked bytes
 * must come again), sock_recv until a newline, sock_send the same bytes back, sock_shutdown (write side), fd_close.  The listening socket and
 * every accepted socket must report filetype SOCKET_STREAM.  If the host made
 * a socket non-blocking (EAGAIN), the program waits with poll_oneoff (fd_read
 * or fd_write subscription plus a 10 s clock) and retries.
 *
 * stdout: `listening fd 3`, then `conn <i> echoed <bytes> bytes` per
 * connection, then `served <N>`.
 */
#include "common.h"

#define LISTEN_FD 3

static int saw_again;

/* Wait until fd is readable (or writable); fail after 10 s. */
static void wait_fd(__wasi_fd_t fd, int write, const char *what) {
    __wasi_subscription_t s[2];
    memset(s, 0, sizeof s);
    s[0].userdata = 1;
    s[0].u.tag = write ? __WASI_EVENTTYPE_FD_WRITE : __WASI_EVENTTYPE_FD_READ;
    if (write)
        s[0].u.u.fd_write.file_descriptor = fd;
    else
        s[0].u.u.fd_read.file_descriptor = fd;
    s[1].userdata = 2;
    s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[1].u.u.clock.timeout = 10000000000ull;
    __wasi_event_t ev[2];
    __wasi_size_t n = 0;
    int err = __wasi_poll_oneoff(s, ev, 2, &n);
    REQUIRE(err == 0, "%s: poll_oneoff (errno %d)", what, err);
    for (__wasi_size_t i = 0; i < n; i++) {
        if (ev[i].userdata == 1) {
            REQUIRE(ev[i].error == 0, "%s: poll event error %d", what, ev[i].error);
            return;
        }
    }
    REQUIRE(0, "%s: timed out after 10 s", what);
}

int main(int argc, char **argv) {
    int conns = argc > 1 ? atoi(argv[1]) : 1;
    __wasi_fdstat_t st;
    int err = __wasi_fd_fdstat_get(LISTEN_FD, &st);
    REQUIRE(err == 0, "fd_fdstat_get listener (errno %d)", err);
    REQUIRE(st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM,
            "listener filetype (got %d, expected SOCKET_STREAM 6)", st.fs_filetype);
    printf("listening fd %d\n", LISTEN_FD);
    fflush(stdout);

    for (int i = 0; i < conns; i++) {
        __wasi_fd_t c;
        for (;;) {
            err = __wasi_sock_accept(LISTEN_FD, 0, &c);
            if (err != __WASI_ERRNO_AGAIN) break;
            saw_again = 1;
            wait_fd(LISTEN_FD, 0, "accept");
        }
        REQUIRE(err == 0, "sock_accept (errno %d %s)", err, t_errname(err));
        __wasi_fdstat_t cst;
        err = __wasi_fd_fdstat_get(c, &cst);
        REQUIRE(err == 0 && cst.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM,
                "accepted socket filetype (errno %d, type %d)", err, cst.fs_filetype);

        /* Peek first (RECV_PEEK): the bytes stay queued for the next recv. */
        static uint8_t peeked[64];
        __wasi_size_t npeek = 0;
        for (;;) {
            __wasi_iovec_t iov = {peeked, sizeof peeked};
            __wasi_roflags_t rf = 0;
            err = __wasi_sock_recv(c, &iov, 1, __WASI_RIFLAGS_RECV_PEEK, &npeek, &rf);
            if (err == __WASI_ERRNO_AGAIN) {
                saw_again = 1;
                wait_fd(c, 0, "recv peek");
                continue;
            }
            break;
        }
        REQUIRE(err == 0 && npeek > 0, "sock_recv PEEK (errno %d %s, %u bytes)", err,
                t_errname(err), npeek);

        /* Receive until a newline (or EOF). */
        static uint8_t buf[65536];
        size_t len = 0;
        int newline = 0;
        while (!newline && len < sizeof buf) {
            __wasi_iovec_t iov = {buf + len, sizeof buf - len};
            __wasi_size_t n = 0;
            __wasi_roflags_t rf = 0;
            err = __wasi_sock_recv(c, &iov, 1, 0, &n, &rf);
            if (err == __WASI_ERRNO_AGAIN) {
                saw_again = 1;
                wait_fd(c, 0, "recv");
                continue;
            }
            REQUIRE(err == 0, "sock_recv (errno %d %s)", err, t_errname(err));
            if (n == 0) break; /* peer closed */
            for (size_t k = len; k < len + n; k++)
                if (buf[k] == '\n') newline = 1;
            len += n;
        }
        REQUIRE(newline, "connection %d closed before a newline (%zu bytes)", i, len);
        REQUIRE(len >= npeek && memcmp(buf, peeked, npeek) == 0,
                "bytes seen with RECV_PEEK were not received again");

        /* Send it all back. */
        size_t sent = 0;
        while (sent < len) {
            __wasi_ciovec_t iov = {buf + sent, len - sent};
            __wasi_size_t n = 0;
            err = __wasi_sock_send(c, &iov, 1, 0, &n);
            if (err == __WASI_ERRNO_AGAIN) {
                saw_again = 1;
                wait_fd(c, 1, "send");
                continue;
            }
            REQUIRE(err == 0, "sock_send (errno %d %s)", err, t_errname(err));
            sent += n;
        }
        err = __wasi_sock_shutdown(c, __WASI_SDFLAGS_WR);
        REQUIRE(err == 0, "sock_shutdown (errno %d %s)", err, t_errname(err));
        err = __wasi_fd_close(c);
        REQUIRE(err == 0, "fd_close accepted socket (errno %d)", err);
        printf("conn %d echoed %zu bytes\n", i, len);
        fflush(stdout);
    }
    t_info("sockets were %s", saw_again ? "non-blocking (EAGAIN seen, waited with poll_oneoff)"
                                         : "blocking (no EAGAIN)");
    printf("served %d\n", conns);
    return t_done();
}
