(module
  ;; table.copy from index 2^32 must trap; Tern copies from index 0.
  (table i64 2 funcref)
  (func (export "copy")
    (table.copy (i64.const 0) (i64.const 0x100000000) (i64.const 1))))
