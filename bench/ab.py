#!/usr/bin/env python3
"""Paired A/B of two runnable jars: server CPU per token, both servers up at once, bursts interleaved.

  python3 bench/ab.py --a A.jar --b B.jar [--rounds 8] [--requests 2000] [--concurrency 16] [--warmup 180]

run.py measures one server start at a time, and one start of the same jar differs from the next by up to 43 % on
these machines (bench/README.md): the JIT's choices, the GC and the other tenants of the two cores drift over minutes.
Here both jars run side by side on 127.0.0.1 (own ports, own extract directories, the same demo trust setup as
run.py), are warmed up in turns, and are then loaded in rounds of A B B A — one burst of unique valid token requests
at a time, so that only one server works while its CPU is counted. Drift then hits both alike: each round's B/A is a
paired ratio, and the median of those is the verdict. Also printed: each side's median and best burst.
Needs what run.py needs (target/demo and the bench classpath: mvn -Pbench package). Traffic goes to 127.0.0.1 only.
"""
import argparse
import statistics

import run

IDLE_PATH = "/health/live"


def server(java, jar, name):
    port = run.free_port()
    return dict(name=name, base=f"http://127.0.0.1:{port}", proc=run.start_server(java, jar, port, name))


def burst(s, body_file, concurrency):
    """CPU ms per token of one burst; the other server idles meanwhile."""
    cpu0 = run.cpu_seconds(s["proc"].pid)
    r = run.wrk(s["base"], ["/oidc/token", IDLE_PATH], body_file, concurrency, s["proc"].pid)
    cpu = run.cpu_seconds(s["proc"].pid) - cpu0
    if r["errors"]:
        raise SystemExit(f"{s['name']}: {int(r['errors'])} refused or failed requests in a burst")
    return 1000 * cpu / max(1, r["tokens"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True, help="runnable jar A (the baseline)")
    ap.add_argument("--b", required=True, help="runnable jar B (the change)")
    ap.add_argument("--java", default=run.JDK17)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--requests", type=int, default=2000, help="requests per burst")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--warmup", type=int, default=180, help="seconds of warm-up per server, in two turns each")
    args = ap.parse_args()
    run.OUT.mkdir(parents=True, exist_ok=True)
    cp = run.classpath()
    a, b = server(args.java, args.a, "ab-a"), server(args.java, args.b, "ab-b")
    try:
        for s in (a, b):
            run.wait_ready(s["base"], s["proc"])
        # Two bursts per round and server, each its own file of unique requests for that server's audience.
        files = {s["name"]: iter(run.token_bodies(cp, s["base"], args.requests, 2 * args.rounds,
                                                  f"{s['name']}-bodies")) for s in (a, b)}
        for _ in range(2):  # in turns, so that each JIT settles under load while the other idles
            for s in (a, b):
                run.warm_up(cp, s["base"], args.warmup // 2)
        cpu = {a["name"]: [], b["name"]: []}
        ratios = []
        for i in range(args.rounds):
            order = (a, b, b, a) if i % 2 == 0 else (b, a, a, b)
            got = {a["name"]: [], b["name"]: []}
            for s in order:
                got[s["name"]].append(burst(s, next(files[s["name"]]), args.concurrency))
            for name, v in got.items():
                cpu[name] += v
            ratios.append(sum(got[b["name"]]) / sum(got[a["name"]]))
            print(f"round {i + 1}: A {got[a['name']]} B {got[b['name']]} B/A {ratios[-1]:.3f}", flush=True)
    finally:
        for s in (a, b):
            run.stop_server(s["proc"])
    lines = [f"A = {args.a}, B = {args.b}; {args.rounds} rounds of A B B A / B A A B, {args.requests} unique requests "
             f"per burst at concurrency {args.concurrency}, {args.warmup} s warm-up each",
             "", "| | median CPU ms/token | best | bursts |", "|---|---|---|---|"]
    for label, s in (("A", a), ("B", b)):
        v = cpu[s["name"]]
        lines.append(f"| {label} | {statistics.median(v):.3f} | {min(v):.3f} | {' '.join(f'{x:.3f}' for x in v)} |")
    lines += ["", f"Paired B/A per round: {' '.join(f'{r:.3f}' for r in ratios)}; median {statistics.median(ratios):.3f}"
              f", {sum(r <= 1.05 for r in ratios)} of {len(ratios)} rounds within 5 %"]
    text = "\n".join(lines)
    (run.OUT / "ab.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
