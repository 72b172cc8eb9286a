// BigInt and typed arrays
const fact = n => { let r = 1n; for (let i = 2n; i <= n; i++) r *= i; return r; };
print(fact(50n), fact(100n).toString().length, fact(30n).toString(16), fact(25n).toString(36));
print(2n ** 64n, -(2n ** 63n), (2n ** 64n) / 3n, (2n ** 64n) % 7n, (-17n) / 5n, (-17n) % 5n, 17n / -5n);
print(BigInt.asUintN(64, -1n), BigInt.asIntN(64, 2n ** 63n), BigInt.asIntN(8, 255n), BigInt.asUintN(8, 257n), BigInt(Number.MAX_SAFE_INTEGER) + 2n);
print(1n << 100n, (1n << 100n) >> 98n, -1n >> 1000n, 0xffn & 0x0fn, 5n | 8n, 5n ^ 3n, ~5n, BigInt("0x" + "f".repeat(20)), BigInt("-123456789012345678901234567890"));
print(typeof 1n, 1n == 1, 1n === 1, 2n > 1, 10n > 9.5, BigInt(1e20), Number(2n ** 70n), parseInt("123n"), 0n ? "t" : "f");
let fib = [0n, 1n]; for (let i = 2; i < 300; i++) fib.push(fib[i - 1] + fib[i - 2]); print(fib[299]);
const modpow = (b, e, m) => { let r = 1n; b %= m; while (e > 0n) { if (e & 1n) r = r * b % m; b = b * b % m; e >>= 1n; } return r; };
print(modpow(2n, 10n ** 18n, 10n ** 9n + 7n), modpow(3n, 2n ** 100n, 2n ** 61n - 1n));
let x = 12345678901234567890123456789n, y = 98765432109876543210n;
print(x * y, x / y, x % y, (x * y) / x === y, x.toString(2).length, (x ** 5n).toString().slice(-20));
try { 1n + 1; } catch (e) { print(e.name, e.message); }
try { BigInt(1.5); } catch (e) { print(e.name, e.message); }
try { 1n / 0n; } catch (e) { print(e.name, e.message); }
// typed arrays
const buf = new ArrayBuffer(32);
const dv = new DataView(buf);
dv.setFloat64(0, Math.PI); dv.setInt32(8, -2, true); dv.setUint16(12, 0xBEEF); dv.setBigInt64(16, -5n, true); dv.setFloat32(24, 1.1, true);
print(new Uint8Array(buf).join(","));
print(dv.getFloat64(0), dv.getInt32(8, true), dv.getUint32(8), dv.getUint16(12, true), dv.getBigUint64(16, true), dv.getFloat32(24, true), dv.getInt8(3));
const f32 = new Float32Array([1.5, 1e40, -1e-50, NaN, 16777217]); print(f32.join(","));
const i8 = new Int8Array([127, 128, -129, 300, -1.9]); print(i8.join(","));
const u8c = new Uint8ClampedArray([300, -5, 1.5, 2.5, 254.5]); print(u8c.join(","));
const u32 = new Uint32Array([-1, 2 ** 32 + 5, 3.9]); print(u32.join(","));
const f64 = new Float64Array(1000); for (let i = 0; i < f64.length; i++) f64[i] = Math.sin(i) * 1000;
f64.sort(); print(f64[0], f64[999], f64.subarray(10, 13).join(","), f64.indexOf(f64[500]));
const i32 = Int32Array.from({length: 10}, (_, i) => (i * 2654435761) | 0); print(i32.join(","), i32.slice().sort().join(","));
const u16 = new Uint16Array(buf, 4, 4); u16.fill(0x1234, 1, 3); print(u16.join(","), new Uint8Array(buf, 4, 8).join(","));
const big64 = new BigInt64Array([2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n + 3n]); print(big64.join(","), new BigUint64Array(big64.buffer).join(","));
const copy = new Uint8Array(16); copy.set([1, 2, 3], 2); copy.copyWithin(8, 0, 6); print(copy.join(""), copy.reverse().join(""), Array.from(copy.entries()).length);
print(new Float64Array([0.1, 0.2]).map(v => v * 3).join(","), new Uint8Array([5, 1, 4]).toSorted === undefined ? "no toSorted" : new Uint8Array([5, 1, 4]).toSorted().join(""));
const ab2 = buf.slice(8, 16); print(ab2.byteLength, new Int32Array(ab2)[0], ArrayBuffer.isView(dv), new Uint8Array(0).length);
let sum = 0; const big = new Float64Array(1 << 18); for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 1000 / 7; for (let i = 0; i < big.length; i++) sum += big[i]; print("bigsum", sum);
