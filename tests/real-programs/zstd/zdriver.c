/* zstd driver: compress/decompress generated data at several levels, streaming API,
   dictionary training; optional file argument compressed/decompressed via the filesystem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#define ZSTD_STATIC_LINKING_ONLY
#include "zstd.h"
#include "zdict.h"

static uint64_t fnv(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ULL; }
  return h;
}
static uint32_t rs = 12345;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

static const char *words[] = {"the","quick","brown","fox","jumps","over","lazy","dog","lorem","ipsum","dolor","sit","amet",
  "wasm","runtime","compress","decompress","entropy","huffman","table","sequence","literal","match","offset","window"};
static unsigned char *gen(int kind, size_t n) {
  unsigned char *b = malloc(n);
  size_t i = 0;
  switch (kind) {
  case 0: /* text */
    while (i < n) { const char *w = words[rnd() % 25]; size_t l = strlen(w);
      for (size_t k = 0; k < l && i < n; k++) b[i++] = w[k];
      if (i < n) b[i++] = (rnd() % 13 == 0) ? '\n' : ' '; }
    break;
  case 1: /* random */
    for (; i < n; i++) b[i] = (unsigned char)rnd();
    break;
  case 2: /* low-entropy numeric records */
    while (i < n) { char tmp[64]; int l = snprintf(tmp, sizeof tmp, "%u,%u,%d;", (unsigned)i, rnd() % 100, (int)(rnd() % 2000) - 1000);
      for (int k = 0; k < l && i < n; k++) b[i++] = tmp[k]; }
    break;
  case 3: /* zeros with sparse noise */
    memset(b, 0, n); for (i = 0; i < n / 1000; i++) b[rnd() % n] = (unsigned char)rnd();
    break;
  case 4: /* long repeats far apart (tests long windows) */
    for (i = 0; i < n; i++) b[i] = (unsigned char)rnd();
    for (i = n / 2; i < n; i++) b[i] = b[i - n / 2] ^ ((i % 4099) == 0);
    break;
  }
  return b;
}

static int roundtrip(const char *name, const unsigned char *src, size_t n, int level, int strategy, int ldm) {
  ZSTD_CCtx *c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  if (strategy) ZSTD_CCtx_setParameter(c, ZSTD_c_strategy, strategy);
  if (ldm) { ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1); ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, 24); }
  size_t cap = ZSTD_compressBound(n);
  unsigned char *dst = malloc(cap);
  size_t cs = ZSTD_compress2(c, dst, cap, src, n);
  if (ZSTD_isError(cs)) { printf("%s: compress error %s\n", name, ZSTD_getErrorName(cs)); return 1; }
  unsigned long long fcs = ZSTD_getFrameContentSize(dst, cs);
  unsigned char *back = malloc(n + 1);
  ZSTD_DCtx *d = ZSTD_createDCtx();
  ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, 27);
  size_t ds = ZSTD_decompressDCtx(d, back, n + 1, dst, cs);
  int ok = !ZSTD_isError(ds) && ds == n && memcmp(back, src, n) == 0;
  printf("%-10s lvl=%3d strat=%d ldm=%d  in=%zu out=%zu ratio=%.4f fcs=%llu csum=%016llx ok=%d\n", name, level, strategy, ldm, n, cs,
         (double)n / (double)cs, fcs, (unsigned long long)fnv(dst, cs), ok);
  ZSTD_freeCCtx(c); ZSTD_freeDCtx(d); free(dst); free(back);
  return !ok;
}

static int streaming(const unsigned char *src, size_t n, int level) {
  ZSTD_CStream *cs = ZSTD_createCStream();
  ZSTD_CCtx_setParameter(cs, ZSTD_c_compressionLevel, level);
  size_t cap = ZSTD_compressBound(n) + 1024, pos = 0;
  unsigned char *dst = malloc(cap);
  size_t chunk = 777;
  for (size_t off = 0; off < n; off += chunk) {
    size_t len = off + chunk > n ? n - off : chunk;
    ZSTD_inBuffer in = {src + off, len, 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer out = {dst + pos, (cap - pos) < 1000 ? cap - pos : 1000, 0};
      size_t r = ZSTD_compressStream2(cs, &out, &in, ZSTD_e_continue);
      if (ZSTD_isError(r)) { printf("stream err %s\n", ZSTD_getErrorName(r)); return 1; }
      pos += out.pos;
    }
  }
  for (;;) { ZSTD_inBuffer in = {NULL, 0, 0}; ZSTD_outBuffer out = {dst + pos, cap - pos, 0};
    size_t r = ZSTD_compressStream2(cs, &out, &in, ZSTD_e_end); pos += out.pos; if (r == 0) break;
    if (ZSTD_isError(r)) { printf("end err\n"); return 1; } }
  /* streaming decompress with tiny output buffer */
  ZSTD_DStream *ds = ZSTD_createDStream();
  unsigned char *back = malloc(n); size_t bpos = 0;
  ZSTD_inBuffer in = {dst, pos, 0};
  while (in.pos < in.size) {
    ZSTD_outBuffer out = {back + bpos, (n - bpos) < 513 ? n - bpos : 513, 0};
    size_t r = ZSTD_decompressStream(ds, &out, &in);
    if (ZSTD_isError(r)) { printf("dstream err %s\n", ZSTD_getErrorName(r)); return 1; }
    bpos += out.pos;
    if (r == 0) break;
  }
  int ok = bpos == n && memcmp(back, src, n) == 0;
  printf("stream     lvl=%3d in=%zu out=%zu csum=%016llx ok=%d\n", level, n, pos, (unsigned long long)fnv(dst, pos), ok);
  ZSTD_freeCStream(cs); ZSTD_freeDStream(ds); free(dst); free(back);
  return !ok;
}

static int dict_test(void) {
  enum { NS = 2000 };
  size_t sizes[NS]; size_t total = 0;
  unsigned char *samples = malloc(NS * 300);
  for (int i = 0; i < NS; i++) {
    int l = snprintf((char *)samples + total, 300, "{\"id\":%d,\"user\":\"%s_%s\",\"score\":%u,\"tags\":[\"%s\",\"%s\"],\"active\":%s}",
      i, words[rnd() % 25], words[rnd() % 25], rnd() % 10000, words[rnd() % 25], words[rnd() % 25], (rnd() & 1) ? "true" : "false");
    sizes[i] = l; total += l;
  }
  unsigned char dict[16384];
  size_t dsz = ZDICT_trainFromBuffer(dict, sizeof dict, samples, sizes, NS);
  if (ZDICT_isError(dsz)) { printf("dict error %s\n", ZDICT_getErrorName(dsz)); return 1; }
  ZSTD_CCtx *c = ZSTD_createCCtx(); ZSTD_DCtx *d = ZSTD_createDCtx();
  size_t tot_plain = 0, tot_dict = 0, off = 0; int ok = 1;
  unsigned char out[1024], back[1024];
  for (int i = 0; i < NS; i++) {
    size_t a = ZSTD_compressCCtx(c, out, sizeof out, samples + off, sizes[i], 3);
    size_t b = ZSTD_compress_usingDict(c, out, sizeof out, samples + off, sizes[i], dict, dsz, 3);
    size_t r = ZSTD_decompress_usingDict(d, back, sizeof back, out, b, dict, dsz);
    if (ZSTD_isError(a) || ZSTD_isError(b) || r != sizes[i] || memcmp(back, samples + off, r)) ok = 0;
    tot_plain += a; tot_dict += b; off += sizes[i];
  }
  printf("dict       dictsize=%zu dictid=%u dictcsum=%016llx samples=%zu plain=%zu withdict=%zu ok=%d\n", dsz, ZDICT_getDictID(dict, dsz),
         (unsigned long long)fnv(dict, dsz), total, tot_plain, tot_dict, ok);
  ZSTD_freeCCtx(c); ZSTD_freeDCtx(d); free(samples);
  return !ok;
}

static int file_test(const char *path, const char *outdir) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); return 1; }
  fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc(n);
  if (fread(buf, 1, n, f) != (size_t)n) { printf("short read\n"); return 1; }
  fclose(f);
  printf("file %s size=%ld fnv=%016llx\n", strrchr(path, '/') ? strrchr(path, '/') + 1 : path, n, (unsigned long long)fnv(buf, n));
  int bad = 0;
  int levels[] = {-3, 1, 3, 12, 19};
  for (int i = 0; i < 5; i++) {
    size_t cap = ZSTD_compressBound(n);
    unsigned char *dst = malloc(cap);
    size_t cs = ZSTD_compress(dst, cap, buf, n, levels[i]);
    if (ZSTD_isError(cs)) { printf("err\n"); return 1; }
    char name[512]; snprintf(name, sizeof name, "%s/out_l%d.zst", outdir, levels[i]);
    FILE *o = fopen(name, "wb"); fwrite(dst, 1, cs, o); fclose(o);
    o = fopen(name, "rb"); unsigned char *rd = malloc(cs); size_t got = fread(rd, 1, cs, o); fclose(o);
    unsigned char *back = malloc(n);
    size_t ds = ZSTD_decompress(back, n, rd, got);
    int ok = got == cs && ds == (size_t)n && !memcmp(back, buf, n);
    printf("file lvl=%3d compressed=%zu csum=%016llx ok=%d\n", levels[i], cs, (unsigned long long)fnv(dst, cs), ok);
    bad |= !ok; remove(name); free(dst); free(rd); free(back);
  }
  free(buf);
  return bad;
}

int main(int argc, char **argv) {
  printf("zstd %s\n", ZSTD_versionString());
  int bad = 0;
  const char *kinds[] = {"text", "random", "records", "sparse", "longrep"};
  size_t sizes[] = {3 << 20, 1 << 20, 2 << 20, 4 << 20, 6 << 20};
  for (int k = 0; k < 5; k++) {
    unsigned char *d = gen(k, sizes[k]);
    printf("%-10s size=%zu fnv=%016llx\n", kinds[k], sizes[k], (unsigned long long)fnv(d, sizes[k]));
    int levels[] = {-5, 1, 3, 6, 9};
    for (int i = 0; i < 5; i++) bad |= roundtrip(kinds[k], d, sizes[k], levels[i], 0, 0);
    if (k == 0 || k == 2) bad |= roundtrip(kinds[k], d, sizes[k] / 4, 19, 0, 0);
    if (k == 0) bad |= roundtrip(kinds[k], d, sizes[k] / 8, 22, ZSTD_btultra2, 0);
    if (k == 4) bad |= roundtrip(kinds[k], d, sizes[k], 3, 0, 1);
    if (k == 2) bad |= roundtrip(kinds[k], d, sizes[k], 5, ZSTD_greedy, 0);
    if (k == 0) bad |= streaming(d, sizes[k], 4);
    free(d);
  }
  bad |= dict_test();
  if (argc >= 3) bad |= file_test(argv[1], argv[2]);
  printf("result %s\n", bad ? "FAIL" : "PASS");
  return bad;
}
