/*
 * lua_compat.h — the few Lua 5.2+ API functions the binding uses, back-filled
 * for Lua 5.1 and LuaJIT (which has the 5.1 ABI).
 *
 * The approach of lua-compat-5.3: each missing function gets a `static` copy
 * under a private name and a macro maps the 5.2 name onto it, so the module
 * never depends on a symbol the host might not export. LuaJIT 2.1 happens to
 * export some of these (luaL_setfuncs, luaL_testudata, luaL_setmetatable), but
 * PUC Lua 5.1 — which some Neovim builds embed — does not, so they are never
 * used from the host on 5.1. No LuaJIT-only extension is used.
 *
 * Include after lua.h and lauxlib.h. Only src/lua_dossier.c includes it.
 */
#ifndef DOSSIER_LUA_COMPAT_H
#define DOSSIER_LUA_COMPAT_H

#include <lauxlib.h>
#include <lua.h>

/* The copies are static; a unit that does not use one must not warn. */
#if defined(__GNUC__)
#define DOSSIER_COMPAT_FN static __attribute__((unused))
#else
#define DOSSIER_COMPAT_FN static
#endif

#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM < 502

/* lua_absindex: a relative stack index made absolute. */
DOSSIER_COMPAT_FN int dossier_compat_absindex(lua_State *L, int i) {
    if (i < 0 && i > LUA_REGISTRYINDEX) i += lua_gettop(L) + 1;
    return i;
}
#undef lua_absindex
#define lua_absindex dossier_compat_absindex

/* lua_rawlen: the raw length of a string, table or userdata (no __len). */
#undef lua_rawlen
#define lua_rawlen(L, i) lua_objlen((L), (i))

/* luaL_setfuncs: registers l into the table on top of the stack below nup
 * upvalues, which are shared by every function and popped afterwards. */
DOSSIER_COMPAT_FN void dossier_compat_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
    luaL_checkstack(L, nup + 1, "too many upvalues");
    for (; l->name != NULL; l++) {
        int i;
        lua_pushstring(L, l->name);
        for (i = 0; i < nup; i++)
            lua_pushvalue(L, -(nup + 1));
        lua_pushcclosure(L, l->func, nup);
        lua_settable(L, -(nup + 3));
    }
    lua_pop(L, nup);
}
#undef luaL_setfuncs
#define luaL_setfuncs dossier_compat_setfuncs

/* luaL_setmetatable: sets the registry metatable tname on the top value. */
DOSSIER_COMPAT_FN void dossier_compat_setmetatable(lua_State *L, const char *tname) {
    luaL_getmetatable(L, tname);
    lua_setmetatable(L, -2);
}
#undef luaL_setmetatable
#define luaL_setmetatable dossier_compat_setmetatable

/* luaL_testudata: like luaL_checkudata but returns NULL instead of raising. */
DOSSIER_COMPAT_FN void *dossier_compat_testudata(lua_State *L, int i, const char *tname) {
    void *p = lua_touserdata(L, i);
    luaL_checkstack(L, 2, "not enough stack slots");
    if (p == NULL || !lua_getmetatable(L, i)) return NULL;
    luaL_getmetatable(L, tname);
    if (!lua_rawequal(L, -1, -2)) p = NULL;
    lua_pop(L, 2);
    return p;
}
#undef luaL_testudata
#define luaL_testudata dossier_compat_testudata

/* luaL_newlibtable / luaL_newlib (LuaJIT's lauxlib.h has them as macros over
 * its own luaL_setfuncs; redefine them over the copy above). */
#undef luaL_newlibtable
#define luaL_newlibtable(L, l) lua_createtable((L), 0, (int)(sizeof(l) / sizeof((l)[0]) - 1))
#undef luaL_newlib
#define luaL_newlib(L, l) (luaL_newlibtable((L), (l)), luaL_setfuncs((L), (l), 0))

#endif /* LUA_VERSION_NUM < 502 */

/* lua_isinteger exists from 5.3 on; below, every number is a double (or, in
 * 5.2, a lua_Number that lua_tointeger truncates). The binding checks
 * integrality itself and only calls this on 5.3+. */
#if defined(LUA_VERSION_NUM) && LUA_VERSION_NUM >= 503
#define DOSSIER_HAS_INTEGERS 1
#else
#define DOSSIER_HAS_INTEGERS 0
#endif

#endif
