"""The JSON report: the ``exportscope.summary/1`` document with its ``findings`` filled, plus report extras.

Decision: one schema, not two. The report is ``summary --json`` with findings, so any script that reads a
summary reads a report. The extras are additive fields, which the summary schema allows without a version
bump: a top-level ``report`` (``generator``, ``lang``, ``redacted``, and under ``--redact`` ``owner_kept``:
whether ``--keep-owner`` left the owner's own name and handles readable) and, per platform, ``examples`` (a few
training-eligible texts, masked under ``--redact``) and ``training_by_year`` (``{"year", "training",
"conditional"}``). ``inputs`` hold the archives' file names only: a report is meant to be shared and full
paths would reveal the folders of the computer it was made on. Strings stay as in the archive (orjson
escapes what JSON requires); labels are not translated, ``lang`` only records the report's language.
"""

from __future__ import annotations

from exportscope.report.view import Report


def render(r: Report) -> bytes:
    import orjson

    return orjson.dumps(r.doc, option=orjson.OPT_INDENT_2) + b"\n"
