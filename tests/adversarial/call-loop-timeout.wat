;; No loop at all: a function that calls itself through a tail call, for
;; ever. Function entry checks the deadline too.
;; tern: run --timeout 200ms --invoke f {}
;; exit: 134
;; stderr: interrupt
;; seconds: 2
;; tern: run --fuel 50000 --invoke f {}
;; exit: 134
;; stderr: all fuel consumed
(module (func $f (export "f") (return_call $f)))
