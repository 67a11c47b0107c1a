#!/usr/bin/python3
"""Strip outputs and execution counts from Jupyter notebooks, or check they have none.

Usage: /usr/bin/python3 tools/strip_notebooks.py [--check] NOTEBOOK...

Committed notebooks carry no outputs: results depend on the program version and go
stale; `make notebooks` regenerates them into build/notebooks/. Without --check the
files are rewritten in place (only when something changes). With --check nothing is
written and the exit status is 1 when a notebook has outputs, execution counts or
per-run metadata such as the kernel's Python version (then run this script without
--check).
"""

import sys

import nbformat

# Cell metadata that a run (not an author) writes.
RUN_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")


def strip(nb) -> list:
    """Strips `nb` in place; returns what was found (empty when already clean)."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {i}: outputs")
            cell.outputs = []
        if cell.get("execution_count") is not None:
            found.append(f"cell {i}: execution_count")
            cell.execution_count = None
        for key in RUN_METADATA:
            if key in cell.metadata:
                found.append(f"cell {i}: metadata.{key}")
                del cell.metadata[key]
    for key in ("widgets",):
        if key in nb.metadata:
            found.append(f"metadata.{key}")
            del nb.metadata[key]
    # The kernel records its Python version and editor modes: keep only the language.
    info = nb.metadata.get("language_info")
    if info and set(info) - {"name"}:
        found.append("metadata.language_info (kernel version)")
        nb.metadata["language_info"] = {"name": info.get("name", "python")}
    return found


def main(argv) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    dirty = 0
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        found = strip(nb)
        if not found:
            continue
        if check:
            dirty += 1
            print(f"{p}: has " + ", ".join(found[:5]) + (" …" if len(found) > 5 else ""),
                  file=sys.stderr)
        else:
            nbformat.validate(nb)
            nbformat.write(nb, p)
            print(f"stripped {p}")
    if dirty:
        print(f"strip_notebooks: {dirty} notebook(s) carry outputs; "
              f"run /usr/bin/python3 tools/strip_notebooks.py notebooks/*.ipynb", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
