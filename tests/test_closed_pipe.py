"""A reader that stops reading (``exportscope ... | head``) ends every command the same way: 0, nothing said.

Before, ``items -o -`` said "-: cannot write there (OSError)" with 2 (polars reports the closed pipe as a
plain ``OSError``) and the text ``summary`` ended with 1, the code for a bug (Rich's own answer), while
``summary --json`` ended with 0. Here standard output is a pipe whose reading end is closed before the command
starts, so every write fails, whatever the output's size."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.stopping import REPO


@pytest.mark.parametrize(
    "args",
    [
        ["items", "--demo", "-o", "-"],
        ["items", "--demo", "-o", "-", "--format", "csv"],
        ["summary", "--demo"],
        ["summary", "--demo", "--json"],
        ["rules", "linkedin"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_with_0_and_no_message(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        ended = subprocess.run(
            [sys.executable, "-m", "exportscope", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert (ended.returncode, ended.stderr) == (0, "")


def test_a_pipe_still_read_gets_everything() -> None:
    """The check asks the system whether the reader is gone: a reader still there is never taken for one."""
    ended = subprocess.run(
        [sys.executable, "-m", "exportscope", "items", "--demo", "-o", "-"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert ended.returncode == 0
    assert len(ended.stdout.splitlines()) == 351
