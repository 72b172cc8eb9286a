//! The code cache: a module's compiled code kept on disk, so that compiling
//! the same module again (the next `tern run` of the same program) maps
//! the stored code instead of running Cranelift.
//!
//! An entry is one file per (module, build of Tern, CPU features, settings
//! that change the code), named by the SHA-256 of all of them: the key.
//! Inside: a header with the key and the SHA-256 of the payload, then the
//! payload, the linked [`Image`] (machine code, function and trap records,
//! entry offsets). Compiled code embeds no address of the process that
//! made it (runtime functions and engine type ids are read through the
//! instance's context), so another process maps it as it is.
//!
//! Reading (on a thread of its own while the module is validated, which
//! also maps the code) checks the header, the key and the payload's
//! digest, then every record against the module once it is validated
//! ([`fits`]; registering the mapping checks the offsets again);
//! any mismatch is a miss, never an error: the module is compiled and the
//! entry rewritten. Entries are written to a temporary file and renamed
//! into place, so a reader never sees half an entry.
//!
//! The cache trusts its directory as it trusts the Tern binary: whoever can
//! write there can make Tern run their machine code (as with Wasmtime's
//! cache). A hit refreshes the entry's modification time; after each write,
//! the least recently used entries go until the rest fits in
//! `Cache::max_size`, and temporary files older than an hour (a writer that
//! was killed) are removed.

use super::backend::Image;
use super::code::{FuncMeta, NO_FUNC_INDEX};
use crate::module::ModuleInner;
use crate::{Cache, Config};
use cranelift_codegen::isa::TargetIsa;
use sha2::{Digest, Sha256};
use std::io::Write;

/// The first bytes of every entry; the number changes with the format.
const MAGIC: &[u8; 12] = b"tern-code-01";

/// An entry's name: the SHA-256 of everything the code depends on.
pub(crate) type Key = [u8; 32];

/// The key of the code of module `bytes` compiled for `isa` by this build
/// of Tern, with `config`.
pub(crate) fn key(isa: &dyn TargetIsa, config: &Config, bytes: &[u8]) -> Key {
    let mut h = Sha256::new();
    h.update(MAGIC);
    // This build of Tern: its version and a digest of its sources (the
    // layout of the runtime structures and the translator's output).
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(env!("TERN_BUILD_ID").as_bytes());
    // The target and every Cranelift setting, CPU features included.
    h.update(isa.triple().to_string().as_bytes());
    h.update(isa.flags().to_string().as_bytes());
    for flag in isa.isa_flags() {
        h.update(flag.to_string().as_bytes());
    }
    // The engine settings the translator reads.
    h.update(config.features.bits().to_le_bytes());
    h.update([
        u8::from(config.consume_fuel),
        u8::from(config.epoch_interruption),
    ]);
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.finalize().into()
}

fn hex(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn log(what: std::fmt::Arguments<'_>) {
    if std::env::var_os("TERN_JIT_LOG").is_some() {
        eprintln!("tern: code cache: {what}");
    }
}

/// The payload of the entry of `key` in `cache`, if there is a whole one
/// (its header names `key` and its digest matches).
pub(crate) fn read(cache: &Cache, key: &Key) -> Option<Vec<u8>> {
    let path = cache.directory().join(hex(key));
    let mut file = std::fs::read(&path).ok()?;
    let Some(header) = payload_start(&file, key) else {
        log(format_args!("ignoring damaged entry {}", path.display()));
        return None;
    };
    // Recently used: the last to be evicted.
    let _ = std::fs::File::options()
        .append(true)
        .open(&path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()));
    // The payload, without copying it to a new allocation.
    file.drain(..header);
    Some(file)
}

/// Where the payload of entry `file` starts, if the entry is whole and
/// made for `key`.
fn payload_start(file: &[u8], key: &Key) -> Option<usize> {
    let mut r = Reader(file);
    if r.bytes(MAGIC.len())? != MAGIC || r.bytes(32)? != key {
        return None;
    }
    let len = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
    let digest = r.bytes(32)?;
    let sound = len == r.0.len() as u64 && Sha256::digest(r.0).as_slice() == digest;
    sound.then(|| file.len() - r.0.len())
}

/// The payload of entry `file`, if it is whole and made for `key`.
#[cfg(test)]
fn payload(file: &[u8], key: &Key) -> Option<Vec<u8>> {
    payload_start(file, key).map(|at| file[at..].to_vec())
}

/// Writes `image` as the entry of `key` (best effort: a cache that cannot
/// be written is only slower).
pub(crate) fn store(cache: &Cache, key: &Key, image: &Image) {
    let dir = cache.directory();
    let name = hex(key);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let mut f = std::fs::File::create(&tmp)?;
        let written = f
            .write_all(&encode(key, image))
            .and_then(|()| f.sync_data());
        drop(f);
        match written.and_then(|()| std::fs::rename(&tmp, dir.join(&name))) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    };
    match write() {
        Ok(()) => sweep(dir, &name, cache.get_max_size()),
        Err(e) => log(format_args!("cannot write to {}: {e}", dir.display())),
    }
}

/// Deletes the least recently used entries of `dir` but `keep` until the
/// rest take at most `max_size` bytes, and temporary files of writers that
/// died (older than an hour).
fn sweep(dir: &std::path::Path, keep: &str, max_size: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut files = Vec::new();
    let mut total = 0u64;
    for e in entries.flatten() {
        let (Ok(meta), name) = (e.metadata(), e.file_name()) else {
            continue;
        };
        let name = name.to_string_lossy().into_owned();
        let modified = meta.modified().unwrap_or(now);
        let is_entry = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if name.starts_with('.') && name.ends_with(".tmp") {
            let age = now.duration_since(modified).unwrap_or_default();
            if age > std::time::Duration::from_secs(3600) {
                let _ = std::fs::remove_file(e.path());
            }
        } else if is_entry && meta.is_file() {
            total += meta.len();
            if name != keep {
                files.push((modified, meta.len(), e.path()));
            }
        }
    }
    files.sort();
    for (_, len, path) in files {
        if total <= max_size {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
            log(format_args!("evicted {}", path.display()));
        }
    }
}

/// The bytes of an entry.
fn encode(key: &Key, image: &Image) -> Vec<u8> {
    let mut p = Vec::with_capacity(image.bytes.len() + 64 * image.metas.len());
    let u32s = |p: &mut Vec<u8>, v: u32| p.extend_from_slice(&v.to_le_bytes());
    u32s(&mut p, image.bytes.len() as u32);
    p.extend_from_slice(&image.bytes);
    u32s(&mut p, image.metas.len() as u32);
    for m in &image.metas {
        u32s(&mut p, m.offset);
        u32s(&mut p, m.len);
        u32s(&mut p, m.func_index);
        u32s(&mut p, m.traps.len() as u32);
        for &(at, code) in &m.traps {
            u32s(&mut p, at);
            p.push(code);
        }
    }
    for pairs in [&image.funcs, &image.tramps] {
        u32s(&mut p, pairs.len() as u32);
        for &(a, b) in pairs {
            u32s(&mut p, a);
            u32s(&mut p, b);
        }
    }
    let mut out = Vec::with_capacity(p.len() + 84);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(key);
    out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    out.extend_from_slice(&Sha256::digest(&p));
    out.extend_from_slice(&p);
    out
}

/// A reader of an entry's payload that fails (`None`) past its end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }
    /// A count of records of at least `size` bytes each, which must fit
    /// in what is left (so a damaged count allocates nothing large).
    fn count(&mut self, size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(size)? <= self.0.len()).then_some(n)
    }
    fn pairs(&mut self) -> Option<Vec<(u32, u32)>> {
        let n = self.count(8)?;
        (0..n).map(|_| Some((self.u32()?, self.u32()?))).collect()
    }
}

/// The image in entry payload `payload`, if its records are well formed
/// (names are left out: [`fits`] takes them from the module). Needs no
/// module, so it runs on the lookup thread while the module validates.
pub(crate) fn decode(payload: Vec<u8>) -> Option<Image> {
    let mut r = Reader(&payload);
    let n = r.count(1)?;
    r.bytes(n)?;
    let mut metas = Vec::with_capacity(r.count(16)?);
    for _ in 0..metas.capacity() {
        let (offset, len, func_index) = (r.u32()?, r.u32()?, r.u32()?);
        let traps = r.count(5)?;
        let traps = (0..traps)
            .map(|_| Some((r.u32()?, r.u8()?)))
            .collect::<Option<Vec<_>>>()?;
        metas.push(FuncMeta {
            offset,
            len,
            func_index,
            name: None,
            traps,
        });
    }
    let funcs = r.pairs()?;
    let tramps = r.pairs()?;
    if !r.0.is_empty() {
        return None;
    }
    // The machine code is the payload's bytes 4..4 + n: keep them in place.
    let mut bytes = payload;
    bytes.truncate(4 + n);
    bytes.drain(..4);
    Some(Image {
        bytes,
        metas,
        funcs,
        tramps,
    })
}

/// Whether decoded records `metas`, `funcs` and `tramps` fit `module`:
/// every function index is one of its functions, and every entry point
/// the start of a piece of code of the right kind. If so, gives each
/// function its name from the module's name section.
pub(crate) fn fits(
    metas: &mut [FuncMeta],
    funcs: &[(u32, u32)],
    tramps: &[(u32, u32)],
    module: &ModuleInner,
) -> bool {
    let info = &module.info;
    let functions = info.num_imported_funcs + info.bodies.len() as u32;
    if metas
        .iter()
        .any(|m| m.func_index != NO_FUNC_INDEX && m.func_index >= functions)
    {
        return false;
    }
    // Looked up by offset: a large module has thousands of each.
    let mut by_offset: Vec<(u32, u32)> = metas.iter().map(|m| (m.offset, m.func_index)).collect();
    by_offset.sort_unstable();
    let starts = |at: u32, func: u32| {
        by_offset
            .binary_search_by_key(&at, |&(offset, _)| offset)
            .is_ok_and(|i| by_offset[i].1 == func)
    };
    let funcs_ok = funcs.iter().all(|&(defined, at)| {
        (defined as usize) < info.bodies.len() && starts(at, info.num_imported_funcs + defined)
    });
    let tramps_ok = tramps
        .iter()
        .all(|&(ty, at)| (ty as usize) < info.type_ids.len() && starts(at, NO_FUNC_INDEX));
    if !(funcs_ok && tramps_ok) {
        return false;
    }
    for m in metas.iter_mut().filter(|m| m.func_index != NO_FUNC_INDEX) {
        m.name = info.func_name(m.func_index).map(str::to_string);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> crate::Module {
        let mut config = Config::new();
        config.strategy(crate::Strategy::Interpreter);
        let engine = crate::Engine::new(&config).unwrap();
        crate::Module::new(
            &engine,
            r#"(module (func $f (export "f") (result i32) i32.const 7)
                       (func (export "g") (result i32) call $f))"#,
        )
        .unwrap()
    }

    fn image() -> Image {
        Image {
            bytes: vec![0x90; 64],
            metas: vec![
                FuncMeta {
                    offset: 0,
                    len: 16,
                    func_index: 0,
                    name: None,
                    traps: vec![(3, 2)],
                },
                FuncMeta {
                    offset: 16,
                    len: 16,
                    func_index: 1,
                    name: None,
                    traps: vec![],
                },
                FuncMeta {
                    offset: 32,
                    len: 32,
                    func_index: NO_FUNC_INDEX,
                    name: None,
                    traps: vec![],
                },
            ],
            funcs: vec![(0, 0), (1, 16)],
            tramps: vec![(0, 32)],
        }
    }

    #[test]
    fn an_entry_reads_back_as_written() {
        let m = module();
        let key = [7; 32];
        let entry = encode(&key, &image());
        let mut decoded = decode(payload(&entry, &key).unwrap()).unwrap();
        assert!(decoded.metas.iter().all(|m| m.name.is_none()));
        let Image {
            metas,
            funcs,
            tramps,
            ..
        } = &mut decoded;
        assert!(fits(metas, funcs, tramps, &m.inner));
        // Names come from the module's name section, not the entry.
        assert_eq!(decoded.metas[0].name.as_deref(), Some("f"));
        assert_eq!(decoded.metas[1].name, None);
        decoded.metas[0].name = None;
        assert_eq!(decoded, image());
    }

    #[test]
    fn the_least_recently_used_entries_go_past_the_size_limit() {
        let dir = std::env::temp_dir().join(format!("tern-sweep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let base = std::time::SystemTime::now() - std::time::Duration::from_secs(100);
        let name = |i: u8| hex(&[i; 32]);
        // Entries 0..4 of 100 bytes, used in the order 2, 0, 3, 1.
        for (age, i) in [2u8, 0, 3, 1].into_iter().enumerate() {
            let path = dir.join(name(i));
            std::fs::write(&path, [0u8; 100]).unwrap();
            let f = std::fs::File::options().append(true).open(&path).unwrap();
            f.set_modified(base + std::time::Duration::from_secs(age as u64))
                .unwrap();
        }
        // A stale temporary file, a fresh one, and a file that is no entry.
        let stale = dir.join(".x.1.tmp");
        std::fs::write(&stale, b"x").unwrap();
        std::fs::File::options()
            .append(true)
            .open(&stale)
            .unwrap()
            .set_modified(base - std::time::Duration::from_secs(7200))
            .unwrap();
        std::fs::write(dir.join(".y.2.tmp"), b"y").unwrap();
        std::fs::write(dir.join("README"), [0u8; 1000]).unwrap();
        // Room for two: entry 2 (oldest) and 0 go; 3 and 1 stay. Entry 2
        // would stay if it were the one just written.
        sweep(&dir, &name(7), 250);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = vec![".y.2.tmp".to_string(), "README".into(), name(1), name(3)];
        want.sort();
        assert_eq!(left, want);
        sweep(&dir, &name(3), 0);
        assert!(dir.join(name(3)).exists() && !dir.join(name(1)).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn damaged_or_foreign_entries_are_misses() {
        let m = module();
        let key = [7; 32];
        let good = encode(&key, &image());
        let read = |entry: &[u8], key: &Key| {
            payload(entry, key).and_then(|p| {
                let mut image = decode(p)?;
                let Image {
                    metas,
                    funcs,
                    tramps,
                    ..
                } = &mut image;
                fits(metas, funcs, tramps, &m.inner).then_some(image)
            })
        };
        assert!(read(&good, &key).is_some());
        // Another key.
        assert!(read(&good, &[8; 32]).is_none());
        // Every truncation, and a flipped bit anywhere.
        for cut in 0..good.len() {
            assert!(read(&good[..cut], &key).is_none(), "cut {cut}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(read(&bad, &key).is_none(), "flip {at}");
        }
        // Sound bytes that disagree with the module: a function it lacks,
        // an entry that is not the start of its code, code of a function
        // index past the module's.
        for broken in [
            Image {
                funcs: vec![(2, 0)],
                ..image()
            },
            Image {
                funcs: vec![(0, 16)],
                ..image()
            },
            Image {
                tramps: vec![(5, 32)],
                ..image()
            },
            Image {
                metas: {
                    let mut metas = image().metas;
                    metas[1].func_index = 9;
                    metas
                },
                ..image()
            },
        ] {
            assert!(read(&encode(&key, &broken), &key).is_none());
        }
    }
}
