;; An endless loop in the start function: stopped during instantiation.
;; tern: run --timeout 200ms {}
;; exit: 134
;; stderr: interrupt (--timeout 200ms elapsed)
;; seconds: 2
;; tern: run --fuel 100000 {}
;; exit: 134
;; stderr: all fuel consumed by WebAssembly (--fuel 100000)
;; seconds: 2
(module (func $start (loop (br 0))) (start $start))
