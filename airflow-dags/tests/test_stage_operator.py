"""What each task runs, with which settings, and how exit codes become task outcomes (a recording fake CLI)."""

import os
import stat

import pendulum
import pytest
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from jingzhun_nightly import CheckCliOperator, JingzhunStageOperator

LOGICAL_DATE = pendulum.datetime(2026, 11, 27, 2, tz="Asia/Shanghai")  # 2026-11-26T18:00Z


@pytest.fixture
def fake_cli(tmp_path, monkeypatch):
    """An executable that records its arguments and JINGZHUN_SKIP_BUILD, then exits with $FAKE_EXIT."""
    for name in list(os.environ):
        if name.startswith(("JINGZHUN_", "AIRFLOW_VAR_JINGZHUN_")):
            monkeypatch.delenv(name)
    calls = tmp_path / "calls.txt"
    script = tmp_path / "fake-cli"
    script.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$@" > "{calls}"\n'
        f'echo "skip_build=${{JINGZHUN_SKIP_BUILD:-}} home=$JINGZHUN_HOME" >> "{calls}.env"\n'
        'echo "fake stage output"\n'
        'exit "${FAKE_EXIT:-0}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("JINGZHUN_HOME", str(tmp_path))
    monkeypatch.setenv("JINGZHUN_CLI", str(script))
    monkeypatch.setenv("JINGZHUN_LANDING", "/data/landing")
    monkeypatch.setenv("JINGZHUN_WAREHOUSE", "s3a://jingzhun/warehouse")

    class Fake:
        path = script

        @staticmethod
        def args():
            return calls.read_text().splitlines()

        @staticmethod
        def env():
            return (tmp_path / "calls.txt.env").read_text().strip()

    return Fake


def run(task):
    return task.execute({"logical_date": LOGICAL_DATE})


def test_ingest_task_runs_the_cli_with_run_date_in_china_time(fake_cli):
    task = JingzhunStageOperator(task_id="ingest_members", stage=["ingest"], extra=["--table", "members"])
    assert run(task) == "2026-11-27"
    assert fake_cli.args() == ["ingest", "--date", "2026-11-27", "--landing", "/data/landing",
                               "--warehouse", "s3a://jingzhun/warehouse", "--table", "members"]
    assert fake_cli.env().startswith("skip_build=1 ")


def test_unset_locations_are_left_to_the_cli_profile(fake_cli, monkeypatch):
    monkeypatch.delenv("JINGZHUN_LANDING")
    monkeypatch.delenv("JINGZHUN_WAREHOUSE")
    run(JingzhunStageOperator(task_id="index", stage=["index"]))
    assert fake_cli.args() == ["index", "--date", "2026-11-27"]


def test_profile_is_passed_when_set(fake_cli, monkeypatch):
    monkeypatch.setenv("JINGZHUN_PROFILE", "county")
    run(JingzhunStageOperator(task_id="quality_report", stage=["quality", "report"]))
    assert fake_cli.args()[:2] == ["quality", "report"]
    assert fake_cli.args()[-2:] == ["--profile", "county"]


def test_airflow_variable_wins_over_the_environment(fake_cli, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_JINGZHUN_WAREHOUSE", "/srv/warehouse")
    run(JingzhunStageOperator(task_id="link", stage=["link"]))
    assert fake_cli.args()[fake_cli.args().index("--warehouse") + 1] == "/srv/warehouse"


def test_with_a_spark_master_the_stage_goes_through_spark_submit(fake_cli, monkeypatch):
    monkeypatch.setenv("JINGZHUN_SPARK_MASTER", "spark://master:7077")
    monkeypatch.setenv("JINGZHUN_SPARK_SUBMIT", str(fake_cli.path))
    monkeypatch.setenv("JINGZHUN_SPARK_SUBMIT_OPTIONS", "--executor-memory 8g --conf spark.sql.shuffle.partitions=400")
    monkeypatch.setenv("JINGZHUN_JAR", "/opt/jingzhun/jingzhun.jar")
    run(JingzhunStageOperator(task_id="publish", stage=["publish"]))
    assert fake_cli.args() == [
        "--master", "spark://master:7077", "--executor-memory", "8g", "--conf", "spark.sql.shuffle.partitions=400",
        "--class", "io.jingzhun.cli.Main", "/opt/jingzhun/jingzhun.jar",
        "publish", "--date", "2026-11-27", "--landing", "/data/landing", "--warehouse", "s3a://jingzhun/warehouse"]


def test_quality_gate_exit_2_fails_without_retries(fake_cli, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "2")
    with pytest.raises(AirflowFailException, match="quality gate blocked run date 2026-11-27"):
        run(JingzhunStageOperator(task_id="quality_gate", stage=["quality"], gate=True))


def test_an_error_exit_is_retryable(fake_cli, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "1")
    with pytest.raises(AirflowException, match="exit code 1: fake stage output") as raised:
        run(JingzhunStageOperator(task_id="quality_gate", stage=["quality"], gate=True))
    assert not isinstance(raised.value, AirflowFailException)


def test_exit_2_from_a_stage_that_is_not_the_gate_is_an_ordinary_error(fake_cli, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "2")
    with pytest.raises(AirflowException) as raised:
        run(JingzhunStageOperator(task_id="index", stage=["index"]))
    assert not isinstance(raised.value, AirflowFailException)


def test_check_cli_builds_once_and_refuses_a_missing_launcher(fake_cli, monkeypatch, tmp_path):
    run(CheckCliOperator(task_id="check_cli"))
    assert fake_cli.args() == ["--version"]
    assert fake_cli.env().startswith("skip_build= ")  # this one may build the jar
    monkeypatch.setenv("JINGZHUN_CLI", str(tmp_path / "missing"))
    with pytest.raises(AirflowFailException, match="CLI launcher not found"):
        run(CheckCliOperator(task_id="check_cli"))


def test_check_cli_with_spark_submit_needs_the_jar(fake_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("JINGZHUN_SPARK_MASTER", "yarn")
    monkeypatch.setenv("JINGZHUN_JAR", str(tmp_path / "missing.jar"))
    with pytest.raises(AirflowFailException, match="jar not found"):
        run(CheckCliOperator(task_id="check_cli"))
