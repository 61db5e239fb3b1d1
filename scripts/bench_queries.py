#!/usr/bin/env python
"""`make bench-queries`: latency and query count of the shop's busiest pages on a sample catalog.

Runs in-process with Django's test client (no network, no server), against its own database so
that it never touches your development data:

    BENCH_DATABASE_URL  database to fill and measure (default: SQLite file artifacts/bench.sqlite3;
                        e.g. postgres://postgres@127.0.0.1:5432/hurtrock_bench for PostgreSQL search)
    BENCH_PRODUCTS      sample products to load first (default 10000; loading is idempotent)
    BENCH_REQUESTS      timed requests per page after two warm-up requests (default 30)

Prints one row per page: median / p95 / max milliseconds, SQL queries, response size.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'artifacts' / 'bench.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "artifacts" / "bench-media"))
os.environ.pop("REDIS_URL", None)  # in-process cache: measure the pages, not the network to Redis
(ROOT / "artifacts").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.models import Product  # noqa: E402
from hurtrock.roles import Role  # noqa: E402
from hurtrock.services import user_create  # noqa: E402


def measure(client: Client, url: str, requests: int) -> dict:
    for _ in range(2):
        client.get(url)
    timings = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(int(len(timings) * 0.95) - 1, 0)],
        "max": timings[-1],
        "queries": len(queries.captured_queries),
        "kb": len(response.content) / 1024,
    }


def main() -> None:
    products = int(os.environ.get("BENCH_PRODUCTS", "10000"))
    requests = int(os.environ.get("BENCH_REQUESTS", "30"))
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0, interactive=False)
    started = time.monotonic()
    call_command("load_sample_data", products=products, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"sample data: {Product.objects.count()} products ready in {time.monotonic() - started:.1f} s")

    product = Product.objects.filter(is_active=True, images__is_main=True).order_by("-units_sold").first()
    pages = [
        ("home", "/"),
        ("product list", "/products/"),
        ("list: category + sort + page 3", "/products/?category=gitar&sort=price_asc&page=3"),
        ("list: brands + price + stock", "/products/?brand=Ibanez&brand=Jackson&min_price=3000000&in_stock=true&sort=best_selling"),
        ("product detail", product.get_absolute_url()),
        ("search 'gibson les paul'", "/search/?q=gibson+les+paul"),
        ("search 'gibsen les paul' (typo)", "/search/?q=gibsen+les+paul"),
        ("search 'senar nikel'", "/search/?q=senar+nikel"),
        ("autocomplete 'ibane'", "/search/autocomplete/?q=ibane"),
        ("api product", f"/api/products/{product.pk}/"),
    ]  # fmt: skip
    anonymous = Client(HTTP_HOST="localhost")
    rows = [(name, measure(anonymous, url, requests)) for name, url in pages]

    staff_email = "bench-staff@hurtrock.com"
    from hurtrock.models import User

    staff = User.objects.filter(email=staff_email).first() or user_create(
        email=staff_email, password=None, role=Role.STAFF
    )
    signed_in = Client(HTTP_HOST="localhost")
    signed_in.force_login(staff)
    rows.append(("admin product list (staff)", measure(signed_in, "/admin/catalog/product/", max(requests // 3, 5))))
    rows.append(
        (
            "admin low-stock filter (staff)",
            measure(signed_in, "/admin/catalog/product/?stock=restock", max(requests // 3, 5)),
        )
    )

    width = max(len(name) for name, _ in rows)
    print(f"\n{'page':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'max ms':>7}  {'queries':>7}  {'KB':>6}")
    print("-" * (width + 46))
    for name, row in rows:
        print(
            f"{name:<{width}}  {row['median']:>9.1f}  {row['p95']:>7.1f}  {row['max']:>7.1f}  {row['queries']:>7}  {row['kb']:>6.1f}"
        )
    print(
        f"\n{requests} timed requests per page (admin: fewer), in-process test client, DEBUG={django.conf.settings.DEBUG}."
    )


if __name__ == "__main__":
    main()
