(module
  ;; table.init at index 2^32 must trap; Tern writes element 0.
  (table i64 2 funcref)
  (elem func $f)
  (func $f (export "init")
    (table.init 0 (i64.const 0x100000000) (i32.const 0) (i32.const 1))))
