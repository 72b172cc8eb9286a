#!/usr/bin/env python3
"""Client for echo_server.wasm: connects N times to 127.0.0.1:PORT, sends one
line per connection (`hello <i> ` followed by <i>*1000 'x' bytes and a newline),
reads until EOF and checks the reply is exactly the line sent.

usage: echo_client.py PORT N    (exit 0 when every reply matched)
Retries the first connect for up to 10 s while the server starts."""
import socket
import sys
import time


def line_for(i):
    return b"hello %d " % i + b"x" * (i * 1000) + b"\n"


def connect(port, deadline):
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    deadline = time.monotonic() + 10
    for i in range(n):
        s = connect(port, deadline)
        msg = line_for(i)
        s.sendall(msg)
        got = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        s.close()
        if got != msg:
            print("FAIL conn %d: sent %d bytes, got %d back" % (i, len(msg), len(got)), file=sys.stderr)
            return 1
        print("client conn %d ok (%d bytes)" % (i, len(msg)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
