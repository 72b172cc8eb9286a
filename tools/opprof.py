#!/usr/bin/env python3
"""Where the interpreter spends its instructions, per bytecode instruction.

    valgrind --tool=callgrind --demangle=no --callgrind-out-file=cg.out \\
        target/release/tern run -C strategy=interp bench/wasm/vm.wasm small
    python3 tools/opprof.py target/release/tern cg.out [TOP]
    python3 tools/opprof.py --disassemble target/release/tern Load8UPair Call

The release interpreter runs each instruction in its own handler function
(tail-call dispatch), but every handler is the same generic function, so a
profiler shows them under one name. This script tells them apart: the
handler table `HANDLERS` holds one handler address per opcode (read from the
binary's relocations), opcodes are numbered in the order of
`for_each_instr!` in crates/tern/src/interp/ir.rs, and callgrind, run with
`--demangle=no`, keeps each handler's mangled name, which `nm` maps to its
address. Printed: the instructions (Ir) spent in each opcode's handler,
most first. Handlers that the linker merged (identical code) are listed
together.

With `--disassemble`, prints the machine code of the named instructions'
handlers instead.

Linux x86-64 only (ELF relocations); needs binutils (nm, readelf, objdump)
and valgrind's callgrind_annotate. Python 3.11, standard library only.
"""

import collections
import pathlib
import re
import subprocess
import sys

IR_RS = pathlib.Path(__file__).resolve().parent.parent / "crates/tern/src/interp/ir.rs"
HANDLER = re.compile(r"_ZN4tern6interp7execute8dispatch4tail7handler17h[0-9a-f]+E")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def opcode_names() -> list[str]:
    """Instruction names in opcode order, from the one list in ir.rs."""
    source = IR_RS.read_text()
    body = source[source.index("macro_rules! for_each_instr") :]
    return re.findall(r"^\s+([A-Z]\w*) \{[^}]*\}[^;\n]*;", body, re.M)


def handlers(binary: str) -> tuple[dict[int, list[str]], dict[str, int], dict[int, int]]:
    """Handler address -> opcode names; symbol -> address; address -> size."""
    table = None
    address_of: dict[str, int] = {}
    size_at: dict[int, int] = {}
    for line in run("nm", "-S", binary).splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        address, size, name = int(parts[0], 16), int(parts[1], 16), parts[3]
        size_at[address] = size
        if "dispatch4tail8HANDLERS" in name:
            table = (address, size)
        if HANDLER.fullmatch(name):
            address_of[name] = address
    if table is None:
        sys.exit("no HANDLERS table: not a release build with tail-call dispatch?")
    start, size = table
    names = opcode_names()
    if len(names) < size // 8:
        sys.exit(f"ir.rs lists {len(names)} instructions, the table has {size // 8}")
    by_address: dict[int, list[str]] = collections.defaultdict(list)
    for line in run("readelf", "-rW", binary).splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[2] == "R_X86_64_RELATIVE":
            offset = int(parts[0], 16)
            if start <= offset < start + size:
                by_address[int(parts[3], 16)].append(names[(offset - start) // 8])
    return by_address, address_of, size_at


def profile(binary: str, callgrind_out: str, top: int) -> None:
    by_address, address_of, _ = handlers(binary)
    cost: collections.Counter[str] = collections.Counter()
    annotated = run("callgrind_annotate", "--threshold=100", callgrind_out)
    for line in annotated.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*?(" + HANDLER.pattern + ")", line)
        if m:
            names = by_address.get(address_of.get(m.group(2), -1), ["?"])
            cost["/".join(names)] += int(m.group(1).replace(",", ""))
    total = sum(cost.values())
    if total == 0:
        sys.exit("no handler in the profile: was callgrind run with --demangle=no?")
    for names, ir in cost.most_common(top):
        print(f"{ir:>15,} {100 * ir / total:5.1f}%  {names}")
    print(f"{total:>15,}        in all handlers")


def disassemble(binary: str, wanted: list[str]) -> None:
    by_address, _, size_at = handlers(binary)
    for address, names in sorted(by_address.items()):
        if not set(names) & set(wanted):
            continue
        end = address + size_at.get(address, 256)
        print(f"== {'/'.join(names)} at {address:#x}")
        listing = run(
            "objdump", "-d", "--no-show-raw-insn",
            f"--start-address={address}", f"--stop-address={end}", binary,
        )
        print("\n".join(l for l in listing.splitlines()[6:] if "int3" not in l))


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--disassemble":
        disassemble(args[1], args[2:])
    elif len(args) in (2, 3):
        profile(args[0], args[1], int(args[2]) if len(args) == 3 else 40)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
