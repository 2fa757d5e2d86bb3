"""Zips inside zips and folders: a WhatsApp chat zip in a folder of chats, or in a zip of them.

Why a module: a nested zip is where memory and inflation add up (it must be held in memory to be read, and
its own members inflate again), so its limits live here: the run's memory for nested zips, charged only for
those that open, and a depth limit.
"""

from __future__ import annotations

import io
import zipfile

from exportscope.archive import InputError, Member, MemberError, Source
from exportscope.archive.opening import ZIP_MAGIC, open_zip, zip_source
from exportscope.archive.source import reason
from exportscope.notes import Problem
from exportscope.regular import open_regular
from exportscope.zipread import MAX_NESTED_DEPTH

#: A zip inside a zip must be read into memory to be opened (zipfile needs to seek): up to this size only.
MAX_NESTED_IN_MEMORY = 128 * 1024 * 1024


def open_nested_zip(member: Member, *, max_in_memory: int | None = None) -> Source:
    """A member that is itself a zip (a WhatsApp chat zip in a folder of chats), opened as a Source.

    A folder's member is opened from disk, so nothing is read into memory; a zip inside a zip is read whole,
    through the member's limits, up to ``max_in_memory`` bytes, and charged to the run's memory for nested
    zips by what it really holds once opened (one that fails charges nothing, so its siblings still open).
    Nested zips share the run's inflation budget and are opened at most :data:`MAX_NESTED_DEPTH` levels
    deep. The nested members' paths are prefixed with the outer member's path (``Chat.zip/_chat.txt``) so
    they stay distinct from their neighbours'. Raises :class:`MemberError` with a reason when the member
    cannot be opened.
    """
    outer = member.source
    budget = outer.budget
    try:
        if outer.kind == "folder":
            disk = outer.path / member.key
            with open_regular(disk) as fh:
                head = fh.read(4)
            src = open_zip(disk, head)
            src.depth = outer.depth
        else:
            if outer.depth + 1 > MAX_NESTED_DEPTH:
                raise MemberError(member.path, Problem.of("nested_depth", depth=MAX_NESTED_DEPTH))
            room = min(max_in_memory or MAX_NESTED_IN_MEMORY, budget.nested_limit - budget.nested_used)
            if member.size > room:
                raise MemberError(member.path, Problem.of("nested_size", room=room))
            data = member.read_bytes(room + 1)
            if len(data) > room:
                raise MemberError(member.path, Problem.of("declared_size"))
            if data[:4] not in ZIP_MAGIC:
                raise MemberError(member.path, Problem.of("not_zip"))
            zf = zipfile.ZipFile(io.BytesIO(data))
            view = memoryview(data)
            src = zip_source(outer.path / member.key, zf, zf.infolist(), lambda pos, n: bytes(view[pos : pos + n]))
            src.depth = outer.depth + 1
            src.origin = member
            budget.nested_used += len(data)
    except InputError as exc:
        raise MemberError(member.path, exc.problem or Problem.of("unreadable", str(exc))) from exc
    except (OSError, zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        raise MemberError(member.path, Problem.of("damaged_zip", reason(exc))) from exc
    src.max_member_bytes, src.max_ratio, src.budget = outer.max_member_bytes, outer.max_ratio, budget
    for m in src.members:
        m.path = f"{member.path}/{m.path}"
    src.problems = [(f"{member.path}/{p}", reason) for p, reason in src.problems]
    return src
