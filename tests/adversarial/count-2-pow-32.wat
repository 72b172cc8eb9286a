;; A type section declaring 2^32 types: not a u32 at all.
;; tern: validate {}
;; exit: 1
;; stderr: too large
;; rss: 64M
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\80\80\80\80\10")
