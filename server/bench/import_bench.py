#!/usr/bin/env python3
"""Bulk import against a running server (issue 15): the import rate of new records, the latency of single writes
made while an import runs, how soon the batch is searchable after its response, and a re-import of the same records
unchanged. Started by import-bench.sh; standard library only. Every figure carries the 1-minute load average read
before and after it (the machine is shared).

usage: import_bench.py URL ADMIN_EMAIL ADMIN_PASSWORD [--records N] [--singles S] [--seed X] [--write-pause P]
"""
import argparse
import json
import random
import sys
import threading
import time

from durability import Client, Side, loadavg, percentile, synthetic_solution


def searchable_after(client, token, started, timeout=60):
    """Seconds from `started` until a search for the batch's last title token finds it."""
    while time.perf_counter() - started < timeout:
        answer = client.expect(200, "GET", f"/api/v1/search?type=solutions&q={token}&limit=5")
        if answer.get("items"):
            return time.perf_counter() - started
        time.sleep(0.05)
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("admin_email")
    parser.add_argument("admin_password")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=20, help="single writes before the import (quiet baseline)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--write-pause", type=float, default=0.2,
                        help="seconds between single writes during the import; negative: none (the import rate alone)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    side = Side("server", args.url, args.admin_email, args.admin_password)
    # a word no synthetic record contains, on the batch's last record: a search finds it once the batch is indexed
    token = "zqx" + str(rng.randrange(10**6, 10**7))
    lines_records = [synthetic_solution(rng, f"IMPB-{args.seed}-{i}") for i in range(args.records)]
    lines_records[-1]["title"] += " " + token
    lines = [json.dumps(r, ensure_ascii=False) for r in lines_records]
    writer = Client(args.url, side.provider_token)

    load = loadavg()
    quiet = [side.single_write(writer, synthetic_solution(rng, "q")) for _ in range(args.singles)]
    side.wait_until_indexed()
    print(f"| single write, quiet | p50 {percentile(quiet, 50) * 1000:.0f} ms, p99 {percentile(quiet, 99) * 1000:.0f} ms, "
          f"max {max(quiet) * 1000:.0f} ms ({len(quiet)} writes) | load {load:.1f}→{loadavg():.1f} |")

    during, failed, done = [], [], threading.Event()

    def single_writes():
        while not done.is_set():
            record = synthetic_solution(rng, "d")
            body = {k: v for k, v in record.items() if k not in ("key", "provider")}
            began = time.perf_counter()
            status, _ = writer.call("POST", "/api/v1/solutions", body)
            (during if status == 201 else failed).append(time.perf_counter() - began)
            time.sleep(args.write_pause)

    load = loadavg()
    thread = threading.Thread(target=single_writes)
    started = time.perf_counter()
    importer = threading.Thread(target=lambda: result.append(side.admin.expect(
        200, "POST", "/api/v1/admin/import/solutions", "\n".join(lines) + "\n", "application/x-ndjson")))
    result = []
    importer.start()
    time.sleep(0.5)
    if args.write_pause >= 0:
        thread.start()
    importer.join()
    elapsed = time.perf_counter() - started
    answered = time.perf_counter()
    done.set()
    if thread.is_alive():
        thread.join()
    searchable = searchable_after(Client(args.url), token, answered)
    print(f"| import of {args.records} new | {elapsed:.1f} s, {elapsed * 1000 / args.records:.1f} ms/record, "
          f"{args.records / elapsed:.1f} records/s, answer {result[0]} | load {load:.1f}→{loadavg():.1f} |")
    if during:
        print(f"| single write during the import | p50 {percentile(during, 50) * 1000:.0f} ms, "
              f"p99 {percentile(during, 99) * 1000:.0f} ms, max {max(during) * 1000:.0f} ms ({len(during)} writes) | |")
    if failed:
        print(f"| single write during the import, failed (not 201) | {len(failed)} writes, "
              f"after {', '.join(f'{t:.1f}' for t in failed[:5])} s | |")
    print(f"| searchable after the import's response | {searchable:.2f} s | |")
    side.wait_until_indexed()

    load = loadavg()
    started = time.perf_counter()
    again = side.admin.expect(200, "POST", "/api/v1/admin/import/solutions", "\n".join(lines) + "\n",
                              "application/x-ndjson")
    elapsed = time.perf_counter() - started
    print(f"| re-import of the same {args.records} | {elapsed:.1f} s, answer {again} | load {load:.1f}→{loadavg():.1f} |")


if __name__ == "__main__":
    sys.exit(main())
