"""Publish-to-visible lag across nodes: edits a story's headline through one node's admin API, then polls every reader
(nodes and caches) in parallel until each serves the new headline; repeats, and prints p50, p99 and max per reader.
Before each edit every reader has the page cached (it served the previous headline), so the lag is eviction plus
re-render, not a cold start. Standard library only (Debian's python3)."""
import argparse, json, statistics, threading, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--api", required=True)
parser.add_argument("--token", required=True)
parser.add_argument("--article-id", required=True)
parser.add_argument("--path", required=True)
parser.add_argument("--changes", type=int, default=60)
parser.add_argument("--reader", action="append", required=True, help="name=base URL")
args = parser.parse_args()
readers = [tuple(r.split("=", 1)) for r in args.reader]


def fetch(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "identity"}), timeout=30) as r:
        return r.read().decode("utf-8")


def edit(headline):
    url = f"{args.api}/api/admin/articles/{args.article_id}"
    auth = {"Authorization": f"Bearer {args.token}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=auth), timeout=30) as r:
        etag = r.headers["ETag"]
    body = json.dumps({"headline": headline}).encode()
    request = urllib.request.Request(url, data=body, method="PATCH",
                                     headers={**auth, "If-Match": etag, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.status == 200, r.status


lags = {name: [] for name, _ in readers}
for n in range(args.changes):
    headline = f"Bench edit number {n} reached every reader"
    for name, base in readers:  # warm: each reader holds the current page
        fetch(base + args.path)
        fetch(base + args.path)
    edit(headline)
    acknowledged = time.monotonic()

    def wait(name, base):
        while True:
            if headline in fetch(base + args.path):
                lags[name].append((time.monotonic() - acknowledged) * 1000)
                return
            if time.monotonic() - acknowledged > 60:
                raise SystemExit(f"{name} did not show change {n} within 60 s")
            time.sleep(0.002)

    threads = [threading.Thread(target=wait, args=r) for r in readers]
    for t in threads: t.start()
    for t in threads: t.join()


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


print(f"| reader | changes | p50 | p99 | max |")
print("|---|---:|---:|---:|---:|")
for name, values in lags.items():
    print(f"| {name} | {len(values)} | {statistics.median(values):.0f} ms | {pct(values, 99):.0f} ms | {max(values):.0f} ms |")
