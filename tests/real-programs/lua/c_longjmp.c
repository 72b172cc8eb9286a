/* The exception tag that longjmp throws when setjmp/longjmp are lowered to
   WebAssembly exception handling (clang -mllvm -wasm-enable-sjlj). wasi-libc's
   runtime for that lowering (setjmp/wasm32/rt.c) refers to it; the copy zig
   bundles does not define it, so the Lua build with real setjmp defines it
   here: a tag carrying one i32, the address of the longjmp's arguments. */
__asm__(".globl __c_longjmp\n.tagtype __c_longjmp i32\n__c_longjmp:\n");
