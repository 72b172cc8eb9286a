;; A section size written as a six-byte LEB128 (at most five are allowed for a u32).
;; tern: validate {}
;; exit: 1
;; stderr: malformed
(module binary
  "\00asm" "\01\00\00\00"
  "\01\81\80\80\80\80\00\00")
