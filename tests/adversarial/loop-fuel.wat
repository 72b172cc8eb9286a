;; `(loop (br 0))` under fuel: a trap once the fuel is spent, naming the limit.
;; tern: run --fuel 1000000 --invoke spin {}
;; exit: 134
;; stderr: wasm trap: all fuel consumed by WebAssembly (--fuel 1000000)
;; stderr: spin
;; seconds: 5
;; tern: run -W fuel=10 --invoke spin {}
;; exit: 134
;; stderr: all fuel consumed by WebAssembly (--fuel 10)
(module (func $spin (export "spin") (loop (br 0))))
