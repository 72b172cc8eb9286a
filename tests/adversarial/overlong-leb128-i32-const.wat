;; An i32.const immediate whose fifth LEB128 byte has unused bits that do
;; not extend the sign: malformed.
;; tern: validate {}
;; exit: 1
;; stderr: integer
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\01\60\00\01\7f"             ;; type 0: [] -> [i32]
  "\03\02\01\00"
  "\0a\0a\01\08\00\41\ff\ff\ff\ff\0f\0b")
