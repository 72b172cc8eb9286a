//! Chooses the interpreter's dispatch backend, and names this build for
//! the JIT's code cache.
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
    build_id();
}

/// Sets `TERN_BUILD_ID`: a digest of this crate's sources and of the
/// workspace's `Cargo.lock` (the Cranelift release), part of every code
/// cache key, so that code compiled by one build of Tern is never mapped
/// by another whose runtime layout or translator differs.
fn build_id() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let mut files = Vec::new();
    collect(&manifest.join("src"), &mut files);
    files.sort();
    if let Some(lock) = manifest
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
    {
        files.push(lock);
    }
    // FNV-1a over names and contents: only this crate's own builds are
    // told apart, so no cryptographic strength is needed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        println!("cargo::rerun-if-changed={}", f.display());
        eat(f
            .strip_prefix(&manifest)
            .unwrap_or(f)
            .to_string_lossy()
            .as_bytes());
        eat(&std::fs::read(f).unwrap_or_default());
    }
    eat(std::env::var("PROFILE").unwrap_or_default().as_bytes());
    println!("cargo::rustc-env=TERN_BUILD_ID={h:016x}");
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    println!("cargo::rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
