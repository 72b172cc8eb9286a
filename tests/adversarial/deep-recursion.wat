;; Unbounded recursion: "call stack exhausted", never a host stack overflow.
;; tern: run --invoke f {}
;; exit: 134
;; stderr: call stack exhausted
;; stderr: wasm backtrace
;; seconds: 5
;; tern: run --max-stack 64K --invoke f {}
;; exit: 134
;; stderr: call stack exhausted (--max-stack 65536)
(module (func $f (export "f") (call $f)))
