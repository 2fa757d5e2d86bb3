"""Ctrl-C at random moments of a real run: every run must end as a stop or as a whole result.

    python benchmarks/ctrlc_fuzz.py --rounds 300 --max-delay 0.9 benchmarks/out/heavy-0mb/*.zip
    python benchmarks/ctrlc_fuzz.py --rounds 100 --max-delay 3.5 benchmarks/out/L-0gb/*.zip benchmarks/out/L-0gb/whatsapp

Each round runs ``python -m exportscope items INPUTS -o OUT.parquet`` in its own process group, as a shell
runs a job, and sends SIGINT to the whole group (what Ctrl-C in a terminal does: the command, the process
that waits for it and the reading worker all get it) after a random delay up to ``--max-delay`` seconds.
A round is right when it ends with 130 and exactly the one line ``exportscope: error: interrupted by
SIGINT``, or with 0 and every item (the count of an uninterrupted run first, or ``--full``): a signal that
comes once the work is done is ignored by design. Anything else is printed with its stderr: another exit
code, a traceback, a second line, or fewer items with 0 (a stop that was lost and took a task with it).

Why a fuzz and not only the stop tests: the stop tests send the signal at chosen points; the bugs it found
(a stop while typer built the command line gave a traceback; polars' own Ctrl-C handler, installed at its
import, broke the threads that take the worker's rows and made the worker stop ignoring Ctrl-C) were at
points nobody chose. ``--max-delay`` should be a little over the run's length, so that every phase is hit.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOPPED = "exportscope: error: interrupted by SIGINT"


def run(inputs: list[str], out: Path, delay: float | None) -> tuple[int, str]:
    """One run, SIGINT to its process group after ``delay`` seconds (None: never): exit code and stderr."""
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "exportscope", "items", *inputs, "-o", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        if delay is not None:
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):  # ended already
                os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait()
        time.sleep(0.05)  # what the command's other processes still write
        err.seek(0)
        return code, err.read()


def written(stderr: str) -> int | None:
    found = re.search(r"wrote ([\d,]+) items", stderr)
    return int(found.group(1).replace(",", "")) if found else None


def verdict(code: int, stderr: str, full: int) -> str | None:
    """None for a right ending, else what is wrong."""
    if code == 130:
        return None if stderr.strip() == STOPPED else "stopped, but not with the one line"
    if code == 0:
        count = written(stderr)
        if count != full:
            return f"ended 0 with {count} items of {full}"
        return None if "Traceback" not in stderr else "ended 0 with a traceback"
    return f"exit code {code}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--max-delay", type=float, default=1.0, help="seconds; a little over one run's length")
    parser.add_argument("--full", type=int, help="the item count of a whole run (default: one run first)")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "items.parquet"
        full = args.full
        if full is None:
            code, stderr = run(args.inputs, out, None)
            full = written(stderr) if code == 0 else None
            if full is None:
                sys.exit(f"the uninterrupted run failed ({code}): {stderr.strip()}")
        endings: collections.Counter[str] = collections.Counter()
        wrong = 0
        for i in range(args.rounds):
            delay = rng.uniform(0.05, args.max_delay)
            code, stderr = run(args.inputs, out, delay)
            problem = verdict(code, stderr, full)
            endings[str(code)] += 1
            if problem is not None:
                wrong += 1
                print(f"round {i}, Ctrl-C after {delay:.3f} s: {problem}\n{stderr}", flush=True)
        print(f"{args.rounds} rounds, {full:,} items each: endings {dict(endings)}; wrong {wrong}")
        sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
