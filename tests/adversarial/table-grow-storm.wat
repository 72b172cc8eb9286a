;; table.grow storms: 1000 elements at a time until refused. With a cap on
;; elements the count is exact; without one, the store's own cap (10 million
;; elements, 80 MB) bounds host memory.
;; tern: run -W max-table-elements=100000 --invoke storm {}
;; exit: 0
;; stdout: 100
;; tern: run --invoke storm {}
;; exit: 0
;; stdout: 10000
;; rss: 200M
;; seconds: 10
(module
  (table 0 externref)
  (func (export "storm") (result i32) (local $n i32)
    (block $done
      (loop $grow
        (br_if $done (i32.eq (table.grow (ref.null extern) (i32.const 1000)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $grow)))
    (local.get $n)))
