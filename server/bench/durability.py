#!/usr/bin/env python3
"""The cost of durability, measured side by side: drives two running servers with the same synthetic workload and
prints each figure for both and the ratio durable/non-durable. Started by durability.sh; standard library only.

Interleaved so that the load of this shared machine falls on both sides alike: import batch i goes to both servers
(the side that goes first alternates), single writes run in alternating blocks. After each import batch the script
waits until the server's index has followed the outbox, so background indexing of one side does not run inside the
other side's timing. Every figure carries the 1-minute load average read before and after it.

usage: durability.py DURABLE_URL NON_DURABLE_URL ADMIN_EMAIL ADMIN_PASSWORD [--records N] [--batch B]
       [--singles S] [--concurrent-clients C] [--concurrent-writes W] [--extrapolate-to M]
"""
import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
import uuid

DOMAINS = ["智能家居", "工业智能", "智慧城市", "智慧金融", "生命健康", "空天地海"]
TRACKS = ["信创硬件制造", "复杂算法软件研发", "模型训练与数据服务"]
MATURITIES = ["规模化应用", "试点应用", "原型验证"]
DISTRICTS = ["青岛市崂山区", "青岛市市南区", "青岛市市北区", "青岛市李沧区", "青岛市黄岛区", "青岛市城阳区", "青岛市即墨区", "青岛市胶州市"]
# per domain: scenes, objects, what is measured
VOCABULARY = {
    "智能家居": (["全屋智能", "适老化居家", "智能安防", "家电联动", "社区养老"],
             ["智能门锁", "空调与新风", "照明与窗帘", "家用摄像头", "跌倒监测雷达"],
             ["唤醒率", "误报率", "联动响应时间", "待机功耗"]),
    "工业智能": (["钢材表面检测", "焊缝质检", "设备预测性维护", "产线排程", "能耗优化"],
             ["数控机床", "注塑机", "轴承与电机", "锂电极片", "轮胎胎面"],
             ["漏检率", "停机时长", "良品率", "产线节拍"]),
    "智慧城市": (["城市治理", "交通信号优化", "渣土车监管", "井盖与管网巡检", "垃圾分类督导"],
             ["路口摄像头", "排水管网", "路灯杆", "公交车载终端", "网格员终端"],
             ["通行效率", "事件发现时间", "处置闭环率", "巡检里程"]),
    "智慧金融": (["信贷风控", "反欺诈", "智能客服", "票据识别", "供应链金融"],
             ["交易流水", "授信材料", "客服录音", "增值税发票", "企业征信数据"],
             ["坏账率", "识别准确率", "人工复核量", "审批时长"]),
    "生命健康": (["医学影像辅助诊断", "慢病管理", "药物研发", "基层医疗", "康复训练"],
             ["肺部CT", "眼底照片", "电子病历", "可穿戴心电", "病理切片"],
             ["敏感度", "特异度", "随访依从性", "阅片时间"]),
    "空天地海": (["海洋牧场监测", "港口作业调度", "无人机巡检", "卫星遥感解译", "船舶航行安全"],
             ["水下机器人", "岸桥与集卡", "输电线路", "多光谱遥感影像", "船载雷达"],
             ["覆盖面积", "识别精度", "作业效率", "续航时间"]),
}
METHODS = ["深度学习", "大模型微调", "知识图谱", "多模态融合", "边缘计算", "联邦学习", "强化学习", "时序预测", "小样本学习", "数字孪生"]
DEPLOYMENTS = {"本地私有化部署": "私有化", "边缘盒子部署": "边缘部署", "云边协同部署": "云边协同", "国产化信创环境部署": "信创适配",
               "SaaS 订阅": "SaaS"}
PROBLEMS = ["数据分散、人工判断依赖经验", "巡检频次低、问题发现滞后", "样本少、场景差异大", "系统多、数据口径不一"]
OUTCOMES = ["对异常与风险进行实时识别和预警", "自动生成处置建议并跟踪闭环", "输出可解释的评分与排序", "辅助人员快速复核与决策"]
COMPANY_HEADS = ["海", "崂", "瀚", "智", "鲲", "启", "远", "澜", "星", "融"]
COMPANY_TAILS = ["智能科技有限公司", "信息技术有限公司", "数据科技有限公司", "机器人有限公司", "软件股份有限公司"]


def synthetic_solution(rng, key):
    """One record of FORMAT.md's solutions.jsonl, drawn from the vocabulary above."""
    domains = [rng.choice(DOMAINS)]
    if rng.random() < 0.25:
        domains.append(rng.choice([d for d in DOMAINS if d != domains[0]]))
    scenes, objects, metrics = VOCABULARY[domains[0]]
    scene, obj, metric = rng.choice(scenes), rng.choice(objects), rng.choice(metrics)
    method, method2 = rng.sample(METHODS, 2)
    deployment = rng.choice(list(DEPLOYMENTS))
    gain = rng.randint(10, 60)
    title = f"基于{method}的{obj}{scene}{rng.choice(['系统', '平台', '解决方案', '一体机', '服务'])}（{key}）"
    summary = f"面向{scene}场景，用{method}改善{metric}，{deployment}。"
    description = (
        f"针对{scene}中{obj}{rng.choice(PROBLEMS)}的问题，方案采集{obj}的多源数据，"
        f"以{method}为核心、结合{method2}构建分析模型，{rng.choice(OUTCOMES)}。"
        f"系统支持{deployment}，提供可视化看板与开放接口，可与现有业务系统对接。"
        f"在试点中{metric}改善约{gain}%，模型可按客户数据持续迭代，交付周期{rng.randint(2, 12)}周。")
    return {
        "key": key,
        "title": title,
        "summary": summary,
        "description": description,
        "domains": domains,
        "track": rng.choice(TRACKS),
        "tags": rng.sample([scene, obj, method, method2, metric, DEPLOYMENTS[deployment]], rng.randint(2, 5)),
        "maturity": rng.choice(MATURITIES),
        "provider": "青岛" + "".join(rng.sample(COMPANY_HEADS, 2)) + rng.choice(COMPANY_TAILS),
        "region": rng.choice(DISTRICTS),
        "cases": [f"已在{rng.choice(DISTRICTS)}某单位{rng.choice(['试点', '部署', '上线'])}，{metric}改善{gain}%"][:rng.randint(0, 1)],
        "priceRange": f"{rng.randint(1, 9) * 10}-{rng.randint(10, 30) * 10}万元",
    }


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Client:
    """One keep-alive HTTP/1.1 connection to one server."""

    def __init__(self, base, token=None):
        url = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
        self.token = token

    def call(self, method, path, body=None, content_type="application/json"):
        headers = {"Content-Type": content_type}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode("utf-8")
        if method == "POST":
            # the server closes a keep-alive connection idle past HEADER_TIMEOUT_MS: the key makes the retry safe
            headers["Idempotency-Key"] = str(uuid.uuid4())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, (json.loads(data) if data else None)
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.conn.close()
                if attempt == 2:
                    raise

    def expect(self, status, method, path, body=None, content_type="application/json"):
        got, answer = self.call(method, path, body, content_type)
        if got != status:
            sys.exit(f"{method} {path}: {got} {answer}")
        return answer


def credit_code(first17):
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(charset.index(c) * w for c, w in zip(first17, weights))
    return first17 + charset[(31 - total % 31) % 31]


class Side:
    def __init__(self, name, base, admin_email, admin_password):
        self.name, self.base = name, base
        anonymous = Client(base)
        token = anonymous.expect(200, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["token"]
        self.admin = Client(base, token)
        email, password = "bench-writer@durability.scenariohub.cn", "Qd-bench-durability-2026!"
        anonymous.expect(201, "POST", "/api/v1/auth/register", {
            "email": email, "password": password, "displayName": "压测写入员", "role": "provider",
            "orgName": "青岛压测数据科技有限公司", "creditCode": credit_code("91370212MA3C0BENC")})
        self.provider_token = anonymous.expect(200, "POST", "/api/v1/auth/login", {"email": email, "password": password})["token"]
        provider = Client(base, self.provider_token)
        org = provider.expect(200, "GET", "/api/v1/auth/me")["organizationId"]
        self.admin.expect(200, "POST", f"/api/v1/admin/organizations/{org}/verify")
        self.provider = provider
        self.created = []

    def outbox_position(self):
        return Client(self.base).expect(200, "GET", "/health")["index"]["outboxPosition"]

    def wait_until_indexed(self, settle=1.5):
        """Waits until the index has stopped moving along the outbox for `settle` seconds."""
        last, since = self.outbox_position(), time.monotonic()
        while time.monotonic() - since < settle:
            time.sleep(0.25)
            now = self.outbox_position()
            if now != last:
                last, since = now, time.monotonic()

    def import_batch(self, lines):
        started = time.perf_counter()
        answer = self.admin.expect(200, "POST", "/api/v1/admin/import/solutions", "\n".join(lines) + "\n",
                                   "application/x-ndjson")
        elapsed = time.perf_counter() - started
        if answer["imported"] != len(lines):
            sys.exit(f"{self.name}: imported {answer['imported']} of {len(lines)}")
        return elapsed

    def single_write(self, client, record):
        body = {k: v for k, v in record.items() if k not in ("key", "provider")}
        started = time.perf_counter()
        status, answer = client.call("POST", "/api/v1/solutions", body)
        elapsed = time.perf_counter() - started
        if status != 201:
            sys.exit(f"{self.name}: POST /api/v1/solutions answered {status} {answer}")
        self.created.append(answer["id"])
        return elapsed

    def archive(self, solution_id):
        """A write without the embedding model: one transaction (status, audit row, outbox row) and its commit."""
        started = time.perf_counter()
        self.provider.expect(200, "POST", f"/api/v1/solutions/{solution_id}/archive")
        return time.perf_counter() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def row(label, durable, non_durable, unit, load):
    print(f"| {label} | {durable:.1f} {unit} | {non_durable:.1f} {unit} | {durable / non_durable:.3f} | {load} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("durable")
    ap.add_argument("non_durable")
    ap.add_argument("admin_email")
    ap.add_argument("admin_password")
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=1_000)
    ap.add_argument("--singles", type=int, default=300)
    ap.add_argument("--block", type=int, default=25, help="single writes per side before switching sides")
    ap.add_argument("--concurrent-clients", type=int, default=8)
    ap.add_argument("--concurrent-writes", type=int, default=20, help="writes per client per round (2 rounds)")
    ap.add_argument("--extrapolate-to", type=int, default=0)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    records = [synthetic_solution(rng, f"BENCH-{i:05d}") for i in range(args.records)]
    singles = [synthetic_solution(rng, f"ONE-{i:05d}") for i in range(args.singles + 2 * args.concurrent_clients * args.concurrent_writes)]
    warmup = [synthetic_solution(rng, f"WARM-{i:03d}") for i in range(60)]
    sides = [Side("durable", args.durable, args.admin_email, args.admin_password),
             Side("non-durable", args.non_durable, args.admin_email, args.admin_password)]

    print(f"# {args.records} synthetic solutions in batches of {args.batch}; {args.singles} single writes; "
          f"{args.concurrent_clients} concurrent clients x {args.concurrent_writes} writes x 2 rounds; seed {args.seed}")
    for side in sides:  # JIT, the embedding model's first runs, connection pool
        side.import_batch([json.dumps(r, ensure_ascii=False) for r in warmup[:40]])
        for r in warmup[40:]:
            side.single_write(side.provider, r)
        for solution_id in side.created:
            side.archive(solution_id)
        side.wait_until_indexed()

    # 1. bulk import, batch by batch on both sides
    times = {s.name: [] for s in sides}
    loads = []
    started_load = loadavg()
    for i, start in enumerate(range(0, args.records, args.batch)):
        lines = [json.dumps(r, ensure_ascii=False) for r in records[start:start + args.batch]]
        order = sides if i % 2 == 0 else sides[::-1]
        for side in order:
            before = loadavg()
            elapsed = side.import_batch(lines)
            times[side.name].append(elapsed)
            loads.append(before)
            print(f"#   batch {i + 1:2d} {side.name:11s} {len(lines)} records {elapsed:7.2f} s  load {before:.2f}", flush=True)
            side.wait_until_indexed()
    print()
    print("| figure | durable (A) | non-durable (B) | A/B | load avg (1 min) |")
    print("| --- | --- | --- | --- | --- |")
    total = {name: sum(t) for name, t in times.items()}
    load = f"{started_load:.2f} → {loadavg():.2f} (min {min(loads):.2f}, max {max(loads):.2f})"
    row(f"bulk import {args.records} records, sum of {len(times['durable'])} batches", total["durable"], total["non-durable"], "s", load)
    row(f"  per batch of {args.batch}, median", statistics.median(times["durable"]), statistics.median(times["non-durable"]), "s", "")
    row("  throughput", args.records / total["durable"], args.records / total["non-durable"], "records/s", "")
    if args.extrapolate_to:
        factor = args.extrapolate_to / args.records
        row(f"  extrapolated to {args.extrapolate_to} (x{factor:g}, linear)", total["durable"] * factor, total["non-durable"] * factor, "s", "")

    # 2. sequential single writes, alternating blocks: creates (each embeds its text), then archives (no embedding)
    for side in sides:
        side.created.clear()
    pending = iter(singles)
    blocks = [[next(pending) for _ in range(min(args.block, args.singles - i))] for i in range(0, args.singles, args.block)]
    for what, run in (("create", lambda side, r: side.single_write(side.provider, r)),
                      ("archive", lambda side, r: side.archive(r))):
        latencies = {s.name: [] for s in sides}
        load_before = loadavg()
        for i, block in enumerate(blocks):
            order = sides if i % 2 == 0 else sides[::-1]
            for side in order:
                items = block if what == "create" else side.created[i * args.block:i * args.block + len(block)]
                for r in items:
                    latencies[side.name].append(run(side, r))
                side.wait_until_indexed(settle=0.5)
        load = f"{load_before:.2f} → {loadavg():.2f}"
        label = ("single write POST /solutions (embeds the text)" if what == "create"
                 else "single write POST /solutions/{id}/archive (no embedding)")
        for p in (50, 99):
            row(f"{label}, sequential, p{p} (n={args.singles})", 1000 * percentile(latencies["durable"], p),
                1000 * percentile(latencies["non-durable"], p), "ms", load if p == 50 else "")
        row("  mean", 1000 * statistics.mean(latencies["durable"]), 1000 * statistics.mean(latencies["non-durable"]), "ms", "")

    # 3. the same with C clients at once on one side, sides alternating, 2 rounds: creates, then archives of them
    if args.concurrent_clients:
        n = 2 * args.concurrent_clients * args.concurrent_writes
        rounds = [[[next(pending) for _ in range(args.concurrent_writes)] for _ in range(args.concurrent_clients)]
                  for _ in range(2)]
        created = {s.name: [] for s in sides}
        for what in ("create", "archive"):
            latencies = {s.name: [] for s in sides}
            wall = {s.name: 0.0 for s in sides}
            load_before = loadavg()
            for round_, work in enumerate(rounds):
                for side in (sides if round_ == 0 else sides[::-1]):
                    if what == "archive":
                        ids = iter(created[side.name][round_])
                        work_here = [[next(ids) for _ in rs] for rs in work]
                    else:
                        work_here = work
                    results, ids_made = [], []

                    def client_run(items, side=side, what=what, results=results, ids_made=ids_made):
                        client = Client(side.base, side.provider_token)
                        for item in items:
                            if what == "create":
                                status_started = time.perf_counter()
                                status, answer = client.call("POST", "/api/v1/solutions",
                                                             {k: v for k, v in item.items() if k not in ("key", "provider")})
                                wanted = 201
                            else:
                                status_started = time.perf_counter()
                                status, answer = client.call("POST", f"/api/v1/solutions/{item}/archive")
                                wanted = 200
                            results.append(time.perf_counter() - status_started)
                            if status != wanted:
                                print(f"{side.name}: {what} answered {status} {answer}", file=sys.stderr)
                                return
                            if what == "create":
                                ids_made.append(answer["id"])

                    threads = [threading.Thread(target=client_run, args=(items,)) for items in work_here]
                    started = time.perf_counter()
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()
                    wall[side.name] += time.perf_counter() - started
                    if len(results) != args.concurrent_clients * args.concurrent_writes:
                        sys.exit(f"{side.name}: concurrent {what} failed")
                    latencies[side.name].extend(results)
                    if what == "create":
                        created[side.name].append(ids_made)
                    side.wait_until_indexed(settle=0.5)
            load = f"{load_before:.2f} → {loadavg():.2f}"
            label = "POST /solutions" if what == "create" else "POST /solutions/{id}/archive"
            for p in (50, 99):
                row(f"{label}, {args.concurrent_clients} concurrent clients, p{p} (n={n})",
                    1000 * percentile(latencies["durable"], p), 1000 * percentile(latencies["non-durable"], p), "ms",
                    load if p == 50 else "")
            row("  throughput", n / wall["durable"], n / wall["non-durable"], "writes/s", "")

if __name__ == "__main__":
    main()
