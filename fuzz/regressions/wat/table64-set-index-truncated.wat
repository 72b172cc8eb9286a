(module
  ;; table.set at index 2^32 must trap; Tern writes element 0.
  (table i64 2 funcref)
  (func (export "set")
    (table.set (i64.const 0x100000000) (ref.null func))))
