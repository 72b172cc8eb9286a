/*
 * clocks: clock_time_get / clock_res_get for the four clocks, monotonicity,
 * nanosleep (poll_oneoff with one relative clock subscription) and raw
 * poll_oneoff with several clock subscriptions and an fd_write subscription
 * on stdout.  No preopens, args or stdin needed.
 *
 * REALTIME and MONOTONIC must work.  The CPU-time clocks (PROCESS_CPUTIME_ID,
 * THREAD_CPUTIME_ID) are optional in practice: Wasmtime's preview1 rejects
 * them with EBADF; wasi-libc does not even define CLOCK_PROCESS_CPUTIME_ID
 * without _WASI_EMULATED_PROCESS_CLOCKS, so they are tested through the raw
 * calls only.  A host that supports them must give a positive resolution and
 * non-decreasing readings; one that does not may answer EBADF, EINVAL or
 * ENOTSUP.
 */
#include "common.h"
#include <time.h>

static uint64_t now(__wasi_clockid_t id) {
    __wasi_timestamp_t t = 0;
    int err = __wasi_clock_time_get(id, 1, &t);
    REQUIRE(err == 0, "clock_time_get(%u) (errno %d)", id, err);
    return t;
}

int main(void) {
    /* libc clock_gettime / clock_getres. */
    struct timespec ts, res;
    REQUIRE(clock_gettime(CLOCK_REALTIME, &ts) == 0, "clock_gettime REALTIME (errno %d)", errno);
    /* Realtime is after 2020-01-01 and before 2200. */
    CHECK(ts.tv_sec > 1577836800 && ts.tv_sec < 7258118400LL, "REALTIME implausible: %lld",
          (long long)ts.tv_sec);
    REQUIRE(clock_getres(CLOCK_REALTIME, &res) == 0, "clock_getres REALTIME (errno %d)", errno);
    CHECK(res.tv_sec > 0 || res.tv_nsec > 0, "REALTIME resolution is zero");
    CHECK(res.tv_sec == 0, "REALTIME resolution >= 1 s");
    t_ok("realtime");

    REQUIRE(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "clock_gettime MONOTONIC (errno %d)", errno);
    REQUIRE(clock_getres(CLOCK_MONOTONIC, &res) == 0, "clock_getres MONOTONIC (errno %d)", errno);
    CHECK(res.tv_sec == 0 && res.tv_nsec > 0, "MONOTONIC resolution (%lld.%09ld)",
          (long long)res.tv_sec, res.tv_nsec);
    t_ok("monotonic");

    /* Raw clock_res_get / clock_time_get on all four clocks. */
    static const char *names[] = {"REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID",
                                  "THREAD_CPUTIME_ID"};
    for (__wasi_clockid_t id = 0; id < 4; id++) {
        __wasi_timestamp_t r = 0, t1 = 0, t2 = 0;
        int e1 = __wasi_clock_res_get(id, &r);
        int e2 = __wasi_clock_time_get(id, 1, &t1);
        int e3 = __wasi_clock_time_get(id, 0, &t2);
        t_info("clock %s: res errno %d (%llu ns), time errno %d", names[id], e1,
               (unsigned long long)r, e2);
        if (id <= 1) {
            CHECK(e1 == 0 && r > 0 && r <= 1000000000ull, "clock_res_get %s (errno %d, res %llu)",
                  names[id], e1, (unsigned long long)r);
            CHECK(e2 == 0 && e3 == 0 && t1 > 0, "clock_time_get %s (errno %d/%d)", names[id], e2,
                  e3);
            if (id == 1) CHECK(t2 >= t1, "MONOTONIC went back (%llu then %llu)",
                               (unsigned long long)t1, (unsigned long long)t2);
        } else {
            /* Optional clocks: all-or-nothing, and sane when present. */
            CHECK((e1 == 0) == (e2 == 0), "%s: res_get errno %d but time_get errno %d",
                  names[id], e1, e2);
            if (e1 == 0) CHECK(r > 0, "%s resolution is zero", names[id]);
            if (e2 == 0) CHECK(e3 == 0 && t2 >= t1, "%s went back", names[id]);
            char label[64];
            snprintf(label, sizeof label, "clock %s supported or rejected", names[id]);
            EXPECT_ERRNO(label, e2, 0, EBADF, EINVAL, ENOTSUP);
        }
    }
    /* Monotonic never goes back over many readings. */
    uint64_t prev = now(__WASI_CLOCKID_MONOTONIC);
    for (int i = 0; i < 100000; i++) {
        uint64_t t = now(__WASI_CLOCKID_MONOTONIC);
        REQUIRE(t >= prev, "MONOTONIC went back at reading %d (%llu < %llu)", i,
                (unsigned long long)t, (unsigned long long)prev);
        prev = t;
    }
    t_ok("monotonic never goes back (100000 readings)");

    /* nanosleep(10 ms) takes at least 10 ms of monotonic time. */
    uint64_t t0 = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec req = {0, 10000000};
    REQUIRE(nanosleep(&req, NULL) == 0, "nanosleep (errno %d)", errno);
    uint64_t t1 = now(__WASI_CLOCKID_MONOTONIC);
    CHECK(t1 - t0 >= 10000000ull, "nanosleep(10ms) took %llu ns", (unsigned long long)(t1 - t0));
    CHECK(t1 - t0 < 5000000000ull, "nanosleep(10ms) took %llu ns (> 5 s)",
          (unsigned long long)(t1 - t0));
    t_info("nanosleep(10ms) took %llu ns", (unsigned long long)(t1 - t0));
    t_ok("nanosleep 10ms");

    /* Raw poll_oneoff: a relative clock (1 s), an absolute clock (now + 2 s)
     * and fd_write on stdout.  stdout is writable at once, so the call
     * returns immediately with just that event. */
    __wasi_subscription_t s[3];
    __wasi_event_t ev[3];
    __wasi_size_t nev = 0;
    memset(s, 0, sizeof s);
    memset(ev, 0, sizeof ev);
    s[0].userdata = 0x1111;
    s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[0].u.u.clock.timeout = 1000000000ull;
    s[1].userdata = 0x2222;
    s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[1].u.u.clock.timeout = now(__WASI_CLOCKID_MONOTONIC) + 2000000000ull;
    s[1].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    s[2].userdata = 0x3333;
    s[2].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    s[2].u.u.fd_write.file_descriptor = 1;
    fflush(stdout);
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    int err = __wasi_poll_oneoff(s, ev, 3, &nev);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    REQUIRE(err == 0, "poll_oneoff clocks+stdout (errno %d)", err);
    CHECK(nev == 1, "poll_oneoff clocks+stdout: %u events, expected 1", nev);
    CHECK(ev[0].userdata == 0x3333 && ev[0].type == __WASI_EVENTTYPE_FD_WRITE && ev[0].error == 0,
          "poll_oneoff: event userdata %#llx type %d error %d, expected stdout fd_write",
          (unsigned long long)ev[0].userdata, ev[0].type, ev[0].error);
    CHECK(t1 - t0 < 900000000ull, "poll_oneoff with a ready stdout blocked %llu ns",
          (unsigned long long)(t1 - t0));
    t_ok("poll_oneoff: stdout fd_write ready before the clocks");

    /* Two clocks only: relative 10 ms and absolute now + 1 s; the relative
     * one fires first, after >= 10 ms. */
    memset(ev, 0, sizeof ev);
    s[0].u.u.clock.timeout = 10000000ull;
    s[1].u.u.clock.timeout = now(__WASI_CLOCKID_MONOTONIC) + 1000000000ull;
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    err = __wasi_poll_oneoff(s, ev, 2, &nev);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    REQUIRE(err == 0, "poll_oneoff two clocks (errno %d)", err);
    CHECK(nev == 1 && ev[0].userdata == 0x1111 && ev[0].type == __WASI_EVENTTYPE_CLOCK &&
              ev[0].error == 0,
          "poll_oneoff two clocks: %u events, first userdata %#llx type %d", nev,
          (unsigned long long)ev[0].userdata, ev[0].type);
    CHECK(t1 - t0 >= 10000000ull && t1 - t0 < 900000000ull,
          "poll_oneoff relative 10 ms took %llu ns", (unsigned long long)(t1 - t0));
    t_ok("poll_oneoff: relative clock fires first");

    /* One absolute clock 20 ms ahead: returns no earlier than the deadline. */
    memset(ev, 0, sizeof ev);
    uint64_t deadline = now(__WASI_CLOCKID_MONOTONIC) + 20000000ull;
    s[1].u.u.clock.timeout = deadline;
    err = __wasi_poll_oneoff(&s[1], ev, 1, &nev);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    REQUIRE(err == 0, "poll_oneoff absolute (errno %d)", err);
    CHECK(nev == 1 && ev[0].userdata == 0x2222 && ev[0].type == __WASI_EVENTTYPE_CLOCK,
          "poll_oneoff absolute: %u events, userdata %#llx", nev,
          (unsigned long long)ev[0].userdata);
    CHECK(t1 >= deadline, "poll_oneoff absolute returned %llu ns early",
          (unsigned long long)(deadline - t1));
    t_ok("poll_oneoff: absolute clock");

    /* An absolute deadline already in the past fires at once. */
    s[1].u.u.clock.timeout = 1;
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    err = __wasi_poll_oneoff(&s[1], ev, 1, &nev);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    CHECK(err == 0 && nev == 1 && ev[0].userdata == 0x2222 && t1 - t0 < 900000000ull,
          "poll_oneoff past absolute deadline (errno %d, %u events)", err, nev);
    /* A relative timeout of 0 fires at once too. */
    s[0].u.u.clock.timeout = 0;
    err = __wasi_poll_oneoff(&s[0], ev, 1, &nev);
    CHECK(err == 0 && nev == 1 && ev[0].userdata == 0x1111, "poll_oneoff zero timeout (errno %d)",
          err);
    t_ok("poll_oneoff: expired deadlines");

    /* A REALTIME relative clock subscription works as well. */
    s[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
    s[0].u.u.clock.timeout = 5000000ull;
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    err = __wasi_poll_oneoff(&s[0], ev, 1, &nev);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    CHECK(err == 0 && nev == 1 && ev[0].userdata == 0x1111 && ev[0].error == 0,
          "poll_oneoff REALTIME 5 ms (errno %d, %u events, error %d)", err, nev, ev[0].error);
    CHECK(t1 - t0 < 900000000ull, "poll_oneoff REALTIME 5 ms took %llu ns",
          (unsigned long long)(t1 - t0));
    t_ok("poll_oneoff: realtime clock");

    /* No subscriptions: EINVAL (it would block forever otherwise). */
    err = __wasi_poll_oneoff(s, ev, 0, &nev);
    EXPECT_ERRNO("poll_oneoff with 0 subscriptions -> EINVAL", err, EINVAL);

    /* fd_write subscription on a closed fd: the event carries EBADF (or the
     * whole call fails with EBADF). */
    memset(ev, 0, sizeof ev);
    s[2].u.u.fd_write.file_descriptor = 99;
    err = __wasi_poll_oneoff(&s[2], ev, 1, &nev);
    int got = err ? err : (nev == 1 ? ev[0].error : -1);
    EXPECT_ERRNO("poll_oneoff fd_write on a bad fd -> EBADF", got, EBADF);

    /* sched_yield works. */
    CHECK(__wasi_sched_yield() == 0, "sched_yield");
    return t_done();
}
