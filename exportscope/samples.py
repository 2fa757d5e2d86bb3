"""Where the bundled sample exports are, for ``exportscope inspect --demo`` and the docs.

The samples live in the source tree's ``sample_exports/`` (made by its deterministic script); this finds
that folder from an environment variable, the source checkout, or the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from exportscope.archive import InputError

#: Which samples the demo opens (relative to sample_exports/), when present.
DEMO = (
    "linkedin-2026/Complete_LinkedInDataExport_03-09-2026.zip",
    "facebook-2025/facebook-jdoe-2025-11-20-AbCdEfGh.zip",
    "instagram-2025/instagram-jdoe-2025-11-20-AAAA1111.zip",
    "instagram-2025/instagram-jdoe-2025-11-20-BBBB2222.zip",
    "whatsapp/WhatsApp Chat with Alice.txt",
    "whatsapp/WhatsApp Chat - Famille.zip",
    "whatsapp/WhatsApp Chat with Meta AI.txt",
    "whatsapp/whatsapp_account_info.zip",
)


def samples_dir() -> Path:
    candidates = []
    if env := os.environ.get("EXPORTSCOPE_SAMPLES"):
        candidates.append(Path(env))
    candidates.append(Path(__file__).resolve().parent.parent / "sample_exports")
    candidates.append(Path.cwd() / "sample_exports")
    for c in candidates:
        if c.is_dir():
            return c
    raise InputError("the sample exports are not here; run from the exportscope source folder")


def sample_paths() -> list[Path]:
    root = samples_dir()
    found = [root / rel for rel in DEMO if (root / rel).exists()]
    if not found:
        raise InputError(f"{root}: no sample exports; run python sample_exports/make_samples.py")
    return found
