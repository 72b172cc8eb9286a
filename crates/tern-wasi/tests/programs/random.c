/*
 * random: random_get of 1 MiB twice (raw), getentropy and arc4random_buf.
 * The draws must not be all zeros, must differ from each other, and every
 * byte value must occur about as often as the others (a loose sanity check,
 * not a statistical test: 1 MiB gives 4096 per value on average; the bounds
 * 3500..4700 are over 9 standard deviations wide).
 */
#include "common.h"
#include <unistd.h>

#define SIZE (1u << 20)

static unsigned char a[SIZE], b[SIZE];

int main(void) {
    int err = __wasi_random_get(a, SIZE);
    REQUIRE(err == 0, "random_get 1 MiB (errno %d)", err);
    err = __wasi_random_get(b, SIZE);
    REQUIRE(err == 0, "random_get 1 MiB again (errno %d)", err);

    size_t zeros = 0;
    static unsigned count[256];
    for (size_t i = 0; i < SIZE; i++) {
        zeros += a[i] == 0;
        count[a[i]]++;
    }
    CHECK(zeros < SIZE, "random_get returned all zeros");
    unsigned lo = SIZE, hi = 0;
    for (int v = 0; v < 256; v++) {
        if (count[v] < lo) lo = count[v];
        if (count[v] > hi) hi = count[v];
    }
    CHECK(lo >= 3500 && hi <= 4700, "byte value counts out of range (min %u, max %u)", lo, hi);
    t_info("byte value counts: min %u, max %u", lo, hi);
    t_ok("random_get 1 MiB");
    CHECK(memcmp(a, b, SIZE) != 0, "two 1 MiB draws are identical");
    /* Also no long identical run at the same offsets. */
    size_t same = 0;
    for (size_t i = 0; i < SIZE; i++) same += a[i] == b[i];
    CHECK(same < SIZE / 64, "two draws agree in %zu of %u bytes", same, SIZE);
    t_ok("two draws differ");

    /* Zero-length request succeeds. */
    err = __wasi_random_get(a, 0);
    CHECK(err == 0, "random_get of 0 bytes (errno %d)", err);
    t_ok("random_get 0 bytes");

    /* getentropy: at most 256 bytes per call (libc limit, EIO above). */
    unsigned char e1[256], e2[256];
    memset(e1, 0, sizeof e1);
    memset(e2, 0, sizeof e2);
    CHECK(getentropy(e1, sizeof e1) == 0, "getentropy 256 (errno %d)", errno);
    CHECK(getentropy(e2, sizeof e2) == 0, "getentropy 256 again (errno %d)", errno);
    CHECK(memcmp(e1, e2, sizeof e1) != 0, "two getentropy draws are identical");
    errno = 0;
    CHECK(getentropy(e1, 257) == -1 && errno == EIO, "getentropy 257 (errno %d)", errno);
    t_ok("getentropy");

    /* arc4random_buf is seeded from random_get. */
    unsigned char r1[64], r2[64];
    arc4random_buf(r1, sizeof r1);
    arc4random_buf(r2, sizeof r2);
    CHECK(memcmp(r1, r2, sizeof r1) != 0, "arc4random_buf twice identical");
    t_ok("arc4random_buf");
    return t_done();
}
