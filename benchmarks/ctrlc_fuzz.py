"""Ctrl-C at random moments of a real run: every run must end as a stop or as a whole result.

    python benchmarks/ctrlc_fuzz.py --rounds 300 --max-delay 0.9 benchmarks/out/heavy-0mb/*.zip
    python benchmarks/ctrlc_fuzz.py --rounds 100 --max-delay 3.5 benchmarks/out/L-0gb/*.zip benchmarks/out/L-0gb/whatsapp
    python benchmarks/ctrlc_fuzz.py --command report --rounds 100 --max-delay 1.2 benchmarks/out/heavy-0mb/*.zip

Each round runs ``python -m exportscope COMMAND INPUTS -o OUT`` (``items`` to a .parquet file by default;
``report``: .html, ``cleanup``: a .csv worklist; ``summary``: ``--json`` on standard output) in its own
process group, as a shell runs a job, and sends SIGINT to the whole group (what Ctrl-C in a terminal does:
the command, the process that waits for it and the reading worker all get it) after a random delay up to
``--max-delay`` seconds. The output's folder holds a previous output. A round is right when it ends with 130,
exactly the one line ``exportscope: error: interrupted by SIGINT`` and the previous output untouched, or
with 0 and the whole result (for ``items``, every item: the count of an uninterrupted run first, or
``--full``): a signal that comes once the work is done is ignored by design. In both cases no temporary file
may be left beside the output. Anything else is printed with its stderr: another exit code, a traceback, a
second line, a leftover, or fewer items with 0 (a stop that was lost and took a task with it).

``--signal TERM`` or ``HUP`` sends that signal instead (the code is then 143 or 129, the line names it), and
``--to process`` sends it to the command's first process only, as ``kill PID`` or ``timeout`` do (that
process passes it on to the command's; the reading worker ends with its parent).

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
PREVIOUS = b"the previous output\n"
#: Per command: the output's name (None: standard output) and the arguments before the inputs.
COMMANDS: dict[str, tuple[str | None, list[str]]] = {
    "items": ("items.parquet", ["items"]),
    "report": ("report.html", ["report"]),
    "cleanup": ("worklist.csv", ["cleanup"]),
    "summary": (None, ["summary", "--json"]),
}


def command_line(command: str, inputs: list[str], folder: Path) -> list[str]:
    name, args = COMMANDS[command]
    return [*args, *inputs, *(["-o", str(folder / name)] if name else [])]


def run(args: list[str], delay: float | None, signum: int = signal.SIGINT, group: bool = True) -> tuple[int, str]:
    """One run, ``signum`` to its process group (or its first process) after ``delay`` seconds (None: never):
    exit code and stderr."""
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "exportscope", *args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        if delay is not None:
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):  # ended already
                (os.killpg if group else os.kill)(proc.pid, signum)
        code = proc.wait()
        time.sleep(0.05)  # what the command's other processes still write
        err.seek(0)
        return code, err.read()


def written(stderr: str) -> int | None:
    found = re.search(r"wrote ([\d,]+) items", stderr)
    return int(found.group(1).replace(",", "")) if found else None


def verdict(code: int, stderr: str, full: int | None, signum: int = signal.SIGINT) -> str | None:
    """None for a right ending, else what is wrong (``full``: the item count an ``items`` run must write)."""
    if code == 128 + signum:
        stopped = f"exportscope: error: interrupted by {signal.Signals(signum).name}"
        return None if stderr.strip() == stopped else "stopped, but not with the one line"
    if code == 0:
        count = written(stderr)
        if full is not None and count != full:
            return f"ended 0 with {count} items of {full}"
        lines = stderr.strip().splitlines()
        return None if all(line.startswith("exportscope: wrote ") for line in lines) else "ended 0 with more said"
    return f"exit code {code}"


def leftovers(folder: Path, output: Path | None, code: int) -> str | None:
    """What a run left wrong in the output's folder: any other file, or a previous output changed by a stop."""
    names = sorted(p.name for p in folder.iterdir())
    expected = [output.name] if output is not None else []
    if names != expected:
        return f"left {names}"
    if output is not None and code > 128 and output.read_bytes() != PREVIOUS:
        return "a stop changed the previous output"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--command", choices=sorted(COMMANDS), default="items")
    parser.add_argument("--signal", choices=["INT", "TERM", "HUP"], default="INT")
    parser.add_argument("--to", choices=["group", "process"], default="group")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--max-delay", type=float, default=1.0, help="seconds; a little over one run's length")
    parser.add_argument("--full", type=int, help="the item count of a whole run (default: one run first)")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inputs = [str(Path(i).resolve()) for i in args.inputs]
    signum = int(getattr(signal, "SIG" + args.signal))
    with tempfile.TemporaryDirectory() as place:
        folder = Path(place)
        name = COMMANDS[args.command][0]
        output = folder / name if name else None
        line = command_line(args.command, inputs, folder)
        full = args.full
        code, stderr = run(line, None)
        if code != 0:
            sys.exit(f"the uninterrupted run failed ({code}): {stderr.strip()}")
        if args.command == "items" and full is None:
            full = written(stderr)
        endings: collections.Counter[str] = collections.Counter()
        wrong = 0
        for i in range(args.rounds):
            if output is not None:
                output.write_bytes(PREVIOUS)
            delay = rng.uniform(0.05, args.max_delay)
            code, stderr = run(line, delay, signum, args.to == "group")
            problem = verdict(code, stderr, full, signum) or leftovers(folder, output, code)
            endings[str(code)] += 1
            if problem is not None:
                wrong += 1
                print(f"round {i}, Ctrl-C after {delay:.3f} s: {problem}\n{stderr}", flush=True)
        each = f", {full:,} items each" if full is not None else ""
        print(f"{args.rounds} rounds of {args.command}{each}: endings {dict(endings)}; wrong {wrong}")
        sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
