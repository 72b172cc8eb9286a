;; A code section whose only body stops in the middle of an instruction.
;; tern: run {}
;; exit: 1
;; stderr: unexpected end
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"      ;; type 0: [] -> []
  "\03\02\01\00"            ;; one function of type 0
  "\0a\06\01\04\00\41")     ;; body: no locals, i32.const with no immediate
