"""Runs the DAG tests against a throw-away AIRFLOW_HOME, never the user's ~/airflow."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

DAGS_FOLDER = Path(__file__).resolve().parent.parent
PROJECT_HOME = DAGS_FOLDER.parent

# Set before anything imports airflow: Airflow reads its configuration on import.
if "AIRFLOW_HOME" not in os.environ or os.environ.get("JINGZHUN_TEST_KEEP_AIRFLOW_HOME") != "1":
    os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="jingzhun-airflow-test-")
    atexit.register(shutil.rmtree, os.environ["AIRFLOW_HOME"], True)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS_FOLDER)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
sys.path.insert(0, str(DAGS_FOLDER))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pipeline: runs the real nightly pipeline on sample-data/ (needs every stage command)")
