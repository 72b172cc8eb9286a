#!/bin/sh
# Builds the benchmark programs (bench/programs/NAME.c):
#   bench/wasm/NAME.wasm          wasm32-wasi, -O2 -s               (committed)
#   bench/native/NAME             host CPU,    -O2 -s -mcpu=native     (build output)
#   bench/native/NAME.baseline    x86-64 baseline, -O2 -s -mcpu=baseline
# (natives also get -ffp-contract=off, see below), and with the natives
#   bench/native/spawn            the harness's timer (bench/spawn.c), static

#
# Usage: bench/build.sh [--probes] [--wasm | --native] [NAME ...]
# (default: both kinds, every program). With --probes, the held-out set
# instead: bench/probes/programs/NAME.c to bench/probes/wasm/NAME.wasm and
# bench/probes/native/NAME[.baseline]. Needs zig (`pip install ziglang`);
# ZIG overrides the command (default: python3 -m ziglang).
#
# sqlite.c is linked with the SQLite amalgamation shipped in the crate
# libsqlite3-sys (SQLITE_SRC overrides the directory holding sqlite3.c).
# If the pinned version is not in the cargo registry yet, a scratch cargo
# project fetches it.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ZIG=${ZIG:-"python3 -m ziglang"}
SQLITE_CRATE_VERSION=0.40.0   # bundles SQLite 3.54.1

# The set: its sources and where its builds go (common.h is shared).
SRC="$HERE/programs"
OUT="$HERE"
if [ "${1:-}" = --probes ]; then
    SRC="$HERE/probes/programs"
    OUT="$HERE/probes"
    shift
fi

kinds="wasm native"
case "${1:-}" in
--wasm) kinds=wasm; shift ;;
--native) kinds=native; shift ;;
esac

if [ $# -eq 0 ]; then
    set --
    for f in "$SRC"/*.c; do set -- "$@" "$(basename "$f" .c)"; done
fi

find_sqlite() {
    if [ -n "${SQLITE_SRC:-}" ]; then echo "$SQLITE_SRC"; return; fi
    for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/libsqlite3-sys-$SQLITE_CRATE_VERSION/sqlite3; do
        if [ -f "$d/sqlite3.c" ]; then echo "$d"; return; fi
    done
    scratch=$(mktemp -d)
    echo "fetching libsqlite3-sys $SQLITE_CRATE_VERSION into the cargo registry" >&2
    (cd "$scratch" && cargo init -q --name sqlite-fetch . &&
        cargo add -q "libsqlite3-sys@=$SQLITE_CRATE_VERSION" --features bundled &&
        cargo fetch -q) >&2
    rm -rf "$scratch"
    for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/libsqlite3-sys-$SQLITE_CRATE_VERSION/sqlite3; do
        if [ -f "$d/sqlite3.c" ]; then echo "$d"; return; fi
    done
    echo "build.sh: cannot find sqlite3.c of libsqlite3-sys $SQLITE_CRATE_VERSION" >&2
    exit 1
}

# Extra flags of one program for wasm only.
wasm_extra() {
    case "$1" in
    memops) echo "-mbulk-memory" ;; # memcpy/memset are memory.copy/fill
    imgproc) echo "-msimd128" ;;    # the probe whose loops auto-vectorize
    esac
}

# Extra sources and flags of one program, for every target.
extra() {
    case "$1" in
    sqlite)
        src=$(find_sqlite)
        # No OS layer (the program brings a VFS without files), no threads, no
        # dynamic extensions, temporary storage in memory; a few extensions on,
        # as a typical embedding has them.
        echo "-I$src $src/sqlite3.c -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0" \
            "-DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_TEMP_STORE=3" \
            "-DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_STAT4" \
            "-DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_DBSTAT_VTAB" ;;
    esac
}

mkdir -p "$OUT/wasm" "$OUT/native" "$HERE/native"
case " $kinds " in
*" native "*)
    echo "native  spawn (the harness's timer)"
    $ZIG cc -O2 -s -target "$(uname -m)-linux-musl" "$HERE/spawn.c" -o "$HERE/native/spawn" ;;
esac
for name in "$@"; do
    src="$SRC/$name.c"
    [ -f "$src" ] || { echo "build.sh: no program $src" >&2; exit 1; }
    flags="-I$HERE/programs $(extra "$name")"
    for kind in $kinds; do
        if [ "$kind" = wasm ]; then
            echo "wasm    $name"
            # shellcheck disable=SC2086
            $ZIG cc --target=wasm32-wasi -O2 -s $(wasm_extra "$name") $flags "$src" -o "$OUT/wasm/$name.wasm"
        else
            # No FMA contraction: wasm has no fused multiply-add, so the
            # native twins compute the same bits (and checksums) as the wasm.
            echo "native  $name"
            # shellcheck disable=SC2086
            $ZIG cc -O2 -s -mcpu=native -ffp-contract=off $flags "$src" -lm -o "$OUT/native/$name"
            echo "native  $name.baseline"
            # shellcheck disable=SC2086
            $ZIG cc -O2 -s -mcpu=baseline -ffp-contract=off $flags "$src" -lm -o "$OUT/native/$name.baseline"
        fi
    done
done
