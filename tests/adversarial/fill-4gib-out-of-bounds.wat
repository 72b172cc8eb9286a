;; memory.fill and memory.copy of 4 GiB - 1 bytes on a one-page memory: an
;; out-of-bounds trap before any byte is written (the checked 64-bit sum
;; cannot wrap), at once.
;; tern: run --invoke fill {}
;; exit: 134
;; stderr: out of bounds memory access
;; seconds: 2
;; tern: run --invoke copy {}
;; exit: 134
;; stderr: out of bounds memory access
;; seconds: 2
;; tern: run --invoke fill_then_read {}
;; exit: 134
;; stderr: out of bounds memory access
(module
  (memory 1)
  (func (export "fill") (memory.fill (i32.const 0) (i32.const 0xab) (i32.const -1)))
  (func (export "copy") (memory.copy (i32.const 0) (i32.const 1) (i32.const -1)))
  (func (export "fill_then_read") (result i32)
    (memory.fill (i32.const 1) (i32.const 0xab) (i32.const -2))
    (i32.load8_u (i32.const 1))))
