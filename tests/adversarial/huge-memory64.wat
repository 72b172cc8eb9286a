;; A memory64 of 16 GiB initially, grown to 32 GiB: backed only where
;; touched, so the host's resident memory stays small; data survives a
;; growth that moves the memory.
;; tern: run --invoke touch_end {}
;; exit: 0
;; stdout: 7
;; rss: 64M
;; tern: run --invoke grow_keeps_data {}
;; exit: 0
;; stdout: 7
;; rss: 64M
;; tern: run --max-memory 20G --invoke grow_keeps_data {}
;; exit: 0
;; stdout: -1
(module
  (memory i64 0x40000)
  (func (export "touch_end") (result i32)
    (i32.store (i64.const 0x3fffffffc) (i32.const 7))
    (i32.load (i64.const 0x3fffffffc)))
  (func (export "grow_keeps_data") (result i32)
    (i32.store (i64.const 0x3fffffffc) (i32.const 7))
    (if (i64.ne (memory.grow (i64.const 0x40000)) (i64.const 0x40000))
      (then (return (i32.const -1))))
    (i32.store (i64.const 0x7fffffffc) (i32.load (i64.const 0x7fffffff8)))
    (i32.add (i32.load (i64.const 0x3fffffffc)) (i32.load (i64.const 0x7fffffffc)))))
