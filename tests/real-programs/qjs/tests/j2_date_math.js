// Date arithmetic (no current time), Math, number formatting
const d = new Date(Date.UTC(2020, 1, 28, 23, 59, 59, 999));
print(d.toISOString(), d.getTime(), d.getUTCDay());
d.setUTCMilliseconds(d.getUTCMilliseconds() + 1);
print(d.toISOString(), d.getUTCDate(), d.getUTCMonth());
const d2 = new Date(Date.UTC(2021, 0, 31)); d2.setUTCMonth(1); print(d2.toISOString());
print(Date.UTC(1970, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59), Date.UTC(-271821, 3, 20), Date.UTC(275760, 8, 13), Date.UTC(275760, 8, 13, 0, 0, 0, 1));
for (const s of ["2000-01-01", "2000-01-01T12:34:56Z", "2000-01-01T12:34:56.789+05:30", "Tue, 01 Jan 2019 00:00:00 GMT", "2019-13-01", "1970-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z"])
  print(s, "=>", Date.parse(s));
const days = (a, b) => (b - a) / 86400000;
print(days(Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)), days(Date.UTC(1900, 0, 1), Date.UTC(2000, 0, 1)));
const e = new Date(1234567890123);
print(e.toISOString(), e.toUTCString(), JSON.stringify(e), e.valueOf(), +new Date(NaN), String(new Date(NaN)));
let t = Date.UTC(2024, 0, 1); let wd = [];
for (let i = 0; i < 14; i++) { wd.push(new Date(t + i * 86400000 * 31).getUTCDay()); } print(wd.join(""));
// Math
print(Math.PI, Math.E, Math.sqrt(2), Math.cbrt(27), Math.hypot(3, 4), Math.sign(-0), Object.is(Math.sign(-0), -0));
print(Math.sin(1), Math.cos(1), Math.tan(1), Math.atan2(1, -1), Math.exp(1), Math.log(10), Math.log2(8), Math.log10(1000), Math.log1p(1e-10), Math.expm1(1e-10));
print(Math.sinh(1), Math.cosh(1), Math.tanh(1), Math.asinh(1), Math.acosh(2), Math.atanh(0.5), Math.fround(5.5), Math.fround(5.05), Math.clz32(1), Math.imul(0x7fffffff, 3));
print(Math.round(-2.5), Math.round(2.5), Math.round(-0.4), Math.trunc(-4.7), Math.floor(-4.7), Math.ceil(-4.2), Math.max(), Math.min(), Math.max(NaN, 1), Math.pow(2, -1074), 2 ** 0.5);
print(0.1 + 0.2, 1 / 3, 100 / 3, 1e21, 1e-7, 123e-20, -0, [-0] + "", 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, Number.EPSILON);
print((1234.5678).toFixed(2), (0.000001234).toPrecision(2), (1e21).toFixed(2), (123.456).toExponential(5), (255).toString(16), (255).toString(2), (-255.5).toString(16), (0.1).toString(3), (1e-7).toFixed(10));
print((25).toPrecision(1), (1.005).toFixed(2), (1.45).toFixed(1), (123456789).toExponential(), (0).toExponential(2), (5e-324).toString(), (2**31).toString(36));
print(parseInt("0x1f"), parseInt("1e3"), parseFloat("1e3"), parseFloat(".5e-3x"), Number("  12  "), Number("0b101"), Number("0o17"), Number(""), Number("1_000"), parseInt("z", 36), Number("Infinity"));
print(7 % 3, -7 % 3, 7 % -3, 5.5 % 2, -5.5 % 2, 1 % 0, 2 ** 32 | 0, (2 ** 31) | 0, -1 >>> 0, -1 >>> 28, 1 << 31, 1 << 32, 5 / 0, -5 / 0, 0 / 0);
print(~~3.7, ~~-3.7, 4294967296.5 | 0, 1e20 | 0, NaN | 0, Infinity | 0, -2147483649 | 0, 3000000000 >> 0);
let acc = 0; for (let i = 1; i <= 100000; i++) acc += Math.sin(i) * Math.sqrt(i); print("sinsum", acc);
let f = 0.1; for (let i = 0; i < 50; i++) f = f * 1.7 % 3.3; print("modchain", f);
print(Number.isInteger(5.0), Number.isSafeInteger(2 ** 53), Number.parseFloat("3.14abc"), (12345.6789).toLocaleString === undefined, Number.prototype.toFixed.length);
