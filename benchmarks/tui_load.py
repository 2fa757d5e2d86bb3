"""How fast ``exportscope inspect`` paints, fills its dashboard, and answers keys while it loads.

    python benchmarks/tui_load.py                 # the test fixture export and a generated 200,000-item one
    python benchmarks/tui_load.py --items 50000   # another size
    python benchmarks/tui_load.py --demo          # also the bundled samples, when they are there
    python benchmarks/tui_load.py --rounds 3      # three launches of each kind, ranges shown
    python benchmarks/tui_load.py EXPORT.zip ...  # these exports instead of the generated one

Each case runs in fresh subprocesses, so "launch" includes importing textual, polars and exportscope (with
compiled modules kept between runs, as an installed copy has them). The app runs headless (Textual's test
driver, same rendering and event loop, no terminal I/O) at 120x40. Two launches per round:

- without key presses: first paint (process start -> the dashboard's first frame: the window "appears"),
  dashboard complete (-> the cards are mounted and painted), findings shown (searched after the dashboard,
  on the loader thread, while the person already browses), the process's CPU seconds at both (and at the
  dashboard with the reading worker's, which has ended by then); then, once
  the findings are in, the help opened and closed (median of five), the browser opened (key to painted)
  and a search over all items (filter, then painted);
- with key presses: ``?`` is opened and closed every 50 ms during the load and the time until the help
  screen is active is measured (median and worst): the UI thread is never blocked by the reader. That loop
  is work of its own on the UI thread, so it delays the load: the delay is printed apart (dashboard with
  keys minus without), never folded into the load's figures.

Keys are posted as the terminal driver posts them, not with Pilot.press, whose wait-for-idle adds ~2 s
whenever another thread is busy (measured with a bare app and a CPU-bound thread).

The generated archive is LinkedIn-shaped (linkedin.md, 2026 layout): Profile.csv, Shares.csv, Comments.csv,
a fully quoted messages.csv in 4,000 conversations, Connections.csv with its preamble; deterministic text.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()
C0 = time.process_time()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "data",
    "team",
    "product",
    "launch",
    "python",
    "berlin",
    "café",
    "hiring",
    "growth",
    "research",
    "design",
    "model",
    "privacy",
    "cloud",
    "customer",
    "meeting",
    "conference",
    "talk",
    "article",
    "network",
    "career",
    "learning",
    "open",
    "source",
    "community",
    "thanks",
]


def _sentence(rng: random.Random, lo: int = 4, hi: int = 30) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def generate(folder: Path, items: int, seed: int = 7) -> Path:
    """A LinkedIn export holding ``items`` items (plus 8 profile fields), byte-identical for a seed."""
    rng = random.Random(seed)
    shares, comments, connections = items // 5, items * 3 // 10, items // 10
    messages = items - shares - comments - connections
    path = folder / "Complete_LinkedInDataExport_03-09-2026.zip"

    def stamp(i: int, n: int) -> str:
        # Spread over 2012..2026, newest last, like the real files' order varies; D3 format.
        t = 1_325_376_000 + int((i / max(1, n)) * 447_000_000)
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "Profile.csv",
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
            "Twitter Handles,Websites,Instant Messengers\n"
            'Ada,Example,,,Mar 7,Engineer,"Builds data tools.",Software,,"Berlin, Germany",,,\n',
        )
        rows = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
        for i in range(shares):
            rows.append(
                f"{stamp(i, shares)},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{7_000_000 + i},"
                f'"{_sentence(rng, 8, 60)}",,,MEMBER_NETWORK'
            )
        zf.writestr("Shares.csv", "\n".join(rows) + "\n")
        rows = ["Date,Link,Message"]
        for i in range(comments):
            rows.append(
                f"{stamp(i, comments)},https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{8_000_000 + i},"
                f'"{_sentence(rng, 2, 25)}"'
            )
        zf.writestr("Comments.csv", "\n".join(rows) + "\n")
        head = (
            '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS",'
            '"DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"'
        )
        rows = [head]
        for i in range(messages):
            conv = f"conv-{i % 4000:05d}"
            rows.append(
                f'"{conv}","","Ada Example","https://www.linkedin.com/in/ada-example","Ben Sample",'
                f'"https://www.linkedin.com/in/ben-sample","{stamp(i, messages)} UTC","","{_sentence(rng, 3, 40)}",'
                '"INBOX",""'
            )
        zf.writestr("messages.csv", "\n".join(rows) + "\n")
        rows = [
            "Notes:",
            '"When exporting your connection data, you may notice that some of the email addresses are missing."',
            "",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        ]
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for i in range(connections):
            rows.append(
                f"Person{i},Sample,https://www.linkedin.com/in/p{i},,Company {i % 500},Engineer,"
                f"{1 + i % 28:02d} {months[i % 12]} {2012 + i % 14}"
            )
        zf.writestr("Connections.csv", "\n".join(rows) + "\n")
    return path


# --- one measured run (in a subprocess) ---------------------------------------------------------------------


def _key(app: object, key: str, char: str | None = None) -> None:
    """Post a key straight to the app (what the terminal driver does). Pilot.press is not used here: it
    waits for the whole app to be idle, which with a loader thread running adds seconds of its own."""
    from textual import events

    app.post_message(events.Key(key, char))  # type: ignore[attr-defined]


async def _until(predicate: object, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.005)


def _children_cpu() -> float:
    """CPU seconds of the ended child processes (the reading worker, once the analysis has joined it)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def _painted(app: object) -> float:
    """When the screen in sight has painted after what was just asked of it."""
    done: list[float] = []
    app.screen.call_after_refresh(lambda: done.append(time.perf_counter()))  # type: ignore[attr-defined]
    await _until(lambda: bool(done))
    return done[0]


async def _help_round_trip(app: object) -> tuple[float, float]:
    """``?`` to the help painted, then ``escape`` to the screen below painted (seconds)."""
    from exportscope.tui.screens.help import HelpScreen

    t = time.perf_counter()
    _key(app, "question_mark", "?")
    await _until(lambda: isinstance(app.screen, HelpScreen))  # type: ignore[attr-defined]
    opened = await _painted(app) - t
    t = time.perf_counter()
    _key(app, "escape")
    await _until(lambda: not isinstance(app.screen, HelpScreen))  # type: ignore[attr-defined]
    closed = await _painted(app) - t
    return opened, closed


async def _measure(paths: list[Path], size: tuple[int, int], keys: bool) -> dict[str, float | int | None]:
    """One launch. ``keys=False``: nothing is pressed while loading (the load's own figures), then the help,
    the browser and a search once the findings are in. ``keys=True``: ``?`` is opened and closed every 50 ms
    while loading (the latency figures; the load is slower for it, which the caller reports apart)."""
    from datetime import date

    from exportscope.pipeline import Options
    from exportscope.query import Filter
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.help import HelpScreen
    from exportscope.tui.widgets.item_table import ItemTable

    app = ExportScopeApp(paths, Options(as_of=date(2026, 11, 29)))
    app.started = T0  # measure from process start, imports included
    latencies: list[float] = []
    out: dict[str, float | int | None] = {}
    async with app.run_test(size=size):
        await _until(lambda: app.first_paint is not None)
        if keys:
            while app.loading:
                t = time.perf_counter()
                _key(app, "question_mark", "?")
                await _until(lambda: isinstance(app.screen, HelpScreen) or not app.loading)
                if isinstance(app.screen, HelpScreen):
                    latencies.append(time.perf_counter() - t)
                    _key(app, "escape")
                    await _until(lambda: not isinstance(app.screen, HelpScreen))
                await asyncio.sleep(0.05)
        await _until(lambda: app.loaded_at is not None)
        out["cpu_at_dashboard_s"] = time.process_time() - C0
        out["cpu_all_processes_at_dashboard_s"] = out["cpu_at_dashboard_s"] + _children_cpu()
        if keys:
            await asyncio.sleep(0.2)  # a "?" posted as the load ended may open the help after it
            if isinstance(app.screen, HelpScreen):
                _key(app, "escape")
                await _until(lambda: not isinstance(app.screen, HelpScreen))
        await _until(lambda: app.findings_at is not None)
        out["cpu_at_findings_s"] = time.process_time() - C0
        if not keys:
            # The help, the browser and a search once the findings are in: the UI's own figures, not the
            # findings' share of the interpreter.
            await asyncio.sleep(0.2)
            trips = [await _help_round_trip(app) for _ in range(5)]
            out["help_open_ms"] = statistics.median(o for o, _ in trips) * 1000
            out["help_close_ms"] = statistics.median(c for _, c in trips) * 1000
            t = time.perf_counter()
            _key(app, "b", "b")
            await _until(lambda: isinstance(app.screen, BrowserScreen) and app.screen.query(ItemTable))
            out["browser_open_ms"] = (await _painted(app) - t) * 1000
            screen = app.screen
            assert isinstance(screen, BrowserScreen)
            table = screen.query_one(ItemTable)
            t = time.perf_counter()
            screen.set_filter(Filter(text="café"))
            out["search_filter_ms"] = (time.perf_counter() - t) * 1000
            out["search_painted_ms"] = (await _painted(app) - t) * 1000
            out["search_hits"] = table.row_count
        total = app.result.query.total if app.result else 0
        findings = len(app.result.findings or []) if app.result else 0
    out.update(
        {
            "items": total,
            "first_paint_s": app.first_paint,
            "dashboard_complete_s": app.loaded_at,
            "findings_shown_s": app.findings_at,
            "findings": findings,
        }
    )
    if keys:
        out["key_presses_while_loading"] = len(latencies)
        out["key_latency_median_ms"] = statistics.median(latencies) * 1000 if latencies else None
        out["key_latency_max_ms"] = max(latencies) * 1000 if latencies else None
    return out


def _child(paths: list[str], width: int, height: int, keys: bool) -> None:
    result = asyncio.run(_measure([Path(p) for p in paths], (width, height), keys))
    sys.stdout.write(json.dumps(result) + "\n")


def _run_case(paths: list[Path], keys: bool) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", "--size", "120x40", *(["--keys"] if keys else []), *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=_env())
    if out.returncode != 0:
        raise SystemExit(f"{paths[0].name}: failed\n{out.stderr}")
    data: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def _env() -> dict[str, str]:
    """This checkout first on the path, and compiled modules kept between runs (as an installed copy has
    them): the machine sets PYTHONDONTWRITEBYTECODE, which would make every launch compile every module."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONPYCACHEPREFIX"] = str(REPO / "benchmarks" / "out" / "pycache")
    return env


#: What is printed, in order; figures of the run with keys are marked "(keys run)".
QUIET = (
    "items",
    "first_paint_s",
    "dashboard_complete_s",
    "cpu_at_dashboard_s",
    "cpu_all_processes_at_dashboard_s",
    "findings_shown_s",
    "cpu_at_findings_s",
    "findings",
    "help_open_ms",
    "help_close_ms",
    "browser_open_ms",
    "search_filter_ms",
    "search_painted_ms",
    "search_hits",
)
KEYED = ("dashboard_complete_s", "key_presses_while_loading", "key_latency_median_ms", "key_latency_max_ms")


def _shown(values: list[object]) -> str:
    nums = [v for v in values if isinstance(v, (int, float))]
    if not nums:
        return "-"
    if all(isinstance(v, int) for v in nums):
        lo, hi = min(nums), max(nums)
        return f"{lo:,}" if lo == hi else f"{lo:,} – {hi:,}"
    lo_f, hi_f = float(min(nums)), float(max(nums))
    return f"{lo_f:,.3f}" if len(nums) == 1 else f"{lo_f:,.3f} – {hi_f:,.3f}"


def _case(label: str, paths: list[Path], rounds: int) -> None:
    """``rounds`` launches without keys and as many with, alternated; ranges (min – max) over the rounds."""
    import os

    quiet: list[dict[str, object]] = []
    keyed: list[dict[str, object]] = []
    loads = []
    for _ in range(rounds):
        quiet.append(_run_case(paths, keys=False))
        keyed.append(_run_case(paths, keys=True))
        loads.append(os.getloadavg()[0])
    print(f"\n{label}  ({rounds} round(s); load average {min(loads):.1f} – {max(loads):.1f})")
    for key in QUIET:
        print(f"  {key:<40} {_shown([r.get(key) for r in quiet])}")
    for key in KEYED:
        print(f"  {key + ' (keys run)':<40} {_shown([r.get(key) for r in keyed])}")
    delays = [
        float(k["dashboard_complete_s"]) - float(q["dashboard_complete_s"])  # type: ignore[arg-type]
        for q, k in zip(quiet, keyed, strict=True)
    ]
    print(f"  {'key loop delays the dashboard by':<40} {_shown(delays)} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="exports to measure instead of the generated one")
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=1, help="launches per case and mode (ranges are shown)")
    parser.add_argument("--demo", action="store_true", help="also measure the bundled samples")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keys", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="120x40", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        w, h = (int(v) for v in args.size.split("x"))
        _child([str(p) for p in args.paths], w, h, args.keys)
        return
    sys.path.insert(0, str(REPO))
    if args.paths:
        _case(", ".join(p.name for p in args.paths), args.paths, args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from tests import tui_archive

        small = folder / "small"
        small.mkdir()
        _case("test fixture (23 items)", [tui_archive.build(small)], args.rounds)
        if args.demo:
            from exportscope.samples import sample_paths

            _case("bundled samples (--demo)", sample_paths(), args.rounds)
        t = time.perf_counter()
        big = generate(folder, args.items)
        gen_s = time.perf_counter() - t
        size_mb = big.stat().st_size / 1e6
        _case(f"generated {args.items:,} items ({size_mb:.1f} MB zip, made in {gen_s:.1f} s)", [big], args.rounds)


if __name__ == "__main__":
    main()
