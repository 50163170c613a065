"""A small synthetic published warehouse (manifests + Parquet per schemas/published contracts), for trying the
notebooks without a nightly run: `python synthetic_published.py OUT_WAREHOUSE [DATE...]`.

One county, 2 townships × 3 villages × 12 households, the china-2020 indicators (7, weight 1/7, k = 1/7, 2/7,
3/7); measures are computed from the households as the index defines them (population-weighted by members).
Not the pipeline's output: the real test builds its warehouse with `bin/jingzhun run`.
"""
import datetime as dt
import json
import os
import random
import sys
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

HOME = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INDICATORS = ["income", "food", "clothing", "education", "medical", "housing", "water"]
W = 1 / 7
KS = [1 / 7, 2 / 7, 3 / 7]
TYPES = {"string": pa.string(), "integer": pa.int32(), "long": pa.int64(), "double": pa.float64(),
         "boolean": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us")}


def arrow_type(t):
    if t.startswith("array<"):
        return pa.list_(arrow_type(t[6:-1]))
    return TYPES[t]


def contract(name):
    with open(os.path.join(HOME, "schemas", "published", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def households(date, seed):
    rnd = random.Random(seed)
    out = []
    for t in range(2):
        for v in range(3):
            village = f"630222{100 + t:03d}{201 + v:03d}"
            for h in range(12):
                hid = f"{village}-{h}"
                r = random.Random(hid)  # the same household every month, its deprivations drifting
                base = [i for i in INDICATORS if r.random() < 0.18 + 0.05 * v]
                if rnd.random() < 0.15:
                    base = base[1:] if base else [rnd.choice(INDICATORS)]
                score = len(base) * W
                out.append({
                    "household_key": uuid.uuid5(uuid.NAMESPACE_OID, hid).hex, "head_name_masked": "王*明",
                    "county_code": "630222", "county_name": "民和回族土族自治县",
                    "township_code": village[:9], "township_name": f"乡镇{t + 1}",
                    "village_code": village, "village_name": f"村{t + 1}{v + 1}",
                    "attribute": r.choice(["general", "dibao", "tekun"]),
                    "main_cause": r.choice(["illness", "disability", "lack_of_labour", "lack_of_skills"]),
                    "status": "registered", "living_members": r.randint(1, 6), "deceased_members": 0,
                    "per_capita_net_income": 3000.0 + r.random() * 6000, "income_line": 4000.0,
                    "score": score, "poor": score >= KS[0] - 1e-9,
                    "band": "severe" if score >= 3 / 7 - 1e-9 else "poor" if score > 0 else "none",
                    "deprived_in": base, "excluded": False})
    for area in ("village_code",):
        by = {}
        for h in out:
            by.setdefault(h[area], []).append(h)
        for hs in by.values():
            for i, h in enumerate(sorted(hs, key=lambda x: (-x["score"], x["household_key"]))):
                h["rank_in_village"] = i + 1
    return out


def measures(hs, k):
    pop = sum(h["living_members"] for h in hs)
    poor = [h for h in hs if h["score"] >= k - 1e-9]
    q = sum(h["living_members"] for h in poor)
    m0 = sum(h["living_members"] * h["score"] for h in poor) / pop
    H = q / pop
    return {"households": len(hs), "population": float(pop), "poor_households": len(poor),
            "poor_population": float(q), "H": H, "A": m0 / H if H else 0.0, "M0": m0, "M1": m0, "M2": m0,
            "vulnerable_share": 0.0, "severe_share": sum(h["living_members"] for h in hs
                                                         if h["score"] >= 3 / 7 - 1e-9) / pop,
            "H_se": 0.02, "A_se": 0.02, "M0_se": 0.01, "H_ci_low": max(0, H - 0.04), "H_ci_high": H + 0.04,
            "M0_ci_low": max(0, m0 - 0.02), "M0_ci_high": m0 + 0.02}


def tables(date, hs, previous):
    out = {n: [] for n in ["household_index", "village_index", "township_index", "county_index",
                           "indicator_contributions", "breakdowns", "most_deprived_villages",
                           "most_deprived_households", "monitoring", "findings", "findings_summary"]}
    out["household_index"] = hs
    levels = {"county": "county_code", "township": "township_code", "village": "village_code"}
    for level, col in levels.items():
        groups = {}
        for h in hs:
            groups.setdefault(h[col], []).append(h)
        for code, g in groups.items():
            for k in KS:
                m = measures(g, k)
                row = dict(g[0], k=k, primary_k=k == KS[0], **m)
                out[level + "_index"].append(row)
                pop = m["population"]
                for ind in INDICATORS:
                    unc = sum(h["living_members"] for h in g if ind in h["deprived_in"]) / pop
                    cen = sum(h["living_members"] for h in g if ind in h["deprived_in"]
                              and h["score"] >= k - 1e-9) / pop
                    out["indicator_contributions"].append({
                        "level": level, "area_code": code, "county_code": "630222", "k": k,
                        "primary_k": k == KS[0], "indicator": ind, "dimension": ind, "weight": W,
                        "uncensored_headcount": unc, "censored_headcount": cen, "contribution": W * cen,
                        "contribution_share": W * cen / m["M0"] if m["M0"] else 0.0})
    for level in levels:
        rows = out[level + "_index"]
        for i, r in enumerate(sorted(rows, key=lambda r: (r["k"], -r["M0"]))):
            r["rank"] = i % 6 + 1
    county = {k: measures(hs, k) for k in KS}
    for breakdown in ["main_cause", "attribute"]:
        groups = {}
        for h in hs:
            groups.setdefault(h[breakdown], []).append(h)
        for value, g in groups.items():
            for k in KS:
                m = measures(g, k)
                share = m["population"] / county[k]["population"]
                out["breakdowns"].append(dict(
                    county_code="630222", county_name="民和回族土族自治县", k=k, primary_k=k == KS[0],
                    breakdown=breakdown, group_value=value, households=len(g), population=m["population"],
                    population_share=share, H=m["H"], A=m["A"], M0=m["M0"],
                    contribution_share=share * m["M0"] / county[k]["M0"] if county[k]["M0"] else 0.0))
    villages = sorted((r for r in out["village_index"] if r["primary_k"]), key=lambda r: -r["M0"])
    out["most_deprived_villages"] = [dict(r, rank=i + 1) for i, r in enumerate(villages)]
    ranked = sorted(hs, key=lambda h: -h["score"])[:20]
    out["most_deprived_households"] = [dict(h, rank=i + 1) for i, h in enumerate(ranked)]
    before = {h["household_key"]: h for h in previous or []}
    for h in hs:
        b = before.get(h["household_key"])
        change = None
        if h["poor"] and (b is None or not b["poor"]):
            change = "newly_poor" if b is None or h["household_key"] < "8" else "relapsed"
        elif not h["poor"] and b is not None and b["poor"]:
            change = "exited"
        if change:
            out["monitoring"].append(dict(
                h, change=change, previous_run_date=None if b is None else b["_date"],
                previous_score=None if b is None else b["score"], previous_band=None if b is None else b["band"],
                indicators_changed=sorted(set(h["deprived_in"]) ^ set(b["deprived_in"] if b else []))))
    for i, rule in enumerate(["DECEASED_STILL_LISTED", "CHILD_NOT_ENROLLED", "PAYROLL_IN_POOR_HOUSEHOLD"]):
        h = hs[i * 7]
        out["findings"].append(dict(h, finding_key=f"{rule}-{i}", rule_code=rule, severity="high",
                                    person_key=h["household_key"], evidence="synthetic", source_records=2))
        out["findings_summary"].append(dict(h, rule_code=rule, severity="high", findings=1 + i))
    return out


def write(warehouse, dates):
    published = os.path.join(warehouse, "published")
    previous = None
    for n, date in enumerate(dates):
        hs = households(date, n)
        for h in hs:
            h["_date"] = dt.date.fromisoformat(date)
        attempt = uuid.uuid4().hex
        manifest = {"format": "jingzhun-published-manifest/1", "run_date": date, "sequence": 1,
                    "attempt": attempt, "committed_at": date + "T18:00:00Z", "pseudonym_key_id": "synthetic",
                    "tables": {}}
        for name, rows in tables(date, hs, previous).items():
            c = contract(name)
            schema = pa.schema([(col["name"], arrow_type(col["type"])) for col in c["columns"]])
            data = [{f.name: r.get(f.name) for f in schema} for r in rows]
            location = f"{name}/run_date={date}/attempt={attempt}"
            os.makedirs(os.path.join(published, location), exist_ok=True)
            pq.write_table(pa.Table.from_pylist(data, schema=schema),
                           os.path.join(published, location, "part-00000.parquet"))
            manifest["tables"][name] = {"location": location, "format": "parquet", "rows": len(data),
                                        "schema_fingerprint": name, "content_checksum": "synthetic",
                                        "columns": [f"{col['name']} {col['type']}" for col in c["columns"]]}
        folder = os.path.join(published, "_manifests", f"run_date={date}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "commit-000001.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False)
        previous = hs


if __name__ == "__main__":
    write(sys.argv[1], sys.argv[2:] or ["2026-11-27", "2026-12-27"])
