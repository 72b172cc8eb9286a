-- integer & float math
local mi, ma = math.mininteger, math.maxinteger
print(mi, ma, ma + 1 == mi, mi - 1 == ma, ma * 2, mi * -1, -mi, mi // -1, mi % -1)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, 5.3 % 0.1, -0.0 // 1)
print(1 // 0.0, -1 // 0.0, 0/0 ~= 0/0, 1 % math.huge, -1 % math.huge, 1 % -math.huge)
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7.5, 2), math.fmod(7, 0.5), math.fmod(mi, -1), math.fmod(5.5, math.huge))
print(math.fmod(1e308, 3), math.fmod(-1e-308, 7), math.fmod(3, 2^60))
print(3 / 2, 4 / 2, 2^10, 2^0.5, 10 // 3.0, 2^-1, (-8)^(1/3) ~= (-8)^(1/3))
print(1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 5 & 3, 5 | 3, 5 ~ 3, ~0, 1 << -1, 3 >> -2)
print(math.abs(mi), math.abs(-3.5), math.floor(-3.5), math.ceil(-3.5), math.floor(2^62 + 0.0), math.ceil(1e20))
print(math.max(1, 2.5, -1), math.min(3, 1.0, 2), math.max(mi, ma), math.ult(1, -1), math.ult(-1, 1))
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1, 2), math.atan(-1, -2))
print(math.exp(1), math.log(10), math.log(8, 2), math.log(100, 10), math.log(27, 3), math.pi, math.huge, -math.huge)
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(math.huge), math.modf(-math.huge))
print(3 == 3.0, 2^53 == 2^53 + 1, math.tointeger(2^53), ma + 0.0, ma + 0.0 == ma, mi + 0.0 == mi)
print(1e308 * 10, -1e308 * 10, 5e-324, 5e-324 / 2, 2.2250738585072014e-308)
print(string.format("%.17g %.17g %.17g", 0.1 + 0.2, 1/3, 2/3), 0.1 + 0.2 == 0.3)
print(tostring(3.0), tostring(-3.0), tostring(1e300 * 1e10), 3 | 0, math.floor(3.9999), 1e3 // 1)
for _, s in ipairs({"10", "0x7fffffffffffffff", "0xffffffffffffffff", "1e1", "  0x1P-2  ", ".5", "5.", "0x.8", "inf", "nan", "1 2"}) do
  io.write(tostring(tonumber(s)), " ") end print()
print(8 % 3.5, 2^63 % 2, -2^63 // 1, math.tointeger(-2^63), (2^63) // 1 == 2^63)
print(string.format("%d", 3.0), math.floor(-0.0), 1/math.floor(-0.0) < 0, 0.0 == -0.0)
-- float -> int conversions in for loops
local s = 0 for i = 1, 3, 0.5 do s = s + i end print("floatfor", s)
local c = 0 for i = ma - 2, ma do c = c + 1 end print("intfor edge", c)
local c2 = 0 for i = mi, mi + 2 do c2 = c2 + 1 end print("intfor edge2", c2)
local c3 = 0 for i = 1, 0 do c3 = c3 + 1 end print("empty", c3)
-- integer ops with wraparound
local h = 0
for i = 1, 100000 do h = h * 6364136223846793005 + 1442695040888963407 + i end
print("lcg64", h, h >> 33, h % 1000, h // 1000)
local x = 1 for i = 1, 70 do x = x * 3 end print("3^70 wrap", x)
local f = 1.0 for i = 1, 30 do f = f * 1.1 end print("1.1^30", f, string.format("%.20g", f))
-- random with fixed seed (algorithm is xoshiro256**, deterministic)
math.randomseed(12345)
local rs = {} for i = 1, 5 do rs[i] = math.random(1, 1000) end print("rand", table.concat(rs, " "))
print(math.random(0) ~= nil, math.random() < 1)
-- comparisons int/float
print(1 < 1.5, ma < 2^63, ma + 0.0 == 2^63, mi == -2^63, ma == 2^63, 2^53 + 1 == (2^53 + 1) // 1)
print(math.tointeger("8"), math.tointeger(2^31), 0x7fffffff + 1, 0xffffffff * 0xffffffff)
-- string <-> number coercions
print("10" + 5, "3.5" * 2, 10 .. 20, "0x10" + 0, "10" // "3", -"2", "2" ^ 3)
-- gcd/primes
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
print(gcd(1071, 462), gcd(2^40 // 1, 6^15 // 1))
local sieve, count = {}, 0
for i = 2, 100000 do if not sieve[i] then count = count + 1 for j = i * i, 100000, i do sieve[j] = true end end end
print("primes", count)
-- float accumulation / printing
local acc = 0.0 for i = 1, 1000 do acc = acc + 1 / i end print("harmonic", acc, string.format("%.15e", acc))
local vals = {1e-5, 123456.789, 1e21, 1e-300 * 1e-10, 2^63, -2^63, 0.1, 100/3}
for _, v in ipairs(vals) do io.write(string.format("%g|%.3f|%e|%s ", v, v, v, tostring(v))) end print()
