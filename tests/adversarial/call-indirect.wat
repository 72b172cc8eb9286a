;; call_indirect out of range (the spec's "undefined element"), to a null
;; entry, and to a function of another type: each its own trap.
;; tern: run --invoke out_of_range {}
;; exit: 134
;; stderr: out of bounds table access
;; tern: run --invoke huge_index {}
;; exit: 134
;; stderr: out of bounds table access
;; tern: run --invoke null {}
;; exit: 134
;; stderr: uninitialized element
;; tern: run --invoke mistyped {}
;; exit: 134
;; stderr: indirect call type mismatch
;; tern: run --invoke right {}
;; exit: 0
;; stdout: 42
(module
  (type $v (func (result i32)))
  (type $i (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $answer $id)
  (func $answer (result i32) (i32.const 42))
  (func $id (param i32) (result i32) (local.get 0))
  (func (export "out_of_range") (result i32) (call_indirect (type $v) (i32.const 3)))
  (func (export "huge_index") (result i32) (call_indirect (type $v) (i32.const -1)))
  (func (export "null") (result i32) (call_indirect (type $v) (i32.const 2)))
  (func (export "mistyped") (result i32) (call_indirect (type $v) (i32.const 1)))
  (func (export "right") (result i32) (call_indirect (type $v) (i32.const 0))))
