"""Benchmark the hostile archives of issue 20 at the issue's own sizes: ``python benchmarks/hostile.py``.

Each case is generated in a temporary folder with the generators of ``tests/hostile.py`` and read by
``exportscope summary --json`` in a fresh process; the table gives wall and CPU seconds (CPU of every
process of the run: on a shared machine the wall time lies), the peak memory of the largest process, what
was read and what failed, and the issue's bound beside each. The load average is printed with the figures.
It asserts nothing: the tests (``tests/test_hostile_archives.py``) assert the behaviour and memory bounds
that hold on a loaded machine; these are the figures for the issue notes and the README.

``--scale 0.01`` runs every case at a hundredth of its size (the test that the script keeps working).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hostile import MiB, Run, chat_lines, entry, facebook_thread, measure, write_zip  # noqa: E402

#: case -> (what the issue asks: wall seconds, MiB), the generator, the command's extra arguments.
Case = tuple[float, int, Callable[[Path, float], Path], list[str]]


def twenty_thousand_chats(folder: Path, scale: float) -> Path:
    line = "13/06/2025, 10:00 - Ana: IMG-20250613-WA{:05d}.jpg (file attached)\n13/06/2025, 10:01 - Bo: ok\n"
    n = max(2, int(20_000 * scale))
    return write_zip(
        folder / "chats.zip", [entry(f"WhatsApp Chat with P{i}.txt", [line.format(i).encode()]) for i in range(n)]
    )


def two_million_line_chat(folder: Path, scale: float) -> Path:
    chat = folder / "WhatsApp Chat with Many.txt"
    chat.write_bytes(chat_lines(1000) * max(1, int(2000 * scale)))
    return chat


def big_facebook_thread(folder: Path, scale: float) -> Path:
    facebook_thread(folder / "facebook", max(1, int(250 * scale)))
    return folder / "facebook"


def csv_field(folder: Path, scale: float) -> Path:
    import base64

    from hostile import PROFILE_CSV, SHARES_HEADER

    out = folder / "linkedin"
    out.mkdir()
    (out / "Profile.csv").write_bytes(PROFILE_CSV)
    size = max(MiB, int(50 * MiB * scale))
    field = base64.b64encode(os.urandom(size))[:size]
    (out / "Shares.csv").write_bytes(
        SHARES_HEADER + b'2025-01-01 10:00:00,https://x,"' + field + b'",,,MEMBER_NETWORK\n'
    )
    return out


def long_chat_message(folder: Path, scale: float) -> Path:
    chat = folder / "WhatsApp Chat with Long.txt"
    line = b"see you at the station at noon, "
    with chat.open("wb") as fh:
        fh.write(chat_lines(10))
        fh.write(b"13/06/2025, 11:00 - Bo: ")
        block = line * (MiB // len(line))
        for _ in range(max(1, int(500 * scale))):
            fh.write(block)
        fh.write(b"\n" + chat_lines(10, 100))
    return chat


CASES: dict[str, Case] = {
    "20,000 chats in one zip": (10, 1024, twenty_thousand_chats, []),
    "2,000,000-line chat, findings": (30, 1024, two_million_line_chat, []),
    "250 MiB Facebook thread, findings": (30, 1024, big_facebook_thread, []),
    "50 MB CSV field": (30, 512, csv_field, []),
    "500 MB chat message": (30, 512, long_chat_message, ["--no-findings"]),
}


def row(name: str, case: Case, run: Run) -> dict[str, object]:
    wall, mib = case[0], case[1]
    doc = run.json() if run.code == 0 else {"platforms": []}
    items = sum(sum(p["totals"].values()) for p in doc["platforms"])
    return {
        "case": name,
        "exit": run.code,
        "items": items,
        "failed": len(run.failed()) if run.code == 0 else "-",
        "wall s": round(run.wall, 1),
        "cpu s": round(run.cpu, 1),
        "peak MiB": run.peak // MiB,
        "issue asks": f"< {wall:g} s, < {mib} MiB",
    }


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each case's size (default 1)")
    parser.add_argument("--case", action="append", choices=list(CASES), help="only these cases (repeatable)")
    args = parser.parse_args(argv)
    rows = []
    for name in args.case or list(CASES):
        case = CASES[name]
        with tempfile.TemporaryDirectory() as tmp:
            path = case[2](Path(tmp), args.scale)
            load = os.getloadavg()[0]
            run = measure("summary", "--json", *case[3], path)
        rows.append({**row(name, case, run), "load": f"{load:.0f}"})
    cols = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("| " + " | ".join(c.ljust(widths[c]) for c in cols) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in cols) + "|")
    for r in rows:
        print("| " + " | ".join(str(r[c]).ljust(widths[c]) for c in cols) + " |")
    return rows


if __name__ == "__main__":
    main()
