(module
  ;; table.get at index 2^32 of a 2-element 64-bit table must trap (out of
  ;; bounds table access); Tern reads element 0.
  (table i64 2 funcref)
  (func (export "get") (result i32)
    (ref.is_null (table.get (i64.const 0x100000000)))))
