;; Two local entries of 2^31 each: the sum overflows a u32.
;; tern: run {}
;; exit: 1
;; stderr: too many locals
;; rss: 64M
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"
  "\03\02\01\00"
  "\0a\10\01\0e\02\80\80\80\80\08\7f\80\80\80\80\08\7f\0b")
