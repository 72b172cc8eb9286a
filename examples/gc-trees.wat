;; The GC proposal: builds N complete binary trees of structs (2^17 - 1 nodes
;; each), counts their nodes and drops them; the collector frees each tree
;; while the next is built.
;;   tern run -W gc=y --invoke run examples/gc-trees.wat 40    # prints 5242840
(module
  (type $node (struct (field (ref null $node)) (field (ref null $node))))
  (func $make (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else (struct.new $node
        (call $make (i32.sub (local.get $depth) (i32.const 1)))
        (call $make (i32.sub (local.get $depth) (i32.const 1)))))))
  (func $count (param $n (ref null $node)) (result i32)
    (if (result i32) (ref.is_null (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
        (i32.add (call $count (struct.get $node 0 (local.get $n)))
                 (call $count (struct.get $node 1 (local.get $n))))))))
  (func (export "run") (param $trees i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $trees)))
        (local.set $sum (i32.add (local.get $sum) (call $count (call $make (i32.const 16)))))
        (local.set $trees (i32.sub (local.get $trees) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
