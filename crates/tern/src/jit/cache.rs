//! The code cache: a module's compiled code kept on disk, so that compiling
//! the same module again (the next `tern run` of the same program) maps
//! the stored code instead of running Cranelift.
//!
//! An entry is one file per (module, build of Tern, CPU features, settings
//! that change the code), named by the SHA-256 of all of them: the key.
//! Inside, the linked [`Image`]:
//!
//! ```text
//! magic | key | records length R | code length C | XXH3-64 of R, C and the rest   (u64s, LE)
//! records (R bytes: functions with their trap sites, entry offsets)
//! zeros up to a multiple of 4 KiB
//! machine code (C bytes), to the end of the file
//! ```
//!
//! Compiled code embeds no address of the process that made it (runtime
//! functions and engine type ids are read through the instance's
//! context), so another process maps it as it is: the code's pages are
//! mapped read-only and executable straight from the file (from the page
//! cache, shared by every process running the module, and only the pages
//! that run are ever touched by the code), or copied where the file system
//! forbids executable mappings.
//!
//! Reading (on a thread of its own while the module is validated) checks
//! the header, the key, the lengths against the file's and the checksum
//! (a whole entry then vouches for the module: validation stops, see
//! [`read`]),
//! then every record against the module once it is validated ([`fits`];
//! registering the mapping checks the offsets again); any mismatch is a
//! miss, never an error: the module is compiled and the entry rewritten.
//! The checksum finds damage (a disk error, a file cut short), not
//! forgery: that is the directory's trust, below. Entries are written to a
//! temporary file and renamed into place, never written in place, so a
//! reader never sees half an entry and a mapped entry never changes.
//!
//! The cache trusts its directory as it trusts the Tern binary: whoever can
//! write there can make Tern run their machine code (as with Wasmtime's
//! cache). A hit refreshes the entry's modification time; after each write,
//! the least recently used entries go until the rest fits in
//! `Cache::max_size`, and temporary files older than an hour (a writer that
//! was killed) are removed.

use super::backend::Image;
use super::code::{FuncMeta, MappedCode, NO_FUNC_INDEX};
use crate::module::ModuleInner;
use crate::{Cache, Config};
use cranelift_codegen::isa::TargetIsa;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// The first bytes of every entry; the number changes with the format.
const MAGIC: &[u8; 12] = b"tern-code-02";

/// Where the header's two lengths (records, code) start, after magic and
/// key; the checksum follows them.
const LENGTHS: usize = MAGIC.len() + 32;

/// The size of an entry's header: magic, key, two lengths, checksum.
const HEADER: usize = LENGTHS + 3 * 8;

/// Where an entry's code starts is a multiple of this, so that the code
/// can be mapped from the file where it lies (x86-64 pages are 4 KiB).
const CODE_ALIGN: usize = 4096;

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

/// A code cache entry read, checked and decoded, its code mapped
/// read-only and executable, but not yet matched with its module nor
/// registered: no code cell points into it.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The machine code.
    pub code: MappedCode,
    /// Every piece of code in `code` (names left out: [`fits`] takes them
    /// from the module).
    pub metas: Vec<FuncMeta>,
    /// The compiled defined functions: (defined index, offset in `code`).
    pub funcs: Vec<(u32, u32)>,
    /// The array trampolines: (module type index, offset in `code`).
    pub tramps: Vec<(u32, u32)>,
}

/// The entry of `key` in `cache`, if there is a whole one (its header
/// names `key`, its lengths match the file's and its checksum the bytes),
/// with its code mapped.
///
/// Sets `vouched` once the entry is known whole, before decoding its
/// records: Tern writes an entry only for a module that validated, and
/// the key covers the module's bytes, the features it was validated with
/// and the build of Tern that validated it, so the module need not be
/// validated again (Wasmtime's cache skips validation on a hit too). This
/// trusts the directory as the code does (see the module docs).
pub(crate) fn read(
    cache: &Cache,
    key: &Key,
    vouched: &std::sync::atomic::AtomicBool,
) -> Option<Entry> {
    let path = cache.directory().join(hex(key));
    let mut file = std::fs::File::open(&path).ok()?;
    let Some(entry) = open(&mut file, key, vouched) else {
        log(format_args!("ignoring damaged entry {}", path.display()));
        return None;
    };
    // Recently used: the last to be evicted.
    let _ = std::fs::File::options()
        .append(true)
        .open(&path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()));
    Some(entry)
}

/// An entry's checksum: XXH3-64 of its lengths and everything after the
/// header (records, padding, code), given in up to three pieces.
fn checksum(lengths: &[u8], head: &[u8], code: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(lengths);
    h.update(head);
    h.update(code);
    h.digest()
}

/// Reads and checks entry `file` of `key` (see [`read`]).
fn open(
    file: &mut std::fs::File,
    key: &Key,
    vouched: &std::sync::atomic::AtomicBool,
) -> Option<Entry> {
    let file_len = file.metadata().ok()?.len();
    let mut header = [0; HEADER];
    file.read_exact(&mut header).ok()?;
    let mut r = Reader(&header);
    if r.bytes(MAGIC.len())? != MAGIC || r.bytes(32)? != key {
        return None;
    }
    let (records_len, code_len, sum) = (r.u64()?, r.u64()?, r.u64()?);
    let code_at = (HEADER as u64)
        .checked_add(records_len)?
        .checked_next_multiple_of(CODE_ALIGN as u64)?;
    if code_len == 0 || code_at.checked_add(code_len)? != file_len {
        return None;
    }
    // The records and the padding: smaller than the file, as just checked.
    let mut head = vec![0; usize::try_from(code_at).ok()? - HEADER];
    file.read_exact(&mut head).ok()?;
    let code_len = usize::try_from(code_len).ok()?;
    // Profilers take code mapped from a file for the file's (which has no
    // symbols), not for JIT code: with a perf map, copy it.
    let mapped = if super::code::perf_map::enabled() {
        Err(std::io::Error::other("perf map"))
    } else {
        MappedCode::from_file(file, code_at, code_len)
    };
    let code = mapped
        .or_else(|_| {
            // No executable file mapping here: copy the code.
            let mut code = vec![0; code_len];
            file.read_exact(&mut code)?;
            MappedCode::new(&code)
        })
        .ok()?;
    if checksum(&header[LENGTHS..LENGTHS + 16], &head, code.bytes()) != sum {
        return None;
    }
    vouched.store(true, std::sync::atomic::Ordering::Release);
    let (metas, funcs, tramps) = decode(&head[..usize::try_from(records_len).ok()?])?;
    Some(Entry {
        code,
        metas,
        funcs,
        tramps,
    })
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
    let mut out =
        Vec::with_capacity(HEADER + 16 * image.metas.len() + CODE_ALIGN + image.bytes.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(key);
    // The lengths and the checksum, filled in below.
    out.resize(HEADER, 0);
    let u32s = |p: &mut Vec<u8>, v: u32| p.extend_from_slice(&v.to_le_bytes());
    u32s(&mut out, image.metas.len() as u32);
    for m in &image.metas {
        u32s(&mut out, m.offset);
        u32s(&mut out, m.len);
        u32s(&mut out, m.func_index);
        u32s(&mut out, m.traps.len() as u32);
        for &(at, code) in &m.traps {
            u32s(&mut out, at);
            out.push(code);
        }
    }
    for pairs in [&image.funcs, &image.tramps] {
        u32s(&mut out, pairs.len() as u32);
        for &(a, b) in pairs {
            u32s(&mut out, a);
            u32s(&mut out, b);
        }
    }
    let records_len = out.len() - HEADER;
    out.resize(out.len().next_multiple_of(CODE_ALIGN), 0);
    out.extend_from_slice(&image.bytes);
    let at = LENGTHS;
    out[at..at + 8].copy_from_slice(&(records_len as u64).to_le_bytes());
    out[at + 8..at + 16].copy_from_slice(&(image.bytes.len() as u64).to_le_bytes());
    let sum = checksum(&out[at..at + 16], &out[HEADER..], &[]);
    out[at + 16..HEADER].copy_from_slice(&sum.to_le_bytes());
    out
}

/// The little-endian `u32` that `bytes` starts with (at least 4 long).
fn le32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// A reader of an entry's bytes that fails (`None`) past its end.
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
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }
    /// A count of records of at least `size` bytes each, which must fit
    /// in what is left (so a damaged count allocates nothing large).
    fn count(&mut self, size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(size)? <= self.0.len()).then_some(n)
    }
    fn pairs(&mut self) -> Option<Vec<(u32, u32)>> {
        let n = self.count(8)?;
        let pairs = self.bytes(n * 8)?.chunks_exact(8);
        Some(pairs.map(|p| (le32(p), le32(&p[4..]))).collect())
    }
}

/// An entry's records: [`Entry::metas`], [`Entry::funcs`], [`Entry::tramps`].
type Records = (Vec<FuncMeta>, Vec<(u32, u32)>, Vec<(u32, u32)>);

/// The records of an entry (functions, entry offsets), if well formed.
/// Needs no module: [`fits`] checks them against it later.
fn decode(records: &[u8]) -> Option<Records> {
    let mut r = Reader(records);
    let n = r.count(16)?;
    let mut metas = Vec::with_capacity(n);
    for _ in 0..n {
        let (offset, len, func_index) = (r.u32()?, r.u32()?, r.u32()?);
        let traps = r.count(5)?;
        // Whole records at once: `sqlite` has tens of thousands.
        let traps = r
            .bytes(traps * 5)?
            .chunks_exact(5)
            .map(|t| (le32(t), t[4]))
            .collect();
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
    r.0.is_empty().then_some((metas, funcs, tramps))
}

/// Whether the records of `entry` fit `module`: every function index is
/// one of its functions, and every entry point the start of a piece of
/// code of the right kind. If so, gives each function its name from the
/// module's name section.
pub(crate) fn fits(entry: &mut Entry, module: &ModuleInner) -> bool {
    let Entry {
        metas,
        funcs,
        tramps,
        ..
    } = entry;
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

    /// A file of this test process with `bytes` in it, opened for reading.
    fn file_with(bytes: &[u8]) -> std::fs::File {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("tern-entry-{}-{n}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        file
    }

    /// Entry `bytes` read back as from the cache, if whole and for `key`.
    fn read_back(bytes: &[u8], key: &Key) -> Option<Entry> {
        let vouched = std::sync::atomic::AtomicBool::new(false);
        let entry = open(&mut file_with(bytes), key, &vouched);
        // Whole entries vouch for their module, damaged ones never.
        assert_eq!(vouched.into_inner(), entry.is_some());
        entry
    }

    #[test]
    fn an_entry_reads_back_as_written() {
        let m = module();
        let key = [7; 32];
        let bytes = encode(&key, &image());
        // The code lies at a page boundary, to the end of the file.
        assert_eq!(bytes.len(), CODE_ALIGN + image().bytes.len());
        let mut entry = read_back(&bytes, &key).unwrap();
        assert_eq!(entry.code.bytes(), &image().bytes[..]);
        assert!(entry.metas.iter().all(|m| m.name.is_none()));
        assert!(fits(&mut entry, &m.inner));
        // Names come from the module's name section, not the entry.
        assert_eq!(entry.metas[0].name.as_deref(), Some("f"));
        assert_eq!(entry.metas[1].name, None);
        entry.metas[0].name = None;
        let Image {
            metas,
            funcs,
            tramps,
            ..
        } = image();
        assert_eq!(
            (entry.metas, entry.funcs, entry.tramps),
            (metas, funcs, tramps)
        );
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
        let read = |bytes: &[u8], key: &Key| {
            read_back(bytes, key).and_then(|mut entry| fits(&mut entry, &m.inner).then_some(entry))
        };
        assert!(read(&good, &key).is_some());
        // Another key.
        assert!(read(&good, &[8; 32]).is_none());
        // Every truncation, a byte more, and a flipped bit anywhere.
        for cut in 0..good.len() {
            assert!(read(&good[..cut], &key).is_none(), "cut {cut}");
        }
        assert!(read(&[&good[..], &[0x90]].concat(), &key).is_none());
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
