/* sqlite: SQLite (the amalgamation, compiled into the module: over 1 MB of
 * code) on an in-memory database. Creates two tables, inserts SIZE items
 * and 2 x SIZE orders in transactions through prepared statements, builds
 * indexes, then runs point lookups, index range scans, a join, GROUP BY
 * aggregates, ORDER BY with LIMIT, LIKE, UPDATE and DELETE; every result
 * row is folded into the checksum. A large, branchy, call-heavy program.
 * small = 100, bench = 12 000. SIZE 0 returns from main at once (before
 * SQLite is touched), to time start-up: checksum 0.
 *
 * Built with SQLITE_OS_OTHER: the only VFS is the one below, which opens no
 * files (the database is `:memory:`, temporary storage is in memory) and
 * answers randomness and the time deterministically. */
#include "common.h"
#include "sqlite3.h"

/* ---- A VFS without files ---------------------------------------------- */

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out) {
    (void)vfs; (void)name; (void)flags; (void)out;
    file->pMethods = 0;
    return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync) {
    (void)vfs; (void)name; (void)sync;
    return SQLITE_IOERR_DELETE;
}
static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    (void)vfs; (void)name; (void)flags;
    *out = 0;
    return SQLITE_OK;
}
static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
    (void)vfs;
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}
static int vfs_randomness(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    for (int i = 0; i < n; i++) out[i] = (char)(i * 151 + 7);
    return n;
}
static int vfs_sleep(sqlite3_vfs *vfs, int us) {
    (void)vfs;
    return us;
}
static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    (void)vfs;
    *out = (sqlite3_int64)2460000 * 86400000; /* a fixed Julian day, in ms */
    return SQLITE_OK;
}
static int vfs_current_time(sqlite3_vfs *vfs, double *out) {
    (void)vfs;
    *out = 2460000.0;
    return SQLITE_OK;
}
static int vfs_last_error(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    if (n > 0) out[0] = 0;
    return 0;
}

static sqlite3_vfs mem_vfs = {
    2, sizeof(sqlite3_file), 512, 0, "nofiles", 0,
    vfs_open, vfs_delete, vfs_access, vfs_full_pathname,
    0, 0, 0, 0, /* no extension loading */
    vfs_randomness, vfs_sleep, vfs_current_time, vfs_last_error,
    vfs_current_time_int64, 0, 0, 0,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&mem_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

/* ---- The driver --------------------------------------------------------- */

static sqlite3 *db;
static uint64_t sum;

static void fail(const char *what) {
    fprintf(stderr, "sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    char *err = 0;
    if (sqlite3_exec(db, sql, 0, 0, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, 0) != SQLITE_OK) fail(sql);
    return st;
}

/* Steps `st` to the end, folding every column of every row into the sum. */
static long drain(sqlite3_stmt *st) {
    long rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        int cols = sqlite3_column_count(st);
        for (int c = 0; c < cols; c++) {
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER: sum = mix(sum, (uint64_t)sqlite3_column_int64(st, c)); break;
            case SQLITE_FLOAT: sum = mix(sum, dbits(sqlite3_column_double(st, c))); break;
            case SQLITE_NULL: sum = mix(sum, 0x6e756c6c); break;
            default: {
                const unsigned char *t = sqlite3_column_text(st, c);
                int n = sqlite3_column_bytes(st, c);
                uint64_t h = 0xcbf29ce484222325ULL;
                for (int i = 0; i < n; i++) h = (h ^ t[i]) * 0x100000001b3ULL;
                sum = mix(sum, h);
            }
            }
        }
    }
    if (rc != SQLITE_DONE) fail("step");
    sqlite3_reset(st);
    return rows;
}

static void query(const char *sql) {
    sqlite3_stmt *st = prepare(sql);
    sum = mix(sum, (uint64_t)drain(st));
    sqlite3_finalize(st);
}

static const char *const words[] = {
    "amber", "basalt", "cobalt", "dune", "ember", "fjord", "garnet", "harbor",
    "indigo", "juniper", "kelp", "lagoon", "marble", "nectar", "opal", "pine",
};

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 100, 12000);
    if (n == 0) {
        print_checksum(0);
        return 0;
    }
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) fail("open");
    exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER,"
         " price INTEGER, stock INTEGER, note TEXT)");
    exec("CREATE TABLE orders(id INTEGER PRIMARY KEY, item INTEGER REFERENCES items(id),"
         " qty INTEGER, customer TEXT)");

    rng_t rng = {2024};
    exec("BEGIN");
    sqlite3_stmt *ins = prepare("INSERT INTO items(name, category, price, stock, note) VALUES(?, ?, ?, ?, ?)");
    char name[64], note[96];
    for (long i = 0; i < n; i++) {
        uint64_t r = rng_next(&rng);
        snprintf(name, sizeof name, "%s-%s-%05lx", words[r & 15], words[(r >> 4) & 15], (unsigned long)((r >> 8) & 0xfffff));
        snprintf(note, sizeof note, "lot %lu of %s", (unsigned long)(r >> 40), words[(r >> 12) & 15]);
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 2, (int)((r >> 20) % 97));
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)((r >> 28) % 100000));
        sqlite3_bind_int(ins, 4, (int)((r >> 48) % 1000));
        if ((r >> 60) == 0) sqlite3_bind_null(ins, 5);
        else sqlite3_bind_text(ins, 5, note, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE) fail("insert item");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    ins = prepare("INSERT INTO orders(item, qty, customer) VALUES(?, ?, ?)");
    for (long i = 0; i < 2 * n; i++) {
        uint64_t r = rng_next(&rng);
        snprintf(name, sizeof name, "cust%03u", (unsigned)(r % 500));
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)(1 + (r >> 16) % (uint64_t)n));
        sqlite3_bind_int(ins, 2, (int)(1 + (r >> 40) % 100));
        sqlite3_bind_text(ins, 3, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE) fail("insert order");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    exec("COMMIT");
    exec("CREATE INDEX items_category ON items(category, price)");
    exec("CREATE INDEX items_name ON items(name)");
    exec("CREATE INDEX orders_item ON orders(item)");
    exec("ANALYZE");

    /* Point lookups by primary key and by indexed name prefix. */
    sqlite3_stmt *by_id = prepare("SELECT name, price, stock FROM items WHERE id = ?");
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(by_id, 1, (sqlite3_int64)(1 + (uint64_t)(i * 7919) % (uint64_t)n));
        drain(by_id);
    }
    sqlite3_finalize(by_id);
    sqlite3_stmt *by_cat = prepare("SELECT count(*), max(price) FROM items WHERE category = ? AND price BETWEEN ? AND ?");
    for (long i = 0; i < n / 4; i++) {
        sqlite3_bind_int(by_cat, 1, (int)(i % 97));
        sqlite3_bind_int(by_cat, 2, (int)(i * 37 % 50000));
        sqlite3_bind_int(by_cat, 3, (int)(i * 37 % 50000) + 20000);
        drain(by_cat);
    }
    sqlite3_finalize(by_cat);

    query("SELECT category, count(*), sum(price), min(name), max(stock) FROM items GROUP BY category ORDER BY category");
    query("SELECT i.category, sum(o.qty * i.price), count(DISTINCT o.customer) FROM orders o JOIN items i ON i.id = o.item"
          " WHERE i.category < 30 GROUP BY i.category ORDER BY 2 DESC");
    query("SELECT name, price FROM items WHERE name LIKE 'opal-%' ORDER BY price DESC, id LIMIT 100");
    query("SELECT customer, sum(qty) AS total FROM orders GROUP BY customer HAVING total > 100 ORDER BY total DESC, customer LIMIT 50");
    query("SELECT substr(name, 1, instr(name, '-') - 1) AS w, count(*), avg(stock) FROM items GROUP BY w ORDER BY w");
    exec("UPDATE items SET price = price * 11 / 10, stock = stock - 1 WHERE category % 7 = 0");
    exec("DELETE FROM orders WHERE qty > 90");
    query("SELECT count(*), sum(qty), total(qty * 2) FROM orders");
    query("SELECT id, upper(name), length(note), coalesce(note, '-') FROM items WHERE stock < 20 ORDER BY name LIMIT 200");
    query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000)"
          " SELECT sum(x * x), group_concat(x % 10, '') FROM c");
    query("SELECT printf('%08d:%s', id, hex(name)) FROM items WHERE id % 101 = 3 ORDER BY 1");
    query("PRAGMA integrity_check");

    sqlite3_close(db);
    print_checksum(sum);
    return 0;
}
