"""Where the server's CPU went, from async-profiler's collapsed stacks (bench/run.py --profile).

  python3 bench/profile_summary.py target/bench/profile.collapsed

Splits the samples into JIT compiler threads, GC workers, other VM threads and Java threads, then lists the
Java threads' heaviest components (a frame's package decides: ours, Liberty's web container and HTTP channel,
RESTEasy, Weld, jose4j, Parsson, the native crypto provider, the JDK).
"""
import collections
import re
import sys

COMPONENTS = [
    ("native crypto", ("amazonCorrettoCrypto", "com/amazon/corretto")),
    ("verifier (io.lear.verifier)", ("io/lear/verifier",)),
    ("jose4j", ("org/jose4j",)),
    ("JSON (Parsson)", ("org/eclipse/parsson",)),
    ("RESTEasy (JAX-RS)", ("org/jboss/resteasy",)),
    ("Weld (CDI)", ("org/jboss/weld",)),
    ("Liberty security", ("com/ibm/ws/security", "io/openliberty/security")),
    ("Liberty metrics", ("io/openliberty/microprofile/metrics", "com/ibm/ws/microprofile/metrics", "io/smallrye/metrics")),
    ("Liberty web container", ("com/ibm/ws/webcontainer", "com/ibm/wsspi/webcontainer")),
    ("Liberty HTTP/TCP channel", ("com/ibm/ws/http", "com/ibm/ws/tcpchannel", "com/ibm/io", "com/ibm/ws/channelfw")),
    ("logging", ("com/ibm/ws/logging", "java/util/logging")),
]


def thread_kind(frames):
    text = ";".join(frames[:8])
    if "CompileBroker" in text:
        return "JIT compiler threads"
    if "GangWorker" in text or "ConcurrentGCThread" in text or "G1" in text:
        return "GC threads"
    if frames[0].startswith("clone") or frames[0].startswith("start_thread"):
        return "other VM threads"
    return "Java threads"


def component(frames):
    # The deepest frame that names a known component decides (the leaf-most owner of the work).
    for frame in reversed(frames):
        for name, patterns in COMPONENTS:
            if any(p in frame for p in patterns):
                return name
    return "JDK and other"


def main(path):
    kinds, parts, total = collections.Counter(), collections.Counter(), 0
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        n, frames = int(n), stack.split(";")
        total += n
        kind = thread_kind(frames)
        kinds[kind] += n
        if kind == "Java threads":
            parts[component(frames)] += n
    print(f"{total} samples")
    for k, v in kinds.most_common():
        print(f"{100 * v / total:5.1f} %  {k}")
    print("Java threads by component (share of all samples):")
    for k, v in parts.most_common():
        print(f"{100 * v / total:5.1f} %    {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/bench/profile.collapsed")
