#!/bin/sh
# Builds the real-program differential tests (tests/real-programs/README.md)
# into target/real-programs/:
#   lua.wasm   lua.native    Lua 5.4 (crate lua-src) with lua/mylua.c
#   lua-sjlj.wasm lua-sjlj.native  the same with setjmp/longjmp (wasm: exceptions)
#   qjs.wasm   qjs.native    the quickjs-ng `qjs` CLI (crate rquickjs-sys)
#   zstd.wasm  zstd.native   zstd (crate zstd-sys) with zstd/zdriver.c
#   inputs/zstd-input.bin    the "real file" zstd compresses: the C sources
#                            of bench/programs and bench/probes/programs,
#                            then lua.wasm (text, then binary)
#
# Usage: tests/real-programs/build.sh
# Needs zig (`pip install ziglang`); ZIG overrides the command (default:
# python3 -m ziglang). The C sources are read where cargo unpacks the crates
# (${CARGO_HOME:-~/.cargo}/registry/src); if a pinned version is not there
# yet, a scratch cargo project in target/real-programs/fetch fetches it.
# Nothing is copied into the repository.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$ROOT/target/real-programs"
ZIG=${ZIG:-"python3 -m ziglang"}

LUA_SRC_VERSION=551.1.0          # bundles Lua 5.4.9
RQUICKJS_SYS_VERSION=0.14.0      # bundles quickjs-ng 0.16.2
ZSTD_SYS_VERSION=2.1.3+zstd.1.5.7

# find_crate NAME VERSION: the directory cargo unpacked NAME-VERSION into.
find_crate() {
    for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$1-$2"; do
        if [ -d "$d" ]; then echo "$d"; return 0; fi
    done
    return 1
}

fetch_crates() {
    fetch="$OUT/fetch"
    echo "fetching lua-src $LUA_SRC_VERSION, rquickjs-sys $RQUICKJS_SYS_VERSION," \
        "zstd-sys $ZSTD_SYS_VERSION into the cargo registry" >&2
    mkdir -p "$fetch/src"
    # The empty [workspace] keeps cargo from taking the repository's
    # workspace for this project's.
    cat >"$fetch/Cargo.toml" <<EOF
[package]
name = "real-programs-fetch"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
lua-src = "=$LUA_SRC_VERSION"
rquickjs-sys = "=$RQUICKJS_SYS_VERSION"
zstd-sys = "=$ZSTD_SYS_VERSION"

[workspace]
EOF
    : >"$fetch/src/lib.rs"
    (cd "$fetch" && cargo fetch -q) >&2
}

if ! find_crate lua-src "$LUA_SRC_VERSION" >/dev/null ||
    ! find_crate rquickjs-sys "$RQUICKJS_SYS_VERSION" >/dev/null ||
    ! find_crate zstd-sys "$ZSTD_SYS_VERSION" >/dev/null; then
    fetch_crates
fi
crate() {
    find_crate "$1" "$2" || {
        echo "build.sh: cannot find crate $1 $2 in the cargo registry" >&2
        exit 1
    }
}
LUA=$(crate lua-src "$LUA_SRC_VERSION")/lua-5.4.9
QJS=$(crate rquickjs-sys "$RQUICKJS_SYS_VERSION")/quickjs
ZSTD=$(crate zstd-sys "$ZSTD_SYS_VERSION")/zstd/lib
mkdir -p "$OUT"

# WASI has no signals and no process clocks without these emulations (Lua's
# os.clock, QuickJS's os.signal).
WASI_EMU="-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -lwasi-emulated-signal -lwasi-emulated-process-clocks"

# Lua: lua-src ships no lua.c, so mylua.c is the driver. wasm32-wasi has no
# setjmp/longjmp: wasi_throw.h makes every error that would unwind exit(3),
# and wasi_inc/setjmp.h stands in for the header. The native twin gets
# wasi_throw.h too, so that it behaves as the wasm.
LUA_SRCS="$(ls "$LUA"/*.c) $HERE/lua/wasi_throw.c $HERE/lua/mylua.c"
echo "wasm    lua"
# shellcheck disable=SC2086
$ZIG cc --target=wasm32-wasi -O2 -s -I"$HERE/lua/wasi_inc" -I"$LUA" -include "$HERE/lua/wasi_throw.h" \
    -DLUA_COMPAT_5_3 $WASI_EMU $LUA_SRCS -o "$OUT/lua.wasm" -lm
echo "native  lua"
# shellcheck disable=SC2086
$ZIG cc -O2 -I"$LUA" -include "$HERE/lua/wasi_throw.h" -DLUA_COMPAT_5_3 $LUA_SRCS -o "$OUT/lua.native" -lm

# Lua again, with its own setjmp/longjmp error handling (pcall works): on
# wasm, clang lowers setjmp/longjmp to exception handling (try_table and
# throw; c_longjmp.c defines the tag), which Tern and Wasmtime run and wasmi
# does not. The native twin uses the host's setjmp.
LUA_SJLJ_SRCS="$(ls "$LUA"/*.c) $HERE/lua/mylua.c"
echo "wasm    lua-sjlj"
# shellcheck disable=SC2086
$ZIG cc --target=wasm32-wasi -O2 -s -mexception-handling -mllvm -wasm-enable-sjlj \
    -mllvm -wasm-use-legacy-eh=false -I"$LUA" -DLUA_COMPAT_5_3 $WASI_EMU \
    $LUA_SJLJ_SRCS "$HERE/lua/c_longjmp.c" -o "$OUT/lua-sjlj.wasm" -lm
echo "native  lua-sjlj"
# shellcheck disable=SC2086
$ZIG cc -O2 -I"$LUA" -DLUA_COMPAT_5_3 $LUA_SJLJ_SRCS -o "$OUT/lua-sjlj.native" -lm

# QuickJS: the full qjs CLI with qjs:std and qjs:os; 8 MiB of shadow stack.
QJS_SRCS=""
for f in dtoa.c libregexp.c libunicode.c quickjs.c quickjs-libc.c gen/repl.c gen/standalone.c qjs.c; do
    QJS_SRCS="$QJS_SRCS $QJS/$f"
done
echo "wasm    qjs"
# shellcheck disable=SC2086
$ZIG cc --target=wasm32-wasi -O2 -s -D_GNU_SOURCE -DQJS_BUILD_LIBC $WASI_EMU \
    -Wl,-z,stack-size=8388608 $QJS_SRCS -o "$OUT/qjs.wasm" -lm
echo "native  qjs"
# shellcheck disable=SC2086
$ZIG cc -O2 -D_GNU_SOURCE -DQJS_BUILD_LIBC $QJS_SRCS -o "$OUT/qjs.native" -lm -lpthread

# zstd: the library without assembly (and, on wasm, without threads) and zdriver.c.
ZSTD_SRCS="$(ls "$ZSTD"/common/*.c "$ZSTD"/compress/*.c "$ZSTD"/decompress/*.c "$ZSTD"/dictBuilder/*.c) $HERE/zstd/zdriver.c"
echo "wasm    zstd"
# shellcheck disable=SC2086
$ZIG cc --target=wasm32-wasi -O2 -s -I"$ZSTD" -I"$ZSTD/common" -DZSTD_DISABLE_ASM -DZSTD_MULTITHREAD_DISABLED \
    $ZSTD_SRCS -o "$OUT/zstd.wasm"
echo "native  zstd"
# shellcheck disable=SC2086
$ZIG cc -O2 -I"$ZSTD" -I"$ZSTD/common" -DZSTD_DISABLE_ASM $ZSTD_SRCS -o "$OUT/zstd.native"

echo "input   inputs/zstd-input.bin"
mkdir -p "$OUT/inputs"
cat "$ROOT"/bench/programs/*.c "$ROOT"/bench/probes/programs/*.c "$OUT/lua.wasm" >"$OUT/inputs/zstd-input.bin"
