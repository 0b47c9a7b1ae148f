#!/usr/bin/env python3
"""How many slow token-request senders one replica survives (issue: slow bodies starved the token endpoint).

Opens N connections to a running verifier, each sending `POST /oidc/token` headers with
`Content-Length: 100000` and then one body byte every --tick seconds, and meanwhile sends ordinary
requests (a refused token request — a full decision path up to the assertion — and `/health/ready`)
on fresh connections, one at a time. Prints, per phase, how many ordinary requests were answered, the
worst latency, and how the slow connections ended. Loopback only; start the verifier yourself, e.g.
`HTTP_PORT=9380 java -jar target/lear-verifier.jar`, then `python3 bench/slow_senders.py --port 9380`.
"""
import argparse
import selectors
import socket
import threading
import time

FORM = (b"grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A"
        b"client-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJFUzI1NiJ9.e30.c2ln")


def ordinary(port, path, body):
    started = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    if body is None:
        s.sendall(b"GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % path)
    else:
        s.sendall(b"POST %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
                  % (path, len(body), body))
    status = s.recv(64).split(b" ")[1].decode()
    s.close()
    return status, time.monotonic() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=9380)
    ap.add_argument("--slow", type=int, nargs="+", default=[30, 100, 1000, 3000])
    ap.add_argument("--tick", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    print("| slow connections | ordinary answered | statuses | worst latency s | slow ones answered 400 | still open |")
    print("|---|---|---|---|---|---|")
    for n in args.slow:
        sel = selectors.DefaultSelector()
        socks = []
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", args.port), timeout=10)
            s.sendall(b"POST /oidc/token HTTP/1.1\r\nHost: localhost\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ng")
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            socks.append(s)
        answers = {}
        stop = time.monotonic() + args.seconds
        results = []

        def legit():
            while time.monotonic() < stop:
                for path, body in ((b"/oidc/token", FORM), (b"/health/ready", None)):
                    try:
                        results.append(ordinary(args.port, path, body))
                    except OSError as e:
                        results.append(("error " + type(e).__name__, 60.0))

        t = threading.Thread(target=legit)
        t.start()
        next_tick = time.monotonic() + args.tick
        while time.monotonic() < stop:
            for key, _ in sel.select(timeout=0.05):
                try:
                    got = key.fileobj.recv(4096)
                except OSError:
                    got = b""
                answers.setdefault(key.fileobj, b"")
                answers[key.fileobj] += got or b""
                if not got:
                    sel.unregister(key.fileobj)
            if time.monotonic() >= next_tick:
                next_tick += args.tick
                for s in socks:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass
        t.join()
        refused = sum(1 for a in answers.values() if a.startswith(b"HTTP/1.1 400"))
        still_open = len(sel.get_map())
        for s in socks:
            s.close()
        statuses = sorted({r[0] for r in results})
        print("| %d | %d | %s | %.2f | %d | %d |" % (n, len(results), " ".join(statuses),
                                                    max(r[1] for r in results), refused, still_open))
        time.sleep(2)


if __name__ == "__main__":
    main()
