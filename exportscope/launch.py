"""The ``exportscope`` command's entry point: the reading worker is forked before the command line is parsed.

Why: a command that reads big archives gives part of the reading to a second process, which must first
import polars and the readers (0.1-0.2 s). Forked from the command line once the inputs are listed, it
started those imports after everything the command line itself imports (typer and the commands, about 0.1
s); forked here, as the first thing the process does, it imports them while the command line is parsed and
the inputs are listed, and takes its share of the reading sooner (the heavy Facebook export's
``summary --json``: 20-30 ms less, alternated runs). It is the spare worker the terminal UI already forks
ahead (:func:`exportscope.parallel.start_spare`): started only for the commands that read archives, when
fork is safe, a second core exists and the inputs named look big; the analysis takes it when its inputs
turn out to hold enough to read, and stops it otherwise (so a wrong guess costs the second core its
imports, never the result). Before the spare, for the same big inputs, the process is split
(:mod:`exportscope.waiter`): the command runs in a child, and this process ends with its status as soon as it
is done, before the child has given back its memory. This module imports nothing heavy itself: typer and the
commands come after.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

#: The commands that read archives after parsing their arguments (the terminal UI forks its own spare).
READING_COMMANDS = frozenset({"summary", "items", "report", "cleanup", "doctor", "letter", "diff"})


def named_inputs(argv: Sequence[str]) -> list[str]:
    """The inputs a reading command's arguments seem to name: after the command, the arguments that are not
    options and exist on disk (an option's value that happens to be a file, such as ``-o`` an old output,
    only makes the guess bigger); none for any other command."""
    if not argv or argv[0] not in READING_COMMANDS:
        return []
    return [arg for arg in argv[1:] if arg and not arg.startswith("-") and os.path.exists(arg)]


def main() -> None:
    """For a reading of big inputs: split off the process that waits, and fork the spare reading worker;
    then run the CLI."""
    try:
        from exportscope import sigkeep, stops

        sigkeep.keep()  # polars, imported later, must not take Ctrl-C from the stops or the worker
        # The stops first (the CLI installs them again): Ctrl-C reaches the split command twice, once from the
        # terminal and once passed on by the waiting process, and only a stop handler takes the second copy
        # for the same stop; Python's default raised it again inside the handling of the first (a traceback).
        stops.install()
        inputs = named_inputs(sys.argv[1:])
        if inputs:
            from exportscope import parallel, waiter

            if parallel.start_method() == "fork" and parallel.look_big(inputs):
                waiter.split()  # this process waits; the rest runs in the child
            parallel.start_spare(inputs)
        from exportscope.cli import main as run

        run()  # ends the process itself (its stops said and ended too): only a stop before its own guard comes back
    except KeyboardInterrupt as exc:  # a stop while the command starts, before the CLI's guard
        from exportscope.stops import say_stopped

        os._exit(say_stopped(exc))  # a spare worker forked already ends with this process
