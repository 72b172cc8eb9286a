(module
  ;; return_call_indirect with index 2^32 must trap; Tern calls element 0.
  (type $t (func (result i32)))
  (table i64 2 funcref)
  (elem (table 0) (i64.const 0) func $seven)
  (func $seven (type $t) (i32.const 7))
  (func (export "call") (result i32)
    (return_call_indirect (type $t) (i64.const 0x100000000))))
