-- Lua errors caught by pcall/xpcall, raised from Lua and from C (the C
-- library's luaL_error): each one is a longjmp, on wasm a thrown exception.
local caught, sum = 0, 0
for i = 1, 20000 do
  local ok, err = pcall(function(n)
    if n % 3 == 0 then error({code = n}) end
    if n % 3 == 1 then return string.rep("x", -1) .. nil end -- concat nil: error
    return n
  end, i)
  if ok then sum = sum + err else caught = caught + 1 end
end
print("caught", caught, "sum", sum)

-- Nested pcalls: an error unwinds through inner handlers' frames.
local function depth(n)
  if n == 0 then error("bottom") end
  local ok, err = pcall(depth, n - 1)
  if not ok then error(err .. "<" .. n, 0) end
end
local ok, msg = pcall(depth, 30)
print(ok, #msg, msg:sub(-20))

-- xpcall with a traceback handler, error objects that are tables.
local ok2, tb = xpcall(function() local t = nil; return t.field end, debug.traceback)
print(ok2, tb:match("attempt to index a nil value") ~= nil)
local ok3, obj = pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))
print(ok3, tostring(obj))

-- Errors from C functions: tonumber bases, string.format, table.insert.
for _, f in ipairs({
  function() return ("x"):rep(1, 2, 3, {}) end,
  function() return string.format("%d", "not a number") end,
  function() return table.insert({}, 1, 2, 3) end,
  function() return math.floor({}) end,
}) do
  local ok4, e = pcall(f)
  print(ok4, (e:gsub("^.-:%d+: ", "")))
end

-- Coroutines: errors inside them come back from resume (another longjmp).
local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  error("inside " .. b)
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, "coroutine"))
print(coroutine.status(co))
local wrapped = coroutine.wrap(function() error({}) end)
print(pcall(wrapped) == false)

-- string.gsub with a failing replacement function, many times.
local fails = 0
for i = 1, 5000 do
  local okg = pcall(string.gsub, "abc", "%w", function(c) if c == "b" then error(i) end end)
  if not okg then fails = fails + 1 end
end
print("gsub failures", fails)

-- An uncaught error ends the script with the driver's report (exit 1).
error("the end")
