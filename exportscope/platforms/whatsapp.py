"""whatsapp reader family: not yet implemented (see the open issue)."""

from __future__ import annotations

from exportscope.platforms.base import Platform

PLATFORMS: list[Platform] = []
