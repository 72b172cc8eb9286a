;; memory64: a fill and a copy of exactly 4 GiB and of 2^64 - 1 bytes on a
;; one-page memory trap; a memory.grow to 4 GiB under a cap returns -1.
;; tern: run --invoke fill4g {}
;; exit: 134
;; stderr: out of bounds memory access
;; tern: run --invoke fillmax {}
;; exit: 134
;; stderr: out of bounds memory access
;; tern: run --invoke copymax {}
;; exit: 134
;; stderr: out of bounds memory access
;; tern: run --max-memory 64M --invoke grow4g {}
;; exit: 0
;; stdout: -1
(module
  (memory i64 1)
  (func (export "fill4g") (memory.fill (i64.const 0) (i32.const 1) (i64.const 0x100000000)))
  (func (export "fillmax") (memory.fill (i64.const 1) (i32.const 1) (i64.const -1)))
  (func (export "copymax") (memory.copy (i64.const -1) (i64.const 0) (i64.const -1)))
  (func (export "grow4g") (result i64) (memory.grow (i64.const 65536))))
