;; A memory64 of 2^40 pages (64 PiB) initially: refused with a clear error,
;; with or without a cap, and nothing of that size allocated.
;; tern: run {}
;; exit: 1
;; stderr: memory
;; rss: 64M
;; tern: run --max-memory 1G {}
;; exit: 134
;; stderr: exceeds the store's memory limit (--max-memory 1073741824)
(module (memory i64 0x10000000000))
