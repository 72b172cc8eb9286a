#!/bin/sh
# Rebuild every WASI test program (*.c -> *.wasm, next to the source) with
# zig's bundled clang and wasi-libc:  pip install ziglang
# Usage: ./build.sh [name ...]   (no names: all programs)
set -eu
cd "$(dirname "$0")"
ZIGCC=${ZIGCC:-"python3 -m ziglang cc"}
if [ "$#" -eq 0 ]; then
    set -- $(ls *.c | sed 's/\.c$//')
fi
for name in "$@"; do
    echo "build $name.wasm"
    $ZIGCC --target=wasm32-wasi -O2 -s "$name.c" -o "$name.wasm"
    chmod 644 "$name.wasm"
done
