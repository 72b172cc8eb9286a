;; A 4 GiB initial memory: over a cap it fails instantiation naming the
;; limit; without one it is reserved, not touched.
;; tern: run --max-memory 64M {}
;; exit: 134
;; stderr: memory minimum size of 65536 pages exceeds the store's memory limit (--max-memory 67108864)
;; tern: run --invoke size {}
;; exit: 0
;; stdout: 65536
;; rss: 64M
(module
  (memory 65536)
  (func (export "size") (result i32) (memory.size)))
