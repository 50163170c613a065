#!/usr/bin/env python3
"""Checks the notebooks as committed (standard library only, runs before any environment exists).

Committed notebooks carry no outputs and no execution counts (no results, and so no personal data, in git;
no hidden state from an earlier session), and their first code cell is tagged `parameters` (papermill).
    check_notebooks.py stripped NOTEBOOK...   the checks above; exit 1 naming notebook, cell and problem
    check_notebooks.py executed NOTEBOOK...   an executed copy has no error output and at least one PNG chart
    check_notebooks.py strip NOTEBOOK...      removes outputs and execution counts in place
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def stripped_problems(path):
    problems = []
    cells = load(path).get("cells", [])
    code = [(i, c) for i, c in enumerate(cells) if c.get("cell_type") == "code"]
    if not code or "parameters" not in code[0][1].get("metadata", {}).get("tags", []):
        problems.append(f"{path}: the first code cell must be tagged 'parameters'")
    for i, c in code:
        if c.get("outputs"):
            problems.append(f"{path}: cell {i}: has outputs (strip them: check_notebooks.py strip {path})")
        if c.get("execution_count") is not None:
            problems.append(f"{path}: cell {i}: has an execution count (strip it)")
    return problems


def executed_problems(path):
    problems, pngs = [], 0
    for i, c in enumerate(load(path).get("cells", [])):
        for out in c.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"{path}: cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if "image/png" in out.get("data", {}):
                pngs += 1
    if pngs == 0:
        problems.append(f"{path}: no PNG chart in the outputs")
    return problems, pngs


def main(argv):
    if len(argv) < 3 or argv[1] not in ("stripped", "executed", "strip"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, paths, problems = argv[1], argv[2:], []
    for path in paths:
        if mode == "stripped":
            problems += stripped_problems(path)
        elif mode == "executed":
            p, pngs = executed_problems(path)
            problems += p
            print(f"{path}: {pngs} PNG charts")
        else:
            nb = load(path)
            for c in nb.get("cells", []):
                if c.get("cell_type") == "code":
                    c["outputs"], c["execution_count"] = [], None
            with open(path, "w", encoding="utf-8") as f:
                json.dump(nb, f, ensure_ascii=False, indent=1)
                f.write("\n")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
