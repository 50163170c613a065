"""The DAG as the scheduler sees it: imports cleanly, has the stage graph, schedule and run-date rule."""

import pendulum
import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.serialization.encoders import coerce_to_core_timetable
from airflow.timetables.base import TimeRestriction
from conftest import DAGS_FOLDER

import jingzhun_nightly

SOURCES = ["households", "members", "civil_affairs", "education", "finance_payments", "finance_payroll"]
INGEST = [f"ingest_{s}" for s in SOURCES]


@pytest.fixture(scope="module")
def dag():
    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    assert bag.import_errors == {}
    assert list(bag.dags) == ["jingzhun_nightly"], "only the nightly DAG; tests/ must be in .airflowignore"
    return bag.dags["jingzhun_nightly"]


def upstream(dag, task_id):
    return sorted(dag.get_task(task_id).upstream_task_ids)


def test_task_graph_is_ingest_in_parallel_then_gate_link_index_publish_report(dag):
    assert sorted(dag.task_ids) == sorted(
        ["check_cli", *INGEST, "quality_gate", "link", "index", "publish", "quality_report"])
    for task_id in INGEST:
        assert upstream(dag, task_id) == ["check_cli"]
    assert upstream(dag, "quality_gate") == sorted(INGEST)
    assert upstream(dag, "link") == ["quality_gate"]
    assert upstream(dag, "index") == ["link"]
    assert upstream(dag, "publish") == ["index"]
    assert upstream(dag, "quality_report") == ["publish"]
    assert dag.leaves[0].task_id == "quality_report" and len(dag.leaves) == 1


def test_each_stage_calls_the_cli_sub_command_a_person_would_type(dag):
    def words(task_id):
        task = dag.get_task(task_id)
        return task.stage + task.extra

    assert [words(t) for t in INGEST] == [["ingest", "--table", s] for s in SOURCES]
    assert words("quality_gate") == ["quality"] and dag.get_task("quality_gate").gate
    assert words("link") == ["link"]
    assert words("index") == ["index"]
    assert words("publish") == ["publish"]
    assert words("quality_report") == ["quality", "report"]
    # Two gates: the quality gate on the staged tables, and publish, which checks its output tables
    # before the commit; both exit 2 when they block.
    assert dag.get_task("publish").gate
    assert not any(dag.get_task(t).gate for t in dag.task_ids if t not in ("quality_gate", "publish", "check_cli"))


def test_schedule_is_two_in_the_morning_china_time_without_catchup(dag):
    timetable = coerce_to_core_timetable(dag.timetable)
    assert dag.timezone.name == "Asia/Shanghai"
    assert not dag.catchup
    assert dag.max_active_runs == 1
    # The run that fires at 02:00 on 28 November processes the 27th's extracts.
    info = timetable.next_dagrun_info(
        last_automated_data_interval=None,
        restriction=TimeRestriction(earliest=pendulum.datetime(2026, 11, 27, tz="Asia/Shanghai"), latest=None,
                                    catchup=True))
    assert info.run_after == pendulum.datetime(2026, 11, 28, 2, tz="Asia/Shanghai")
    assert info.logical_date == pendulum.datetime(2026, 11, 27, 2, tz="Asia/Shanghai")
    assert jingzhun_nightly.run_date_of(info.logical_date) == "2026-11-27"


def test_run_date_is_the_logical_date_in_china_time_not_utc():
    # 02:00 in Shanghai is still the previous day in UTC: {{ ds }} would be a day early.
    assert jingzhun_nightly.run_date_of(pendulum.datetime(2026, 11, 26, 18, tz="UTC")) == "2026-11-27"
    # `airflow dags test jingzhun_nightly 2026-11-27` gives midnight UTC, 08:00 in Shanghai.
    assert jingzhun_nightly.run_date_of(pendulum.datetime(2026, 11, 27, tz="UTC")) == "2026-11-27"


def test_run_without_logical_date_fails_clearly():
    from airflow.sdk.exceptions import AirflowFailException

    with pytest.raises(AirflowFailException, match="no logical date"):
        jingzhun_nightly.run_date_of(None)


def test_stages_retry_with_back_off_and_have_time_limits(dag):
    for task_id in [*INGEST, "quality_gate", "link", "index", "publish", "quality_report"]:
        task = dag.get_task(task_id)
        assert task.retries >= 1 and task.retry_exponential_backoff, task_id
        assert task.execution_timeout is not None, task_id
    assert dag.dagrun_timeout is not None
