"""Benchmark: a Facebook export with 50,000 messages over 500 threads, summarised without opening a media file.

    python benchmarks/meta_messages.py                  # build in a temp dir, measure, print the figures
    python benchmarks/meta_messages.py --threads 50     # smaller

The export is written the way Meta writes it (mojibake escapes, newest-first parts: every thread is split over
``message_1.json`` and ``message_2.json``, millisecond times), with one photo attachment every
``--media-every`` messages stored as a real file in the zip. The analysis runs in a fresh child process so the
peak resident memory it reports is that of ``analyze`` + ``summary.build`` alone (on top of the imports, which
are reported separately); every member the readers open is recorded, and the run fails if one is a media file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "facebook-bench-2025-11-20-BenchMk1.zip"
WORDS = [
    *("café", "déjà", "vu", "crème", "brûlée", "garçon", "naïve", "señor", "😀", "👍", "🎉"),
    *("bonjour", "à", "demain", "merci", "beaucoup"),
]


def _moj(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def build(out: Path, threads: int, per_thread: int, media_every: int) -> tuple[Path, int, int]:
    """Write the benchmark export; returns (zip path, messages, media files)."""
    rng = random.Random(20251120)
    path = out / NAME
    n_messages = n_media = 0
    jpeg = bytes(rng.getrandbits(8) for _ in range(16 * 1024))  # incompressible, like a real photo
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for t in range(threads):
            folder = f"your_facebook_activity/messages/inbox/friend{t}_{1000 + t}"
            msgs = []
            for i in range(per_thread):
                when = 1_600_000_000_000 + t * 10_000_000 + i * 60_000
                m: dict[str, object] = {
                    "sender_name": _moj("Jeanne Doé" if i % 2 else f"Friend {t}"),
                    "timestamp_ms": when,
                    "content": _moj(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 15)))),
                    "is_geoblocked_for_viewer": False,
                }
                if media_every and n_messages % media_every == 0:
                    uri = f"{folder}/photos/{n_media}_n_{t}.jpg"
                    m["photos"] = [{"uri": uri, "creation_timestamp": when // 1000}]
                    zf.writestr(zipfile.ZipInfo(uri, (2025, 11, 20, 0, 0, 0)), jpeg, compress_type=zipfile.ZIP_STORED)
                    n_media += 1
                msgs.append(m)
                n_messages += 1
            msgs.reverse()  # newest first
            half = len(msgs) // 2
            for part, chunk in ((1, msgs[:half]), (2, msgs[half:])):
                doc = {
                    "participants": [{"name": _moj(f"Friend {t}")}, {"name": _moj("Jeanne Doé")}],
                    "messages": chunk,
                    "title": _moj(f"Friend {t}"),
                    "is_still_participant": True,
                    "thread_path": f"inbox/friend{t}_{1000 + t}",
                    "magic_words": [],
                }
                zf.writestr(f"{folder}/message_{part}.json", json.dumps(doc, ensure_ascii=True, indent=2))
        zf.writestr(
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
            json.dumps([{"timestamp": 1700000000, "data": [{"post": _moj("Café ☕")}]}], ensure_ascii=True),
        )
    return path, n_messages, n_media


_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from exportscope.archive import Source
from exportscope.pipeline import analyze
from exportscope import summary
from exportscope.platforms.meta.media import MEDIA_SUFFIXES
import polars  # noqa: F401  (imported before the baseline, as analyze would)

opened = []
real_open = Source.open
def spy(self, member, **kwargs):
    opened.append(member.path)
    return real_open(self, member, **kwargs)
Source.open = spy

base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from exportscope.pipeline import Options
analysis = analyze([sys.argv[1]], Options(workers=1))  # one process, so every open is seen here
doc = summary.build(analysis).to_json()
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
fb = doc["platforms"][0]
media_opened = [p for p in opened if Path(p).suffix.lower() in MEDIA_SUFFIXES]
print(json.dumps({"seconds": elapsed, "baseline_kib": base, "peak_kib": peak, "items": analysis.items.height,
                  "excluded": fb["totals"]["excluded"], "conversations": fb["conversations"],
                  "files_opened": len(opened), "media_opened": len(media_opened)}))
"""


def measure(path: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True, env=env, cwd=ROOT
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=500)
    ap.add_argument("--messages", type=int, default=100, help="messages per thread")
    ap.add_argument("--media-every", type=int, default=10, help="one photo attachment every N messages (0: none)")
    ap.add_argument("--keep", type=Path, help="write the export here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        path, n_messages, n_media = build(out, args.threads, args.messages, args.media_every)
        built = time.perf_counter() - t0
        r = measure(path)
    print(f"export: {n_messages:,} messages in {args.threads:,} threads, {n_media:,} media files, "
          f"{path.stat().st_size / 1e6 if args.keep else 0:.1f} MB kept; built in {built:.1f} s")  # fmt: skip
    print(f"analyze + summary: {r['seconds']:.2f} s; peak RSS {r['peak_kib'] / 1024:.0f} MiB "
          f"(after imports {r['baseline_kib'] / 1024:.0f} MiB); items {r['items']:,}; excluded {r['excluded']:,} "
          f"in {r['conversations']:,} conversations; members opened {r['files_opened']:,}, "
          f"media opened {r['media_opened']}")  # fmt: skip
    ok = r["media_opened"] == 0 and r["excluded"] == n_messages and r["conversations"] == args.threads
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
