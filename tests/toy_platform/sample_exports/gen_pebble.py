"""Pebble's sample export (the toy platform of tests/test_new_platform.py): one zip, made deterministically."""

from __future__ import annotations

import json
from pathlib import Path

from _zipkit import write_zip

PEBBLE = "pebble-2026/pebble-ada-2026-03-09.zip"
POSTS = [
    {"text": "Hello world, my first public pebble", "created": "2025-06-01T10:00:00+00:00", "audience": "everyone"},
    {"text": "For my friends only", "created": "2025-07-01T10:00:00+00:00", "audience": "friends"},
]

#: The samples ``exportscope --demo`` opens.
DEMO = (PEBBLE,)


def build(out_dir: Path) -> list[Path]:
    drops = [{"text": "Buy milk", "created": "2025-08-01T10:00:00+00:00"}]
    members = [
        ("pebble.json", b'{"user": "ada"}'),
        ("posts.json", json.dumps(POSTS).encode()),
        ("drops.json", json.dumps(drops).encode()),
    ]
    return [write_zip(out_dir / PEBBLE, members)]
