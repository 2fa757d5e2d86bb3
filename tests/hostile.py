"""Hostile archives, built at test time: zip bombs of every shape, special files, huge fields.

Each generator writes what the attack round of issue 20 found (scaled where the test says so) with a raw zip
writer, because ``zipfile`` cannot write a lying directory or overlapping entries. :func:`measure` runs the
command line in a child process and returns its exit code, output, wall time and peak memory (the largest
resident set of the process and its reading worker, from ``getrusage`` of the children).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_LFH = struct.Struct("<4s2B4HL2L2H")
_CDH = struct.Struct("<4s4B4HL2L5H2L")
_EOCD = struct.Struct("<4s4H2LH")
DEFLATED = 8


@dataclass
class Entry:
    """One raw zip entry: ``data`` is written as is; the sizes and CRC the zip declares may lie."""

    name: str
    data: bytes
    size: int  # declared inflated size
    crc: int
    method: int = DEFLATED
    declared_compressed: int | None = None  # None: the real len(data)


def deflate(chunks: Iterable[bytes], level: int = 9) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, inflated size) of the concatenated chunks."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for chunk in chunks:
        out.append(comp.compress(chunk))
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    out.append(comp.flush())
    return b"".join(out), crc, size


def repeated(block: bytes, times: int) -> tuple[bytes, int, int]:
    """A deflate stream of ``block`` repeated ``times`` times, made fast: a full flush makes the compressed
    block independent of what came before, so it is compressed once and repeated."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    return piece * times + b"\x03\x00", crc, len(block) * times


def entry(name: str, chunks: Iterable[bytes], **kw: int) -> Entry:
    data, crc, size = deflate(chunks)
    return Entry(name, data, size, crc, **kw)


def _lfh(name: bytes, method: int, crc: int, csize: int, usize: int) -> bytes:
    return _LFH.pack(b"PK\x03\x04", 20, 0, 0x800, method, 0, 0x21, crc, csize, usize, len(name), 0) + name


def _cdh(name: bytes, method: int, crc: int, csize: int, usize: int, offset: int) -> bytes:
    return (
        _CDH.pack(
            b"PK\x01\x02", 20, 3, 20, 0, 0x800, method, 0, 0x21, crc, csize, usize, len(name), 0, 0, 0, 0, 0, offset
        )
        + name
    )


def _finish(out: bytearray, directory: list[bytes]) -> bytes:
    start = len(out)
    cd = b"".join(directory)
    out += cd
    n = len(directory)
    if n > 0xFFFF:  # zip64: the count does not fit the classic end record
        end64 = len(out)
        out += struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, len(cd), start)
        out += struct.pack("<4sLQL", b"PK\x06\x07", 0, end64, 1)
        n = 0xFFFF
    out += _EOCD.pack(b"PK\x05\x06", 0, 0, n, n, len(cd), start, 0)
    return bytes(out)


def write_zip(path: Path, entries: list[Entry], *, padding_after: dict[str, int] | None = None) -> Path:
    """A zip of ``entries`` written byte by byte; ``padding_after`` puts zero bytes after a member's data."""
    out = bytearray()
    directory = []
    for e in entries:
        name = e.name.encode()
        csize = len(e.data) if e.declared_compressed is None else e.declared_compressed
        offset = len(out)
        out += _lfh(name, e.method, e.crc, csize, e.size)
        out += e.data
        out += bytes((padding_after or {}).get(e.name, 0))
        directory.append(_cdh(name, e.method, e.crc, csize, e.size, offset))
    path.write_bytes(_finish(out, directory))
    return path


def overlapping_zip(path: Path, names: list[str], kernel: bytes, before: list[Entry] = ()) -> Path:  # type: ignore[assignment]
    """The "better zip bomb" (Fifield 2019): every entry's deflate stream quotes the next entry's local
    header in a stored block and all end in one shared ``kernel``, so N entries inflate the kernel N times
    from one copy. CRCs are not valid (a reader must refuse the entries before it inflates a byte)."""
    k_data, _crc, k_size = deflate([kernel])
    raw = [n.encode() for n in names]
    lfh_len = [_LFH.size + len(n) for n in raw]
    n = len(raw)
    # Compressed bytes of entry i: its quote header (5 bytes) + the next header, for every entry after it.
    csize = [0] * n
    usize = [0] * n
    csize[n - 1], usize[n - 1] = len(k_data), k_size
    for i in range(n - 2, -1, -1):
        csize[i] = 5 + lfh_len[i + 1] + csize[i + 1]
        usize[i] = lfh_len[i + 1] + usize[i + 1]
    out = bytearray()
    directory = []
    for e in before:
        offset = len(out)
        out += _lfh(e.name.encode(), e.method, e.crc, len(e.data), e.size) + e.data
        directory.append(_cdh(e.name.encode(), e.method, e.crc, len(e.data), e.size, offset))
    for i in range(n):
        offset = len(out)
        out += _lfh(raw[i], DEFLATED, 0, csize[i], usize[i])
        directory.append(_cdh(raw[i], DEFLATED, 0, csize[i], usize[i], offset))
        if i + 1 < n:
            length = lfh_len[i + 1]
            out += struct.pack("<BHH", 0, length, length ^ 0xFFFF)
    out += k_data
    path.write_bytes(_finish(out, directory))
    return path


# --- realistic content ------------------------------------------------------------------------------------

PROFILE_CSV = (
    b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,,Engineer,,Software,,"Lyon, France",,,\n'
)
SHARES_HEADER = b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"


def chat_lines(n: int, start: int = 0, text: str = "see you at the station at noon") -> bytes:
    """``n`` messages of a one-to-one chat, day first (the 13th settles the date order at once)."""
    return "".join(
        f"13/06/2025, {(i // 60) % 24:02d}:{i % 60:02d} - {'Ana' if i % 2 else 'Bo'}: {text} {i}\n"
        for i in range(start, start + n)
    ).encode()


BOMB_LINE = b"13/06/2025, 10:00 - Ana: see you at the station at noon\n"


def padded_ratio_bomb(path: Path) -> Path:
    """A zip of two chats: one fine, one 40 MiB of chat whose directory claims it is stored as is (1:1) and
    whose claimed compressed bytes exist (zeros follow the stream): only the ratio measured while inflating
    stops it (at 8 MiB of output: ``ratio_stream``)."""
    data, crc, size = repeated(BOMB_LINE * (MiB // len(BOMB_LINE)), 40)
    liar = Entry("WhatsApp Chat with Liar.txt", data, size, crc, declared_compressed=size)
    return write_zip(
        path, [entry("WhatsApp Chat with Ok.txt", [chat_lines(50)]), liar], padding_after={liar.name: size - len(data)}
    )


def facebook_thread(folder: Path, mib: int) -> int:
    """A Facebook export folder whose one thread part holds ``mib`` MiB of messages (varied text, newest
    first, written as Meta writes them); returns how many messages."""
    import random

    rng = random.Random(20)
    words = ["station", "noon", "caf\\u00c3\\u00a9", "lunch", "see", "you", "at", "\\u00f0\\u009f\\u0091\\u008b"]
    stamp = 1_760_000_000_000
    block: list[bytes] = []
    for i in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 25)))
        extra = b', "reactions": [{"reaction": "x"}, {"reaction": "y"}]' if i % 9 == 0 else b""
        block.append(
            b'{"sender_name": "%s", "timestamp_ms": %%d, "content": "%s", "is_geoblocked_for_viewer": false%s}'
            % (b"Ana" if i % 2 else b"Bo", text.encode(), extra)
        )
    thread = folder / "your_facebook_activity/messages/inbox/ana_1"
    thread.mkdir(parents=True)
    (folder / "personal_information/profile_information").mkdir(parents=True)
    (folder / "personal_information/profile_information/profile_information.json").write_bytes(
        b'{"profile_v2": {"name": {"full_name": "Bo"}}}'
    )
    n = 0
    with (thread / "message_1.json").open("wb") as fh:
        fh.write(b'{"participants": [{"name": "Ana"}, {"name": "Bo"}], "messages": [')
        while fh.tell() < mib * MiB:
            fh.write(b",".join(m % (stamp - (n + i) * 1000) for i, m in enumerate(block)))
            n += len(block)
            if fh.tell() < mib * MiB:
                fh.write(b",")
        fh.write(b'], "title": "Ana", "thread_path": "inbox/ana_1"}')
    return n


def chat_zip_entry(name: str, chat: bytes, media: dict[str, bytes] | None = None) -> bytes:
    """An iOS chat zip (``_chat.txt`` and its media, stored) as bytes, to put inside another zip."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("_chat.txt", chat, zipfile.ZIP_DEFLATED)
        for media_name, data in (media or {}).items():
            zf.writestr(media_name, data, zipfile.ZIP_STORED)
    return buf.getvalue()


# --- measuring a run ---------------------------------------------------------------------------------------

_WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
peak, cpu = ru.ru_maxrss * 1024, ru.ru_utime + ru.ru_stime
sys.stdout.write(json.dumps({"code": p.returncode, "wall": wall, "peak": peak, "cpu": cpu,
                             "out": p.stdout.decode("utf-8", "replace"), "err": p.stderr.decode("utf-8", "replace")}))
"""


@dataclass
class Run:
    code: int
    wall: float  # seconds
    cpu: float  # seconds of CPU of the run's processes (wall time on a machine shared with others lies)
    peak: int  # bytes: the largest resident set among the run's processes
    out: str
    err: str

    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.out)  # type: ignore[no-any-return]

    def failed(self) -> dict[str, str]:
        """Failed files of a ``summary --json`` run: path -> reason."""
        doc = self.json()
        failed = {}
        for p in doc.get("platforms", []):
            failed.update({f["path"]: f["error"] for f in p["files"]["failed"]})
        failed.update({f["path"]: f["error"] for f in doc.get("failed", [])})
        return failed

    def failed_codes(self) -> dict[str, str]:
        """Failed files of a ``summary --json`` run: path -> the code of why (``files.failed[].code``)."""
        return {f["path"]: f["code"] for p in self.json().get("platforms", []) for f in p["files"]["failed"]}


def measure(*args: str | Path, timeout: float = 900) -> Run:
    """Run ``python -m exportscope ARGS`` in a child process: exit code, wall time, peak memory, output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "exportscope", *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout, check=True)
    doc = json.loads(p.stdout)
    return Run(doc["code"], doc["wall"], doc["cpu"], doc["peak"], doc["out"], doc["err"])


MiB = 1024 * 1024
