-- string library
local fmts = {"%d","%5d","%-5d|","%x","%X","%o","%e","%.3e","%g","%.14g","%.17g","%a","%f","%.0f","%10.4f","%q","%s","%10s","%-10s|","%c","%i","%+d","%05.1f","%.20f","%#x","%#o","%%"}
local vals = {0, 1, -1, 42, 3.14159, -2.5e-300, 1e308, 2^53, 1/3, 255, 65, 123456789012}
for _, f in ipairs(fmts) do
  local out = {}
  for _, v in ipairs(vals) do
    local isint = f:find("[dxXoci]") and true or false
    if f == "%c" and not (math.tointeger(v) and v >= 32 and v < 127) then out[#out+1] = "skip"
    elseif isint and not math.tointeger(v) then out[#out+1] = "skip"
    elseif f == "%%" then out[#out+1] = string.format(f)
    else out[#out+1] = string.format(f, v) end
  end
  print(f, table.concat(out, " "))
end
print(string.format("%q", "a\nb\0c\"d\\\r\t\200"))
print(string.format("%q", 1/0), string.format("%q", -1/0), string.format("%q", math.mininteger), string.format("%q", 0.1))
print(string.format("%5.2s|%.3s", "abcdef", "xy"))
print(("hello world from lua"):gsub("o", "0"))
print(("hello world"):gsub("(%w+)", "<%1>"))
print(("hello world"):gsub("%w+", function(w) return w:upper() end, 1))
print(("$name is $age"):gsub("%$(%w+)", {name="bob", age=42}))
print(string.find("the quick brown fox", "q(%a+)"))
print(string.find("a.b.c", ".", 1, true), string.find("a+b", "+", 1, true))
print(string.match("key = value # comment", "^(%w+)%s*=%s*([^#]-)%s*#"))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, ":", v, " ") end print()
print(string.match("  trim me  ", "^%s*(.-)%s*$") .. "|")
print(string.match("[[nested]]", "%[(%b[])%]"))
print(string.match("THE (quick) fox", "%f[%a]%a+"), ("THE (quick) fox"):gsub("%f[%w]%w+", "W"))
print(string.rep("ab", 5, ","), string.rep("x", 0), #string.rep("abc", 1000))
print(string.byte("ABCDE", 1, -1)); print(string.char(72, 105, 33))
print(("MiXeD"):lower(), ("MiXeD"):upper(), ("abc"):reverse(), ("abcdef"):sub(2, -2), ("abcdef"):sub(-3))
print(tostring(1e15), tostring(1e16), tostring(-0.0), tostring(0/0 ~= 0/0), tostring(2^63), tostring(1e100), 123456789012345678)
print(1e15, 0.1, 1/3, -1/3, 100, 100.0, 1e-7, 123.456e10, 2^-1074, 1.7976931348623157e308)
print(tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("10", 2), tonumber("zz", 36), tonumber("0x1p4"), tonumber("abc"), tonumber("9223372036854775808"))
print(math.tointeger(3.0), math.tointeger(3.5), 3 == 3.0, math.type(1), math.type(1.0), math.type("1"))
print(string.pack and #string.pack("i4i8d", 1, 2, 3.0))
local p = string.pack("<i4 >i4 z s1 d", -2, 258, "zs", "s1", 1.5)
print(#p, string.unpack("<i4 >i4 z s1 d", p))
print(utf8 and utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), #utf8.char(128512))
for p, c in utf8.codes("aä€") do io.write(p, "=", c, " ") end print()
local parts = {}
for w in ("one two  three   four"):gmatch("%S+") do parts[#parts+1] = w end
print(#parts, table.concat(parts, "|"))
-- big string building
local t = {}
for i = 1, 20000 do t[i] = string.format("%05d:%x;", i, i*7919) end
local s = table.concat(t)
print(#s, s:sub(1, 40), s:sub(-30))
local cnt = select(2, s:gsub("%d%d%d:", ""))
print("count", cnt)
local h = 0
for i = 1, #s do h = (h * 31 + s:byte(i)) & 0xffffffff end
print("hash", h)
