"""Open a Jingzhun warehouse's published tables from Python (notebooks), the way `bin/jingzhun sql` does.

Published tables are committed by manifests (docs/publishing.md) and are never found by listing table
folders: `published/_manifests/run_date=D/commit-NNNNNN.json`, the highest commit of a date that parses
whole is that date's run; a date none of whose commits parses has no committed run. The manifest is resolved
once, at `PublishedTables.open`, so every table read from one object belongs to the same run.

Same names and semantics as the Java `io.jingzhun.publish.PublishedTables`:
- `open(spark, warehouse)` the latest run; `open(..., as_of=D)` the run of D or the last one before it;
- `table(name)`, `history(name)` (every committed run up to this one, `run_date` column first),
  `register_views()` (each table as a temp view by its name, and `<name>_history`);
- `previous(spark, warehouse, before)` the last run strictly before a date.

Also reads the unpublished layers auditors look at (`quality/<table>`, `quarantine/<table>`) by run-date
partition, for the data-quality notebook; those may be absent in a warehouse, so their readers return None.

Paths are Hadoop URIs (a local path becomes file:...), and every listing and read goes through Hadoop's
FileSystem in the Spark JVM, so a warehouse on `s3a://` works the same as a local folder.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

SPARK_VERSION = "3.5.9"
MANIFEST_FORMAT = "jingzhun-published-manifest/1"
MANIFESTS_FOLDER = "_manifests"
# Spark 3.5 is built against Hadoop 3.3.4: hadoop-aws must be the same version (shared/REFERENCE.md).
HADOOP_AWS_PACKAGE = "org.apache.hadoop:hadoop-aws:3.3.4"

_RUN_DATE_FOLDER = re.compile(r"run_date=(\d{4}-\d{2}-\d{2})")
_COMMIT_FILE = re.compile(r"commit-(\d{6,})\.json")

DateLike = Union[str, _dt.date]


# ---------------------------------------------------------------------------------------------------------
# Locations and the Spark session


def to_uri(location: str) -> str:
    """A warehouse location as a Hadoop URI: `s3a://…` and `file:…` as given, a local path made absolute."""
    if not location:
        raise ValueError("expected a warehouse location (a local folder or an s3a:// URI), got nothing")
    if "://" in location or location.startswith("file:"):
        return location.rstrip("/")
    return "file:" + os.path.abspath(os.path.expanduser(location)).rstrip("/")


def as_date(value: Optional[DateLike], what: str = "date") -> Optional[_dt.date]:
    """None, a `datetime.date` or an ISO `YYYY-MM-DD` string, as a date (notebook parameters are strings)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{what}: expected YYYY-MM-DD, got {value!r}") from None


def _s3a_conf_from_environment() -> Dict[str, str]:
    """S3A settings from the same environment variables as conf/profiles/s3.yaml (never from a file)."""
    env = os.environ
    conf = {
        "spark.jars.packages": HADOOP_AWS_PACKAGE,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        "spark.hadoop.fs.s3a.endpoint.region": env.get("JINGZHUN_S3_REGION", "us-east-1"),
        "spark.hadoop.fs.s3a.connection.ssl.enabled": env.get("JINGZHUN_S3_SSL", "false"),
    }
    if env.get("JINGZHUN_S3_ENDPOINT"):
        conf["spark.hadoop.fs.s3a.endpoint"] = env["JINGZHUN_S3_ENDPOINT"]
    if env.get("JINGZHUN_S3_ACCESS_KEY") and env.get("JINGZHUN_S3_SECRET_KEY"):
        conf["spark.hadoop.fs.s3a.aws.credentials.provider"] = (
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        conf["spark.hadoop.fs.s3a.access.key"] = env["JINGZHUN_S3_ACCESS_KEY"]
        conf["spark.hadoop.fs.s3a.secret.key"] = env["JINGZHUN_S3_SECRET_KEY"]
    return conf


def spark_session(warehouse: Optional[str] = None, app_name: str = "jingzhun-notebook",
                  extra_conf: Optional[Mapping[str, str]] = None):
    """The notebook's Spark session: local[2], UI off, PySpark of the project's Spark version.

    For an `s3a://` warehouse the S3A connector and its settings (JINGZHUN_S3_* variables) are added.
    """
    import pyspark
    from pyspark.sql import SparkSession

    if pyspark.__version__ != SPARK_VERSION:
        raise RuntimeError(f"expected pyspark=={SPARK_VERSION} (the project's Spark, pom.xml), found "
                           f"{pyspark.__version__}: install notebooks/requirements.txt")
    builder = (SparkSession.builder.appName(app_name)
               .master(os.environ.get("JINGZHUN_NOTEBOOK_MASTER", "local[2]"))
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC"))
    conf: Dict[str, str] = {}
    if warehouse is not None and to_uri(warehouse).startswith("s3a://"):
        conf.update(_s3a_conf_from_environment())
    conf.update(extra_conf or {})
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# ---------------------------------------------------------------------------------------------------------
# Files: listing and reading small files through Hadoop (local, HDFS, S3A alike)


class HadoopFiles:
    """Lists folders and reads small text files through the Hadoop FileSystem of a Spark session."""

    def __init__(self, spark):
        self._jvm = spark.sparkContext._jvm
        self._conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _fs(self, path):
        return path.getFileSystem(self._conf)

    def list(self, folder: str) -> List[Tuple[str, bool]]:
        """(name, is_folder) of a folder's entries; empty when the folder does not exist."""
        path = self._jvm.org.apache.hadoop.fs.Path(folder)
        fs = self._fs(path)
        if not fs.exists(path):
            return []
        return [(s.getPath().getName(), bool(s.isDirectory())) for s in fs.listStatus(path)]

    def read_text(self, file: str) -> str:
        path = self._jvm.org.apache.hadoop.fs.Path(file)
        stream = self._fs(path).open(path)
        try:
            data = self._jvm.org.apache.commons.io.IOUtils.toByteArray(stream)
        finally:
            stream.close()
        return bytes(data).decode("utf-8")


# ---------------------------------------------------------------------------------------------------------
# Manifests


@dataclass(frozen=True)
class ManifestTable:
    name: str
    location: str  # relative to published/
    rows: int
    schema_fingerprint: str
    content_checksum: str
    columns: Tuple[str, ...]


@dataclass(frozen=True)
class Manifest:
    """One committed run: which folder holds each table of that run."""
    source: str
    run_date: _dt.date
    sequence: int
    pseudonym_key_id: Optional[str]
    tables: Mapping[str, ManifestTable] = field(repr=False)

    @staticmethod
    def parse(source: str, text: str) -> "Manifest":
        """A manifest from its JSON; ValueError (naming the file) for a torn or foreign file."""
        try:
            root = json.loads(text)
        except ValueError as e:
            raise ValueError(f"{source}: not complete JSON ({e})") from None
        if not isinstance(root, dict) or root.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"{source}: not a manifest (expected format {MANIFEST_FORMAT})")
        try:
            tables = {}
            for name, t in root["tables"].items():
                tables[name] = ManifestTable(name, t["location"], int(t["rows"]), t["schema_fingerprint"],
                                             t["content_checksum"], tuple(t["columns"]))
            return Manifest(source, _dt.date.fromisoformat(root["run_date"]), int(root["sequence"]),
                            root.get("pseudonym_key_id"), dict(sorted(tables.items())))
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            raise ValueError(f"{source}: incomplete manifest ({type(e).__name__}: {e})") from None


class Manifests:
    """The commit records under `<published>/_manifests` (docs/publishing.md, "What readers must do")."""

    def __init__(self, files, published_root: str):
        self._files = files
        self._folder = published_root + "/" + MANIFESTS_FOLDER

    def run_dates(self) -> List[_dt.date]:
        """Dates with a manifest folder, ascending (a folder may hold only a torn file)."""
        dates = []
        for name, is_folder in self._files.list(self._folder):
            m = _RUN_DATE_FOLDER.fullmatch(name)
            if is_folder and m:
                dates.append(_dt.date.fromisoformat(m.group(1)))
        return sorted(dates)

    def current(self, run_date: _dt.date) -> Optional[Manifest]:
        """The highest-numbered commit of a date that parses whole, or None (that date was never committed)."""
        folder = f"{self._folder}/run_date={run_date.isoformat()}"
        commits = []
        for name, is_folder in self._files.list(folder):
            m = _COMMIT_FILE.fullmatch(name)
            if not is_folder and m:
                commits.append((int(m.group(1)), f"{folder}/{name}"))
        for _, file in sorted(commits, reverse=True):
            try:
                return Manifest.parse(file, self._files.read_text(file))
            except ValueError:
                continue  # a publish that did not finish: the previous commit stands
        return None

    def latest(self, on_or_before: Optional[_dt.date] = None) -> Optional[Manifest]:
        for d in reversed(self.run_dates()):
            if on_or_before is None or d <= on_or_before:
                m = self.current(d)
                if m is not None:
                    return m
        return None

    def history(self, on_or_before: Optional[_dt.date] = None) -> List[Manifest]:
        out = []
        for d in self.run_dates():
            if on_or_before is None or d <= on_or_before:
                m = self.current(d)
                if m is not None:
                    out.append(m)
        return out


# ---------------------------------------------------------------------------------------------------------
# Published tables of one run


class PublishedTables:
    """The published tables of one committed run, resolved through its manifest once."""

    def __init__(self, spark, warehouse: str, manifests: Manifests, manifest: Manifest):
        self._spark = spark
        self.warehouse = to_uri(warehouse)
        self.root = self.warehouse + "/published"
        self._manifests = manifests
        self.manifest = manifest
        self._history: Optional[List[Manifest]] = None

    @staticmethod
    def _manifests_of(spark, warehouse: str, files=None) -> Manifests:
        return Manifests(files or HadoopFiles(spark), to_uri(warehouse) + "/published")

    @classmethod
    def open(cls, spark, warehouse: str, as_of: Optional[DateLike] = None, files=None) -> "PublishedTables":
        """The latest committed run, or the latest on or before `as_of`; a clear error when there is none."""
        as_of_date = as_date(as_of, "as_of")
        manifests = cls._manifests_of(spark, warehouse, files)
        m = manifests.latest(as_of_date)
        if m is None:
            raise LookupError(f"nothing is published under {to_uri(warehouse)}/published"
                              + (f" on or before {as_of_date}" if as_of_date else "")
                              + " (the nightly run publishes; see docs/publishing.md)")
        return cls(spark, warehouse, manifests, m)

    @classmethod
    def previous(cls, spark, warehouse: str, before: DateLike, files=None) -> Optional["PublishedTables"]:
        """The last committed run strictly before a date, or None."""
        before_date = as_date(before, "before")
        if before_date is None:
            raise ValueError("before: expected a date")
        manifests = cls._manifests_of(spark, warehouse, files)
        m = manifests.latest(before_date - _dt.timedelta(days=1))
        return None if m is None else cls(spark, warehouse, manifests, m)

    @classmethod
    def run_dates(cls, spark, warehouse: str, files=None) -> List[_dt.date]:
        """Every committed run date, ascending."""
        return [m.run_date for m in cls._manifests_of(spark, warehouse, files).history()]

    @property
    def run_date(self) -> _dt.date:
        return self.manifest.run_date

    def names(self) -> List[str]:
        return sorted(self.manifest.tables)

    def history_manifests(self) -> List[Manifest]:
        """Every committed run up to this one; this run's entry is the manifest resolved at open."""
        if self._history is None:
            earlier = self._manifests.history(self.run_date - _dt.timedelta(days=1))
            self._history = earlier + [self.manifest]
        return list(self._history)

    def history_dates(self) -> List[_dt.date]:
        return [m.run_date for m in self.history_manifests()]

    def location(self, name: str) -> str:
        t = self.manifest.tables.get(name)
        if t is None:
            raise KeyError(f"table '{name}' is not published in the run of {self.run_date} "
                           f"(published: {', '.join(self.names())})")
        return self.root + "/" + t.location

    def table(self, name: str):
        """A table of this run."""
        return self._spark.read.parquet(self.location(name))

    def history(self, name: str):
        """A table over every committed run up to this one, `run_date` (date) first; columns merged by name."""
        from pyspark.sql import functions as F

        paths, fingerprints = [], set()
        for m in self.history_manifests():
            t = m.tables.get(name)
            if t is not None:
                paths.append(self.root + "/" + t.location)
                fingerprints.add(t.schema_fingerprint)
        if not paths:
            raise KeyError(f"table '{name}' was never published up to {self.run_date}")
        # One read over every run's folder: run_date=… (and attempt=…, dropped) become partition columns.
        df = (self._spark.read.option("basePath", self.root + "/" + name)
              .option("mergeSchema", str(len(fingerprints) > 1).lower())
              .parquet(*paths).drop("attempt"))
        rest = [F.col(f"`{c}`") for c in df.columns if c != "run_date"]
        return df.select(F.col("run_date").cast("date").alias("run_date"), *rest)

    def register_views(self) -> List[str]:
        """Each table of this run as a temp view by its name, and `<name>_history`; returns the view names."""
        every = sorted({n for m in self.history_manifests() for n in m.tables})
        views = []
        for name in every:
            if name in self.manifest.tables:
                self.table(name).createOrReplaceTempView(name)
                views.append(name)
            self.history(name).createOrReplaceTempView(name + "_history")
            views.append(name + "_history")
        return views

    def sql(self, query: str):
        """A query over the registered views (call register_views first)."""
        return self._spark.sql(query)


# ---------------------------------------------------------------------------------------------------------
# Unpublished layers for auditors (quality, quarantine): read by run-date partition, absent tolerated


def layer_run_dates(spark, warehouse: str, layer_table: str, files=None) -> List[_dt.date]:
    """Run dates with a partition of `<warehouse>/<layer>/<table>`, ascending (empty if absent)."""
    files = files or HadoopFiles(spark)
    dates = []
    for name, is_folder in files.list(to_uri(warehouse) + "/" + layer_table.strip("/")):
        m = _RUN_DATE_FOLDER.fullmatch(name)
        if is_folder and m:
            dates.append(_dt.date.fromisoformat(m.group(1)))
    return sorted(dates)


def read_layer(spark, warehouse: str, layer_table: str, up_to: Optional[DateLike] = None,
               files=None, fmt: str = "parquet"):
    """Every run-date partition of a layer table up to a date, with a `run_date` column; None when absent.

    E.g. `read_layer(spark, W, "quality/check_results")`, `read_layer(spark, W, "quarantine/members")`.
    """
    from pyspark.sql import functions as F

    limit = as_date(up_to, "up_to")
    base = to_uri(warehouse) + "/" + layer_table.strip("/")
    dates = [d for d in layer_run_dates(spark, warehouse, layer_table, files) if limit is None or d <= limit]
    if not dates:
        return None
    paths = [f"{base}/run_date={d.isoformat()}" for d in dates]
    df = spark.read.format(fmt).option("basePath", base).load(paths)
    rest = [F.col(f"`{c}`") for c in df.columns if c != "run_date"]
    return df.select(F.col("run_date").cast("date").alias("run_date"), *rest)


def layer_tables(spark, warehouse: str, layer: str, files=None) -> List[str]:
    """Table folders of a layer (e.g. the sources that have a quarantine), sorted; empty if absent."""
    files = files or HadoopFiles(spark)
    return sorted(n for n, is_folder in files.list(to_uri(warehouse) + "/" + layer)
                  if is_folder and not n.startswith(("_", ".")))


def read_run_reports(spark, warehouse: str, stage: str = "ingest", up_to: Optional[DateLike] = None,
                     files=None) -> List[dict]:
    """The JSON reports a stage wrote per run date (`runs/<stage>/run_date=D/<table>.json`), each a dict
    with `run_date` (a date) and `report_file`; `summary.json` files are left out. Empty when absent."""
    files = files or HadoopFiles(spark)
    limit = as_date(up_to, "up_to")
    base = to_uri(warehouse) + "/runs/" + stage
    out = []
    for d in layer_run_dates(spark, warehouse, "runs/" + stage, files):
        if limit is not None and d > limit:
            continue
        folder = f"{base}/run_date={d.isoformat()}"
        for name, is_folder in sorted(files.list(folder)):
            if is_folder or not name.endswith(".json") or name == "summary.json":
                continue
            try:
                report = json.loads(files.read_text(f"{folder}/{name}"))
            except ValueError as e:
                raise ValueError(f"{folder}/{name}: not a JSON report ({e})") from None
            report = dict(report, run_date=d, report_file=name)
            out.append(report)
    return out


# ---------------------------------------------------------------------------------------------------------
# Charts

# Fonts with Chinese glyphs, in order of preference; without one, charts label areas by code.
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
              "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "AR PL UMing CN")


def use_cjk_font() -> bool:
    """Makes matplotlib use an installed font with Chinese glyphs; False when there is none."""
    from matplotlib import font_manager, rcParams

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in installed:
            rcParams["font.sans-serif"] = [name] + [f for f in rcParams["font.sans-serif"] if f != name]
            rcParams["font.family"] = "sans-serif"
            rcParams["axes.unicode_minus"] = False
            return True
    return False


def area_label(code: str, name: Optional[str], cjk: bool) -> str:
    """An area's label on a chart: its name when Chinese can be drawn, else its code."""
    return f"{name} {code[-3:]}" if cjk and name else str(code)
