"""Helpers shared by the devopsim notebooks: find the binary, run it, load its results.

Kept small and dependency-light (pandas, matplotlib, the standard library) so the
notebooks stay readable: a notebook cell says *what* it runs or draws, this module
does the plumbing.

Environment variables:
  DEVOPSIM         path of the devopsim binary (default: ../build/devopsim next to
                   the notebooks, then `devopsim` on PATH)
  DEVOPSIM_NB_OUT  scratch folder for results and figures (default: a folder in
                   the system's temporary directory, kept between sessions so a
                   rerun only loads what is already up to date)
  DEVOPSIM_NB_REPS replications the notebooks run (default: each notebook's own)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib

# Outside a Jupyter kernel (a script, a test) never open a window: draw with Agg.
# Inside a kernel, ipykernel's inline backend (itself Agg-based) is already set.
if "ipykernel" not in sys.modules and not os.environ.get("MPLBACKEND"):
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

# --------------------------------------------------------------------------- colours
# Okabe & Ito (2008), safe for the common colour-vision deficiencies. One fixed colour
# per ownership model, in every chart; models a scenario defines itself take the rest.
MODEL_COLORS = {
    "traditional_ops": "#D55E00",  # vermillion (as in devopsim's own charts)
    "devops_team": "#E69F00",      # orange
    "true_devops": "#0072B2",      # blue
}
_SPARE_COLORS = ["#56B4E9", "#009E73", "#CC79A7", "#000000", "#999999"]
DANGER_COLOR = "#333333"  # dark grey: danger lines and thresholds, as in devopsim's charts
MODEL_LINESTYLES = {"traditional_ops": "-", "devops_team": "--", "true_devops": "-."}
MODEL_LABELS = {
    "traditional_ops": "traditional ops",
    "devops_team": "DevOps team",
    "true_devops": "true DevOps",
}

# Where the time goes: one colour per category (metrics.md, "Where the time goes").
TIME_CATEGORIES = ["product", "nonproduct", "handoff", "clarification", "learning",
                   "incident", "toil", "enablement", "idle"]
TIME_COLORS = {
    "product": "#0072B2", "nonproduct": "#56B4E9", "handoff": "#D55E00",
    "clarification": "#CC79A7", "learning": "#F0E442", "incident": "#444444",
    "toil": "#E69F00", "enablement": "#009E73", "idle": "#E8E8E8",
}


def model_color(model: str) -> str:
    """The model's fixed colour; other (scenario-defined) models get spare Okabe-Ito colours."""
    if model in MODEL_COLORS:
        return MODEL_COLORS[model]
    i = sum(ord(c) for c in model) % len(_SPARE_COLORS)
    return _SPARE_COLORS[i]


def model_label(model: str) -> str:
    return MODEL_LABELS.get(model, model)


def style() -> None:
    """A quiet house style for every chart (slide-friendly sizes, no top/right spines)."""
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 150, "savefig.bbox": "tight",
        "font.size": 10, "axes.titlesize": 11, "axes.titleweight": "bold",
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "axes.grid.axis": "y", "grid.color": "#DDDDDD",
        "grid.linewidth": 0.8, "axes.axisbelow": True, "legend.frameon": False,
    })


# --------------------------------------------------------------------------- paths
def repo_root() -> Path:
    """The devopsim checkout this module lives in (notebooks/..)."""
    return Path(__file__).resolve().parent.parent


def binary() -> Path:
    """Locate the devopsim binary: $DEVOPSIM, ../build/devopsim, then PATH."""
    env = os.environ.get("DEVOPSIM")
    if env:
        p = Path(env).expanduser()
        if not p.is_file():
            raise FileNotFoundError(f"DEVOPSIM={env} is not a file")
        return p.resolve()
    for p in (repo_root() / "build" / "devopsim", Path.cwd().parent / "build" / "devopsim"):
        if p.is_file() and os.access(p, os.X_OK):
            return p.resolve()
    found = shutil.which("devopsim")
    if found:
        return Path(found)
    raise FileNotFoundError(
        "devopsim binary not found: run `make` in the repository (it builds build/devopsim) "
        "or set DEVOPSIM=/path/to/devopsim")


def out_dir(*parts: str) -> Path:
    """The scratch folder ($DEVOPSIM_NB_OUT, else a per-user temporary folder), created."""
    base = os.environ.get("DEVOPSIM_NB_OUT")
    if base:
        p = Path(base).expanduser()
    else:
        uid = os.getuid() if hasattr(os, "getuid") else 0
        p = Path(tempfile.gettempdir()) / f"devopsim-notebooks-{uid}"
    p = p.joinpath(*parts)
    p.mkdir(parents=True, exist_ok=True)
    return p.resolve()


def reps(default: int) -> int:
    """Replications to run: $DEVOPSIM_NB_REPS when set, else the notebook's default."""
    v = os.environ.get("DEVOPSIM_NB_REPS")
    return int(v) if v else default


# Organisation-scale scenarios: thousands of engineers, minutes per batch on a
# small machine; make demo runs them, the notebooks leave them out by default.
LARGE_SCENARIOS = {"large-enterprise.json"}


def bundled_scenarios(include_large: bool = False) -> list[Path]:
    """scenarios/*.json of the repository, without the JSON Schema, and without
    the organisation-scale scenarios (LARGE_SCENARIOS) unless include_large."""
    return sorted(p for p in (repo_root() / "scenarios").glob("*.json")
                  if p.name != "schema.json" and (include_large or p.name not in LARGE_SCENARIOS))


def read_scenario(path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_scenario(scenario: dict, path) -> Path:
    """Write a scenario (JSON); leaves the file untouched when the content is the same."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(scenario, indent=2, ensure_ascii=False) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def presets() -> dict:
    """The built-in presets (models/presets.json, the file compiled into the binary)."""
    return read_scenario(repo_root() / "models" / "presets.json")


def _split_key(key: str):
    """'people.attrition_per_year' → ['people', 'attrition_per_year']."""
    parts = key.split(".")
    if len(parts) < 2:
        raise ValueError(f"{key!r}: expected SECTION.FIELD, models.NAME.FIELD or hosting.NAME.FIELD")
    return parts


def get_key(scenario: dict, key: str):
    """The value a scenario uses for `key` — its own, else the preset's.

    Keys: 'section.field' (people, knowledge, central_team, product_teams, run, incidents,
    enablement, costs, targets), 'models.NAME.field', 'hosting.NAME.field' (a preset name,
    or '*' for the first entry the scenario lists).
    """
    parts = _split_key(key)
    if parts[0] in ("models", "hosting"):
        _, name, field = parts[0], parts[1], ".".join(parts[2:])
        entries = scenario.get(parts[0]) or [e["name"] for e in presets()[parts[0]]]
        if name == "*":
            name = entries[0] if isinstance(entries[0], str) else entries[0]["name"]
        for e in entries:
            if isinstance(e, dict) and e.get("name") == name and field in e:
                return e[field]
        base = next((e for e in entries if isinstance(e, dict) and e.get("name") == name), {})
        pname = base.get("base", name)
        for e in presets()[parts[0]]:
            if e["name"] == pname:
                return e.get(field)
        raise KeyError(f"{key}: no model or hosting point {name!r}")
    section, field = parts[0], ".".join(parts[1:])
    if field in (scenario.get(section) or {}):
        return scenario[section][field]
    return (presets().get(section) or {}).get(field)


def set_key(scenario: dict, key: str, value) -> dict:
    """A copy of the scenario with `key` (see get_key) set to `value`. For models and
    hosting points the list entry becomes an override object ({"name": …, field: value}),
    which changes that one field of the preset; 'models.*.field' sets it in every model."""
    import copy
    scn = copy.deepcopy(scenario)
    parts = _split_key(key)
    if parts[0] in ("models", "hosting"):
        kind, name, field = parts[0], parts[1], ".".join(parts[2:])
        entries = scn.get(kind) or [e["name"] for e in presets()[kind]]
        hit = False
        for i, e in enumerate(entries):
            ename = e if isinstance(e, str) else e.get("name")
            if name in ("*", ename):
                e = {"name": e} if isinstance(e, str) else e
                e[field] = value
                entries[i] = e
                hit = True
        if not hit:
            raise KeyError(f"{key}: the scenario runs no {kind[:-1] if kind == 'models' else 'hosting point'} {name!r}")
        scn[kind] = entries
    else:
        scn.setdefault(parts[0], {})[".".join(parts[1:])] = value
    return scn


# --------------------------------------------------------------------------- running
class DevopsimError(RuntimeError):
    """devopsim exited with a non-zero status; the message carries its stderr."""

    def __init__(self, args, returncode, stderr):
        self.returncode = returncode
        self.stderr = stderr
        cmd = " ".join(str(a) for a in args)
        super().__init__(f"`{cmd}` exited with status {returncode}:\n{stderr.strip()}")


def cli(*args, check: bool = True) -> subprocess.CompletedProcess:
    """Run `devopsim ARGS…`; raises DevopsimError on a non-zero exit (unless check=False)."""
    argv = [str(binary()), *[str(a) for a in args]]
    proc = subprocess.run(argv, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise DevopsimError(argv[1:], proc.returncode, proc.stderr)
    return proc


def version() -> str:
    return cli("--version").stdout.strip()


def _binary_hash() -> str:
    """The binary's content hash: a rebuild with re-tuned presets keeps the version
    string, so cached results are keyed by the bytes of the program itself."""
    return hashlib.sha256(binary().read_bytes()).hexdigest()


def _stamp(scenario: Path, args: list) -> str:
    h = hashlib.sha256()
    h.update(Path(scenario).read_bytes())
    h.update(json.dumps([str(a) for a in args]).encode())
    h.update(_binary_hash().encode())
    return h.hexdigest()


def run(scenario, out, *, reps: int | None = None, seed: int | None = None,
        trace=None, trace_rep: int = 0, charts: bool = False, force: bool = False,
        quiet: bool = True) -> Path:
    """`devopsim run SCENARIO -o OUT …`, or nothing if OUT already holds this very run.

    A run is reused when the scenario file, the options and the program (its bytes)
    are the same as last time (a stamp file in OUT records them). Returns OUT.
    """
    scenario, out = Path(scenario), Path(out)
    args = ["run", scenario, "-o", out]
    if reps is not None:
        args += ["--reps", reps]
    if seed is not None:
        args += ["--seed", seed]
    if trace is not None:
        args += ["--trace", Path(trace), "--trace-rep", trace_rep]
    if not charts:
        args += ["--no-charts"]
    args += ["--quiet"]
    stamp_file = out / ".notebook-stamp"
    stamp = _stamp(scenario, args)
    fresh = (out / "summary.csv").exists() and (trace is None or Path(trace).exists())
    if not force and fresh and stamp_file.exists() and stamp_file.read_text() == stamp:
        if not quiet:
            print(f"up to date: {out}")
        return out
    cli(*args)
    stamp_file.write_text(stamp)
    if not quiet:
        print(f"ran {scenario.name} -> {out}")
    return out


def batch(scenarios, out, *, reps: int | None = None, seed: int | None = None) -> Path:
    """`devopsim batch SCENARIOS… -o OUT` (resumable: skips what is up to date).

    Falls back to one `devopsim run` per scenario (into OUT/<name>/) when batch is
    unavailable or fails, so a notebook still works on an older binary.
    """
    scenarios = [Path(s) for s in scenarios]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    args = ["batch", *scenarios, "-o", out, "--quiet"]
    if reps is not None:
        args += ["--reps", reps]
    if seed is not None:
        args += ["--seed", seed]
    # batch judges "up to date" by the version string; a rebuilt binary must rerun.
    stamp_file, stamp = out / ".notebook-binary", _binary_hash()
    if not stamp_file.exists() or stamp_file.read_text() != stamp:
        args += ["--force"]
    try:
        cli(*args)
        stamp_file.write_text(stamp)
        if all((out / scenario_name(s) / "summary.csv").exists() for s in scenarios):
            return out
        print("devopsim batch left some scenarios without results; running them one by one")
    except DevopsimError as e:
        print(f"devopsim batch failed ({e.returncode}); running the scenarios one by one:\n"
              f"{e.stderr.strip()[:500]}")
    for s in scenarios:
        run(s, out / scenario_name(s), reps=reps, seed=seed)
    return out


def sweep(scenario, params: dict, out, *, reps: int | None = None) -> Path:
    """`devopsim sweep SCENARIO --params PARAMS -o OUT`: the scenario as it is, the PARAMS
    (a dict, written to OUT/params.json) varied. Resumable: points already run are skipped
    (a rebuilt binary reruns them). Returns OUT."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pfile = out / "params.json"
    pfile.write_text(json.dumps(params, indent=2) + "\n")
    args = ["sweep", Path(scenario), "--params", pfile, "-o", out / "sweep", "--quiet"]
    if reps is not None:
        args += ["--reps", reps]
    stamp_file, stamp = out / ".notebook-binary", _binary_hash()
    if not stamp_file.exists() or stamp_file.read_text() != stamp:
        args += ["--force"]
    cli(*args)
    stamp_file.write_text(stamp)
    return out / "sweep"


def staff(scenario, out, *, reps: int | None = None) -> pd.DataFrame | None:
    """`devopsim staff SCENARIO -o OUT`; returns staffing.csv as a DataFrame, or None
    (with the reason printed) when the command is missing or fails."""
    out = Path(out)
    args = ["staff", scenario, "-o", out, "--quiet"]
    if reps is not None:
        args += ["--reps", reps]
    try:
        cli(*args)
    except (DevopsimError, OSError) as e:
        print(f"staffing search unavailable: {e}")
        return None
    return load_staffing(out)


def explain(trace, feature: int, model: str | None = None, hosting: str | None = None) -> str:
    """`devopsim explain TRACE --feature ID [--model M] [--hosting H]` as text."""
    args = ["explain", trace, "--feature", feature]
    if model:
        args += ["--model", model]
    if hosting:
        args += ["--hosting", hosting]
    return cli(*args).stdout


def scenario_name(path) -> str:
    """The scenario's "name" (its output folder), else the file name without .json."""
    try:
        name = read_scenario(path).get("name")
    except (OSError, ValueError):
        name = None
    return name or Path(path).stem


# --------------------------------------------------------------------------- loading
def ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Make model and hosting ordered categoricals, in the order the run wrote them
    (the scenario's order: hosting points left to right on the continuum)."""
    for col in ("model", "hosting"):
        if col in df.columns:
            order = list(dict.fromkeys(df[col].dropna()))
            df[col] = pd.Categorical(df[col], categories=order, ordered=True)
    return df


def _csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(f"{path} not found — run the scenario first")
    return ordered(pd.read_csv(path))


def _per_scenario(out: Path, name: str) -> pd.DataFrame:
    out = Path(out)
    if (out / name).exists():
        return _csv(out / name)
    # A batch folder: one run folder (with its results.json) per scenario.
    parts = [pd.read_csv(p) for p in sorted(out.glob(f"*/{name}"))
             if (p.parent / "results.json").exists()]
    if not parts:
        raise FileNotFoundError(f"no {name} in {out} or its sub-folders")
    return ordered(pd.concat(parts, ignore_index=True))


def load_summary(out) -> pd.DataFrame:
    """summary.csv of a run folder (or every run folder under a batch folder):
    scenario, model, hosting, metric, mean, ci95_low, ci95_high, n."""
    return _per_scenario(out, "summary.csv")


def load_runs(out) -> pd.DataFrame:
    """runs.csv: scenario, model, hosting, replication, metric, value (one row each)."""
    return _per_scenario(out, "runs.csv")


def load_comparisons(out) -> pd.DataFrame:
    """comparisons.csv: paired model differences per hosting point (Holm-corrected)."""
    return _per_scenario(out, "comparisons.csv")


def load_staffing(out) -> pd.DataFrame | None:
    """staffing.csv when the run or staff command wrote one, else None."""
    try:
        return _per_scenario(out, "staffing.csv")
    except FileNotFoundError:
        return None


def load_results(out) -> dict:
    with open(Path(out) / "results.json", encoding="utf-8") as f:
        return json.load(f)


def metric(summary: pd.DataFrame, name: str, scenario: str | None = None) -> pd.DataFrame:
    """Rows of one metric (optionally one scenario), sorted by hosting then model."""
    d = summary[summary.metric == name]
    if scenario is not None:
        d = d[d.scenario == scenario]
    return d.sort_values(["hosting", "model"]).reset_index(drop=True)


def read_trace(path, contains=None, events=None) -> pd.DataFrame:
    """A JSON Lines trace (docs/trace.md) as a DataFrame, in file order.

    `contains`: a substring, or a list of substrings, of which a line must contain at
    least one — a fast pre-filter before JSON parsing (traces run to millions of lines);
    `events`: keep only these `ev` values."""
    if isinstance(contains, str):
        contains = [contains]
    rows = []
    events = set(events) if events else None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if contains is not None and not any(c in line for c in contains):
                continue
            rec = json.loads(line)
            if events is None or rec.get("ev") in events:
                rows.append(rec)
    return ordered(pd.DataFrame(rows))


TASK_DAY_CATEGORIES = ["working", "learning", "ticket handling", "waiting in queue", "clarifying",
                       "evaluation", "release windows", "procurement", "other delays"]
_DELAY_REASONS = {"evaluation": "evaluation", "release_window": "release windows",
                  "procurement": "procurement"}


def task_days(events: pd.DataFrame) -> pd.DataFrame:
    """Where the task-days of traced tasks went — the split `devopsim explain` prints.

    `events`: trace rows of the tasks of interest (e.g. one project's), in file order.
    Returns one row per model × hosting × task with its team and the days spent in each
    of TASK_DAY_CATEGORIES: working (hands-on at full skill), learning (the extra effort of
    low skill), ticket handling (handling and context switching at the boundary), waiting in a
    queue (also after preemption), clarification round trips (request → back in the
    queue), and the delays before queueing (evaluation, release windows, procurement,
    other delays).
    Tasks run in parallel, so the days add up to more than a makespan.
    """
    rows = []
    task_events = events[events.get("task").notna()] if "task" in events else events.iloc[0:0]
    for (model, hosting, task), g in task_events.groupby(["model", "hosting", "task"], sort=False,
                                                         observed=True):
        acc = dict.fromkeys(TASK_DAY_CATEGORIES, 0.0)
        queued = started = clar = None
        delayed = None          # (since, category) of the delay running now
        overhead = share = 0.0
        team = engineer = None
        for r in g.to_dict("records"):
            ev, t = r["ev"], r["t"]
            if delayed is not None and ev in ("task_delayed", "task_queued"):
                # a delay lasts until the task is queued or delayed again (a WIP hold has no
                # delay_days; a freeze can follow an iteration wait), as `devopsim explain` counts
                acc[delayed[1]] += t - delayed[0]
                delayed = None
            if ev == "task_delayed":
                delayed = (t, _DELAY_REASONS.get(r.get("reason"), "other delays"))
            elif ev == "task_queued":
                if clar is not None:
                    acc["clarifying"] += t - clar
                    clar = None
                if queued is None:
                    queued = t
            elif ev == "task_started":
                if queued is not None:
                    acc["waiting in queue"] += t - queued
                    queued = None
                started = t
                overhead = float(r.get("overhead_days") or 0)
                share = float(r.get("learning_share") or 0)
                engineer = r.get("engineer", engineer)
            elif ev in ("task_finished", "task_preempted", "clarification_requested"):
                if started is not None:
                    dt = t - started
                    ov = min(dt, overhead)
                    acc["ticket handling"] += ov
                    acc["learning"] += (dt - ov) * share
                    acc["working"] += (dt - ov) * (1.0 - share)
                    started = None
                if ev == "task_preempted":
                    queued = t
                elif ev == "clarification_requested":
                    clar = t
            team = r.get("team", team)
        name = g["name"].iloc[0] if "name" in g else None
        rows.append({"model": model, "hosting": hosting, "task": task, "name": name,
                     "team": team, "engineer": engineer, **acc})
    return ordered(pd.DataFrame(rows))


def context_over_time(events: pd.DataFrame, components, *, gain: float, half_life: float,
                      threshold: float, until: float, step: float = 5.0) -> pd.DataFrame:
    """Estimated context on components over time: the engineers who know each component
    (context ≥ threshold: its bus factor) and the best context anyone still there has,
    replayed from one model × hosting point's trace with the model's learning curve
    (v ← 1 − (1 − v)·e^(−gain·days of work), overhead excluded) and decay (halving every
    `half_life` days); leavers drop out. `components`: (owner team, technology) pairs
    that everybody starts at zero context on (technologies no stack uses, like the seed's
    Cassandra). An approximation: context spillover between a service's infrastructure
    components and what clarification answers teach the asker are left out.
    Returns columns t, owner, tech, knowers, best (sampled every `step` days)."""
    import math
    comps = set(components)
    ctx = {}        # (engineer, owner, tech) -> (value, time of value)
    running = {}    # task -> (start, overhead, engineer, owner, tech)
    gone = set()
    out = []
    t_next = 0.0

    def value_at(v, t0, t):
        return v * 2.0 ** (-(t - t0) / half_life)

    def sample_until(t):
        nonlocal t_next
        while t_next <= min(t, until):
            for owner, tech in comps:
                vals = [value_at(v, t0, t_next) for (e, o, k), (v, t0) in ctx.items()
                        if o == owner and k == tech and e not in gone]
                out.append({"t": t_next, "owner": owner, "tech": tech,
                            "knowers": sum(v >= threshold for v in vals),
                            "best": max(vals, default=0.0)})
            t_next += step

    for r in events.to_dict("records"):
        t, ev = r["t"], r["ev"]
        sample_until(t - 1e-9)
        if ev == "engineer_left":
            gone.add(r.get("engineer"))
            continue
        if r.get("class") == "clarification":
            continue
        key = (r.get("owner"), r.get("tech"))
        if key not in comps:
            continue
        if ev == "task_started":
            running[r["task"]] = (t, float(r.get("overhead_days") or 0), r.get("engineer"))
        elif ev in ("task_finished", "task_preempted", "clarification_requested") \
                and r.get("task") in running:
            start, overhead, eng = running.pop(r["task"])
            work = max(0.0, t - start - overhead)
            v, t0 = ctx.get((eng, *key), (0.0, t))
            v = value_at(v, t0, t)
            ctx[(eng, *key)] = (1.0 - (1.0 - v) * math.exp(-gain * work), t)
    sample_until(until)
    return pd.DataFrame(out, columns=["t", "owner", "tech", "knowers", "best"])


# --------------------------------------------------------------------------- statistics
_T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
         2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
         2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t975(df: int) -> float:
    """Student-t 97.5% quantile (two-sided 95% intervals), df ≥ 1."""
    if df < 1:
        return float("nan")
    if df <= len(_T975):
        return _T975[df - 1]
    return 1.96 + 2.4 / df  # within 0.003 of the exact value for df > 30


def paired_ci(a, b):
    """Mean of a − b over paired replications and its 95% Student-t interval.
    `a` and `b` are Series indexed by replication (common random numbers pair them)."""
    d = (pd.Series(a) - pd.Series(b)).dropna()
    n = len(d)
    m = d.mean() if n else float("nan")
    if n < 2:
        return m, float("nan"), float("nan")
    h = t975(n - 1) * d.std(ddof=1) / n ** 0.5
    return m, m - h, m + h


# --------------------------------------------------------------------------- formatting
def fmt_ci(mean, lo, hi, digits: int = 1, pct: bool = False) -> str:
    """'12.3 [11.0–13.5]' ('−2.6 [−4.4 to −0.8]' with negatives, or percentages);
    '—' when undefined; the mean alone when the interval is empty or missing."""
    if pd.isna(mean):
        return "—"
    k = 100.0 if pct else 1.0
    unit = "%" if pct else ""

    def num(v):
        return f"{v * k:.{digits}f}".replace("-", "\u2212")

    s = f"{num(mean)}{unit}"
    if pd.notna(lo) and pd.notna(hi) and hi > lo:
        sep = " to " if min(lo, hi) < 0 else "–"
        s += f" [{num(lo)}{sep}{num(hi)}]"
    return s


def ci_table(summary: pd.DataFrame, metrics: dict, scenario: str | None = None) -> pd.DataFrame:
    """One row per hosting × model, one column per metric, cells 'mean [95% CI]'.

    `metrics` maps metric name → (column label, digits[, 'pct']).
    """
    d = summary if scenario is None else summary[summary.scenario == scenario]
    cols = {}
    for name, spec in metrics.items():
        label, digits = spec[0], spec[1]
        pct = len(spec) > 2 and spec[2] == "pct"
        m = d[d.metric == name].set_index(["hosting", "model"])
        if m.empty:
            continue
        cols[label] = m.apply(lambda r: fmt_ci(r["mean"], r["ci95_low"], r["ci95_high"],
                                               digits, pct), axis=1)
    return pd.DataFrame(cols).sort_index()


def style_table(table: pd.DataFrame, caption: str = ""):
    """A pandas Styler: caption, model names in their colour, left-aligned cells."""
    def color_model(idx):
        if idx.name != "model":
            return [""] * len(idx)
        return [f"color: {model_color(str(v))}; font-weight: bold" for v in idx]

    st = table.style.set_caption(caption).apply_index(color_model)
    st = st.set_properties(**{"text-align": "right", "font-family": "monospace"})
    st = st.set_table_styles([
        {"selector": "caption", "props": "caption-side: top; font-weight: bold; text-align: left"},
        {"selector": "th", "props": "text-align: left"},
    ])
    return st


# --------------------------------------------------------------------------- drawing
def plot_ci(ax, data: pd.DataFrame, *, x: str = "hosting", models=None, lines: bool = True,
            markersize: float = 6, label: bool = True) -> None:
    """Mean with 95% CI error bars per model along `x` (dodged so bars don't overlap).

    `data` is summary rows of one metric (columns model, `x`, mean, ci95_low, ci95_high).
    """
    cats = list(data[x].cat.categories) if hasattr(data[x], "cat") else list(dict.fromkeys(data[x]))
    cats = [c for c in cats if c in set(data[x])]
    models = models or [m for m in (data.model.cat.categories if hasattr(data.model, "cat")
                                    else dict.fromkeys(data.model)) if m in set(data.model)]
    width = 0.6
    for i, m in enumerate(models):
        d = data[data.model == m].set_index(x).reindex(cats)
        off = (i - (len(models) - 1) / 2) * (width / max(len(models), 1))
        xs = [j + off for j in range(len(cats))]
        lo = (d["mean"] - d["ci95_low"]).clip(lower=0)
        hi = (d["ci95_high"] - d["mean"]).clip(lower=0)
        ax.errorbar(xs, d["mean"], yerr=[lo.fillna(0), hi.fillna(0)], fmt="o",
                    color=model_color(m), ms=markersize, capsize=3, elinewidth=1.4,
                    linestyle="-" if lines else "none", linewidth=1.0, alpha=0.95,
                    label=model_label(m) if label else None)
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels(cats)
    ax.set_xlim(-0.5, len(cats) - 0.5)


def header(fig, title: str, legend_from=None, ncol: int | None = None, handles=None) -> None:
    """Title on top, a legend under it, the panels below — without overlaps.
    The legend shows the labelled artists of the axes `legend_from`, or `handles`
    (a list of artists, e.g. matplotlib.patches.Patch); neither: no legend."""
    h = fig.get_figheight()
    fig.suptitle(title, y=1 - 0.08 / h, va="top", fontweight="bold", fontsize=12)
    if legend_from is not None and handles is None:
        handles, _ = legend_from.get_legend_handles_labels()
    top = 1 - (0.7 if handles else 0.4) / h
    fig.tight_layout(rect=(0, 0, 1, top))
    if handles:
        fig.legend(handles=handles, loc="upper center", ncol=ncol or len(handles),
                   bbox_to_anchor=(0.5, 1 - 0.36 / h))


def log_axis(ax) -> None:
    """A logarithmic y axis labelled with plain numbers (10, 20, 50, 100…)."""
    import matplotlib.ticker as mticker
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(mticker.NullFormatter())


def danger_line(ax, y: float = 1.0, label: str | None = None) -> None:
    """The one-person line for bus factors: dashed, with the zone below it tinted."""
    ax.axhline(y, color=DANGER_COLOR, ls="--", lw=1.3, zorder=1)
    ax.axhspan(0, y, color=DANGER_COLOR, alpha=0.06, lw=0, zorder=0)
    if label:
        ax.annotate(label, xy=(0, y), xycoords=("axes fraction", "data"), xytext=(4, 3),
                    textcoords="offset points", color=DANGER_COLOR, fontsize=8)


def savefig(fig, name: str) -> Path:
    """Save a figure as PNG under OUT/figures/ (for slides) and return the path."""
    p = out_dir("figures") / f"{name}.png"
    fig.savefig(p)
    return p
