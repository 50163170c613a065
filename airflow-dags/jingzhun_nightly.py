"""Jingzhun nightly run: ingest the departments' extracts of one day, gate on quality, link, index, publish.

Which day does a run process?
    The departments deliver each day's extracts into ``<landing>/<D>/<table>/`` by the end of day D (China
    time). The run that starts at 02:00 Asia/Shanghai on D+1 processes day D. The schedule is a cron *data
    interval* timetable, so that run covers the interval [D 02:00, D+1 02:00) and its logical date is
    D 02:00 Asia/Shanghai: **run date = the logical date, read in Asia/Shanghai**. It is deliberately not
    ``{{ ds }}``, which is the logical date in UTC (D 02:00 CST is D-1 18:00 UTC, one day early).
    A manual trigger or ``airflow dags test jingzhun_nightly D`` with logical date D (any time of day D in
    China) processes day D; ``airflow backfill create --from-date A --to-date B`` re-processes A..B, which is
    safe because every stage replaces exactly its own ``run_date=D`` folders.

Each task runs the same command a person would type, ``bin/jingzhun <stage> --date D [--landing L]
[--warehouse W] [--profile P]``, or, when a Spark master is configured, ``spark-submit --master M --class
io.jingzhun.cli.Main <jar> <stage> ...`` with the same arguments.

Settings, each read when a task runs: Airflow Variable ``jingzhun_<name>`` (which Airflow also reads from the
environment as ``AIRFLOW_VAR_JINGZHUN_<NAME>``), else the worker's environment variable ``JINGZHUN_<NAME>``,
else the default below. Landing, warehouse and profile are passed only when set; otherwise the CLI's own
defaults apply (profile ``local``: landing ``sample-data/``, warehouse ``./warehouse``, see conf/profiles/).

    home            project checkout holding bin/jingzhun      default: the folder above this DAGs folder
    landing         --landing: departments' landing area       default: the profile's
    warehouse       --warehouse: root (path or s3a:// URI)     default: the profile's
    profile         --profile: deployment profile              default: the CLI's (local)
    cli             the local launcher                         default: <home>/bin/jingzhun
    spark_master    spark-submit --master; empty = local mode  default: empty
    spark_submit    the spark-submit executable                default: spark-submit
    spark_submit_options  extra spark-submit options (shell words), e.g. "--executor-memory 8g"
    jar             the shaded jar for spark-submit            default: <home>/jobs/target/jingzhun.jar

Failures: a stage that exits 1 (an error, perhaps transient: storage, a lost executor) is retried with
exponential back-off. The quality gate exiting 2 means an error-level data rule failed: retrying cannot fix
the data, so the task fails at once without retries, nothing is published, and the run shows as failed.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.standard.hooks.subprocess import SubprocessHook
from airflow.sdk import DAG, BaseOperator, CronDataIntervalTimetable, Variable, chain
from airflow.sdk.exceptions import AirflowException, AirflowFailException

DAG_ID = "jingzhun_nightly"
TIMEZONE = "Asia/Shanghai"
SOURCES = ("households", "members", "civil_affairs", "education", "finance_payments", "finance_payroll")
QUALITY_GATE_BLOCKED = 2  # io.jingzhun.cli.ExitCodes.QUALITY_GATE_BLOCKED

_DEFAULT_HOME = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    home: str
    landing: str
    warehouse: str
    profile: str
    cli: str
    spark_master: str
    spark_submit: str
    spark_submit_options: str
    jar: str

    @staticmethod
    def resolve() -> "Settings":
        home = _setting("home", str(_DEFAULT_HOME))
        return Settings(
            home=home,
            landing=_setting("landing", ""),
            warehouse=_setting("warehouse", ""),
            profile=_setting("profile", ""),
            cli=_setting("cli", os.path.join(home, "bin", "jingzhun")),
            spark_master=_setting("spark_master", ""),
            spark_submit=_setting("spark_submit", "spark-submit"),
            spark_submit_options=_setting("spark_submit_options", ""),
            jar=_setting("jar", os.path.join(home, "jobs", "target", "jingzhun.jar")),
        )

    def launcher(self) -> list[str]:
        """The words that start the Jingzhun CLI: spark-submit on a cluster, bin/jingzhun locally."""
        if self.spark_master:
            return [self.spark_submit, "--master", self.spark_master, *shlex.split(self.spark_submit_options),
                    "--class", "io.jingzhun.cli.Main", self.jar]
        return [self.cli]

    def stage_arguments(self, run_date: str) -> list[str]:
        words = ["--date", run_date]
        for option, value in (("--landing", self.landing), ("--warehouse", self.warehouse),
                              ("--profile", self.profile)):
            if value:
                words += [option, value]
        return words


def _setting(name: str, default: str) -> str:
    value = Variable.get(f"jingzhun_{name}", default=None)
    if value is None:
        value = os.environ.get(f"JINGZHUN_{name.upper()}")
    return default if value is None else value.strip()


def run_date_of(logical_date) -> str:
    """The run date D a run processes: its logical date in China time (see the module docstring)."""
    if logical_date is None:
        raise AirflowFailException(
            f"{DAG_ID}: this run has no logical date, so it has no run date; trigger it with a logical date "
            "(the day whose extracts to process)")
    return pendulum.instance(logical_date).in_timezone(TIMEZONE).date().isoformat()


class JingzhunStageOperator(BaseOperator):
    """Runs one stage of the nightly run as ``<launcher> <stage words> --date D --landing L --warehouse W``.

    ``stage`` is the sub-command words (``["ingest"]``, ``["quality", "report"]``); ``extra`` follows the
    common arguments (``["--table", "households"]``). ``gate`` marks the quality gate, whose exit code 2
    fails the task without retries.
    """

    ui_color = "#e8f4ea"

    def __init__(self, *, stage: list[str], extra: list[str] | None = None, gate: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.stage = list(stage)
        self.extra = list(extra or [])
        self.gate = gate
        self._hook: SubprocessHook | None = None

    def execute(self, context):
        settings = Settings.resolve()
        run_date = run_date_of(context.get("logical_date"))
        command = settings.launcher() + self.stage + settings.stage_arguments(run_date) + self.extra
        # Tasks of one run start in parallel: none may rebuild the jar (check_cli has made it current).
        env = {**os.environ, "JINGZHUN_HOME": settings.home, "JINGZHUN_SKIP_BUILD": "1"}
        self._hook = SubprocessHook()
        result = self._hook.run_command(command=command, env=env, cwd=settings.home)
        stage = " ".join(self.stage)
        if result.exit_code == 0:
            return run_date
        if self.gate and result.exit_code == QUALITY_GATE_BLOCKED:
            raise AirflowFailException(
                f"quality gate blocked run date {run_date}: an error-level rule failed (exit 2); nothing is "
                f"published. Fix the data or the rule, then clear this task. Last output: {result.output}")
        raise AirflowException(f"'{stage}' for run date {run_date} failed with exit code {result.exit_code}: "
                               f"{result.output}")

    def on_kill(self) -> None:
        # Timeouts and "mark failed" land here: stop the stage's whole process group, not just the task.
        if self._hook is not None:
            self._hook.send_sigterm()


class CheckCliOperator(BaseOperator):
    """Makes sure the CLI is runnable before the parallel stages start.

    Locally ``bin/jingzhun --version`` builds the jar if the sources changed, once, instead of six ingest
    tasks racing to build it. With spark-submit, the jar must already exist.
    """

    def execute(self, context):
        settings = Settings.resolve()
        if settings.spark_master:
            if not os.path.isfile(settings.jar):
                raise AirflowFailException(f"jar not found: {settings.jar} (set Variable jingzhun_jar, or "
                                           "build it with 'mvn -DskipTests package')")
            return settings.jar
        if not os.access(settings.cli, os.X_OK):
            raise AirflowFailException(f"CLI launcher not found or not executable: {settings.cli} "
                                       "(set Variable jingzhun_home or jingzhun_cli)")
        hook = SubprocessHook()
        result = hook.run_command(command=[settings.cli, "--version"],
                                  env={**os.environ, "JINGZHUN_HOME": settings.home}, cwd=settings.home)
        if result.exit_code != 0:
            raise AirflowException(f"{settings.cli} --version failed with exit code {result.exit_code}: "
                                   f"{result.output}")
        return result.output


# Time limits: generous for a national run on a cluster, far above the sample's seconds. A run must end
# before the working day starts (02:00 + 9 h), so analysts never read half of yesterday's work.
STAGE_TIMEOUTS = {
    "ingest": timedelta(hours=2),
    "quality_gate": timedelta(hours=1),
    "link": timedelta(hours=3),
    "index": timedelta(hours=2),
    "publish": timedelta(hours=1),
    "quality_report": timedelta(minutes=30),
}

with DAG(
    dag_id=DAG_ID,
    description="Nightly: ingest the six extracts of day D, quality gate, link, index, publish, report",
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2026, 11, 1, tz=TIMEZONE),
    catchup=False,  # no catch-up storm after a pause; use backfill for past dates
    max_active_runs=1,  # runs share the warehouse and the machine; backfills queue one by one
    dagrun_timeout=timedelta(hours=9),
    default_args={
        "owner": "jingzhun",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    tags=["jingzhun"],
    doc_md=__doc__,
) as dag:
    check_cli = CheckCliOperator(task_id="check_cli", retries=0, execution_timeout=timedelta(minutes=20))
    ingest = [
        JingzhunStageOperator(task_id=f"ingest_{source}", stage=["ingest"], extra=["--table", source],
                              execution_timeout=STAGE_TIMEOUTS["ingest"])
        for source in SOURCES
    ]
    quality_gate = JingzhunStageOperator(task_id="quality_gate", stage=["quality"], gate=True,
                                         execution_timeout=STAGE_TIMEOUTS["quality_gate"])
    link = JingzhunStageOperator(task_id="link", stage=["link"], execution_timeout=STAGE_TIMEOUTS["link"])
    index = JingzhunStageOperator(task_id="index", stage=["index"], execution_timeout=STAGE_TIMEOUTS["index"])
    # Publishing checks the output tables against their rules before its commit: a gate too.
    publish = JingzhunStageOperator(task_id="publish", stage=["publish"], gate=True,
                                    execution_timeout=STAGE_TIMEOUTS["publish"])
    quality_report = JingzhunStageOperator(task_id="quality_report", stage=["quality", "report"],
                                           execution_timeout=STAGE_TIMEOUTS["quality_report"])

    chain(check_cli, ingest, quality_gate, link, index, publish, quality_report)
