"""Benchmark: a 200,000-line WhatsApp chat, parsed alone and through the whole pipeline.

    python benchmarks/whatsapp_chat.py                 # both measurements, each in a fresh process
    python benchmarks/whatsapp_chat.py --lines 500000
    python benchmarks/whatsapp_chat.py --ambiguous     # every day <= 12: the whole file is held back

The chat is generated in a temporary folder (Android, day first, 24-hour clock; about one line in six
continues a multi-line message; system lines, attachments, placeholders and emoji mixed in). Each
measurement runs in its own Python process so that its peak RSS (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = tuple(
    [
        "ok",
        "yes",
        "no",
        "maybe",
        "tomorrow",
        "tonight",
        "lunch",
        "train",
        "late",
        "sorry",
        "thanks",
        "great",
        "see",
        "you",
        "soon",
        "call",
        "me",
        "later",
        "home",
        "work",
        "bike",
        "coffee",
        "☕",
        "😂",
        "👍",
        "❤️",
        "café",
        "où",
        "déjà",
    ]
)
NAMES = ("Alice", "Sam", "+44 7700 900123", "Jörg 🚲")


def make_chat(path: Path, lines: int, ambiguous: bool = False, seed: int = 7) -> int:
    """Write a chat of exactly ``lines`` lines; returns how many messages (header lines) it holds."""
    rnd = random.Random(seed)
    out: list[str] = []
    messages = 0
    day, month, year, minute = 1, 1, 2019, 0
    last_day = 12 if ambiguous else 28
    while len(out) < lines:
        minute += rnd.randint(0, 40)
        if minute >= 24 * 60:
            minute -= 24 * 60
            day += 1
            if day > last_day:
                day, month = 1, month + 1
                if month > 12:
                    month, year = 1, year + 1
        stamp = f"{day:02d}/{month:02d}/{year}, {minute // 60:02d}:{minute % 60:02d} - "
        roll = rnd.random()
        if roll < 0.02:
            out.append(stamp + "Sam added Alice")
        elif roll < 0.05:
            out.append(stamp + f"{rnd.choice(NAMES)}: <Media omitted>")
        elif roll < 0.07:
            media = f"IMG-{year}{month:02d}{day:02d}-WA{messages % 9999:04d}.jpg"
            out.append(stamp + f"{rnd.choice(NAMES)}: {media} (file attached)")
        else:
            text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 14)))
            out.append(stamp + f"{rnd.choice(NAMES)}: {text}")
            while rnd.random() < 0.2 and len(out) < lines:
                out.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 10))))
        messages += 1
    path.write_text("\n".join(out[:lines]) + "\n", encoding="utf-8")
    return messages


def _peak_mb() -> float:
    """This process's peak RSS. Linux's VmHWM, because ``ru_maxrss`` survives fork and exec and would
    report the generating parent's peak; elsewhere ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_parse(path: Path) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from exportscope.platforms.whatsapp.chat import ChatParser

    base = _peak_mb()
    start = time.perf_counter()
    parser = ChatParser()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        n = sum(1 for _ in parser.parse(fh))
    elapsed = time.perf_counter() - start
    return {"mode": "parse", "messages": n, "seconds": elapsed, "peak_mb": _peak_mb(), "baseline_mb": base,
            "order": parser.order_name, "how": parser.order_how}  # fmt: skip


def run_analyze(path: Path) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    import polars  # noqa: F401  (imported before the baseline so it is not counted as parsing)

    from exportscope.pipeline import analyze

    base = _peak_mb()
    start = time.perf_counter()
    analysis = analyze([path])
    elapsed = time.perf_counter() - start
    return {"mode": "analyze", "messages": analysis.items.height, "seconds": elapsed, "peak_mb": _peak_mb(),
            "baseline_mb": base}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--ambiguous", action="store_true", help="every day <= 12 (the parser holds all back)")
    ap.add_argument("--child", choices=["parse", "analyze"], help=argparse.SUPPRESS)
    ap.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        result = run_parse(args.path) if args.child == "parse" else run_analyze(args.path)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        chat = Path(tmp) / "WhatsApp Chat with Bench.txt"
        t0 = time.perf_counter()
        messages = make_chat(chat, args.lines, args.ambiguous)
        size = chat.stat().st_size
        print(f"generated {args.lines:,} lines, {messages:,} messages, {size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        for mode in ("parse", "analyze"):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--path", str(chat)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(proc.stdout)
            rate = args.lines / r["seconds"]
            extra = f", order {r['order']} ({r['how']})" if mode == "parse" else ""
            print(f"{mode:8s} {r['messages']:>9,} items  {r['seconds']:6.2f} s  {rate:>10,.0f} lines/s  "
                  f"peak RSS {r['peak_mb']:6.0f} MB (before: {r['baseline_mb']:.0f} MB){extra}")  # fmt: skip


if __name__ == "__main__":
    main()
