/*
 * stdin: reads all of standard input and prints its size, line count and a
 * FNV-1a 32-bit checksum.  Reads go through readv() with two buffers of odd
 * sizes (fd_read with two iovecs), then a final read() at EOF must return 0.
 * Before reading, poll_oneoff with an fd_read subscription on stdin and a 5 s
 * clock must report stdin readable (data or EOF) rather than time out.
 */
#include "common.h"
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    /* poll_oneoff: stdin readable (data present or EOF) before the timeout. */
    __wasi_subscription_t subs[2];
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 1;
    subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[0].u.u.fd_read.file_descriptor = 0;
    subs[1].userdata = 2;
    subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[1].u.u.clock.timeout = 5000000000ull;
    __wasi_event_t ev[2];
    __wasi_size_t nev = 0;
    int err = __wasi_poll_oneoff(subs, ev, 2, &nev);
    REQUIRE(err == 0, "poll_oneoff stdin (errno %d)", err);
    int saw_read = 0;
    for (__wasi_size_t i = 0; i < nev; i++)
        if (ev[i].userdata == 1 && ev[i].type == __WASI_EVENTTYPE_FD_READ && ev[i].error == 0)
            saw_read = 1;
    CHECK(nev >= 1 && saw_read, "poll_oneoff stdin not readable (nevents %u)", nev);
    t_ok("poll stdin readable");

    static unsigned char a[1000], b[3001];
    uint64_t total = 0, lines = 0;
    uint32_t h = 2166136261u;
    for (;;) {
        struct iovec iov[2] = {{a, sizeof a}, {b, sizeof b}};
        ssize_t n = readv(0, iov, 2);
        REQUIRE(n >= 0, "readv stdin (errno %d)", errno);
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char c = i < (ssize_t)sizeof a ? a[i] : b[i - sizeof a];
            h = (h ^ c) * 16777619u;
            if (c == '\n') lines++;
        }
        total += (uint64_t)n;
    }
    char c;
    ssize_t n = read(0, &c, 1);
    CHECK(n == 0, "read at EOF (got %zd, errno %d)", n, errno);
    printf("bytes %llu\n", (unsigned long long)total);
    printf("lines %llu\n", (unsigned long long)lines);
    printf("fnv1a32 %08x\n", h);
    return t_done();
}
