"""Where the bundled sample exports are, for ``exportscope inspect --demo`` and the docs.

The samples live once, in the source tree's ``sample_exports/`` (made by its deterministic script); the wheel
carries them, so ``--demo`` works from any folder (:mod:`exportscope.data` finds them).
"""

from __future__ import annotations

from pathlib import Path

from exportscope.archive import InputError
from exportscope.data import samples_root

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
    "x-2025/twitter-2025-01-22-9c1f0e6b2d4a8f3e5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a.zip",
)


def samples_dir() -> Path:
    root = samples_root()
    if root is None:
        raise InputError("the bundled sample exports are missing from this installation; reinstall exportscope")
    return root


def sample_paths() -> list[Path]:
    root = samples_dir()
    found = [root / rel for rel in DEMO if (root / rel).exists()]
    if not found:
        raise InputError(f"{root}: no sample exports; run python sample_exports/make_samples.py")
    return found
