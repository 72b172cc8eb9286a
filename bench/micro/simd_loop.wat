;; A SIMD loop for the JIT (docs/benchmarks.md, 2026-12-04):
;; tern run -C strategy=jit --invoke run bench/micro/simd_loop.wat 50000000  (prints 1000)
(module
  (memory 1)
  (func (export "run") (param $n i32) (result f32)
    (local $acc v128) (local $x v128) (local $i i32)
    (local.set $x (f32x4.splat (f32.const 1.0001)))
    (local.set $acc (f32x4.splat (f32.const 0.5)))
    (loop $l
      (local.set $acc (f32x4.add (f32x4.mul (local.get $acc) (local.get $x)) (f32x4.splat (f32.const 0.25))))
      (local.set $acc (i8x16.swizzle (local.get $acc) (v128.const i8x16 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11)))
      (local.set $acc (f32x4.min (local.get $acc) (f32x4.splat (f32.const 1000.0))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (f32x4.extract_lane 0 (local.get $acc))))
