;; 256 MiB filled again and again: one operator per fill, so only the
;; checks between chunks of the fill can see the deadline or the fuel.
;; The run budget is the default hang guard, not 3 s: the first touch of
;; 256 MiB of huge pages (linear memory asks for them) can stall for
;; seconds in the kernel's compaction on a host whose memory is
;; fragmented, as right after a build (seen: 3.4 s of system time where
;; 0.06 s is usual).
;; tern: run --timeout 300ms --invoke fill {}
;; exit: 134
;; stderr: interrupt (--timeout 300ms elapsed)
;; seconds: 10
;; rss: 400M
;; tern: run --fuel 10000000 --invoke fill {}
;; exit: 134
;; stderr: all fuel consumed
;; seconds: 10
;; rss: 400M
(module
  (memory 4096)
  (func (export "fill")
    (loop
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 0x10000000))
      (memory.copy (i32.const 1) (i32.const 0) (i32.const 0x0fffffff))
      (br 0))))
