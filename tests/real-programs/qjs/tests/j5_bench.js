// benchmark mix: richards-like object churn, nbody, string/regex, sorting, Map heavy
function nbody(steps) {
  const PI = Math.PI, SM = 4 * PI * PI, DPY = 365.24;
  const B = (x, y, z, vx, vy, vz, m) => ({x, y, z, vx: vx * DPY, vy: vy * DPY, vz: vz * DPY, m: m * SM});
  const bodies = [B(0, 0, 0, 0, 0, 0, 1),
    B(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
    B(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
    B(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
    B(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05)];
  let px = 0, py = 0, pz = 0; for (const b of bodies) { px += b.vx * b.m; py += b.vy * b.m; pz += b.vz * b.m; }
  bodies[0].vx = -px / SM; bodies[0].vy = -py / SM; bodies[0].vz = -pz / SM;
  const energy = () => { let e = 0; for (let i = 0; i < 5; i++) { const b = bodies[i]; e += 0.5 * b.m * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
    for (let j = i + 1; j < 5; j++) { const c = bodies[j]; const dx = b.x - c.x, dy = b.y - c.y, dz = b.z - c.z; e -= b.m * c.m / Math.sqrt(dx * dx + dy * dy + dz * dz); } } return e; };
  const e0 = energy();
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < 5; i++) { const b = bodies[i];
      for (let j = i + 1; j < 5; j++) { const c = bodies[j]; const dx = b.x - c.x, dy = b.y - c.y, dz = b.z - c.z;
        const d2 = dx * dx + dy * dy + dz * dz; const mag = 0.01 / (d2 * Math.sqrt(d2));
        b.vx -= dx * c.m * mag; b.vy -= dy * c.m * mag; b.vz -= dz * c.m * mag; c.vx += dx * b.m * mag; c.vy += dy * b.m * mag; c.vz += dz * b.m * mag; } }
    for (const b of bodies) { b.x += 0.01 * b.vx; b.y += 0.01 * b.vy; b.z += 0.01 * b.vz; }
  }
  return [e0.toFixed(9), energy().toFixed(9)];
}
print("nbody", nbody(60000).join(" "));
function trees(maxd) {
  const make = d => d === 0 ? [null, null] : [make(d - 1), make(d - 1)];
  const check = t => t[0] === null ? 1 : 1 + check(t[0]) + check(t[1]);
  const out = [];
  for (let d = 4; d <= maxd; d += 2) { const it = 1 << (maxd - d + 4); let c = 0; for (let i = 0; i < it; i++) c += check(make(d)); out.push(`${it}@${d}:${c}`); }
  return out.join(" ");
}
print("trees", trees(12));
let words = []; let seed = 1; const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
for (let i = 0; i < 30000; i++) { let w = ""; const len = 3 + rnd() % 8; for (let k = 0; k < len; k++) w += String.fromCharCode(97 + rnd() % 26); words.push(w); }
const text = words.join(" ");
const freq = new Map(); for (const m of text.matchAll(/\b([a-z])[a-z]*\1\b/g)) freq.set(m[1], (freq.get(m[1]) || 0) + 1);
print("regex", [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(e => e.join(":")).join(","));
const sortedW = words.slice().sort(); print("sortw", sortedW[0], sortedW[15000], sortedW[29999]);
const up = text.replace(/[aeiou]/g, c => c.toUpperCase()); let hh = 0; for (let i = 0; i < up.length; i += 3) hh = (hh * 33 + up.charCodeAt(i)) | 0; print("hash", hh);
function sieve(n) { const s = new Uint8Array(n + 1); let c = 0; for (let i = 2; i <= n; i++) { if (!s[i]) { c++; for (let j = i * i; j <= n; j += i) s[j] = 1; } } return c; }
print("primes", sieve(3000000));
const mm = new Map(); for (let i = 0; i < 200000; i++) { const k = (i * 7919) % 50021; mm.set(k, (mm.get(k) || 0) + i); } let ms = 0; for (const v of mm.values()) ms = (ms + v) % 1000000007; print("map", mm.size, ms);
