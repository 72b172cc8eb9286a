;; memory.grow storms: grow one page at a time until refused, then keep
;; asking a million times. The cap holds, each refusal is -1, no time or
;; memory is lost.
;; tern: run --max-memory 1M --invoke storm {}
;; exit: 0
;; stdout: 16
;; seconds: 5
;; tern: run -W max-memory-size=4M --invoke storm {}
;; exit: 0
;; stdout: 64
;; seconds: 5
;; tern: run -W max-memory-size=1M,trap-on-grow-failure=y --invoke storm {}
;; exit: 134
;; stderr: exceeds the store's limit
;; tern: run --invoke max {}
;; exit: 0
;; stdout: 65536
;; rss: 64M
(module
  (memory 0)
  (func (export "storm") (result i32) (local $n i32) (local $i i32)
    (block $done
      (loop $grow
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $grow)))
    (loop $again
      (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000000))))
    (local.get $n))
  ;; Without a cap: the whole 4 GiB reserved, nothing touched.
  (func (export "max") (result i32)
    (drop (memory.grow (i32.const 65536)))
    (drop (memory.grow (i32.const 1)))
    (memory.size)))
