#!/usr/bin/python3
"""Execute Jupyter notebooks headless and fail on any error (`make notebooks`).

Usage: /usr/bin/python3 tools/run_notebooks.py [--output-dir DIR] [--timeout S] NOTEBOOK...

Each notebook runs top to bottom in a fresh kernel whose working directory is the
notebook's folder (as in Jupyter), on the Python running this script — call it
with Debian's /usr/bin/python3, whatever `python3` is first on PATH. The executed
copies (with outputs) go to DIR (default build/notebooks); the sources are never
modified. Matplotlib draws with the inline backend (Agg-based, no GUI).
Exit status: 0 all notebooks ran, 1 a cell failed or timed out, 2 bad usage.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
except ImportError as e:  # pragma: no cover - set-up problem
    sys.exit(f"run_notebooks: {e}; run `sh tools/setup.sh notebooks` "
             f"and call this script with /usr/bin/python3")

KERNEL = "devopsim-python3"


def kernel_dir() -> str:
    """A private kernelspec that runs ipykernel on *this* interpreter, so a user-level
    `python3` kernelspec (pyenv, conda…) can never hijack the run."""
    root = Path(tempfile.mkdtemp(prefix="devopsim-kernels-"))
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (devopsim notebooks)",
        "language": "python",
    }))
    return str(root)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--output-dir", type=Path, default=Path("build/notebooks"))
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", 300)),
                    help="seconds per cell (default 300, or $NOTEBOOK_CELL_TIMEOUT)")
    args = ap.parse_args()

    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (kernel_dir(), os.environ.get("JUPYTER_PATH")) if p)
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    args.output_dir.mkdir(parents=True, exist_ok=True)

    failed = []
    start_all = time.monotonic()
    for path in args.notebooks:
        if not path.is_file():
            print(f"run_notebooks: {path}: no such notebook", file=sys.stderr)
            return 2
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        t0 = time.monotonic()
        print(f"  NB      {path}", flush=True)
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as e:
            failed.append(path)
            print(f"run_notebooks: {path}: FAILED\n{e}", file=sys.stderr)
        except Exception as e:  # kernel died, could not start…
            failed.append(path)
            print(f"run_notebooks: {path}: FAILED ({type(e).__name__}: {e})", file=sys.stderr)
        finally:
            out = args.output_dir / path.name
            nbformat.write(nb, out)
        status = "FAILED" if path in failed else "ok"
        print(f"          {status} in {time.monotonic() - t0:.1f} s -> {out}", flush=True)

    total = time.monotonic() - start_all
    print(f"notebooks: {len(args.notebooks) - len(failed)} ran, {len(failed)} failed "
          f"({total:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
