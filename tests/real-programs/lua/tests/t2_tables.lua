-- tables and sorting
local function lcg(seed) local s = seed return function() s = (s * 1103515245 + 12345) % 2147483648; return s end end
local r = lcg(42)
local a = {}
for i = 1, 5000 do a[i] = r() % 100000 end
table.sort(a)
local ok = true
for i = 2, #a do if a[i-1] > a[i] then ok = false end end
print("sorted", ok, a[1], a[2500], a[5000])
local b = {}
for i = 1, 3000 do b[i] = {k = r() % 1000, id = i} end
table.sort(b, function(x, y) if x.k ~= y.k then return x.k > y.k end return x.id < y.id end)
print(b[1].k, b[1].id, b[1500].k, b[1500].id, b[3000].k, b[3000].id)
local words = {"pear","apple","fig","banana","cherry","date","elderberry","grape","Apple","Zebra"}
table.sort(words) print(table.concat(words, ","))
table.sort(words, function(x,y) return #x < #y or (#x == #y and x < y) end) print(table.concat(words, ","))
local fl = {3.5, -1.25, 1e10, -1e-10, 0, 2^60, -2^60, 7}
table.sort(fl) for i,v in ipairs(fl) do io.write(tostring(v), " ") end print()
local t = {}
table.insert(t, 1) table.insert(t, 1, 0) table.insert(t, 2) table.insert(t, 2, 99)
print(table.concat(t, ","), table.remove(t), table.remove(t, 1), table.concat(t, ","))
print(table.unpack({1, 2, 3, nil, 5}, 1, 5))
print(select("#", table.unpack({}, 1, 3)))
local m = table.move({1,2,3,4,5}, 2, 4, 1) print(table.concat(m, ","))
print(#table.pack(1, nil, 3), table.pack(1, nil, 3).n)
-- hash table with many keys, deterministic traversal via sorted keys
local h = {}
for i = 1, 10000 do h["k" .. i] = i * i end
for i = 1, 10000, 3 do h["k" .. i] = nil end
local keys = {}
for k in pairs(h) do keys[#keys+1] = k end
table.sort(keys)
local sum = 0 for _, k in ipairs(keys) do sum = sum + h[k] end
print(#keys, keys[1], keys[#keys], sum)
-- mixed keys
local mix = {[1]="a", [2]="b", [1.0+2]="c", [2^53]="big", ["1"]="str", [true]="t"}
print(mix[3], mix[2^53], mix["1"], mix[true], #mix)
-- metatables
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x=a.x+b.x, y=a.y+b.y}, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
V.__len = function(a) return math.sqrt(a.x*a.x + a.y*a.y) end
V.__call = function(self, k) return self.x * k end
V.__concat = function(a, b) return tostring(a) .. "&" .. tostring(b) end
V.__unm = function(a) return setmetatable({x=-a.x, y=-a.y}, V) end
V.__idiv = function(a, b) return "idiv" end
V.__band = function(a, b) return "band" end
V.__shl = function(a, b) return "shl" end
V.__close = nil
local function new(x, y) return setmetatable({x=x, y=y}, V) end
local p, q = new(1, 2), new(3, 4)
print(tostring(p + q), p == new(1,2), p < q, q <= p, #q, p(10), p .. q, tostring(-p), p // q, p & 1, 1 << p)
local prox = setmetatable({}, {__index = function(t, k) return k .. "!" end, __newindex = function(t, k, v) rawset(t, k, v * 2) end})
prox.a = 5 print(prox.a, prox.zz, rawget(prox, "zz"))
-- weak tables and gc
local weak = setmetatable({}, {__mode = "k"})
for i = 1, 100 do weak[{}] = i end
collectgarbage() collectgarbage()
local n = 0 for _ in pairs(weak) do n = n + 1 end
print("weak after gc", n)
print(collectgarbage("count") > 0)
-- inheritance
local Animal = {} Animal.__index = Animal
function Animal.new(name) return setmetatable({name=name}, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = setmetatable({}, {__index = Animal}) Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name) return setmetatable(d, Dog) end
function Dog:speak() return self.name .. " barks; " .. Animal.speak(self) end
print(Dog.new("rex"):speak())
-- next / ipairs stopping at nil
local arr = {1, 2, nil, 4}
local c = 0 for _ in ipairs(arr) do c = c + 1 end print("ipairs", c)
-- large array
local big = {}
for i = 1, 200000 do big[i] = i % 7 end
local s = 0 for i = #big, 1, -1 do s = s + big[i] end print("big", #big, s)
