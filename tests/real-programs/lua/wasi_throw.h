/* Replacement for setjmp/longjmp based error handling on wasm32-wasi:
   any Lua error that would unwind (including errors caught by pcall) terminates the process. */
#include <stdio.h>
#include <stdlib.h>
struct lua_State;
void lua_wasi_throw(struct lua_State *L);
#define LUAI_THROW(L,c)  lua_wasi_throw(L)
#define LUAI_TRY(L,c,a)  { a }
#define luai_jmpbuf      int
