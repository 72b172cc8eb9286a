(module
  ;; table.fill of 2^32 + 1 elements from 0 must trap; Tern fills 1.
  (table i64 2 funcref)
  (func (export "fill")
    (table.fill (i64.const 0) (ref.null func) (i64.const 0x100000001))))
