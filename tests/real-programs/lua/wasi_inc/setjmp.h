/* stub: setjmp not used (see wasi_throw.h) */
