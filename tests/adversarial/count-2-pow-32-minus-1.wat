;; Declared counts of 2^32 - 1 in sections that hold a few bytes: refused
;; before anything that large is allocated.
;; tern: validate {}
;; exit: 1
;; rss: 64M
;; seconds: 5
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\ff\ff\ff\ff\0f")             ;; 4 294 967 295 types, no bytes for them
