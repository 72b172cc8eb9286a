;; An import module name with an overlong (hence invalid) UTF-8 encoding of '/'.
;; tern: validate {}
;; exit: 1
;; stderr: UTF-8
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"
  "\02\08\01\02\c0\af\01\66\00\00")    ;; import "\c0\af" "f" (func (type 0))
