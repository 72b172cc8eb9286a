/*
 * proc_raise: calls wasi_snapshot_preview1.proc_raise(SIGABRT = 6).
 *
 * wasi-libc no longer declares proc_raise (signals were dropped from later
 * WASI versions), so the import is declared here by hand.
 *
 * Wasmtime 49 does not deliver signals: proc_raise returns ENOTSUP (58) and
 * the program goes on.  (Wasmtime's older preview1 implementation trapped
 * with "proc_raise unsupported" instead.)  Accepted outcomes:
 *   - proc_raise returns ENOTSUP or ENOSYS: exit 0, stdout
 *     `raising\nok proc_raise\nafter raise\n`, stderr
 *     `info proc_raise: errno N ...` (Wasmtime 49);
 *   - the host terminates the program (a trap, or death by SIGABRT): exit
 *     status non-zero, stdout exactly `raising\n`.
 * Returning success (0) and carrying on is wrong -- SIGABRT's default action
 * ends the process -- and so is any other errno: the program then exits 1.
 */
#include "common.h"

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
uint16_t raw_proc_raise(uint8_t sig);

int main(void) {
    printf("raising\n");
    fflush(stdout);
    int err = raw_proc_raise(6);
    if (!EXPECT_ERRNO("proc_raise", err, ENOTSUP, ENOSYS)) return t_done();
    printf("after raise\n");
    return t_done();
}
