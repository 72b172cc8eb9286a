/* minimal lua.c replacement: mylua [-e chunk]... [script [args...]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
static int report(lua_State *L, int status) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    fflush(stdout);
    fprintf(stderr, "mylua: %s\n", msg ? msg : "(error object)");
    lua_pop(L, 1);
  }
  return status;
}
static int msghandler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  luaL_traceback(L, L, msg, 1);
  return 1;
}
static int docall(lua_State *L, int narg, int nres) {
  int base = lua_gettop(L) - narg;
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  int status = lua_pcall(L, narg, nres, base);
  lua_remove(L, base);
  return status;
}
int main(int argc, char **argv) {
  lua_State *L = luaL_newstate();
  if (!L) { fprintf(stderr, "cannot create state\n"); return 1; }
  luaL_openlibs(L);
  int i = 1;
  while (i < argc && strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
    if (report(L, luaL_loadstring(L, argv[i+1]) || docall(L, 0, 0)) != LUA_OK) { lua_close(L); return 1; }
    i += 2;
  }
  if (i < argc) {
    const char *script = argv[i];
    lua_createtable(L, argc - i, i + 1);
    for (int j = 0; j < argc; j++) { lua_pushstring(L, argv[j]); lua_rawseti(L, -2, j - i); }
    lua_setglobal(L, "arg");
    int status = luaL_loadfile(L, script);
    if (status == LUA_OK) {
      int n = 0;
      for (int j = i + 1; j < argc; j++) { lua_pushstring(L, argv[j]); n++; }
      status = docall(L, n, LUA_MULTRET);
    }
    if (report(L, status) != LUA_OK) { lua_close(L); return 1; }
  }
  lua_close(L);
  return 0;
}
