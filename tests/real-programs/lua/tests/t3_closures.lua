-- closures, recursion, varargs, goto, load, pcall (success paths only: see README.md), <close>
local function counter() local c = 0 return function() c = c + 1 return c end end
local c1, c2 = counter(), counter()
c1() c1() print(c1(), c2())
local fns = {}
for i = 1, 5 do fns[i] = function() return i * i end end
local out = {} for i = 1, 5 do out[i] = fns[i]() end print(table.concat(out, " "))
-- deep recursion
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(10000))
local function tail(n, a) if n == 0 then return a end return tail(n - 1, a + n) end
print("tail", tail(1000000, 0))
-- varargs
local function va(...) local t = {...} return select("#", ...), #t, (select(2, ...)) end
print(va(1, nil, 3, nil))
print(select(-1, "a", "b", "c"))
-- upvalue sharing
local function mk() local x = 0; return function() x = x + 1 return x end, function() return x end end
local inc, get = mk() inc() inc() print("shared", get())
-- goto
local i = 1
::top:: if i <= 3 then io.write("g", i, " ") i = i + 1 goto top end print()
-- string.dump + load
local fsrc = "return function(a) return a * 2 + 1 end"
local ld = load(fsrc)()
print(ld(20), load(string.dump(ld))(21))
local env = {x = 5}
print(load("return x * 2", "c", "t", env)())
-- pcall success paths
print(pcall(function(a) return a, "ok" end, 7))
print(select("#", pcall(function() end)))
print(xpcall(function() return "fine" end, debug.traceback))
-- to-be-closed variables
do
  local log = {}
  do
    local a <close> = setmetatable({}, {__close = function() log[#log+1] = "a" end})
    local b <close> = setmetatable({}, {__close = function() log[#log+1] = "b" end})
    local k <const> = 5
  end
  print("close order", table.concat(log, ","))
end
