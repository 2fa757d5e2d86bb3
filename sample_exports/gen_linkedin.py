"""LinkedIn sample exports of three eras, with the real formats' quirks (shared/reference/linkedin.md).

- ``linkedin-2018/``: one zip with the six UTF-16LE, tab-separated, all-quoted files, ``Messages.csv``
  with HTML entities and D6 dates, flat ``Articles/<date>.html``, an unquoted D6 date in Registration.csv.
- ``linkedin-2024/``: a Basic + Complete pair of adjacent dates, the Complete repeating the profile files;
  CRLF activity files, unquoted multi-line Comments, per-line quoted Shares, ``Rich Media.csv``.
- ``linkedin-2026/``: ``_<digits>`` suffixes, fully quoted messages.csv with ATTACHMENTS and draft flags,
  ``\\"`` escapes in Comments, Ad_Targeting's duplicate columns, Learning's trailing comma, the
  LearningCoachMessages sentinel, nested articles (published + draft), Jobs parts and an unknown file.

All people, companies and texts are invented. Awkward values on purpose: accents, emoji, Rich markup,
``<script>``, a leading ``=``, empty fields. ``build`` is deterministic (fixed zip metadata, fixed order).
The members of each era are in ``_linkedin_<era>.py`` beside this script, the byte shapes in
``_linkedin_shapes.py``.
"""

from __future__ import annotations

from pathlib import Path

from _linkedin_2018 import members_2018
from _linkedin_2024 import basic_2024, complete_2024
from _linkedin_2026 import members_2026
from _zipkit import write_zip

#: The samples ``exportscope --demo`` opens (relative to sample_exports/; make_samples.py lists them in demo.toml).
DEMO = ("linkedin-2026/Complete_LinkedInDataExport_03-09-2026.zip",)


def build(out_dir: Path) -> list[Path]:
    """Write the three eras' archives under ``out_dir`` and return their paths."""
    return [
        write_zip(out_dir / "linkedin-2018" / "Complete_LinkedInDataExport_05-14-2018.zip", members_2018()),
        write_zip(out_dir / "linkedin-2024" / "Basic_LinkedInDataExport_06-10-2024.zip", basic_2024()),
        write_zip(out_dir / "linkedin-2024" / "Complete_LinkedInDataExport_06-11-2024.zip", complete_2024()),
        write_zip(out_dir / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip", members_2026()),
    ]
