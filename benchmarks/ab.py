"""Two checkouts side by side on one command: alternated fresh processes, best and quartiles of each.

    python benchmarks/ab.py --rounds 40 /path/to/before . -- summary --json EXPORT.zip
    python benchmarks/ab.py --rounds 6 /path/to/before . -- summary --json L-0gb/*.zip L-0gb/whatsapp
    python benchmarks/ab.py --rounds 20 --replace heavy-0mb heavy-500mb . . -- summary --json out/heavy-0mb/x.zip

Why: on the 2-core machine the same command's median moves by 0.05-0.1 s from one batch of runs to the next
(issue 19, 2026-12-04), more than most single changes save. Runs of the two checkouts alternate (A B, then
B A), so both sides share whatever the machine is doing at that moment, and the quartiles say whether a
difference is more than that noise. Each run is ``python -m exportscope ARGS`` started in the checkout's
folder (so that checkout's package is imported), with compiled modules kept between runs as an installed
copy has them; CPU is the process's and the reading worker's it waited for. ``run.py --compare`` does the
same for the issue's shapes with their floors; this is for any command and any input. ``--replace FROM TO``
runs the second side with FROM replaced by TO in its arguments: one checkout on two inputs (what 500 MB of
photos add, alternated with the same export without them), and the second side's best and median are
printed as a ratio of the first's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measure import adopt_orphans, wait_tree

ROOT = Path(__file__).resolve().parent.parent


def run_once(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python -m exportscope ARGS`` in ``tree``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "exportscope", *args],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ended = wait_tree(proc.pid)  # the command's own process too, when it ran in a child
    if ended.status != 0:
        raise SystemExit(f"{tree}: exportscope {' '.join(args)} failed")
    return ended.at - start, ended.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="one checkout's root")
    parser.add_argument("b", type=Path, help="the other checkout's root")
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument(
        "--replace", nargs=2, metavar=("FROM", "TO"), help="the second side's arguments with FROM replaced by TO"
    )
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the command's arguments")
    ns = parser.parse_args()
    adopt_orphans()  # a command split by exportscope.waiter: its own process is counted too
    args = ns.args[1:] if ns.args[:1] == ["--"] else ns.args
    if not args or ns.rounds < 2:
        parser.error("give the command after --, and at least 2 rounds")
    # Absolute input paths: each side runs in its own folder.
    sides = [args, [a.replace(*ns.replace) for a in args] if ns.replace else args]
    sides = [[str(Path(a).resolve()) if Path(a).exists() else a for a in side] for side in sides]
    env = dict(os.environ)
    env.setdefault("PYTHONPYCACHEPREFIX", str(ROOT / "benchmarks" / "out" / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    trees = [ns.a.resolve(), ns.b.resolve()]
    walls: list[list[float]] = [[], []]
    cpus: list[list[float]] = [[], []]
    for i in range(ns.rounds):
        for side in (0, 1) if i % 2 == 0 else (1, 0):
            wall, cpu = run_once(trees[side], sides[side], env)
            walls[side].append(wall)
            cpus[side].append(cpu)
    print(f"exportscope {' '.join(sides[0])}: {ns.rounds} alternated rounds, load average {os.getloadavg()[0]:.1f}")
    if ns.replace:
        print(f"second side: {' '.join(sides[1])}")
    print("| checkout | best s | q1 | median | q3 | CPU best s | CPU median |")
    print("|---|---|---|---|---|---|---|")
    for tree, wall, cpu in zip(trees, walls, cpus, strict=True):
        q1, median, q3 = statistics.quantiles(wall, n=4)
        print(
            f"| {tree} | {min(wall):.3f} | {q1:.3f} | {median:.3f} | {q3:.3f} "
            f"| {min(cpu):.2f} | {statistics.median(cpu):.2f} |"
        )
    if ns.replace:
        best = min(walls[1]) / min(walls[0]) - 1
        median = statistics.median(walls[1]) / statistics.median(walls[0]) - 1
        print(f"second side over first: best {best:+.1%}, median {median:+.1%}")


if __name__ == "__main__":
    main()
