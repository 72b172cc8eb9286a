;; An export whose name is not UTF-8 (a lone continuation byte, then 0xff).
;; tern: validate {}
;; exit: 1
;; stderr: UTF-8
(module binary
  "\00asm" "\01\00\00\00"
  "\05\03\01\00\00"                    ;; memory 0
  "\07\07\01\03\80\ff\61\02\00")       ;; export "\80\ffa" memory 0
