//! Chooses the interpreter's dispatch backend.
//!
//! The fast backend chains instruction handlers with tail calls. Stable Rust has
//! no guaranteed tail calls, but LLVM turns `return handler(...)` between
//! functions of one signature into a jump at opt-level 2 and above on the
//! targets listed below. Anywhere else (debug builds, other targets) the
//! portable `loop { match }` backend is used, so that a long-running guest can
//! never grow the native stack.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=TERN_PORTABLE_DISPATCH");
    println!("cargo::rustc-check-cfg=cfg(tern_tail_dispatch)");
    let opt_level = std::env::var("OPT_LEVEL").unwrap_or_default();
    let optimizing = matches!(opt_level.as_str(), "2" | "3" | "s" | "z");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let arch_ok = matches!(
        arch.as_str(),
        "x86_64" | "aarch64" | "riscv64" | "loongarch64" | "s390x"
    );
    let forced_portable = std::env::var_os("TERN_PORTABLE_DISPATCH").is_some();
    if optimizing && arch_ok && !forced_portable {
        println!("cargo::rustc-cfg=tern_tail_dispatch");
    }
}
