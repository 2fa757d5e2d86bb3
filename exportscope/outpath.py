"""The one check of an output path, shared by the CLI's ``-o`` and the terminal UI's export dialog.

Why one module: the two used to disagree (the CLI refused a path inside an input folder, the UI wrote its
report into it), and the write itself must refuse what the check refuses, even when the path changed in
between. What is refused, with one line and exit code 2:

- anything that exists and is not a regular file: a folder, a device (``/dev/null``, ``/dev/full``), a named
  pipe, a socket; and a symbolic link (``/dev/stdout`` is one). The atomic write renames a temporary file
  over its target, which would *replace* a device node or a pipe by a regular file holding personal data;
  a link would be replaced rather than followed. ``-o -`` is how to write to standard output;
- one of the inputs, or a path inside an input folder: the archive is read-only, whatever ``-o`` says;
- a path the system will not even look at (a name too long, a folder that cannot be searched).

The terminal UI's writers (the export dialog, the worklist's export, the draft letter) add two checks with
:func:`check_new_output`: the folder must exist (the UI cannot show a write error as well as a dialog can),
and an existing file is replaced only when the person said so.

The refusal is a typed value (:class:`OutputRefused`, a code and fields); its words come from the catalogue
(``output.*``) in the caller's language; as an :class:`~exportscope.errors.OutputError` it is English.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from exportscope.errors import OutputError, Refusal

#: The output name that means standard output.
STDOUT = "-"


class OutputRefused(Refusal, OutputError):
    """An output path exportscope will not write to: ``code`` (a catalogue key under ``output.``) and fields."""


def is_stdout(path: Path | str) -> bool:
    return str(path) == STDOUT


def reader_gone(fd: int) -> bool:
    """Whether ``fd`` is a pipe whose reading end is closed (``exportscope items -o - | head``, once ``head``
    has its lines). Why asked of the system: polars reports a write to such a pipe as a plain ``OSError``
    with no error number (its message alone says "Broken pipe"), unlike Python's own ``BrokenPipeError``."""
    import select

    if not hasattr(select, "poll"):  # pragma: no cover - Windows
        return False
    try:
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str | None:
    """The refusal code for a file type that is not a regular file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"  # character and block devices, and anything else that is not a plain file


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def refuse_special(target: Path) -> None:
    """Raise :class:`OutputRefused` when ``target`` exists and is not a regular file (a link included).

    Called by the check before anything is read and again by the atomic writers just before the rename.
    """
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:  # a name too long, a folder on the way that cannot be searched
        raise OutputRefused("unusable", target, reason=_reason(exc)) from None
    code = _kind(st.st_mode)
    if code is not None:
        raise OutputRefused(code, target)


def check_output(output: Path, inputs: Sequence[Path | str]) -> None:
    """Refuse an output exportscope must not write: see the module's docstring. ``-`` is always fine."""
    if is_stdout(output):
        return
    refuse_special(output)
    try:
        target = output.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on the way (Python 3.11)
        reason = _reason(exc) if isinstance(exc, OSError) else "symbolic link loop"
        raise OutputRefused("unusable", output, reason=reason) from None
    for p in inputs:
        source_path = Path(p)
        try:
            source = source_path.resolve()
            same = target == source or (target.exists() and source.exists() and os.path.samefile(target, source))
            inside = source.is_dir() and target.is_relative_to(source)
        except (OSError, RuntimeError):
            continue  # an input that cannot be resolved is reported by the reading, not here
        if same:
            raise OutputRefused("is_input", output)
        if inside:
            raise OutputRefused("inside_input", output, input=str(source_path))


def check_new_output(output: Path, inputs: Sequence[Path | str], *, replace: bool = False) -> None:
    """:func:`check_output`, then: the folder exists, and an existing file is kept unless ``replace``.

    Refusal codes beyond the ones of :func:`check_output`: ``no_folder`` (its path is the folder) and
    ``exists``."""
    check_output(output, inputs)
    if is_stdout(output):
        return
    if not output.parent.is_dir():
        raise OutputRefused("no_folder", output.parent)
    if output.exists() and not replace:
        raise OutputRefused("exists", output)


def default_directory(inputs: Sequence[Path | str]) -> Path:
    """Where the terminal UI proposes to write: the current folder, unless it is inside an input folder
    (``inspect .``), then the home folder; the check still refuses a path inside an input."""
    for candidate in (Path.cwd(), Path.home()):
        try:
            check_output(candidate / "exportscope-report.html", inputs)
        except OutputRefused:
            continue
        return candidate
    return Path.cwd()
