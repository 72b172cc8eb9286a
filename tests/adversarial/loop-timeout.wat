;; `(loop (br 0))` under a deadline: interrupted after the timeout, well
;; before the harness's bound.
;; tern: run --timeout 250ms --invoke spin {}
;; exit: 134
;; stderr: wasm trap: interrupt (--timeout 250ms elapsed)
;; seconds: 2
;; tern: run -W timeout=100ms --invoke spin {}
;; exit: 134
;; stderr: interrupt (--timeout 100ms elapsed)
;; seconds: 2
(module (func $spin (export "spin") (loop (br 0))))
