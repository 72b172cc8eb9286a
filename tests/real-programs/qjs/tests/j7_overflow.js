// unbounded JS recursion: QuickJS's stack check does not fire on wasm, so the engine hits a runtime limit
print("start");
try { (function inf() { inf(); })(); } catch (e) { print("overflow:", e.name, e.message); }
print("end");
