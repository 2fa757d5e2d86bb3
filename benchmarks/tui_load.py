"""How fast ``exportscope inspect`` paints, fills its dashboard, and answers keys while it loads.

    python benchmarks/tui_load.py                 # the test fixture export and a generated 200,000-item one
    python benchmarks/tui_load.py --items 50000   # another size
    python benchmarks/tui_load.py --demo          # also the bundled samples, when they are there

Each case runs in a fresh subprocess so "launch" includes importing textual, polars and exportscope. The app
runs headless (Textual's test driver, same rendering and event loop, no terminal I/O) at 120x40. Reported:

- first paint: process start -> the dashboard's first frame (the window "appears");
- dashboard complete: process start -> the cards are mounted and painted;
- findings shown: process start -> the findings (searched after the dashboard, on the loader thread, while the
  person already browses) are on the cards;
- key latency while loading: ``?`` is posted every 50 ms during the load and the time until the help
  screen is active is measured (median and worst), proving the UI thread is never blocked by the reader;
  keys are posted as the terminal driver posts them, not with Pilot.press, whose wait-for-idle adds ~2 s
  whenever another thread is busy (measured with a bare app and a CPU-bound thread);
- browser open (key to painted) and a search over all items (filter, then painted), after loading and the
  findings.

The generated archive is LinkedIn-shaped (linkedin.md, 2026 layout): Profile.csv, Shares.csv, Comments.csv,
a fully quoted messages.csv in 4,000 conversations, Connections.csv with its preamble; deterministic text.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

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


async def _until(predicate: object, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.0005)


async def _measure(paths: list[Path], size: tuple[int, int]) -> dict[str, float | int | None]:
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
    async with app.run_test(size=size):
        await _until(lambda: app.first_paint is not None)
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
        # A "?" posted just before the load ended may open the help after it: close it before measuring.
        await asyncio.sleep(0.2)
        if isinstance(app.screen, HelpScreen):
            _key(app, "escape")
            await _until(lambda: not isinstance(app.screen, HelpScreen))
        # The findings run after the dashboard, on the loader thread; measure the browser once they are in, so
        # its figures are the UI's own and not the findings' share of the interpreter.
        await _until(lambda: app.findings_at is not None)
        t = time.perf_counter()
        _key(app, "b", "b")
        await _until(lambda: isinstance(app.screen, BrowserScreen) and app.screen.query(ItemTable))
        painted: list[float] = []
        app.screen.call_after_refresh(lambda: painted.append(time.perf_counter()))
        await _until(lambda: bool(painted))
        browser_open = painted[0] - t
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(ItemTable)
        t = time.perf_counter()
        screen.set_filter(Filter(text="café"))
        search_filter = time.perf_counter() - t
        painted.clear()
        screen.call_after_refresh(lambda: painted.append(time.perf_counter()))
        await _until(lambda: bool(painted))
        search = painted[0] - t
        rows = table.row_count
        total = app.result.query.total if app.result else 0
        findings = len(app.result.findings or []) if app.result else 0
    return {
        "items": total,
        "first_paint_s": app.first_paint,
        "dashboard_complete_s": app.loaded_at,
        "findings_shown_s": app.findings_at,
        "findings": findings,
        "key_presses_while_loading": len(latencies),
        "key_latency_median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "key_latency_max_ms": max(latencies) * 1000 if latencies else None,
        "browser_open_ms": browser_open * 1000,
        "search_filter_ms": search_filter * 1000,
        "search_painted_ms": search * 1000,
        "search_hits": rows,
    }


def _child(paths: list[str], width: int, height: int) -> None:
    result = asyncio.run(_measure([Path(p) for p in paths], (width, height)))
    sys.stdout.write(json.dumps(result) + "\n")


def _run_case(label: str, paths: list[Path]) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", "--size", "120x40", *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO), **_env()})
    if out.returncode != 0:
        raise SystemExit(f"{label}: failed\n{out.stderr}")
    data: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    data["case"] = label
    return data


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--demo", action="store_true", help="also measure the bundled samples")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="120x40", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        w, h = (int(v) for v in args.size.split("x"))
        _child([str(p) for p in args.paths], w, h)
        return
    sys.path.insert(0, str(REPO))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from tests import tui_archive

        small = folder / "small"
        small.mkdir()
        results.append(_run_case("test fixture (23 items)", [tui_archive.build(small)]))
        if args.demo:
            from exportscope.samples import sample_paths

            results.append(_run_case("bundled samples (--demo)", sample_paths()))
        t = time.perf_counter()
        big = generate(folder, args.items)
        gen_s = time.perf_counter() - t
        size_mb = big.stat().st_size / 1e6
        results.append(
            _run_case(f"generated {args.items:,} items ({size_mb:.1f} MB zip, made in {gen_s:.1f} s)", [big])
        )
    for r in results:
        print(f"\n{r['case']}")
        for key in (
            "items",
            "first_paint_s",
            "dashboard_complete_s",
            "findings_shown_s",
            "findings",
            "key_presses_while_loading",
            "key_latency_median_ms",
            "key_latency_max_ms",
            "browser_open_ms",
            "search_filter_ms",
            "search_painted_ms",
            "search_hits",
        ):
            value = r.get(key)
            shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
            print(f"  {key:<28} {shown}")


if __name__ == "__main__":
    main()
