-- file I/O in preopened dir /data and error paths
local dir = arg[1] or "/data"
local fn = dir .. "/lua_io_test.txt"
local f = assert(io.open(fn, "w"))
for i = 1, 1000 do f:write(string.format("line %d %g\n", i, i / 7)) end
f:write("no newline at end")
f:close()
local f2 = assert(io.open(fn, "r"))
local n, last, bytes = 0, nil, 0
for l in f2:lines() do n = n + 1 last = l bytes = bytes + #l end
f2:close()
print("lines", n, last, bytes)
local f3 = assert(io.open(fn, "rb"))
local all = f3:read("a")
print("size", #all, f3:seek("cur"), f3:seek("set", 5), f3:read(4), f3:seek("end"))
f3:seek("set", 0)
print(f3:read("n", "n"), f3:read("l"), f3:read(3))
f3:close()
local fa = assert(io.open(fn, "a")) fa:write("\nappended") fa:close()
for l in io.lines(fn) do last = l end print("last after append", last)
print(os.rename(fn, fn .. ".2"))
print(io.open(fn, "r"))
print(os.remove(fn .. ".2"))
print(os.remove(fn .. ".nonexistent"))
print(io.type(io.stdout), io.type(f3), io.type(42))
io.stdout:write("direct stdout write\n")
io.stderr:write("to stderr\n")
print(os.getenv("HOME_NOT_SET_XYZ"))
print(type(os.time()), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year=2020, month=1, day=1, hour=12}) ~= nil)
print(os.date("!*t", 1000000000).year, os.difftime(10, 5))
-- errors caught by pcall abort in this build (no setjmp); test error() outside pcall -> exits
print(select("#", "before error"))
error("deliberate failure at end")
