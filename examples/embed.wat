;; A guest that imports two host functions: `env.log` prints a string from
;; guest memory, `env.now_ms` returns a host value.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "now_ms" (func $now_ms (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from the guest")

  ;; Logs the greeting, then returns the sum 1 + 2 + ... + n.
  (func (export "run") (param $n i32) (result i64)
    (local $sum i64)
    (call $log (i32.const 16) (i32.const 20))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $sum))

  (func (export "uptime") (result i64)
    (call $now_ms)))
