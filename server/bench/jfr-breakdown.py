#!/usr/bin/env python3
"""Where a JFR recording's CPU samples fall (issue 15): each jdk.ExecutionSample is put in one part of the request by
the outermost of our frames or libraries that it is inside of (the PostgreSQL client, Lucene, JSON, Netty, ...), and
the project's own methods are listed by the share of samples that pass through them (inclusive). Standard library
only; reads `jfr print --json`.

usage: jfr-breakdown.py RECORDING.jfr [top methods, default 25]
"""
import collections
import json
import subprocess
import sys

# (part, frame prefix), tried in order on the frames from the leaf outwards: the first frame that matches names it
PARTS = [
    ("embedding a query (ONNX, tokenizer)", ("ai.onnxruntime.", "ai.djl.", "cn.qdaipark.scenariohub.index.BgeSmallZh")),
    ("explanation (reasons)", ("cn.qdaipark.scenariohub.index.MatchExplainer",
                               "cn.qdaipark.scenariohub.index.RequirementCoverage")),
    ("Lucene search and match", ("org.apache.lucene.", "cn.qdaipark.scenariohub.index.")),
    ("JSON", ("io.vertx.core.json.", "com.fasterxml.jackson.")),
    ("PostgreSQL client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("HTTP, routing, auth", ("io.vertx.ext.web.", "io.vertx.core.http.", "io.vertx.ext.auth.", "io.netty.handler.codec.http")),
    ("Netty I/O", ("io.netty.",)),
    ("server code", ("cn.qdaipark.scenariohub.",)),
    ("Vert.x core", ("io.vertx.",)),
]


def frames_of(event):
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
            for f in event["values"]["stackTrace"]["frames"]]


def part_of(frames):
    for frame in frames:
        for part, prefixes in PARTS:
            if frame.startswith(prefixes):
                return part
    return "JDK and other"


def main():
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    parts = collections.Counter()
    inclusive = collections.Counter()
    leaves = collections.Counter()
    for event in events:
        frames = frames_of(event)
        if not frames:
            continue
        parts[part_of(frames)] += 1
        leaves[frames[0]] += 1
        for frame in set(frames):
            if frame.startswith("cn.qdaipark.scenariohub."):
                inclusive[frame] += 1
    total = sum(parts.values())
    print(f"# {total} CPU samples in {sys.argv[1]}")
    print("| part | samples | share |")
    print("|---|---:|---:|")
    for part, n in parts.most_common():
        print(f"| {part} | {n} | {100 * n / total:.1f} % |")
    print(f"\n| project method (inclusive) | share |\n|---|---:|")
    for frame, n in inclusive.most_common(top):
        print(f"| `{frame.removeprefix('cn.qdaipark.scenariohub.')}` | {100 * n / total:.1f} % |")
    print(f"\n| hottest leaf frame (self) | share |\n|---|---:|")
    for frame, n in leaves.most_common(top):
        print(f"| `{frame}` | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main()
