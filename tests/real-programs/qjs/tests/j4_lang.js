// closures, classes, generators, iteration, sorting, maps, proxies, errors, promises
function makeCounter() { let c = 0; return { inc: () => ++c, get: () => c }; }
const c1 = makeCounter(); c1.inc(); c1.inc(); print(c1.get());
const fns = []; for (let i = 0; i < 5; i++) fns.push(() => i * i); print(fns.map(f => f()).join(","));
var vfns = []; for (var j = 0; j < 3; j++) vfns.push(() => j); print(vfns.map(f => f()).join(","));
class Shape { constructor(n) { this.n = n; } area() { return 0; } toString() { return `${this.constructor.name}(${this.n}) area=${this.area().toFixed(3)}`; } static make(k, v) { return k === "c" ? new Circle(v) : new Square(v); } }
class Circle extends Shape { #r; constructor(r) { super("circle"); this.#r = r; } area() { return Math.PI * this.#r ** 2; } get r() { return this.#r; } }
class Square extends Shape { constructor(s) { super("square"); this.s = s; } area() { return this.s * this.s; } }
const shapes = [Shape.make("c", 2), Shape.make("s", 3), Shape.make("c", 0.5), Shape.make("s", 1.5)];
shapes.sort((a, b) => a.area() - b.area()); print(shapes.join("; "), shapes[0] instanceof Shape, shapes[1].r);
function* fibgen() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const fb = []; for (const v of fibgen()) { if (v > 1000) break; fb.push(v); } print(fb.join(" "));
function* inner() { const x = yield 1; yield x * 2; return "r"; }
function* outer() { const r = yield* inner(); yield r; }
const g = outer(); print(g.next().value, g.next(21).value, g.next().value, g.next().done);
const arr = []; let seed = 7; for (let i = 0; i < 10000; i++) { seed = (seed * 16807) % 2147483647; arr.push(seed % 100000); }
const sorted = arr.slice().sort((a, b) => a - b); print(sorted[0], sorted[5000], sorted[9999], arr.slice().sort()[9999]);
const people = [["bob", 25], ["alice", 30], ["carol", 25], ["dave", 30], ["eve", 22], ["frank", 25]].map(([n, a]) => ({n, a}));
print(people.sort((x, y) => x.a - y.a).map(p => p.n).join(","));  // stable
print(["b", "a", "C", "ä", "10", "9", "1"].sort().join(","), [10, 9, 1, 100, -1].sort().join(","), [3, 1, 2].reverse().join(""));
print([1, [2, [3, [4]]]].flat(Infinity).join(), [1, 2, 3].flatMap(x => [x, x * 10]).join(), Array.from({length: 5}, (_, i) => i ** 2).join(), [1, 2, 3, 4].findLast(x => x % 2), [5, 1, 4].reduce((a, b) => a + b));
const m = new Map(); for (let i = 0; i < 1000; i++) m.set("k" + (i % 300), i); print(m.size, m.get("k7"), [...m.keys()].slice(0, 3).join());
const s = new Set([3, 1, 3, 2, 1, NaN, NaN, 0, -0]); print(s.size, [...s].join());
const wm = new WeakMap(); const key = {}; wm.set(key, 42); print(wm.get(key), wm.has({}));
const prox = new Proxy({}, { get: (t, k) => k in t ? t[k] : `missing:${String(k)}`, set: (t, k, v) => { t[k] = v * 2; return true; }, has: () => true });
prox.x = 5; print(prox.x, prox.y, "anything" in prox);
const sym = Symbol("tag"); const o = {[sym]: 1, b: 2, a: 3, 1: "one", 0: "zero"}; print(Object.keys(o).join(), Object.getOwnPropertySymbols(o).length, sym.toString(), sym.description);
const {a, ...rest} = {a: 1, b: 2, c: 3}; const [p, , q = 9, ...r] = [1, 2, undefined, 4, 5]; print(a, JSON.stringify(rest), p, q, r);
outer: for (let i = 0; i < 5; i++) { for (let j = 0; j < 5; j++) { if (j === 3) continue outer; if (i === 3) break outer; } } print("labels ok");
try { null.x; } catch (e) { print(e instanceof TypeError, e.message); }
try { undefinedVar; } catch (e) { print(e.name, e.message); }
try { throw new RangeError("custom"); } catch ({name, message}) { print(name, message); } finally { print("finally"); }
class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } } try { throw new MyErr("boom"); } catch (e) { print(String(e), e instanceof Error, e.stack !== undefined); }
function rec(n) { return n === 0 ? 0 : 1 + rec(n - 1); } print("rec", rec(200));
print(typeof null, typeof undefined, typeof (() => 1), typeof Symbol(), [] + {}, [1] == 1, null ?? "d", 0 || "x", 0 ?? "y", ({x: {y: 1}}).x?.y, ({}).x?.y);
const tagged = (s, ...v) => s.raw.join("|") + v.join("+"); print(tagged`a${1}b${2}c`);
print(Object.entries({x: 1, y: [2]}).map(([k, v]) => k + "=" + v).join("&"), Object.fromEntries([["a", 1]]).a, typeof structuredClone);
const frozen = Object.freeze({z: 1}); try { frozen.z = 2; } catch (e) { print(e.name); } print(frozen.z, Object.isFrozen(frozen));
print([..."héllo"].length, Array.prototype.concat.call([1], [2], 3).join(), Array.isArray(new Array(3)), new Array(3).fill().map((_, i) => i).join());
const order = [];
Promise.resolve(1).then(v => order.push("then" + v));
queueMicrotask(() => order.push("micro"));
(async () => { order.push("async-start"); await null; order.push("after-await"); const v = await new Promise(r => r(7)); order.push("v" + v); })();
Promise.all([1, Promise.resolve(2), new Promise(r => r(3))]).then(v => order.push("all" + v.join("")));
Promise.allSettled([Promise.reject(new Error("x")), 5]).then(rs => order.push(rs.map(r => r.status).join("/")));
Promise.any([Promise.reject(1), Promise.resolve("any")]).then(v => order.push(v));
order.push("sync-end");
os.setTimeout(() => print("order:", order.join(" ")), 0);
async function* agen() { yield 1; yield 2; } (async () => { let t = 0; for await (const v of agen()) t += v; print("for-await", t); })();
print(eval("1 + 2 * 3"), new Function("a", "b", "return a * b")(6, 7), [1, 2, 3].includes(2), "abc".includes("d"));
