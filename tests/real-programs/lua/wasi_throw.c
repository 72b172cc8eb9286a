#include "lua.h"
#include <stdio.h>
#include <stdlib.h>
void lua_wasi_throw(lua_State *L) {
  const char *msg = lua_tostring(L, -1);
  fflush(stdout);
  fprintf(stderr, "lua-wasi: unrecoverable error (no setjmp): %s\n", msg ? msg : "(non-string error object)");
  exit(3);
}
