// JSON and RegExp
const obj = {a: 1, b: [1, 2.5, -0, 1e21, 1e-7, "x\u2028y\n\"q\"", null, true], c: {d: {e: [[], {}]}}, u: undefined, f() {}, big: 123456789012345680000};
const s = JSON.stringify(obj);
print(s);
print(JSON.stringify(obj, null, 2));
print(JSON.stringify(obj, ["a", "c", "d"], "\t"));
print(JSON.stringify(JSON.parse(s), (k, v) => typeof v === "number" ? v * 2 : v));
print(JSON.stringify([NaN, Infinity, -Infinity, new Date(0), "\ud800", "😀"]));
const parsed = JSON.parse('{"x": [1e308, 1e309, -1e-400, 0.1, 12345678901234567890, "\\u00e9\\ud83d\\ude00"], "y": {"__proto__": 5}}');
print(parsed.x.join("|"), parsed.x[5].length, Object.keys(parsed.y));
for (const bad of ['{', '[1,]', '{"a":1,}', 'tru', '"\\x"', '01']) {
  try { JSON.parse(bad); print("parsed?", bad); } catch (e) { print(e.name, bad); }
}
let big = [];
for (let i = 0; i < 2000; i++) big.push({id: i, name: "item" + i, tags: ["t" + (i % 7), "u" + (i % 13)], v: i / 7});
const bs = JSON.stringify(big);
let h = 0; for (let i = 0; i < bs.length; i++) h = (h * 31 + bs.charCodeAt(i)) >>> 0;
print("json big", bs.length, h, JSON.parse(bs)[1999].v);
// regex
const re = /(\d{4})-(\d{2})-(\d{2})/g;
const text = "dates: 2020-01-15, 1999-12-31 and 2024-02-29.";
print(text.replace(re, "$3/$2/$1"));
print([...text.matchAll(re)].map(m => m.index + ":" + m[0]).join(","));
print("a1b22c333".split(/\d+/), "a,b;c d".split(/[,; ]/));
const named = /(?<year>\d{4})-(?<mon>\d\d)/u.exec("x 2021-07 y");
print(named.groups.year, named.groups.mon, named.index);
print(/^[\w.+-]+@\w+\.\w{2,}$/.test("foo.bar+baz@example.com"), /^\p{Lu}/u.test("Émile"), /\bfoo\b/i.test("a FOO b"));
print("aaa".replace(/a*?/g, "-"), "abc".replace(/(?=b)/, "^"), "xAyBz".replace(/[A-Z]/g, c => c.toLowerCase() + c));
print(/(a)|(b)/.exec("b"), /(?<!\$)\b\d+/.exec("$12 34")[0], /a.c/s.test("a\nc"), /^b/m.test("a\nb"));
const sticky = /foo/y; sticky.lastIndex = 3; print(sticky.test("barfoo"), sticky.lastIndex);
print("The Quick Brown".replace(/(\w)(\w*)/g, (m, a, b) => b + a + "ay"));
print(JSON.stringify("ab\u0000c".match(/[\x00-\x1f]/)), "tab\there".search(/\s/));
let count = 0; const wre = /\b(\w)(\w*)\1\b/g; const para = "anna bob civic level deed noon otto test abba xyzx";
let m; while ((m = wre.exec(para)) !== null) count++;
print("backref words", count);
print(/(\d+)\s\1/.test("42 42"), /^(?:(a)|b)+$/.exec("ab"), "𝒳𝒴".match(/./gu).length, "𝒳𝒴".match(/./g).length);
print("  padded ".trim() + "|", "abc".padStart(6, "12"), "abc".padEnd(6), "x".repeat(3), "Hello".at(-1), "abcdef".substring(4, 1));
print("straße".toUpperCase(), "İ".toLowerCase().length, "ǅ".toLowerCase(), "a-b_c d".replaceAll(/[-_ ]/g, ""), "abc".localeCompare("abd"));
print(encodeURIComponent("a b&c=d/é😀"), decodeURIComponent("%E2%82%AC"), escape("ä"), unescape("%u20AC"));
print(String.raw`a\nb${1+1}`, `multi
line`, "abc".codePointAt(1), String.fromCodePoint(0x1F600).length, "café".normalize("NFD").length);
