"""Benchmark exportscope on generated archives: ``python benchmarks/run.py --scales S M L --media 0 2``.

For each scale and media size it generates the archives once (kept in ``benchmarks/out/``), then runs
``exportscope summary --json`` and ``exportscope items -o x.parquet`` in a fresh process each, and prints
a table: items, seconds, items per second, peak memory (RSS of the process), and the ratio to a *floor*:
the time to inflate the archives' text members and parse their JSON/CSV/text with nothing else, measured
by this script in the same run. It also times ``exportscope --help``. It asserts nothing about time: the
figures go in the README and the issue notes.

``--linkedin`` runs the LinkedIn shape of issue 19 (100,000 messages, 20,000 connections, 10,000 shares,
comments and reactions) the same way, against two floors measured in the same round: the CSV bytes inflated
and parsed by the ``csv`` module (the floor the ratio uses), and the same bytes given to ``pl.read_csv``.
``--startup`` times ``--help``, ``summary --help`` and ``summary --json`` of a small sample (wall and CPU).

``--heavy [MB ...]`` runs the shape of issue 19 instead (one Facebook export: 200,000 messages in 400
threads, 20,000 posts, 20,000 comments, with 0 and 500 MB of photos by default): the floor and each of
``summary --json``, ``summary --json --no-findings`` and ``items -o x.parquet`` interleaved in every round,
best of ``--rounds``, with the load average at the time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import HEAVY, LINKEDIN_HEAVY, generate, linkedin_heavy, meta_heavy  # noqa: E402
from measure import adopt_orphans, wait_tree  # noqa: E402

TEXT_SUFFIXES = (".json", ".csv", ".txt")
#: CPU seconds (user + system) of the last command run_measured ran: on a shared, loaded machine the CPU
#: time moves far less than the wall time, so ``--heavy`` reports its ratio to the floor's CPU time too.
LAST_CPU = 0.0


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (the reading worker too), in KiB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def child_env(cwd: Path | None = None) -> dict[str, str]:
    """The environment of a measured command: ``cwd``'s code first on the path, and compiled bytecode kept
    (in ``benchmarks/out/pycache``, outside the checkouts) even where ``PYTHONDONTWRITEBYTECODE`` is set, as
    an installed package has it: otherwise every run of every process compiles exportscope's modules again
    (about 0.1 s each, a cost no installed copy pays)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache")
    if cwd is not None:
        env["PYTHONPATH"] = str(cwd)
    return env


def run_measured(args: list[str], cwd: Path | None = None) -> tuple[float, float, float, str]:
    """(seconds, peak RSS of the main process, peak RSS of the whole process tree, both MiB, stdout)."""
    import threading

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd, env=child_env(cwd))
        peak_tree = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.is_set():
                peak_tree = max(peak_tree, _tree_rss_kib(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        ended = wait_tree(proc.pid)  # the command's own process too, when it ran in a child
        elapsed = ended.at - start
        done.set()
        sampler.join()
        proc.returncode = ended.status
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {err.read().decode()[-500:]}")
        global LAST_CPU
        LAST_CPU = ended.cpu  # every process of the command
        return elapsed, ended.peak_rss_kib / 1024, peak_tree / 1024, out.read().decode()


def floor_seconds(paths: list[Path], zlib_ng: bool = False) -> float:
    """Inflate every text member and parse it with nothing else: the speed of light for this input.

    The issue's floor inflates with the standard zlib (``zipfile``); with ``zlib_ng``, with the engine
    exportscope inflates with (:mod:`exportscope.deflate`), to show what of a ratio comes from that engine."""
    import orjson

    start = time.perf_counter()
    for path in paths:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist():
                    if not info.filename.endswith(TEXT_SUFFIXES):
                        continue
                    data = _inflate_ng(path, info) if zlib_ng else zf.read(info)
                    _parse(info.filename, data, orjson.loads)
        else:
            _parse(path.name, path.read_bytes(), orjson.loads)
    return time.perf_counter() - start


def _inflate_ng(path: Path, info: zipfile.ZipInfo) -> bytes:
    """A deflated member inflated by zlib-ng, its CRC checked (what ``zipfile`` does with zlib)."""
    from zlib_ng import zlib_ng

    with path.open("rb") as fh:
        fh.seek(info.header_offset + 26)
        skip = int.from_bytes(fh.read(2), "little") + int.from_bytes(fh.read(2), "little")
        fh.seek(skip, os.SEEK_CUR)
        raw = fh.read(info.compress_size)
    data = zlib_ng.decompressobj(-15).decompress(raw) if info.compress_type == zipfile.ZIP_DEFLATED else raw
    if zlib_ng.crc32(data) != info.CRC:
        raise SystemExit(f"{info.filename}: bad CRC")
    return data


def _parse(name: str, data: bytes, loads: object) -> None:
    if name.endswith(".json"):
        loads(data)  # type: ignore[operator]
    elif name.endswith(".csv"):
        for _ in csv.reader(io.StringIO(data.decode("utf-8", "replace"))):
            pass
    else:
        data.decode("utf-8", "replace").splitlines()


def bench(scale: str, media_gb: float, out_root: Path) -> list[dict[str, object]]:
    folder = out_root / f"{scale}-{media_gb:g}gb"
    marker = folder / "inputs.json"
    if marker.exists():
        paths = [Path(p) for p in json.loads(marker.read_text())]
    else:
        paths = generate(scale, folder, media_gb)
        marker.write_text(json.dumps([str(p) for p in paths]))
    floor = floor_seconds(paths)
    exe = [sys.executable, "-m", "exportscope"]
    rows = []
    secs, rss, tree, out = run_measured([*exe, "summary", *map(str, paths), "--json"])
    doc = json.loads(out)
    items = sum(sum(p["totals"].values()) for p in doc["platforms"])
    rows.append(_row(scale, media_gb, "summary --json", items, secs, rss, tree, floor))
    rows[-1]["cpu s"] = round(LAST_CPU, 2)
    with tempfile.TemporaryDirectory() as tmp:
        secs, rss, tree, _ = run_measured([*exe, "items", *map(str, paths), "-o", str(Path(tmp) / "x.parquet")])
    rows.append(_row(scale, media_gb, "items -o x.parquet", items, secs, rss, tree, floor))
    rows[-1]["cpu s"] = round(LAST_CPU, 2)
    for r in rows:
        r["load avg"] = f"{os.getloadavg()[0]:.0f}"
    return rows


def _row(
    scale: str, media: float, cmd: str, items: int, secs: float, rss: float, tree: float, floor: float
) -> dict[str, object]:
    return {
        "scale": scale,
        "media": f"{media:g} GB",
        "command": cmd,
        "items": items,
        "seconds": round(secs, 2),
        "items/s": int(items / secs) if secs else 0,
        "peak RSS MiB": int(rss),
        "all processes MiB": int(tree),
        "floor s": round(floor, 2),
        "x floor": round(secs / floor, 1) if floor else None,
    }


HEAVY_COMMANDS = {
    "summary --json": ["summary", "--json"],
    "summary --json --no-findings": ["summary", "--json", "--no-findings"],
    "items -o x.parquet": ["items", "-o", "{tmp}/x.parquet"],
}


def heavy(media_mb: int, out_root: Path, rounds: int, compare: Path | None = None) -> list[dict[str, object]]:
    """The issue-19 shape, with the floor and every command interleaved in each round (best of ``rounds``).

    On a shared machine the load moves between seconds; measuring the floor right before each command in
    the same round keeps the ratio honest, and the load average at each round is reported with the figures.
    With ``compare`` (another checkout's root, e.g. the code before a change), each command also runs with
    that code right after this one, so before and after are measured side by side under the same load.
    """
    folder = (out_root / f"heavy-{media_mb}mb").resolve()
    paths = sorted(folder.glob("*.zip")) or meta_heavy(folder, media_mb)
    label = f"{HEAVY['messages'] // 1000}k msgs + {media_mb} MB photos"
    floors = {"": lambda: floor_seconds(paths), "zlib-ng": lambda: floor_seconds(paths, zlib_ng=True)}
    rows = interleaved(paths, label, rounds, compare, floors)
    for r in rows:
        r["media"] = f"{media_mb} MB"
    return rows


def interleaved(
    paths: list[Path], label: str, rounds: int, compare: Path | None, floors: dict[str, Callable[[], float]]
) -> list[dict[str, object]]:
    """Every command of :data:`HEAVY_COMMANDS` on ``paths``, each right after the floors in the same round,
    best of ``rounds``; ``compare`` (another checkout's root) runs each command with that code too, side by
    side. ``floors`` names each floor (``""`` is the one the ratios use; others get a column of their own)."""
    trees = {"": ROOT, **({" (before)": compare.resolve()} if compare else {})}
    best: dict[str, tuple[float, float, float]] = {}
    cpus: dict[str, float] = {}
    floor_secs: dict[str, list[float]] = {name: [] for name in floors}
    floor_cpus: list[float] = []
    loads: list[float] = []
    items = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            loads.append(os.getloadavg()[0])
            for name, args in HEAVY_COMMANDS.items():
                for suffix, tree in trees.items():
                    for floor_name, measure in floors.items():
                        cpu0 = time.process_time()
                        floor_secs[floor_name].append(measure())
                        if not floor_name:
                            floor_cpus.append(time.process_time() - cpu0)
                    cmd = [sys.executable, "-m", "exportscope", args[0], *map(str, paths)]
                    cmd += [a.format(tmp=tmp) for a in args[1:]]
                    secs, rss, all_rss, out = run_measured(cmd, cwd=tree)
                    if name == "summary --json":
                        items = sum(sum(p["totals"].values()) for p in json.loads(out)["platforms"])
                    key = name + suffix
                    cpus[key] = min(LAST_CPU, cpus.get(key, LAST_CPU))
                    prev = best.get(key)
                    best[key] = (
                        min(secs, prev[0]) if prev else secs,
                        max(rss, prev[1] if prev else 0),
                        max(all_rss, prev[2] if prev else 0),
                    )
    rows = [_row(label, 0, key, items, *best[key], min(floor_secs[""])) for key in best]
    for r in rows:
        r["cpu s"] = round(cpus[str(r["command"])], 2)
        r["floor cpu s"] = round(min(floor_cpus), 2)
        r["x floor cpu"] = round(cpus[str(r["command"])] / min(floor_cpus), 1)
        for floor_name, secs_list in floor_secs.items():
            if floor_name:
                r[f"{floor_name} floor s"] = round(min(secs_list), 2)
        r["load avg"] = f"{min(loads):.0f}-{max(loads):.0f}"
    return rows


def csv_floor_seconds(paths: list[Path], polars: bool = False) -> float:
    """Inflate every CSV member and parse it with the ``csv`` module (or ``pl.read_csv``), nothing else."""
    import polars as pl

    start = time.perf_counter()
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not info.filename.lower().endswith(".csv"):
                    continue
                data = zf.read(info)
                if polars:
                    pl.read_csv(data, has_header=False, infer_schema=False, truncate_ragged_lines=True)
                else:
                    for _ in csv.reader(io.StringIO(data.decode("utf-8-sig", "replace"), newline="")):
                        pass
    return time.perf_counter() - start


def linkedin_rows(out_root: Path, rounds: int, compare: Path | None = None) -> list[dict[str, object]]:
    """The LinkedIn shape of issue 19: the floors and every command interleaved in each round, best of
    ``rounds``; with ``compare`` (another checkout's root) each command also runs with that code, side by side."""
    folder = (out_root / "linkedin-heavy").resolve()
    paths = sorted(folder.glob("*.zip")) or linkedin_heavy(folder)
    label = f"LinkedIn {LINKEDIN_HEAVY['messages'] // 1000}k msgs"
    floors = {"": lambda: csv_floor_seconds(paths), "pl.read_csv": lambda: csv_floor_seconds(paths, polars=True)}
    rows = interleaved(paths, label, rounds, compare, floors)
    for r in rows:
        r.pop("media")
    return rows


def startup_rows(runs: int = 7) -> list[dict[str, object]]:
    """Start-up: ``--help``, ``summary --help`` and ``summary --json`` of the small 2026 LinkedIn sample, best
    wall and CPU seconds of ``runs`` fresh processes each (``python -c pass`` for the interpreter alone)."""
    sample = ROOT / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    cases = {
        "python -c pass": ["-c", "pass"],
        "exportscope --help": ["-m", "exportscope", "--help"],
        "exportscope summary --help": ["-m", "exportscope", "summary", "--help"],
        "exportscope summary --json (sample)": ["-m", "exportscope", "summary", str(sample), "--json"],
    }
    rows: list[dict[str, object]] = []
    for label, args in cases.items():
        wall = cpu = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=child_env()
            )
            ended = wait_tree(proc.pid)
            wall = min(wall, ended.at - start)
            cpu = min(cpu, ended.cpu)
        rows.append({"command": label, "wall s": round(wall, 3), "cpu s": round(cpu, 3)})
    return rows


def photos_cost(rows: list[dict[str, object]]) -> None:
    """Add what the photos cost to each ``--heavy`` row: its seconds over the same command's without photos
    (the issue's target: 500 MB of photos add under 10%), in wall time and in CPU time."""
    bare = {str(r["command"]): r for r in rows if r["media"] == "0 MB"}
    for r in rows:
        base = bare.get(str(r["command"]))
        if base is None or base is r:
            r["vs 0 MB"] = r["vs 0 MB cpu"] = ""
            continue
        r["vs 0 MB"] = f"{float(r['seconds']) / float(base['seconds']) - 1:+.0%}"  # type: ignore[arg-type]
        r["vs 0 MB cpu"] = f"{float(r['cpu s']) / float(base['cpu s']) - 1:+.0%}"  # type: ignore[arg-type]


def help_seconds(runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "exportscope", "--help"], capture_output=True, check=True, env=child_env()
        )
        best = min(best, time.perf_counter() - start)
    return best


def print_table(rows: list[dict[str, object]]) -> None:
    cols = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("| " + " | ".join(c.ljust(widths[c]) for c in cols) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in cols) + "|")
    for r in rows:
        print("| " + " | ".join(str(r[c]).ljust(widths[c]) for c in cols) + " |")


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["S", "M", "L"])
    parser.add_argument("--media", nargs="+", type=float, default=[0.0, 2.0], help="media sizes in GB")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--heavy",
        nargs="*",
        type=int,
        metavar="MB",
        help="the issue-19 shape instead (200k messages in 400 threads, 20k posts, 20k comments), with these MB "
        "of photos (default: 0 and 500); floor and commands interleaved, best of --rounds",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--linkedin", action="store_true", help="the LinkedIn shape of issue 19 instead")
    parser.add_argument("--startup", action="store_true", help="only the start-up times")
    parser.add_argument(
        "--compare",
        type=Path,
        help="with --heavy or --linkedin: another checkout's root, run side by side (e.g. the code before)",
    )
    args = parser.parse_args(argv)
    if args.startup:
        rows = startup_rows()
        print_table(rows)
        return rows
    if args.linkedin:
        rows = linkedin_rows(args.out, args.rounds, args.compare)
        print_table(rows)
        print_table(startup_rows())
        return rows
    if args.heavy is not None:
        rows = [row for mb in (args.heavy or [0, 500]) for row in heavy(mb, args.out, args.rounds, args.compare)]
        photos_cost(rows)
    else:
        rows = [row for scale in args.scales for media in args.media for row in bench(scale, media, args.out)]
    print_table(rows)
    print(f"\nexportscope --help: {help_seconds():.3f} s (best of 5)")
    return rows


if __name__ == "__main__":
    adopt_orphans()  # a command split by exportscope.waiter: its own process is counted too
    main()
