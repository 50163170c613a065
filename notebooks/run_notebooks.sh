#!/usr/bin/env bash
# Tests the notebooks (called by bin/test): checks the committed notebooks are stripped, creates
# .venvs/notebooks from notebooks/requirements.txt, runs the helper's unit tests, builds a warehouse from
# sample-data/ with two run dates (2026-11-27 as shipped, 2026-12-27 generated: the same population a month
# on), then executes every notebook top to bottom with papermill against it. Fails on any error, and when an
# executed notebook has no PNG chart. Executed notebooks: notebooks/target/executed/.
#
# JINGZHUN_NOTEBOOK_WAREHOUSE=DIR skips building the warehouse and uses DIR (must hold two committed runs).
# Without a working nightly run, a small synthetic one serves to try the notebooks:
#   .venvs/notebooks/bin/python notebooks/tests/synthetic_published.py /tmp/wh-synthetic
#   JINGZHUN_NOTEBOOK_WAREHOUSE=/tmp/wh-synthetic bash notebooks/run_notebooks.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nb="$home/notebooks"
target="$nb/target"
venv="$home/.venvs/notebooks"
python="${PYTHON:-python3}"
first_date=2026-11-27
second_date=2026-12-27

echo "== notebooks: committed notebooks are stripped and parameterised"
"$python" "$nb/check_notebooks.py" stripped "$nb"/*.ipynb

echo "== notebooks: Python environment ($venv)"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$nb/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$nb/requirements.txt"
  echo "$want" > "$stamp"
fi

echo "== notebooks: unit tests of jingzhun_tables"
(cd "$nb" && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests)

warehouse="${JINGZHUN_NOTEBOOK_WAREHOUSE:-}"
if [ -z "$warehouse" ]; then
  echo "== notebooks: warehouse from sample-data/ with runs of $first_date and $second_date"
  landing="$target/landing"
  warehouse="$target/warehouse"
  rm -rf "$landing" "$warehouse"
  mkdir -p "$landing/truth"
  cp -r "$home/sample-data/$first_date" "$landing/"
  # sample-data/ was made with these arguments (docs/generator.md); a later date, same seed: the same
  # households a month on, with their changes.
  "$home/bin/jingzhun" generate --households 900 --seed 20261127 --profile sample \
    --out "$landing" --date "$second_date"
  for d in "$first_date" "$second_date"; do
    "$home/bin/jingzhun" run --date "$d" --landing "$landing" --warehouse "$warehouse"
  done
fi

echo "== notebooks: executing every notebook against $warehouse"
executed="$target/executed"
rm -rf "$executed"
mkdir -p "$executed"
for notebook in "$nb"/[0-9][0-9]_*.ipynb; do
  name="$(basename "$notebook")"
  echo "-- $name"
  "$venv/bin/papermill" --no-progress-bar --log-level WARNING -k python3 --cwd "$nb" \
    -p warehouse "$warehouse" "$notebook" "$executed/$name"
done
"$venv/bin/python" "$nb/check_notebooks.py" executed "$executed"/*.ipynb
echo "== notebooks: all executed"
