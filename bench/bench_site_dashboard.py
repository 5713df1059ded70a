"""Benchmark: the attainment dashboard and the public feed against the number of sites.

Run inside `odoo shell` (scripts/govctl bench bench/bench_site_dashboard.py [DB]). Creates a
district of its own with N township centres and stations (N = 100, then 1000), inspects one
site in four, measures the queries and time of the dashboard figures, of the pivot's grouped
read and of the public feed, prints them with the ratios between the two sizes, and rolls
everything back.
"""

import time

SIZES = (100, 1000)
TOWNS = 10


def build(env, size, tag):
    Division = env["gov.division"]
    code = f"15{tag:02d}01"
    district = Division.create({"name": f"基准{tag}区", "code": f"{code}000000", "division_type": "district"})
    towns = Division.create(
        [
            {"name": f"基准{tag}镇{t}", "code": f"{code}{100 + t:03d}000", "division_type": "town", "parent_id": district.id}
            for t in range(TOWNS)
        ]
    )
    Site = env["gov.site"]
    centres = Site.create(
        [{"name": f"{town.name}便民服务中心", "kind": "township_centre", "division_id": town.id} for town in towns]
    )
    per_town = (size - TOWNS) // TOWNS
    villages = Division.create(
        [
            {
                "name": f"{town.name}第{v}村",
                "code": f"{town.code[:9]}{v + 1:03d}",
                "division_type": "village",
                "parent_id": town.id,
            }
            for town in towns
            for v in range(per_town)
        ]
    )
    centre_of = {centre.division_id.id: centre.id for centre in centres}
    stations = Site.create(
        [
            {
                "name": f"{village.name}便民服务站",
                "kind": "station",
                "division_id": village.id,
                "parent_id": centre_of[village.parent_id.id],
                "remote_pastoral": i % 7 == 0,
                "target_tier": "basic" if i % 7 == 0 else "standard",
                "phone": f"0472-{5000000 + i}",
                "floor_area": 30 + (i * 13) % 70,
            }
            for i, village in enumerate(villages)
        ]
    )
    sites = centres | stations
    Inspection = env["gov.site.inspection"]
    for i, site in enumerate(sites):
        if i % 4 == 0:
            area = 250 if site.kind == "township_centre" else site.floor_area
            unmet = ["SY-05"] if i % 3 == 0 and site.kind == "station" else []
            Inspection._record_inspection(site.id, "2026-10-15", area, unmet)
    env.flush_all()
    return towns, sites


def measure(env, label, func, repeat=5):
    func()  # warm the caches (system parameters, translations)
    env.invalidate_all()
    start_queries = env.cr.sql_log_count
    start = time.perf_counter()
    for _i in range(repeat):
        env.invalidate_all()
        result = func()
    elapsed = (time.perf_counter() - start) / repeat
    queries = (env.cr.sql_log_count - start_queries) / repeat
    return {"label": label, "ms": elapsed * 1000, "queries": queries, "result": result}


def measure_all(env, domain):
    Attainment = env["gov.site.attainment"]
    Site = env["gov.site"].sudo()
    return [
        measure(env, "dashboard figures (_attainment_figures)", lambda: Attainment._attainment_figures(domain)),
        measure(
            env,
            "pivot grouped read (township x tier)",
            lambda: Attainment.formatted_read_group(
                domain, ["township_id", "achieved_tier"], ["basic_rate:avg", "standard_rate:avg", "benchmark_rate:avg"]
            ),
        ),
        measure(
            env,
            "public feed (_public_data of all sites)",
            lambda: Site.search(Site._public_site_domain({}) + domain)._public_data(),
            repeat=2,
        ),
    ]


def run(env):
    rows = {}
    for tag, size in enumerate(SIZES, start=1):
        build_start = time.perf_counter()
        towns, sites = build(env, size, tag + 50)
        build_s = time.perf_counter() - build_start
        results = measure_all(env, [("township_id", "in", towns.ids)])
        district = results[0]["result"]["district"]
        print(
            f"\n== {len(sites)} sites (built and one in four inspected in {build_s:.1f}s): "
            f"basic {district['basic_rate']}%, standard {district['standard_rate']}%, "
            f"benchmark {district['benchmark_rate']}%"
        )
        for res in results:
            print(f"   {res['label']:<45} {res['queries']:>7.1f} queries {res['ms']:>9.1f} ms")
        rows[len(sites)] = results
    small, large = (rows[n] for n in sorted(rows))
    n_small, n_large = sorted(rows)
    print(f"\n== ratios {n_large} / {n_small} sites (x{n_large / n_small:.0f} sites)")
    for a, b in zip(small, large, strict=True):
        print(
            f"   {a['label']:<45} queries x{b['queries'] / max(a['queries'], 1):.2f}   time x{b['ms'] / max(a['ms'], 0.001):.2f}"
        )


try:
    run(env)  # noqa: F821 (odoo shell provides env)
finally:
    env.cr.rollback()  # noqa: F821
    print("\n(rolled back)")
