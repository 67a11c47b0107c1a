#!/usr/bin/env python3
"""Where a feature's lead time goes: the parts of its critical path, from a devopsim trace.

    tools/flow_parts.py TRACE.jsonl... [--model M] [--hosting H] [--csv FILE] [--check] [--teams]

For each model x hosting point in the traces (`devopsim run --trace`, one file per --trace-rep;
the files given are pooled), every finished measured feature's lead time is split along its
critical path (the chain of tasks each of which became ready when the previous one finished, back
from the feature's last task) into the parts listed in PARTS; the parts of one feature add up to
its lead time exactly. Printed per combination: mean and 85th percentile of each part over the
features, the lead time and flow efficiency as the run computes them, the product teams' occupied
share and features in progress (time averages over the measured window, averaged over the
traces; --teams: every team, else the mean and the busiest). docs/trace.md describes the events;
docs/calibration.md ("Where the lead time goes") the parts and what they showed.

--check exits 1 when some feature has time no part explains (gap) or parts that miss its
lead time, by more than 1e-6 days.
Standard library only; reads each trace once, holding one combination's tasks at a time.
"""
import argparse
import collections
import json
import signal
import sys

# (part, meaning) in print order
PARTS = [
    ("iteration", "waiting for the team's next iteration start (planning cadence)"),
    ("wip", "waiting in the backlog at the team's WIP limit"),
    ("window", "waiting for the change board and release window"),
    ("evaluation", "waiting for a new technology's evaluation"),
    ("procurement", "waiting for procurement (facility work)"),
    ("freeze", "waiting for the end of a timeline's freeze"),
    ("queue_own", "queued in the product team itself"),
    ("queue_other", "queued at another team (ticket or platform request)"),
    ("clarification", "waiting for a clarification's answer and return"),
    ("preempted", "put aside by an incident or a departure, until started again (its wait in the queue included)"),
    ("overhead", "ticket handling and context switch"),
    ("work", "the task's effort (learning included)"),
    ("meetings", "meetings, interruptions and switching inside a task's elapsed time"),
    ("review_wait", "the finished task waiting for a free reviewer"),
    ("review", "the review's elapsed time (its effort and meetings)"),
    ("gap", "anything not attributed above (should be 0)"),
]
PART_NAMES = [p for p, _ in PARTS]
DELAY_PART = {"iteration": "iteration", "wip": "wip", "release_window": "window",
              "evaluation": "evaluation", "procurement": "procurement", "freeze": "freeze"}
EPS = 1e-9


def quantile(xs, q):
    """Type-7 quantile (linear interpolation), as sim_quantile_sorted."""
    xs = sorted(xs)
    if not xs:
        return float("nan")
    h = (len(xs) - 1) * q
    lo = int(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def clip(a, b, lo, hi):
    return max(0.0, min(b, hi) - max(a, lo))


class Combo:
    """One model x hosting point of the trace."""

    def __init__(self, model, hosting):
        self.model, self.hosting = model, hosting
        self.warm = self.meas = 0.0
        self.feat = {}                       # id -> dict
        self.task = {}                       # id -> dict
        self.reviews = {}                    # (t, owner, kind, team) -> review task
        self.members = collections.defaultdict(set)

    def add(self, e):
        ev, t = e["ev"], e["t"]
        if ev == "run_started":
            self.warm, self.meas = e["warmup_days"], e["measure_days"]
        elif ev == "feature_created":
            self.feat[e["feature"]] = dict(arrive=t, team=e["team"], measured=e["measured"],
                                           tasks=[], done=None, first_start=None)
        elif ev == "feature_done" and e["feature"] in self.feat:
            F = self.feat[e["feature"]]
            F.update(done=t, lead=e["lead_time_days"], hands_on=e["hands_on_days"])
        if "task" not in e:
            return
        T = self.task.get(e["task"])
        if T is None:
            T = self.task[e["task"]] = dict(cls=e.get("class"), feature=e.get("feature"),
                                            owner=e.get("owner"), team=e.get("team"),
                                            kind=e.get("kind"), ev=[], fin=None)
            if T["cls"] == "feature" and T["feature"] in self.feat:
                self.feat[T["feature"]]["tasks"].append(e["task"])
        T["ev"].append(e)
        self._occupancy(e, T)
        if ev == "task_finished":
            T["fin"] = t
            if T["cls"] == "review":
                self.reviews[(t, T["owner"], T["kind"], T["team"])] = T

    def _occupancy(self, e, T):
        eng = e.get("engineer")
        if not eng:
            return
        self.members[eng.split("#")[0]].add(eng.split("#")[1].split(".")[0])
        if e["ev"] == "task_started" and T["cls"] == "feature" and T["feature"] in self.feat:
            F = self.feat[T["feature"]]
            if F["first_start"] is None:
                F["first_start"] = e["t"]

    def work_end(self, T):
        """When T's own work ended: its review's queueing when a review followed, else its finish."""
        if T["cls"] == "review" or T["fin"] is None:
            return T["fin"]
        R = self.reviews.get((T["fin"], T["owner"], T["kind"], T["team"]))
        return R["ev"][0]["t"] if R is not None and R["ev"][0]["ev"] == "task_queued" else T["fin"]

    def occupancy(self):
        """Engineer-days each team spent on tasks (elapsed, meetings included) in the window."""
        busy = collections.Counter()
        lo, hi = self.warm, self.warm + self.meas
        for T in self.task.values():
            t0 = team = None
            for e in T["ev"]:
                ev = e["ev"]
                if ev == "task_started" and e.get("engineer"):
                    t0, team = e["t"], e["team"]
                elif ev in ("task_preempted", "clarification_requested", "task_finished") and t0 is not None:
                    end = self.work_end(T) if ev == "task_finished" else e["t"]
                    busy[team] += clip(t0, end, lo, hi)
                    t0 = None
            if t0 is not None:
                busy[team] += clip(t0, hi, lo, hi)
        return busy


def ready_time(T):
    for e in T["ev"]:
        if e["ev"] in ("task_delayed", "task_queued"):
            return e["t"]
    return None


def task_parts(C, T, ready, parts):
    """Adds to parts the time from ready to task T's finish (its review included)."""
    fin = T["fin"]
    work_end = C.work_end(T)
    R = C.reviews.get((fin, T["owner"], T["kind"], T["team"]))
    if work_end < fin:
        cur = work_end
        for e in R["ev"]:
            if e["ev"] == "task_started":
                parts["review_wait"] += e["t"] - cur
            elif e["ev"] in ("task_preempted", "task_finished"):
                parts["review"] += e["t"] - cur
            cur = e["t"]
    state, cur, ov, w = "gap", ready, 0.0, 0.0
    cut = None      # (work booked, effort at its start) of a working segment a preemption cut short
    for e in T["ev"] + [dict(ev="_end", t=work_end)]:
        ev, t = e["ev"], e["t"]
        if t > work_end + EPS or t < cur - EPS or ev == "task_created":
            continue
        dt = t - cur
        if state == "working":   # effort first, then the rest of the elapsed time
            booked = max(0.0, min(dt, ov + w) - ov)
            parts["overhead"] += min(dt, ov)
            parts["work"] += booked
            parts["meetings"] += dt - min(dt, ov + w)
            cut = (booked, w) if ev == "task_preempted" else None
        else:
            parts[state] += dt
        if ev == "task_started" and cut is not None:
            # the restart says how much effort is left: the cut segment did only the
            # difference, the rest of its elapsed time was meetings
            done = max(0.0, cut[1] - e.get("work_days", 0.0))
            if cut[0] > done:
                parts["work"] -= cut[0] - done
                parts["meetings"] += cut[0] - done
            cut = None
        cur = t
        if ev == "task_delayed":
            state = DELAY_PART.get(e["reason"], "gap")
        elif ev == "task_queued":
            state = "queue_own" if T["team"] == T["owner"] else "queue_other"
        elif ev == "task_started":
            state, ov, w = "working", e.get("overhead_days", 0.0), e.get("work_days", 0.0)
        elif ev == "task_preempted":
            state = "preempted"
        elif ev in ("clarification_requested", "clarification_answered"):
            state = "clarification"
    return fin


def feature_parts(C, F):
    """The parts of feature F's lead time along its critical path (a dict part -> days)."""
    parts = dict.fromkeys(PART_NAMES, 0.0)
    tasks = [C.task[i] for i in F["tasks"] if C.task[i]["fin"] is not None]
    chain = [max(tasks, key=lambda T: T["fin"])]
    while True:
        r = ready_time(chain[0])
        prev = [T for T in tasks if r is not None and abs(T["fin"] - r) < EPS
                and all(T is not U for U in chain)]     # never walk a task twice
        if not prev or r <= F["arrive"] + EPS:
            break
        chain.insert(0, prev[0])
    ready = F["arrive"]
    for T in chain:
        ready = task_parts(C, T, ready, parts)
    parts["gap"] += F["done"] - ready
    return parts


def team_rows(C):
    """(team, occupied share, members, features started and not done, arrived and not done) of
    each product team: occupied is elapsed task time (meetings included) over members x measured
    days; the feature counts are time averages over the measured window."""
    lo, hi = C.warm, C.warm + C.meas
    busy = C.occupancy()
    product = sorted(set(F["team"] for F in C.feat.values()))
    rows = []
    for team in product:
        in_sys = started = 0.0
        for F in C.feat.values():
            if F["team"] != team:
                continue
            end = F["done"] if F["done"] is not None else hi
            in_sys += clip(F["arrive"], end, lo, hi)
            if F["first_start"] is not None:
                started += clip(F["first_start"], end, lo, hi)
        size = len(C.members[team]) or 1
        rows.append((team, busy[team] / (size * C.meas), size, started / C.meas, in_sys / C.meas))
    others = [(t, busy[t] / ((len(C.members[t]) or 1) * C.meas), len(C.members[t]) or 1)
              for t in sorted(busy) if t not in product]
    return rows, others


class Cell:
    """One model x hosting point pooled over the traces given (replications)."""

    def __init__(self):
        self.rows, self.teams, self.others, self.bad = [], [], [], 0

    def add(self, C):
        for F in C.feat.values():
            if F["measured"] and F["done"] is not None and F["tasks"]:
                p = feature_parts(C, F)
                p["_lead"], p["_fe"] = F["lead"], (F["hands_on"] / F["lead"] if F["lead"] > 0 else 1.0)
                p["_hands_on"] = F["hands_on"]
                # the parts always sum to done - arrive; what can go wrong is time the walk
                # could not attribute (gap) or a lead time that is not done - arrive
                self.bad += abs(sum(p[n] for n in PART_NAMES) - p["_lead"]) > 1e-6 or p["gap"] > 1e-6
                self.rows.append(p)
        teams, others = team_rows(C)
        self.teams.append(teams)
        self.others.append(others)


def cell_out(key, cell, out, csv_rows, per_team):
    rows, n, reps = cell.rows, len(cell.rows), len(cell.teams)
    if n == 0:
        out.write(f"{key[0]} {key[1]}: no finished measured features\n")
        return
    lead = [r["_lead"] for r in rows]
    mlead = sum(lead) / n
    out.write(f"{key[0]} {key[1]}: {n} features ({reps} trace{'s' if reps > 1 else ''}), lead time mean "
              f"{mlead:.2f} p85 {quantile(lead, 0.85):.2f} days, flow efficiency "
              f"{sum(r['_fe'] for r in rows) / n:.3f}, hands-on time mean "
              f"{sum(r['_hands_on'] for r in rows) / n:.2f} days\n")
    out.write(f"  {'part':14s} {'mean':>7s} {'p85':>7s} {'share':>6s}\n")
    for name in PART_NAMES:
        xs = [r[name] for r in rows]
        m = sum(xs) / n
        csv_rows.append((key[0], key[1], name, m, quantile(xs, 0.85), m / mlead))
        if abs(m) >= 0.005:
            out.write(f"  {name:14s} {m:7.2f} {quantile(xs, 0.85):7.2f} {m / mlead:6.1%}\n")
    # per team: averages over the traces; the busiest is the team with the highest average
    acc = collections.OrderedDict()
    for teams in cell.teams:
        for team, occ, size, started, in_sys in teams:
            a = acc.setdefault(team, [0.0, size, 0.0, 0.0])
            a[0] += occ / reps
            a[2] += started / reps
            a[3] += in_sys / reps
    for team, (occ, size, started, in_sys) in acc.items():
        if per_team:
            out.write(f"  team {team}: occupied {occ:.2f} of {size} members' days; features started "
                      f"and not done {started:.2f}, arrived and not done {in_sys:.2f}\n")
    if acc:
        k = len(acc)
        top = max(acc, key=lambda t: acc[t][0])
        out.write(f"  product teams ({k}): occupied {sum(a[0] for a in acc.values()) / k:.2f} on average, "
                  f"busiest {acc[top][0]:.2f} ({top}); features per team started and not done "
                  f"{sum(a[2] for a in acc.values()) / k:.2f}, arrived and not done "
                  f"{sum(a[3] for a in acc.values()) / k:.2f}\n")
    other = collections.OrderedDict()
    for others in cell.others:
        for team, occ, size in others:
            other[team] = (other.get(team, (0.0, size))[0] + occ / reps, size)
    for team, (occ, size) in other.items():
        out.write(f"  team {team}: occupied {occ:.2f} of {size} members' days\n")
    if cell.bad:
        out.write(f"  CHECK FAILED: {cell.bad} features' parts miss their lead time\n")


def read_trace(path, a, cells):
    """Adds every combination of the trace at path to cells; returns 0, or 2 on bad input."""
    cur = None
    try:
        f = open(path, encoding="utf-8")
    except OSError as err:
        sys.stderr.write(f"flow_parts: {path}: {err.strerror}\n")
        return 2
    with f:
        for lineno, line in enumerate(f, 1):
            try:
                e = json.loads(line)
                key = (e["model"], e["hosting"])
                e["t"] + 0.0
            except (ValueError, KeyError, TypeError):
                sys.stderr.write(f"flow_parts: {path}:{lineno}: not a trace event\n")
                return 2
            if (a.model and key[0] not in a.model) or (a.hosting and key[1] not in a.hosting):
                continue
            if cur is None or key != (cur.model, cur.hosting):
                if cur is not None:
                    cells.setdefault((cur.model, cur.hosting), Cell()).add(cur)
                cur = Combo(*key)
            cur.add(e)
    if cur is not None:
        cells.setdefault((cur.model, cur.hosting), Cell()).add(cur)
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace", nargs="+", help="traces of one scenario (e.g. one per --trace-rep)")
    ap.add_argument("--model", action="append", default=[])
    ap.add_argument("--hosting", action="append", default=[])
    ap.add_argument("--csv", help="also write model,hosting,part,mean_days,p85_days,share")
    ap.add_argument("--check", action="store_true", help="exit 1 if a feature has unattributed time or parts that miss its lead time")
    ap.add_argument("--teams", action="store_true", help="a line for every product team")
    a = ap.parse_args(argv)
    cells = collections.OrderedDict()
    for path in a.trace:
        rc = read_trace(path, a, cells)
        if rc:
            return rc
    csv_rows = []
    for key, cell in cells.items():
        cell_out(key, cell, sys.stdout, csv_rows, a.teams)
    if a.csv:
        with open(a.csv, "w", encoding="utf-8") as out:
            out.write("model,hosting,part,mean_days,p85_days,share\n")
            for r in csv_rows:
                out.write("%s,%s,%s,%.6f,%.6f,%.6f\n" % r)
    return 1 if a.check and any(c.bad for c in cells.values()) else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends quietly
    sys.exit(main(sys.argv[1:]))
