"""Where ``exportscope summary --json`` spends its time outside the readers: one table, wall and CPU seconds.

    python benchmarks/phases.py ZIP...            # the phases of one run, in this process
    python benchmarks/phases.py ZIP... --imports  # and the imports by package (python -X importtime)
    python benchmarks/phases.py ZIP... --tasks    # and the reading by platform and rule (what each costs)
    python benchmarks/phases.py ZIP... --profile 30  # and the 30 functions with the most own time (cProfile)

Runs the pipeline's steps one after the other in this process (no worker: ``PARALLEL_MIN_BYTES`` set out of
reach, so "read" is all of the reading), timing each: the imports, the platforms and their rule files, the
plan, the reading, the assembly (classification), the findings, the summary and its JSON. Then, apart, what
the second process costs: starting a reading worker until it is ready for its share, and handing a frame of
the worker's size back through a pipe. It asserts nothing; the figures go in the issue notes.
"""

from __future__ import annotations

import time

T0 = (time.perf_counter(), time.process_time())

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's exportscope, not an installed one


def _faults() -> int:
    """Minor page faults of this process so far: on a virtual machine each costs a few microseconds of
    system time, so a phase that touches fresh memory shows here before it shows in the CPU column."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


class Clock:
    """Wall and CPU seconds and minor page faults since the last mark, by phase name."""

    def __init__(self) -> None:
        self.last = T0
        self.last_faults = _faults()
        self.rows: list[tuple[str, float, float]] = []
        #: Minor page faults of each row of :attr:`rows` (None for rows measured elsewhere).
        self.faults: dict[str, int] = {}

    def mark(self, name: str) -> None:
        now = (time.perf_counter(), time.process_time())
        faults = _faults()
        self.rows.append((name, now[0] - self.last[0], now[1] - self.last[1]))
        self.faults[name] = faults - self.last_faults
        self.last, self.last_faults = now, faults


#: Reading per (platform, rule id): tasks, files, rows, wall and CPU seconds (filled with ``--tasks``).
TASKS: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0.0])


def _timed_tasks(pipeline: object) -> None:
    """Time every task the pipeline reads (its ``read_task``), by platform and rule."""
    real = pipeline.read_task  # type: ignore[attr-defined]

    def read_task(index: int, platform: object, rule: object, members: list[object], *args: object, **kw: object):  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.process_time()
        result = real(index, platform, rule, members, *args, **kw)
        row = TASKS[(platform.name, rule.id)]  # type: ignore[attr-defined]
        row[0] += 1
        row[1] += len(members)
        row[2] += result.end - result.start
        row[3] += time.perf_counter() - t
        row[4] += time.process_time() - c
        return result

    pipeline.read_task = read_task  # type: ignore[attr-defined]


def phases(
    paths: list[str], tasks: bool = False, profile: object = None
) -> tuple[list[tuple[str, float, float]], dict[str, int]]:
    clock = Clock()
    from exportscope import commands, parallel, pipeline
    from exportscope.gctune import fewer_collections

    fewer_collections()  # as cli.main and the worker do: CPython's default thresholds cost a third of the parse

    clock.mark("import exportscope (commands, pipeline)")
    import polars  # noqa: F401

    clock.mark("import polars")
    parallel.PARALLEL_MIN_BYTES = 1 << 62
    options = commands.OptionValues().build()
    from exportscope.platforms import all_platforms

    platforms = all_platforms()
    clock.mark("platforms: imports + schema files (TOML)")
    for p in platforms:
        p.ruleset  # noqa: B018 - built once, cached
    clock.mark("rule sets built (globs to regexes)")
    from exportscope.plan import make_plan
    from exportscope.snapshot import changes

    if tasks:
        _timed_tasks(pipeline)
    plan = make_plan(paths, options.max_member_bytes, options.max_ratio, options.max_inflated_bytes)
    clock.mark("plan (open, detect, group, match)")
    if profile is not None:
        profile.enable()  # type: ignore[attr-defined]
    reading = pipeline.read(plan, options)
    clock.mark("read (every task, one process)")
    merged = pipeline.merge(plan, reading)
    analysis = pipeline.assemble(plan, paths, options, merged, len(plan.exports), changes(plan.sources, paths))
    clock.mark("assemble (contexts, classify)")
    plan.close()
    from exportscope import summary
    from exportscope.findings import find

    clock.mark("import summary, findings")
    found = find(analysis)
    clock.mark("findings")
    if profile is not None:
        profile.disable()  # type: ignore[attr-defined]
    doc = summary.build(analysis, found).to_json()
    clock.mark("summary.build + to_json")
    import orjson

    from exportscope.termsafe import json_safe

    json_safe(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    clock.mark("JSON bytes")
    worker_rows(clock, reading.frame.height // 2, reading.frame)
    return clock.rows, clock.faults


def worker_rows(clock: Clock, rows: int, frame: object) -> None:
    """A worker started and ended without a share (its start-up), and a frame of ``rows`` through a pipe."""
    import multiprocessing

    from exportscope import parallel
    from exportscope import worker as worker_side

    worker = parallel.Worker(parent=os.getpid())
    clock.mark("worker: Process.start() (parent side)")
    worker.stop()
    start = time.perf_counter()
    code = (
        "import time; t = time.perf_counter(); from exportscope import worker; worker.warm_up(); "
        "print(time.perf_counter() - t)"
    )
    probe = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert probe.stdout is not None
    warm = float(probe.stdout.read())
    _, _, usage = os.wait4(probe.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    clock.rows.append(("worker: interpreter + warm-up imports (child)", time.perf_counter() - start, cpu))
    clock.rows.append(("  of which warm-up imports (polars, readers, platforms)", warm, 0.0))
    clock.last = (time.perf_counter(), time.process_time())
    half = frame.head(rows)  # type: ignore[attr-defined]
    fd = worker_side.frame_in_memory_file(half)
    if fd is not None:  # how the worker hands its items back on Linux
        clock.mark(f"hand-back: {rows:,} rows to an in-memory Arrow IPC file")
        worker_side.frame_from_file(fd)
        clock.mark("hand-back: read back from its descriptor")
        return
    data = worker_side.frame_bytes(half)
    clock.mark(f"hand-back: {rows:,} rows to Arrow IPC ({len(data) / 2**20:.0f} MiB)")
    here, there = multiprocessing.Pipe(duplex=False)
    sender = multiprocessing.get_context("fork").Process(target=lambda: there.send_bytes(data))
    sender.start()
    worker_side.frame_of(here.recv_bytes())
    sender.join()
    clock.mark("hand-back: through a pipe and read back")


def imports_by_package(paths: list[str]) -> list[tuple[str, float]]:
    """Self time of every import of a real ``summary --json`` run, summed by top-level package (main
    process only: the worker's lines are dropped by running with one process)."""
    code = (
        "import sys; from exportscope import parallel; parallel.PARALLEL_MIN_BYTES = 1 << 62; "
        "sys.argv = ['exportscope', 'summary', *sys.argv[1:], '--json']; from exportscope.cli import main; main()"
    )
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *paths], capture_output=True, text=True, cwd=ROOT, check=True
    )
    by: dict[str, float] = defaultdict(float)
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            name = m[2]
            top = ".".join(name.split(".")[:2]) if name.startswith("exportscope.") else name.split(".")[0]
            by[top] += int(m[1]) / 1e6
    return sorted(by.items(), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--imports", action="store_true", help="also the imports by package (-X importtime)")
    parser.add_argument("--tasks", action="store_true", help="also the reading by platform and rule")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile's top N (own time)")
    args = parser.parse_args(argv)
    profile = None
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
    rows, faults = phases(args.paths, tasks=args.tasks, profile=profile)
    print("| phase | wall s | cpu s | page faults |\n|---|---|---|---|")
    for name, wall, cpu in rows:
        print(
            f"| {name} | {wall:.3f} | {cpu:.3f} | {faults[name]:,} |"
            if name in faults
            else f"| {name} | {wall:.3f} | {cpu:.3f} | |"
        )
    print(f"\nload average {os.getloadavg()[0]:.1f}")
    if args.tasks:
        print(
            "\n| platform | rule | tasks | files | rows | wall s | cpu s | µs cpu/row |\n|---|---|---|---|---|---|---|---|"
        )
        by_platform: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for (platform, rule), (n, files, n_rows, wall, cpu) in sorted(TASKS.items(), key=lambda kv: -kv[1][4]):
            per = f"{cpu / n_rows * 1e6:.1f}" if n_rows else "-"
            print(f"| {platform} | {rule} | {n:,.0f} | {files:,.0f} | {n_rows:,.0f} | {wall:.3f} | {cpu:.3f} | {per} |")
            by_platform[platform][0] += n_rows
            by_platform[platform][1] += wall
            by_platform[platform][2] += cpu
        print("\n| platform | rows | wall s | cpu s |\n|---|---|---|---|")
        for platform, (n_rows, wall, cpu) in sorted(by_platform.items(), key=lambda kv: -kv[1][2]):
            print(f"| {platform} | {n_rows:,.0f} | {wall:.3f} | {cpu:.3f} |")
    if profile is not None:
        import pstats

        print(f"\ncProfile over read, assemble and findings: the {args.profile} functions with the most own time")
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    if args.imports:
        print("\n| package | import s (self) |\n|---|---|")
        for name, secs in imports_by_package(args.paths)[:25]:
            print(f"| {name} | {secs:.3f} |")


if __name__ == "__main__":
    main()
