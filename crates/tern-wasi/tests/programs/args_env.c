/*
 * args_env: command-line arguments and environment.
 *
 * Prints `argc N`, then `argv[i]=<arg>` for i >= 1 (argv[0] is the program
 * name, which varies between runners, so it is only checked to be present),
 * then `envc N` and every environment variable whose name starts with
 * `TERN_`, in sorted order, as `env <NAME>=<VALUE>`; then `getenv` checks of
 * a missing variable.  The libc view (argv/environ) is cross-checked against
 * raw args_sizes_get/args_get and environ_sizes_get/environ_get.
 */
#include "common.h"

extern char **environ;

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    /* Raw args. */
    __wasi_size_t nargs = 0, argbuf_len = 0;
    int err = __wasi_args_sizes_get(&nargs, &argbuf_len);
    REQUIRE(err == 0, "args_sizes_get (errno %d)", err);
    REQUIRE((int)nargs == argc, "args_sizes_get count (got %u, expected %d)", nargs, argc);
    size_t want_len = 0;
    for (int i = 0; i < argc; i++) want_len += strlen(argv[i]) + 1;
    CHECK(argbuf_len == want_len, "args_sizes_get buf size (got %u, expected %zu)",
          argbuf_len, want_len);
    /* Buffer of exactly the advertised size, with a guard byte after it. */
    uint8_t **rargv = calloc(nargs + 1, sizeof *rargv);
    uint8_t *rbuf = malloc(argbuf_len + 1);
    REQUIRE(rargv && rbuf, "malloc");
    rbuf[argbuf_len] = 0xAA;
    err = __wasi_args_get(rargv, rbuf);
    REQUIRE(err == 0, "args_get (errno %d)", err);
    CHECK(rbuf[argbuf_len] == 0xAA, "args_get wrote past the advertised buffer size");
    for (int i = 0; i < argc; i++) {
        CHECK(rargv[i] >= rbuf && rargv[i] < rbuf + argbuf_len,
              "args_get pointer %d outside buffer", i);
        CHECK(strcmp((char *)rargv[i], argv[i]) == 0,
              "args_get argv[%d] (got '%s', expected '%s')", i, (char *)rargv[i], argv[i]);
    }
    t_ok("args_sizes_get/args_get agree with argv");

    REQUIRE(argc >= 1 && argv[0] != NULL, "argv[0] missing");
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);

    /* Raw environ. */
    __wasi_size_t nenv = 0, envbuf_len = 0;
    err = __wasi_environ_sizes_get(&nenv, &envbuf_len);
    REQUIRE(err == 0, "environ_sizes_get (errno %d)", err);
    size_t envc = 0, want_env_len = 0;
    for (char **e = environ; e && *e; e++) {
        envc++;
        want_env_len += strlen(*e) + 1;
    }
    CHECK(nenv == envc, "environ_sizes_get count (got %u, expected %zu)", nenv, envc);
    CHECK(envbuf_len == want_env_len, "environ_sizes_get buf size (got %u, expected %zu)",
          envbuf_len, want_env_len);
    uint8_t **renv = calloc(nenv + 1, sizeof *renv);
    uint8_t *rebuf = malloc(envbuf_len + 1);
    REQUIRE(renv && rebuf, "malloc");
    rebuf[envbuf_len] = 0xAA;
    err = __wasi_environ_get(renv, rebuf);
    REQUIRE(err == 0, "environ_get (errno %d)", err);
    CHECK(rebuf[envbuf_len] == 0xAA, "environ_get wrote past the advertised buffer size");
    for (size_t i = 0; i < nenv && i < envc; i++) {
        CHECK(strcmp((char *)renv[i], environ[i]) == 0,
              "environ_get entry %zu (got '%s', expected '%s')", i, (char *)renv[i], environ[i]);
        CHECK(strchr((char *)renv[i], '=') != NULL, "environ entry %zu has no '='", i);
    }
    t_ok("environ_sizes_get/environ_get agree with environ");

    printf("envc %zu\n", envc);
    char **tern = calloc(envc + 1, sizeof *tern);
    size_t ntern = 0;
    for (size_t i = 0; i < envc; i++)
        if (strncmp(environ[i], "TERN_", 5) == 0) tern[ntern++] = environ[i];
    qsort(tern, ntern, sizeof *tern, cmp_str);
    for (size_t i = 0; i < ntern; i++) printf("env %s\n", tern[i]);

    /* getenv agrees with environ. */
    for (size_t i = 0; i < ntern; i++) {
        char name[256];
        const char *eq = strchr(tern[i], '=');
        size_t len = (size_t)(eq - tern[i]);
        if (len >= sizeof name) continue;
        memcpy(name, tern[i], len);
        name[len] = '\0';
        const char *v = getenv(name);
        CHECK(v && strcmp(v, eq + 1) == 0, "getenv(%s)", name);
    }
    CHECK(getenv("TERN_SURELY_NOT_SET") == NULL, "getenv of an unset variable");
    t_ok("getenv");
    return t_done();
}
