;; WASI calls with pointers and lengths past linear memory get EFAULT (21),
;; never a host access out of bounds; 4 GiB of randomness into one page is
;; refused without allocating it; a path of 1 MiB is refused with
;; ENAMETOOLONG (37) without a crash.
;; tern: run --invoke write_past_end {}
;; exit: 0
;; stdout: 21
;; tern: run --invoke iovecs_past_end {}
;; exit: 0
;; stdout: 21
;; tern: run --invoke iovecs_too_many {}
;; exit: 0
;; stdout: 28
;; tern: run --invoke random_4gib {}
;; exit: 0
;; stdout: 21
;; rss: 64M
;; tern: run --invoke random_all {}
;; exit: 0
;; stdout: 0
;; tern: run --dir {tmp}::/sandbox --invoke path_1mib {}
;; exit: 0
;; stdout: 37
;; rss: 96M
;; tern: run --dir {tmp}::/sandbox --invoke path_past_end {}
;; exit: 0
;; stdout: 21
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 17)
  ;; One iovec at 0 whose buffer runs 100 bytes past the end.
  (func (export "write_past_end") (result i32)
    (i32.store (i32.const 0) (i32.const 1114100))
    (i32.store (i32.const 4) (i32.const 100))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  ;; 1000 iovecs whose array runs past the end.
  (func (export "iovecs_past_end") (result i32)
    (call $fd_write (i32.const 1) (i32.const 1110000) (i32.const 1000) (i32.const 8)))
  ;; 2^28 iovecs: more than IOV_MAX, EINVAL as for POSIX writev, before the
  ;; array is looked at.
  (func (export "iovecs_too_many") (result i32)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0x10000000) (i32.const 8)))
  (func (export "random_4gib") (result i32)
    (call $random_get (i32.const 0) (i32.const -1)))
  (func (export "random_all") (result i32)
    (call $random_get (i32.const 0) (i32.const 1114112)))
  ;; A path of 1 MiB of 'a'.
  (func (export "path_1mib") (result i32)
    (memory.fill (i32.const 0) (i32.const 0x61) (i32.const 0x100000))
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0x100000)
      (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x100000)))
  (func (export "path_past_end") (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 1114000) (i32.const 200)
      (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0))))
