;; Recursion of a function with 50 000 i64 locals (400 KB a frame): the
;; value stack's cap (16 MiB by default) stops it after a few dozen frames,
;; and host memory stays bounded.
;; tern: run --invoke f {}
;; exit: 134
;; stderr: call stack exhausted
;; rss: 128M
;; tern: run --max-stack 1M --invoke f {}
;; exit: 134
;; stderr: call stack exhausted (--max-stack 1048576)
;; rss: 64M
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"                         ;; type 0: [] -> []
  "\03\02\01\00"                               ;; func 0: type 0
  "\07\05\01\01\66\00\00"                      ;; export "f" (func 0)
  "\0a\0a\01\08\01\d0\86\03\7e\10\00\0b")      ;; (local i64 x 50000) (call 0)
