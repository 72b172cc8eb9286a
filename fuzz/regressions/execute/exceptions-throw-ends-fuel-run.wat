;; A throw in a nested try_table whose code after the inner block is
;; unreachable: the loop's fuel run was never charged (its `Fuel`
;; instruction kept cost 0), so the loop ran forever under fuel.
(module
  (tag $t0)
  (tag $t1)
  (func (export "spin")
    (loop $l1
      (try_table $l2 (catch_all $l1)
        (try_table $l3 (catch $t1 $l2)
          (throw $t0))))))
