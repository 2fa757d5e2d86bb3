"""Opening an item's link: in a browser where one can open, else copied to the clipboard with OSC 52.

The app holds the opener as a plain callable (``ExportScopeApp(opener=...)``) so tests, and terminals where a
browser must never take over the screen, can replace it. A browser is tried only where a graphical session
exists (macOS, Windows, or an X11/Wayland display): on a bare terminal ``webbrowser`` would start a text
browser in the very terminal the app is drawing in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

#: Returns True when a browser opened the link; False when it could not (the app then copies it).
Opener = Callable[[str], bool]


def can_open_browser(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform in ("darwin", "win32"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def browser_opener(url: str) -> bool:
    """The default opener: the system's browser when there is a graphical session, else nothing."""
    if not can_open_browser():
        return False
    import webbrowser

    try:
        return bool(webbrowser.open(url, new=2))
    except webbrowser.Error:
        return False
