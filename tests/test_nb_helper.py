#!/usr/bin/python3
"""Checks of notebooks/devopsim_nb.py that do not need a run (`make notebooks` calls this).

task_days must count a delay from its `task_delayed` to the task's next `task_queued` or
`task_delayed`, as `devopsim explain` does: a WIP hold has no `delay_days`, and a freeze
can cut short the iteration wait it follows. Exit status 0 passed, 1 failed."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks"))
import pandas as pd  # noqa: E402

import devopsim_nb as nb  # noqa: E402


def trace(rows):
    base = {"model": "devops_team", "hosting": "iaas", "task": 7, "name": "code", "team": "a"}
    return pd.DataFrame([{**base, **r} for r in rows])


def main():
    failures = 0

    def expect(what, got, want):
        nonlocal failures
        if not abs(got - want) <= 1e-9:     # NaN fails too
            print(f"FAILED: {what}: {got} (expected {want})")
            failures += 1

    # an iteration wait of 4 days, then a WIP hold of 4 (no delay_days), queued 1 day, 2 worked
    d = nb.task_days(trace([
        {"ev": "task_delayed", "t": 1.0, "reason": "iteration", "delay_days": 4.0},
        {"ev": "task_delayed", "t": 5.0, "reason": "wip"},
        {"ev": "task_queued", "t": 9.0},
        {"ev": "task_started", "t": 10.0, "engineer": "a-1", "overhead_days": 0.0,
         "learning_share": 0.0},
        {"ev": "task_finished", "t": 12.0},
    ])).iloc[0]
    expect("iteration wait + WIP hold", d["other delays"], 8.0)
    expect("queue", d["waiting in queue"], 1.0)
    expect("working", d["working"], 2.0)

    # a release window of 3 days planned, and the task queued when it ends
    d = nb.task_days(trace([
        {"ev": "task_delayed", "t": 2.0, "reason": "release_window", "delay_days": 3.0},
        {"ev": "task_queued", "t": 5.0},
        {"ev": "task_started", "t": 5.0, "engineer": "a-1", "overhead_days": 0.5,
         "learning_share": 0.5},
        {"ev": "task_finished", "t": 6.5},
    ])).iloc[0]
    expect("release window", d["release windows"], 3.0)
    expect("ticket handling", d["ticket handling"], 0.5)
    expect("learning", d["learning"], 0.5)
    expect("other delays (none)", d["other delays"], 0.0)

    print("test_nb_helper: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
