;; A type section that declares 10 bytes of payload, of which the file has 2.
;; tern: validate {}
;; exit: 1
;; stderr: unexpected end
(module binary
  "\00asm" "\01\00\00\00"
  "\01\0a\01\60")
