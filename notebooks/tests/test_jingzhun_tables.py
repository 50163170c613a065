"""Tests of notebooks/jingzhun_tables.py on a hand-made published folder (manifests + Parquet)."""
import datetime as dt
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import jingzhun_tables as jt  # noqa: E402

D1, D2, D3 = dt.date(2026, 10, 27), dt.date(2026, 11, 27), dt.date(2026, 12, 27)


def write_table(published, name, run_date, attempt, rows):
    location = f"{name}/run_date={run_date}/attempt={attempt}"
    folder = published / location
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / "part-00000.parquet")
    return location


def write_manifest(published, run_date, sequence, tables, text=None):
    folder = published / "_manifests" / f"run_date={run_date}"
    folder.mkdir(parents=True, exist_ok=True)
    body = {
        "format": jt.MANIFEST_FORMAT, "run_date": str(run_date), "sequence": sequence, "attempt": "a",
        "committed_at": "2026-11-27T18:02:11Z", "pseudonym_key_id": "a1b2c3d4e5f6",
        "tables": {name: {"location": loc, "format": "parquet", "rows": rows, "schema_fingerprint": fp,
                          "content_checksum": "c", "columns": []}
                   for name, (loc, rows, fp) in tables.items()},
    }
    (folder / f"commit-{sequence:06d}.json").write_text(text if text is not None else json.dumps(body))


class LocalFiles:
    """The helper's file interface over the local disk, to test manifest resolution without a JVM."""

    def list(self, folder):
        path = folder[len("file:"):]
        if not os.path.isdir(path):
            return []
        return [(n, os.path.isdir(os.path.join(path, n))) for n in os.listdir(path)]

    def read_text(self, file):
        with open(file[len("file:"):], encoding="utf-8") as f:
            return f.read()


@pytest.fixture
def warehouse(tmp_path):
    """Three run dates: D1 committed; D2 re-published (commit 2 wins, commit 3 torn); D3 only torn."""
    published = tmp_path / "published"
    v1 = write_table(published, "village_index", D1, "a1", [{"village_code": "630222100201", "m0": 0.30}])
    write_manifest(published, D1, 1, {"village_index": (v1, 1, "f1")})
    old = write_table(published, "village_index", D2, "b1", [{"village_code": "630222100201", "m0": 0.99}])
    write_manifest(published, D2, 1, {"village_index": (old, 1, "f1")})
    v2 = write_table(published, "village_index", D2, "b2",
                     [{"village_code": "630222100201", "m0": 0.25}, {"village_code": "630222100202", "m0": 0.10}])
    h2 = write_table(published, "household_index", D2, "b2", [{"household_key": "k" * 32, "score": 0.5}])
    write_manifest(published, D2, 2, {"village_index": (v2, 2, "f1"), "household_index": (h2, 1, "h1")})
    write_manifest(published, D2, 3, {}, text='{"format": "jingzhun-published-manifest/1", "run_da')
    torn = write_table(published, "village_index", D3, "c1", [{"village_code": "x", "m0": 1.0}])
    write_manifest(published, D3, 1, {}, text="")
    assert torn  # data written, never committed
    (published / "_manifests" / "not-a-date").mkdir()
    return str(tmp_path)


def test_manifest_parse_rejects_torn_and_foreign_files_naming_the_file():
    with pytest.raises(ValueError, match="m.json: not complete JSON"):
        jt.Manifest.parse("m.json", '{"format": "jingzhun-publ')
    with pytest.raises(ValueError, match="m.json: not a manifest"):
        jt.Manifest.parse("m.json", '{"format": "something-else/1"}')
    with pytest.raises(ValueError, match="m.json: incomplete manifest"):
        jt.Manifest.parse("m.json", '{"format": "jingzhun-published-manifest/1", "run_date": "2026-11-27"}')


def test_resolution_takes_highest_commit_that_parses_and_skips_dates_without_one(warehouse):
    m = jt.Manifests(LocalFiles(), jt.to_uri(warehouse) + "/published")
    assert m.run_dates() == [D1, D2, D3]
    assert m.current(D3) is None
    latest = m.latest()
    assert (latest.run_date, latest.sequence) == (D2, 2)
    assert sorted(latest.tables) == ["household_index", "village_index"]
    assert m.latest(D2 - dt.timedelta(days=1)).run_date == D1
    assert m.latest(D1 - dt.timedelta(days=1)) is None
    assert [x.run_date for x in m.history()] == [D1, D2]


def test_open_as_of_and_previous_follow_the_java_semantics(warehouse):
    files = LocalFiles()
    assert jt.PublishedTables.open(None, warehouse, files=files).run_date == D2
    assert jt.PublishedTables.open(None, warehouse, as_of="2026-12-31", files=files).run_date == D2
    assert jt.PublishedTables.open(None, warehouse, as_of="2026-11-01", files=files).run_date == D1
    assert jt.PublishedTables.previous(None, warehouse, D2, files=files).run_date == D1
    assert jt.PublishedTables.previous(None, warehouse, D1, files=files) is None
    assert jt.PublishedTables.run_dates(None, warehouse, files=files) == [D1, D2]
    with pytest.raises(LookupError, match="nothing is published .* on or before 2026-01-01"):
        jt.PublishedTables.open(None, warehouse, as_of="2026-01-01", files=files)
    with pytest.raises(ValueError, match="as_of: expected YYYY-MM-DD"):
        jt.PublishedTables.open(None, warehouse, as_of="27/11/2026", files=files)


def test_unknown_table_names_the_run_and_what_is_published(warehouse):
    run = jt.PublishedTables.open(None, warehouse, as_of=D1, files=LocalFiles())
    with pytest.raises(KeyError, match="'household_index' is not published in the run of 2026-10-27 "
                                       r"\(published: village_index\)"):
        run.location("household_index")


def test_to_uri():
    assert jt.to_uri("s3a://bucket/warehouse/") == "s3a://bucket/warehouse"
    assert jt.to_uri("/data/wh") == "file:/data/wh"
    assert jt.to_uri("wh").startswith("file:/")
    with pytest.raises(ValueError):
        jt.to_uri("")


# --- with Spark: the same reads the notebooks make ------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    return jt.spark_session(app_name="jingzhun-tables-test")


def test_tables_come_from_the_committed_attempt_only(spark, warehouse):
    run = jt.PublishedTables.open(spark, warehouse)
    rows = sorted((r.village_code, r.m0) for r in run.table("village_index").collect())
    assert rows == [("630222100201", 0.25), ("630222100202", 0.10)]  # not the replaced 0.99, not D3


def test_history_has_every_committed_run_with_run_date_first(spark, warehouse):
    run = jt.PublishedTables.open(spark, warehouse)
    h = run.history("village_index")
    assert h.columns[0] == "run_date"
    assert dict(h.dtypes)["run_date"] == "date"
    assert "attempt" not in h.columns
    got = sorted((r.run_date, r.village_code, r.m0) for r in h.collect())
    assert got == [(D1, "630222100201", 0.30), (D2, "630222100201", 0.25), (D2, "630222100202", 0.10)]
    earlier = jt.PublishedTables.open(spark, warehouse, as_of=D1).history("village_index")
    assert {r.run_date for r in earlier.collect()} == {D1}


def test_views_by_table_name_and_history_for_sql(spark, warehouse):
    run = jt.PublishedTables.open(spark, warehouse)
    views = run.register_views()
    assert set(views) == {"village_index", "village_index_history", "household_index", "household_index_history"}
    n = spark.sql("SELECT count(*) AS n FROM village_index").first().n
    per_date = spark.sql("SELECT run_date, count(*) AS n FROM village_index_history GROUP BY run_date "
                         "ORDER BY run_date").collect()
    assert n == 2
    assert [(r.run_date, r.n) for r in per_date] == [(D1, 1), (D2, 2)]


def test_layer_reader_returns_partitions_with_run_date_or_none(spark, tmp_path):
    base = tmp_path / "quality" / "check_results"
    for d, status in [(D1, "Success"), (D2, "Failure")]:
        (base / f"run_date={d}").mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([{"rule": "r1", "status": status}]),
                       base / f"run_date={d}" / "part-0.parquet")
    df = jt.read_layer(spark, str(tmp_path), "quality/check_results")
    assert sorted((r.run_date, r.status) for r in df.collect()) == [(D1, "Success"), (D2, "Failure")]
    assert [r.run_date for r in jt.read_layer(spark, str(tmp_path), "quality/check_results", up_to=D1)
            .collect()] == [D1]
    assert jt.read_layer(spark, str(tmp_path), "quality/anomalies") is None
    assert jt.layer_tables(spark, str(tmp_path), "quality") == ["check_results"]


def test_run_reports_are_read_per_date_without_the_summary(spark, tmp_path):
    folder = tmp_path / "runs" / "ingest" / f"run_date={D2}"
    folder.mkdir(parents=True)
    (folder / "members.json").write_text(json.dumps({"table": "members", "rows_quarantined": 5}))
    (folder / "summary.json").write_text("{}")
    reports = jt.read_run_reports(spark, str(tmp_path))
    assert reports == [{"table": "members", "rows_quarantined": 5, "run_date": D2, "report_file": "members.json"}]
