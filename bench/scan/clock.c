/* clock.c — module `benchclock` for the Lua bench scripts: now() in seconds,
 * on the same clock as bench/scan/common.h: process CPU time, or with
 * SCAN_CLOCK=wall the monotonic wall clock, which neither Lua offers. Built
 * once per Lua by bench/scan.sh, not linked with liblua; uses only API calls
 * that Lua 5.1 (LuaJIT) and 5.4 share. */
#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int now(lua_State *L) {
    const char *which = getenv("SCAN_CLOCK");
    struct timespec ts;
    clock_gettime(which && strcmp(which, "wall") == 0 ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID,
                  &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
    return 1;
}

int luaopen_benchclock(lua_State *L);

int luaopen_benchclock(lua_State *L) {
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, now);
    lua_setfield(L, -2, "now");
    return 1;
}
