;; Two functions calling each other through a table, without end.
;; tern: run --invoke a {}
;; exit: 134
;; stderr: call stack exhausted
;; seconds: 5
(module
  (type $t (func))
  (table funcref (elem $a $b))
  (func $a (export "a") (call_indirect (type $t) (i32.const 1)))
  (func $b (call_indirect (type $t) (i32.const 0))))
