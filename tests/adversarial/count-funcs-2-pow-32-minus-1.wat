;; A function section declaring 2^32 - 1 functions, then no code.
;; tern: validate {}
;; exit: 1
;; rss: 64M
;; seconds: 5
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"
  "\03\06\ff\ff\ff\ff\0f\00")
