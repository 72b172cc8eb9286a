;; The GC heap (-W gc=y): an array of 2^32 - 1 vectors (64 GiB) is refused at
;; once, without a host allocation; a chain of 1 MiB arrays that stays
;; reachable stops at the heap's cap (-W max-gc-heap); a storm of garbage
;; arrays (16 GiB made in all) runs in bounded memory, collected as it goes.
;; tern: run -W gc=y --invoke huge {}
;; exit: 134
;; stderr: allocation size too large
;; stderr: the GC heap's default cap of 1 GiB
;; rss: 64M
;; seconds: 5
;; tern: run -W gc=y,max-gc-heap=64M --invoke hoard {}
;; exit: 134
;; stderr: allocation size too large (-W max-gc-heap=67108864)
;; rss: 160M
;; seconds: 10
;; tern: run -W gc=y --invoke churn {}
;; exit: 0
;; stdout: 16384
;; rss: 96M
;; seconds: 10
(module
  (type $bytes (array (mut i8)))
  (type $vecs (array (mut v128)))
  (type $link (struct (field (ref $bytes)) (field (ref null $link))))
  (global $chain (mut (ref null $link)) (ref.null $link))
  (func (export "huge") (result i32)
    (array.len (array.new_default $vecs (i32.const -1))))
  ;; Keeps every array reachable: never returns.
  (func (export "hoard")
    (loop $more
      (global.set $chain
        (struct.new $link (array.new_default $bytes (i32.const 0x100000)) (global.get $chain)))
      (br $more)))
  ;; 16 384 arrays of 1 MiB, each garbage at once.
  (func (export "churn") (result i32) (local $n i32)
    (loop $more
      (drop (array.new $bytes (local.get $n) (i32.const 0x100000)))
      (br_if $more (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1)))
                             (i32.const 16384))))
    (local.get $n)))
