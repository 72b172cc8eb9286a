(module
  (type (;0;) (func (result f32)))
  (type (;1;) (func))
  (table (;0;) i64 3622 funcref)
  (tag (;0;) (type 1))
  (tag (;1;) (type 1))
  (global (;0;) (mut i64) i64.const 4784890906222565061)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (global (;5;) (mut v128) v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
  (export "" (func 1))
  (func (;0;) (type 1)
    block (result externref) ;; label = @1
      i32.const 2
      i64.const 8134655800298582140
      i32.const -113470628
      if (result i32) ;; label = @2
        table.size 0
        f64.const 0x1.fffffffffffffp-1020 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001780059086805761;)
        i32.trunc_sat_f64_u
        try_table (type 0) (result f32) (catch 1 2) ;; label = @3
          f64.const -0x1.316890b8f16a3p-736 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003300382583851121;)
          try_table (type 1) (catch 0 3) (catch_all 3) (catch_all 3) (catch 0 3) ;; label = @4
            v128.const i32x4 0x1742a715 0xd62b4da1 0x711dc460 0xc0ea2b53
            table.size 0
            try_table (catch 1 4) (catch 0 0 (;@4;)) (catch_all 0 (;@4;)) ;; label = @5
              i64.const 2139095039
              block (result i32) ;; label = @6
                block (type 0) (result f32) ;; label = @7
                  global.get 0
                  ref.null extern
                  ref.is_null
                  f32.const nan:0x7fffff (;=NaN;)
                  try_table (result v128) (catch_all 3 (;@4;)) (catch 1 2 (;@5;)) (catch 1 2 (;@5;)) ;; label = @8
                    f64.const -0x1.ecb7cdc017681p+716 (;=-663491469577899500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                    f64.const 0x1.p-1028 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000034766779039175;)
                    i64.reinterpret_f64
                    f64.reinterpret_i64
                    f64.le
                    f32.convert_i32_u
                    i32.reinterpret_f32
                    try_table (catch_all 4 (;@4;)) (catch 1 3 (;@5;)) ;; label = @9
                      try_table (type 1) (catch_all 5 (;@4;)) (catch_all 5 (;@4;)) (catch 1 0 (;@9;)) (catch_all 0 (;@9;)) (catch 0 9) (catch_all 4 (;@5;)) ;; label = @10
                        loop (result exnref) ;; label = @11
                          loop (type 0) (result f32) ;; label = @12
                            table.size 0
                            f64.convert_i64_u
                            loop (type 1) ;; label = @13
                              i32.const -1232704273
                              i8x16.splat
                              i32x4.bitmask
                              v128.const i32x4 0xf79640b8 0x7a9b3fff 0x50128efd 0xfd491981
                              i16x8.extract_lane_u 2
                              i32.ge_s
                              if (type 0) (result f32) ;; label = @14
                                i64.const 1397888819689240104
                                global.get 0
                                i64.div_u
                                i32.wrap_i64
                                f32.convert_i32_s
                                loop ;; label = @15
                                  i32.const -172112028
                                  br_table 0 (;@15;) 2 (;@13;) 3 (;@12;) 4 (;@11;) 5 (;@10;) 6 (;@9;) 10 (;@5;) 11 (;@4;) 15 10 (;@5;)
                                end
                                i32.reinterpret_f32
                                global.get 2
                                i32.xor
                                global.set 2
                                f32.const 0x1.ffffep-130 (;=0.000000000000000000000000000000000000001469367;)
                              else
                                f32.const -nan:0x7ffffd (;=NaN;)
                              end
                              i32.reinterpret_f32
                              global.get 3
                              i32.xor
                              global.set 3
                            end
                            i64.reinterpret_f64
                            global.get 4
                            i64.xor
                            global.set 4
                            f32.const 0x1.96512ap+15 (;=52008.582;)
                          end
                          i32.reinterpret_f32
                          global.get 3
                          i32.xor
                          global.set 3
                          ref.null exn
                        end
                        drop
                      end
                    end
                    global.get 2
                    i32.xor
                    global.set 2
                    v128.const i32x4 0x0f86bd1a 0xd0978be2 0x75123068 0x2e574b8b
                  end
                  global.get 5
                  v128.xor
                  global.set 5
                  i32.reinterpret_f32
                  global.get 3
                  i32.xor
                  global.set 3
                  global.get 2
                  i32.xor
                  global.set 2
                  global.get 1
                  i64.xor
                  global.set 1
                  f32.const 0x1.p-143 (;=0.00000000000000000000000000000000000000000009;)
                end
                i32.reinterpret_f32
              end
              global.get 2
              i32.xor
              global.set 2
              global.get 1
              i64.xor
              global.set 1
            end
            global.get 1
            i64.xor
            global.set 1
            global.get 5
            v128.xor
            global.set 5
          end
          i64.reinterpret_f64
          global.get 4
          i64.xor
          global.set 4
          f32.const nan:0x7fffff (;=NaN;)
        end
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        global.get 2
        i32.xor
        global.set 2
        global.get 1
        i64.xor
        global.set 1
        i32.const 872415232
      else
        i32.const -1650454933
      end
      global.get 2
      i32.xor
      global.set 2
      global.get 1
      i64.xor
      global.set 1
      global.get 2
      i32.xor
      global.set 2
      ref.null extern
    end
    drop
  )
  (func (;1;) (type 1)
    f64.const 0x1.3bb3bb569e6aap-255 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000021300440256342644;)
    i64.trunc_sat_f64_u
    f32.convert_i64_u
    i64.const 8796093022207
    loop (type 0) (result f32) ;; label = @1
      v128.const i32x4 0x809b5410 0xe587c4a8 0xd8d799bf 0xc71028be
      i64.const 2521490081475293730
      table.size 0
      i32.const 65535
      f32.convert_i32_s
      i32.trunc_sat_f32_s
      i64.extend_i32_u
      i64.lt_s
      f64.convert_i32_s
      i64.trunc_f64_u
      f64.convert_i64_s
      i64.trunc_sat_f64_u
      i32.wrap_i64
      i32.const 268435456
      i32.ge_u
      f64.convert_i32_s
      try_table (catch_all 0 (;@1;)) ;; label = @2
        ref.null exn
        try_table (result i32) (catch 1 2) (catch 1 1 (;@1;)) (catch_all 1 (;@1;)) (catch 0 0 (;@2;)) (catch 1 1 (;@1;)) (catch 1 0 (;@2;)) ;; label = @3
          try_table (type 1) (catch 1 3) (catch_all 2 (;@1;)) (catch 0 3) (catch 0 3) (catch_all 1 (;@2;)) (catch_all 2 (;@1;)) ;; label = @4
            i64.const -6675388758789747030
            f32.convert_i64_s
            block (type 1) ;; label = @5
              throw 0
              block ;; label = @6
                loop (result i64) ;; label = @7
                  try_table (type 0) (result f32) (catch_all 7) (catch_all 6 (;@1;)) (catch_all 0 (;@7;)) (catch_all 2 (;@5;)) (catch_all 1 (;@6;)) (catch_all 7) (catch 1 7) ;; label = @8
                    loop (type 1) ;; label = @9
                    end
                    f32.const -nan:0x7fffdf (;=NaN;)
                  end
                  i32.reinterpret_f32
                  global.get 3
                  i32.xor
                  global.set 3
                  i64.const -2158540527740916228
                end
                global.get 1
                i64.xor
                global.set 1
              end
            end
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
          end
          i32.const -988666774
        end
        global.get 2
        i32.xor
        global.set 2
        drop
      end
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      global.get 1
      i64.xor
      global.set 1
      global.get 5
      v128.xor
      global.set 5
      f32.const 0x1.e07d9ap+59 (;=1081968700000000000;)
    end
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    global.get 1
    i64.xor
    global.set 1
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
  )
  (func (;2;) (type 1)
    table.size 0
    i64.eqz
    i32.const -1
    i32.div_u
    loop ;; label = @1
      f32.const 0x1.a8a828p-37 (;=0.000000000012069474;)
      try_table (type 0) (result f32) (catch_all 0 (;@1;)) ;; label = @2
        v128.const i32x4 0xe1f9c373 0x6383c028 0x04816d44 0xe1c54155
        i32x4.bitmask
        i64.extend_i32_s
        return_call_indirect (type 1)
        try_table (result funcref) (catch 1 1 (;@1;)) (catch 1 2) (catch_all 2) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch 1 2) (catch 0 2) ;; label = @3
          try_table (result v128) (catch_all 2 (;@1;)) ;; label = @4
            br 3 (;@1;)
            loop (type 0) (result f32) ;; label = @5
              return_call 2
              try_table (result i32) (catch_all 4 (;@1;)) (catch 0 5) (catch 1 5) (catch_all 0 (;@5;)) (catch 1 5) (catch_all 5) (catch 1 0 (;@5;)) (catch 0 0 (;@5;)) (catch_all 4 (;@1;)) (catch_all 4 (;@1;)) ;; label = @6
                i32.const -262144
                f32.const -0x1.fffffep+0 (;=-1.9999999;)
                i64.const -4115218308794416957
                i64.eqz
                f32.convert_i32_u
                block (type 0) (result f32) ;; label = @7
                  loop ;; label = @8
                    block ;; label = @9
                      loop (result v128) ;; label = @10
                        i64.const 7961239183734148160
                        call 3
                        f32.const -0x1.8759ccp+77 (;=-231012720000000000000000;)
                        try_table (type 1) (catch 1 9 (;@1;)) ;; label = @11
                          block (result i64) ;; label = @12
                            f64.const 0x1.fff8p-1061 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080943;)
                            try_table (type 0) (result f32) (catch 0 12) (catch 1 11 (;@1;)) (catch 0 11 (;@1;)) ;; label = @13
                              table.size 0
                              f32.convert_i64_s
                              try_table (type 1) ;; label = @14
                                block (type 1) ;; label = @15
                                  ref.null func
                                  global.get 0
                                  try_table (type 1) ;; label = @16
                                  end
                                  global.get 1
                                  i64.xor
                                  global.set 1
                                  drop
                                end
                              end
                            end
                            i32.reinterpret_f32
                            global.get 3
                            i32.xor
                            global.set 3
                            i64.reinterpret_f64
                            global.get 4
                            i64.xor
                            global.set 4
                            i64.const 4319045222088616495
                          end
                          global.set 1
                        end
                        i32.reinterpret_f32
                        global.get 3
                        i32.xor
                        global.set 3
                        i32.reinterpret_f32
                        global.get 3
                        i32.xor
                        global.set 3
                        global.get 1
                        i64.xor
                        global.set 1
                        v128.const i32x4 0x5916023b 0x566b105b 0xf0388c8b 0xe0360601
                      end
                      global.get 5
                      v128.xor
                      global.set 5
                    end
                  end
                  f32.const 0x1.ffffep-130 (;=0.000000000000000000000000000000000000001469367;)
                end
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
              end
              global.set 2
            end
            drop
          end
          global.get 5
          v128.xor
          global.set 5
          ref.null func
        end
        drop
      end
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
    end
    global.get 2
    i32.xor
    global.set 2
  )
  (func (;3;) (type 0) (result f32)
    (local f64 f32)
    return_call 3
    loop ;; label = @1
      local.get 1
      i64.trunc_sat_f32_s
      block (type 1) ;; label = @2
        block (type 1) ;; label = @3
          local.get 0
          i64.reinterpret_f64
          i32.const 619018461
          try_table ;; label = @4
            local.get 0
            loop (type 1) ;; label = @5
            end
            i64.reinterpret_f64
            global.get 4
            i64.xor
            global.set 4
          end
          global.get 2
          i32.xor
          global.set 2
          global.get 1
          i64.xor
          global.set 1
        end
      end
      global.get 1
      i64.xor
      global.set 1
    end
  )
  (func (;4;) (type 1)
    v128.const i32x4 0x48f563de 0x612428c0 0xfc56ff26 0x3b9bcbf9
    v128.const i32x4 0x7512e9e0 0x3c6d6628 0xc90a235b 0x464273ca
    i8x16.relaxed_swizzle
    i64x2.extract_lane 1
    i32.wrap_i64
    table.size 0
    block (result f32) ;; label = @1
      table.size 0
      i64.const 476022760673007771
      i64.div_u
      i64.eqz
      f64.convert_i32_s
      i32.trunc_sat_f64_s
      call 3
      block ;; label = @2
        try_table (catch_all 2) (catch 1 0 (;@2;)) (catch 1 0 (;@2;)) (catch 0 2) (catch 1 2) (catch 1 0 (;@2;)) (catch 0 0 (;@2;)) ;; label = @3
          i32.const -32768
          global.get 2
          i32.xor
          global.set 2
        end
      end
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
      global.get 2
      i32.xor
      global.set 2
      f32.const 0x1.222222p-93 (;=0.00000000000000000000000000011443742;)
    end
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    global.get 1
    i64.xor
    global.set 1
    global.get 2
    i32.xor
    global.set 2
  )
)