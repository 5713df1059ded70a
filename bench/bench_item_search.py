# Benchmark of the public item search (gov_items), run inside `odoo shell`:
#   scripts/govctl bench bench/bench_item_search.py [DB]
# or, equivalently:
#   .venv/bin/python /opt/odoo/odoo-bin shell -c odoo.conf \
#       --addons-path=addons,/opt/odoo/addons,/opt/odoo/odoo/addons --data-dir=.state/data \
#       --no-http --log-level=warn -d DB < bench/bench_item_search.py
# Times and counts the queries of gov.item._public_search() over the seeded catalogue,
# then over 5,000 generated items in a savepoint that is rolled back (nothing is kept).
# Prints figures and ratios; compares with a Python loop over all names (the naive way).
import random
import statistics
import time

from odoo.addons.gov_items.models.gov_item import name_to_pinyin
from odoo.tools import SQL

env = env  # noqa: F821,PLW0127 - provided by odoo shell
Item = env["gov.item"].sudo()
QUERIES = ["hkb", "户口", "jm", "shebao", "zdshbz", "", "xyz-no-match"]
RUNS = 30
GENERATED = 5000


def measure(query, runs=RUNS, **kwargs):
    timings, counts, total = [], [], 0
    for _i in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        items, total = Item._public_search(query, limit=20, **kwargs)
        items.mapped("category_id.name")
        items.mapped("department_id.name")
        timings.append((time.perf_counter() - start) * 1000)
        counts.append(env.cr.sql_log_count - before)
    return statistics.median(timings), max(counts), total


def python_loop(query):
    """The naive alternative: read every published item and match pinyin in Python."""
    env.invalidate_all()
    start = time.perf_counter()
    rows = Item.search_read([("state", "=", "published")], ["name"])
    compact = query.lower()
    hits = [row for row in rows if compact in "".join(name_to_pinyin(row["name"]))]
    return (time.perf_counter() - start) * 1000, len(hits)


def report(title):
    published = Item.search_count([("state", "=", "published")])
    print(f"\n== {title}: {published} published items ==")
    print(f"{'query':<14}{'hits':>7}{'median ms':>12}{'queries':>9}{'python loop ms':>16}{'ratio':>8}")
    results = {}
    for query in QUERIES:
        ms, queries, total = measure(query)
        loop_ms, _hits = python_loop(query) if query else (float("nan"), 0)
        ratio = loop_ms / ms if query and ms else float("nan")
        print(f"{query or '(all)':<14}{total:>7}{ms:>12.2f}{queries:>9}{loop_ms:>16.1f}{ratio:>8.1f}")
        results[query] = ms
    category = env.ref("gov_items.category_hj")
    site = env["gov.item.site"].sudo().search([], limit=1).site_id
    ms, queries, total = measure("hk", category_id=category.id, site_id=site.id if site else None)
    print(f"{'hk+cat+site':<14}{total:>7}{ms:>12.2f}{queries:>9}")
    return results


seeded = report("seeded catalogue")

# ---------------------------------------------------------------- 5,000 generated items
WORDS = ["居民", "户口", "身份证", "养老", "医疗", "保险", "登记", "变更", "补发", "注销", "认定", "补贴", "救助",
         "许可", "备案", "核发", "申请", "审核", "迁移", "参保", "缴费", "查询", "待遇", "残疾", "困难", "老年"]
random.seed(39046)
category_ids = env["gov.item.category"].search([]).ids
department = env.ref("gov_items.dept_civil")
env.cr.execute("SAVEPOINT gov_items_bench")
try:
    start = time.perf_counter()
    vals_list = []
    for i in range(GENERATED):
        name = "".join(random.sample(WORDS, 3)) + f"{i}"
        vals_list.append({
            "name": name,
            "category_id": random.choice(category_ids),
            "item_type": "20",
            "basic_code": f"1520{90000 + i // 1000:05d}{i % 1000:03d}"[:12],
            "department_id": department.id,
            "implementing_body_id": department.id,
            "case_kind": "immediate",
            "promised_time_limit": 0,
            "visits": 0,
            "online_depth": "4",
            "acceptance_conditions": "测试",
            "state": "published",
        })
    Item.with_context(tracking_disable=True).create(vals_list)
    env.flush_all()
    env.cr.execute("ANALYZE gov_item")
    print(f"\n(created {GENERATED} items in {time.perf_counter() - start:.1f} s)")
    generated = report(f"seeded + {GENERATED} generated")
    print("\n== ratios (generated / seeded median time) ==")
    for query in QUERIES:
        if seeded[query]:
            print(f"{query or '(all)':<14}{generated[query] / seeded[query]:>8.2f}x")
    for query in ("hkb", "居民户口簿"):
        sql = Item._search(Item._public_search_domain(query), limit=20, order="id").select()
        env.cr.execute(SQL("EXPLAIN ANALYZE %s", sql))
        print(f"\nplan of the ORM search for {query!r}:")
        for (line,) in env.cr.fetchall():
            print("   ", line)
finally:
    env.cr.execute("ROLLBACK TO SAVEPOINT gov_items_bench")
    env.invalidate_all()
env.cr.rollback()
print("\n(rolled back: nothing was kept)")
