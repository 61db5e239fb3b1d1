#!/usr/bin/env python
"""`make bench`: the shop's pages under load, served by the production set-up, driven by wrk.

Fills its own PostgreSQL database (reused once seeded), starts the server with DEBUG off, and
drives each page from a separate process (wrk, 8 connections) beside a bare Django view served
by the same server (the ceiling). Prints requests/s, p50, p99, errors, bytes per response and each
page's share of the bare view; medians over BENCH_RUNS rounds over all pages, each page run paired
with a short bare run just before it (its share is of that run: this machine's speed drifts).
Environment:

    BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/hurtrock_bench
    BENCH_REDIS_URL     default redis://127.0.0.1:6379/9 (cache and channel layer, as in production)
    BENCH_PRODUCTS      sample products (default 10000)      BENCH_ORDERS   history orders (50000)
    BENCH_SERVERS       comma-separated set-ups to compare (default uvicorn:4; see scripts/bench_servers.py)
    BENCH_CONNECTIONS   concurrent clients (default 8)        BENCH_DURATION seconds per page per run (5)
    BENCH_RUNS          runs per page (default 3)              BENCH_PAGES    only pages whose name contains one of these (comma-separated)
    BENCH_CHECKOUT_BUYERS / BENCH_CHECKOUT_UNITS   checkout under load: 50 buyers at once for 10 units
    BENCH_CHECKOUT_RUSHES  how many such rushes (default 3; p50/p95 are their medians, each p95 shown)
    BENCH_EXTRAS        what runs after the pages (default "frontend,checkout"; "" for a quick look)
    BENCH_ACCEPT_ENCODING  sent by wrk like a browser (default "gzip, deflate, br"; "" for none)
    BENCH_PORT          the server's port (default 8765; pick another when someone else benches too)
Results are also written to artifacts/bench-results.json.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hurtrock_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
ORDERS = int(os.environ.get("BENCH_ORDERS", "50000"))
SERVERS = [s.strip() for s in os.environ.get("BENCH_SERVERS", "uvicorn:4").split(",") if s.strip()]
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ONLY = os.environ.get("BENCH_PAGES", "")
CHECKOUT_BUYERS = int(os.environ.get("BENCH_CHECKOUT_BUYERS", "50"))
CHECKOUT_UNITS = int(os.environ.get("BENCH_CHECKOUT_UNITS", "10"))
CHECKOUT_RUSHES = int(os.environ.get("BENCH_CHECKOUT_RUSHES", "3"))
EXTRAS = {s.strip() for s in os.environ.get("BENCH_EXTRAS", "frontend,checkout").split(",") if s.strip()}
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ACCEPT_ENCODING = os.environ.get("BENCH_ACCEPT_ENCODING", "gzip, deflate, br")
ARTIFACTS = ROOT / "artifacts"

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "hurtrock.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "BENCH_ENDPOINTS": "1",
    # As in production (README): e-mails and other tasks are queued for `db_worker`, not run in
    # the request (the bench runs no worker; the queued rows stay in the bench database).
    "TASKS_BACKEND": "database",
    # Media through Django here; in production the proxy serves /media/ (see docs/performance.md).
    "SERVE_MEDIA": "1",
    "MEDIA_ROOT": str(ARTIFACTS / "bench-media"),
}


def manage(*args: str) -> None:
    env = {**os.environ, **SERVER_ENV}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def create_database() -> None:
    """Create the bench database when the server has none of that name (a fresh machine)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(DATABASE_URL)
    server = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    if config.get("PASSWORD"):
        server["password"] = config["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            print(f"creating database {config['NAME']}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def prepare() -> dict:
    """Migrate and seed the bench database (idempotent), collect static files, make the fixtures."""
    print(f"database: {DATABASE_URL}")
    create_database()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_sample_data", "--products", str(PRODUCTS), "--orders", str(ORDERS))
    manage("collectstatic", "--noinput", "--verbosity", "0")
    os.environ.update(SERVER_ENV)
    import django

    django.setup()
    from bench_fixtures import cart_product, session_cookies

    from catalog.models import Product
    from hurtrock.roles import Role

    product = cart_product()
    detail = Product.objects.filter(is_active=True, images__is_main=True).order_by("-units_sold", "pk")[1]
    return {
        "buyer": session_cookies("bench-buyer@example.com"),
        "staff": session_cookies("bench-staff@example.com", Role.STAFF),
        "cart_product": product.pk,
        "detail_url": detail.get_absolute_url(),
    }


def pages(fixtures: dict) -> list[dict]:
    detail = fixtures["detail_url"]
    anonymous = [
        ("bare Django view (ceiling)", "/_bench/bare/"),
        ("home", "/"),
        ("products, first page", "/products/"),
        ("products, page 40", "/products/?page=40"),
        ("products, category + sort", "/products/?category=gitar&sort=price_asc&page=2"),
        ("product detail", detail),
        ("search 'gibson les paul'", "/search/?q=gibson+les+paul"),
        ("search 'gibsen les paul' (typo)", "/search/?q=gibsen+les+paul"),
        ("autocomplete 'ibane'", "/search/autocomplete/?q=ibane"),
        ("healthz", "/healthz"),
    ]
    rows = [{"name": name, "path": path, "who": "anonymous"} for name, path in anonymous]
    for name, path in [
        ("home", "/"),
        ("products, first page", "/products/"),
        ("product detail", detail),
        ("autocomplete 'ibane'", "/search/autocomplete/?q=ibane"),
    ]:
        rows.append({"name": f"{name} (signed in)", "path": path, "who": "buyer"})
    rows.append(
        {"name": "cart add (signed in)", "path": f"/cart/add/{fixtures['cart_product']}/", "who": "buyer", "post": True}
    )
    # After "cart add": the cart holds the bench product, so this is the real checkout page.
    rows.append({"name": "checkout page (signed in)", "path": "/checkout/", "who": "buyer"})
    rows.append({"name": "admin product list (staff)", "path": "/admin/catalog/product/", "who": "staff"})
    wanted = [part.strip().lower() for part in ONLY.split(",")]
    return [row for row in rows if any(part in row["name"].lower() for part in wanted)]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
_SIZE = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def wrk(url: str, headers: list[str], seconds: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    total = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", output)
    requests = int(total.group(1))
    if requests == 0:
        return {"rps": 0.0, "p50": float("nan"), "p99": float("nan"), "errors": 0, "kb": 0.0}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    if p50 != p50:  # NaN: keep wrk's own words for a look
        (ARTIFACTS / "wrk-unparsed.txt").write_text(output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": p50,
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": errors,
        "kb": float(total.group(2)) * _SIZE[total.group(3)] / 1024 / max(requests, 1),
    }


def _headers(row: dict, fixtures: dict) -> list[str]:
    encoding = [f"Accept-Encoding: {ACCEPT_ENCODING}"] if ACCEPT_ENCODING else []
    if row["who"] == "anonymous":
        return encoding
    cookies = fixtures[row["who"]]
    headers = [*encoding, f"Cookie: sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"]
    if row.get("post"):
        headers += [f"X-CSRFToken: {cookies['csrf']}", "Accept: application/json"]
    return headers


def measure_server(spec: str, rows: list[dict], fixtures: dict) -> list[dict]:
    from bench_servers import Server

    post_script = ARTIFACTS / "bench-post.lua"
    post_script.write_text(
        'wrk.method = "POST"\nwrk.body = "quantity=1"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
    )
    with Server(spec, SERVER_ENV, port=PORT) as server:
        results = _measure_pages(server, rows, fixtures, post_script)
        if spec == SERVERS[0] and "frontend" in EXTRAS:
            from bench_frontend import page_weight

            weight = page_weight(server.url + "/products/")
            for visit in ("first", "repeat"):
                w = weight[visit]
                print(
                    f"  front end: /products/ {visit} visit {w['kb']:.0f} KB over the wire, "
                    f"{w['requests']} requests ({w['from_cache']} from cache) {w['by_kind_kb']}"
                )
            (ARTIFACTS / "bench-frontend.json").write_text(json.dumps(weight, indent=2))
        if spec == SERVERS[0] and "checkout" in EXTRAS:
            _checkout_rushes(server.url)
    return results


def _checkout_rushes(base_url: str) -> None:
    """BENCH_CHECKOUT_RUSHES rushes of buyers for a few units, each checked for oversell and the
    ledger (the first is this server's first orders: cold paths); p50/p95 are their medians.

    A p95 in milliseconds cannot be paired like a share, so each rush is preceded by a 2 s bare run
    and printed with it: a slow rush beside a slow bare run is the host, not the checkout."""
    import bench_checkout

    rushes = []
    for _ in range(CHECKOUT_RUSHES):
        bare = wrk(base_url + BARE_PATH, _headers({"who": "anonymous"}, {}), BARE_SECONDS)
        checkout = bench_checkout.run(base_url, buyers=CHECKOUT_BUYERS, units=CHECKOUT_UNITS)
        checkout["bare_rps_before"] = round(bare["rps"])
        print(f"  checkout under load: {checkout}", flush=True)
        oversold = checkout["orders"] != CHECKOUT_UNITS or checkout["stock_after"] != 0
        if oversold or not checkout["ledger_matches_stock"] or checkout["errors"]:
            raise SystemExit(f"checkout under load went wrong: {checkout}")
        rushes.append(checkout)
    p95s = [round(rush["p95_ms"]) for rush in rushes]
    bares = [rush["bare_rps_before"] for rush in rushes]
    print(
        f"  checkout, {CHECKOUT_BUYERS} buyers for {CHECKOUT_UNITS} units, {len(rushes)} rushes: "
        f"p50 {statistics.median(rush['p50_ms'] for rush in rushes):.0f} ms, "
        f"p95 {statistics.median(p95s):.0f} ms (median; each rush {p95s}, the bare view just before "
        f"each {bares} req/s), no oversell, ledger = stock"
    )
    (ARTIFACTS / "bench-checkout.json").write_text(json.dumps(rushes, indent=2))


BARE_PATH = "/_bench/bare/"
BARE_SECONDS = 2


def _measure_pages(server, rows: list[dict], fixtures: dict, post_script: Path) -> list[dict]:
    """BENCH_RUNS rounds over the pages, each page's run right after a short run of the bare view.

    This machine's speed drifts by a factor of two within minutes (other tenants of the host), so a
    ceiling measured once at the start is no yardstick for a page measured minutes later: each
    page's share is the median of its runs' shares of the bare run just before each, and the rounds
    spread every page over the whole bench instead of measuring it in one stretch."""
    bare_headers = _headers({"who": "anonymous"}, fixtures)
    samples: dict[int, list[tuple[dict, float]]] = {index: [] for index in range(len(rows))}
    bare_runs: list[dict] = []
    for round_number in range(RUNS):
        for index, row in enumerate(rows):
            url, headers = server.url + row["path"], _headers(row, fixtures)
            script = post_script if row.get("post") else None
            wrk(url, headers, 2 if round_number == 0 else 1, script)  # warm-up: imports, caches, pool
            if row["path"] == BARE_PATH:
                run = wrk(url, headers, DURATION, script)
                bare_runs.append(run)
                samples[index].append((run, run["rps"]))
                continue
            bare = wrk(server.url + BARE_PATH, bare_headers, BARE_SECONDS)
            bare_runs.append(bare)
            run = wrk(url, headers, DURATION, script)
            samples[index].append((run, bare["rps"]))
        print(f"  {server.spec:<10} round {round_number + 1} of {RUNS} done", flush=True)
    results = []
    for index, row in enumerate(rows):
        runs = [run for run, _bare in samples[index]]
        shares = [100 * run["rps"] / bare for run, bare in samples[index] if bare]
        results.append(
            {
                **row,
                "server": server.spec,
                "rps": statistics.median(r["rps"] for r in runs),
                "share": statistics.median(shares) if shares else None,
                "shares": [round(share, 1) for share in shares],
                "p50": statistics.median(r["p50"] for r in runs),
                "p99": statistics.median(r["p99"] for r in runs),
                "errors": sum(r["errors"] for r in runs),
                "kb": statistics.median(r["kb"] for r in runs),
            }
        )
        if row["path"] == BARE_PATH:  # the ceiling: every bare run of the bench, paired or not
            results[-1]["rps"] = statistics.median(r["rps"] for r in bare_runs)
            results[-1]["errors"] = sum(r["errors"] for r in bare_runs)
        print(f"  {server.spec:<10} {row['name']:<36} {results[-1]['rps']:>8.0f} req/s", flush=True)
    return results


def print_table(results: list[dict]) -> None:
    by_server: dict[str, list[dict]] = {}
    for result in results:
        by_server.setdefault(result["server"], []).append(result)
    for spec, rows in by_server.items():
        print(
            f"\n{spec}, {CONNECTIONS} connections, medians of {RUNS} × {DURATION} s; share: median of each "
            f"run's share of the {BARE_SECONDS} s bare run just before it"
        )
        print("| page | req/s | share of bare | shares by round | p50 ms | p99 ms | errors | KB |")
        print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
        for r in rows:
            share = f"{r['share']:.1f} %" if r.get("share") is not None else "—"
            by_round = " / ".join(f"{value:.1f}" for value in r.get("shares", []))
            print(
                f"| {r['name']} | {r['rps']:.0f} | {share} | {by_round} | {r['p50']:.1f} | {r['p99']:.1f} "
                f"| {r['errors']} | {r['kb']:.1f} |"
            )


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (Debian's package)")
    ARTIFACTS.mkdir(exist_ok=True)
    fixtures = prepare()
    rows = pages(fixtures)
    results = []
    for spec in SERVERS:
        print(f"\nserver {spec}")
        results += measure_server(spec, rows, fixtures)
    print_table(results)
    (ARTIFACTS / "bench-results.json").write_text(json.dumps(results, indent=2))
    if any(r["errors"] for r in results):
        raise SystemExit("errors under load (see the table)")


if __name__ == "__main__":
    main()
