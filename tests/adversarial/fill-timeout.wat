;; 256 MiB filled again and again: one operator per fill, so only the
;; checks between chunks of the fill can see the deadline or the fuel.
;; tern: run --timeout 300ms --invoke fill {}
;; exit: 134
;; stderr: interrupt (--timeout 300ms elapsed)
;; seconds: 3
;; rss: 400M
;; tern: run --fuel 10000000 --invoke fill {}
;; exit: 134
;; stderr: all fuel consumed
;; seconds: 3
;; rss: 400M
(module
  (memory 4096)
  (func (export "fill")
    (loop
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 0x10000000))
      (memory.copy (i32.const 1) (i32.const 0) (i32.const 0x0fffffff))
      (br 0))))
