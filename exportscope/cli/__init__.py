"""The ``exportscope`` command: a thin typer layer that parses arguments, calls the library, sets exit codes.

Exit codes (ARCHITECTURE.md): 0 done (files that failed are listed, not fatal); 2 unusable input, with one
clear line on stderr and no traceback; 1 a bug (one line too; ``EXPORTSCOPE_DEBUG=1`` shows the traceback).
Heavy modules (polars, the readers, textual) are imported inside the commands so ``--help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from exportscope.cli.options import (
    AsOfOpt,
    DemoOpt,
    KeepOwnerOpt,
    LangOpt,
    LetterLangOpt,
    OptedOutOpt,
    PathsArg,
    RedactOpt,
    RegionOpt,
    asking,
    option_values,
    writing,
)
from exportscope.cli.program import app, guarded, say
from exportscope.version import __version__


@app.command()
@guarded
@asking
def summary(
    paths: PathsArg = None,
    demo: DemoOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the exportscope.summary/1 JSON document.")] = False,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings/--no-findings",
            help="With --json: include the exposure findings (personal data in public text, GPS, EXIF).",
        ),
    ] = True,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
    opted_out: OptedOutOpt = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the tables: en or fr (default: from the locale; JSON stays English)."),
    ] = None,
    answers: dict[str, str] | None = None,
) -> None:
    """What each platform will use for AI training, as a table or JSON.

    Example: exportscope summary Basic_LinkedInDataExport_03-08-2026.zip \
             Complete_LinkedInDataExport_03-09-2026.zip --json
    """
    from exportscope import commands

    values = option_values(region, as_of, opted_out, answers)
    commands.summary(paths, demo, values, json_out, findings, lang)


@app.command()
@guarded
@asking
@writing("items")
def items(
    paths: PathsArg = None,
    *,
    output: Path,
    fmt: str | None = None,
    demo: DemoOpt = False,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
    redact: RedactOpt = False,
    keep_owner: KeepOwnerOpt = False,
    opted_out: OptedOutOpt = None,
    answers: dict[str, str] | None = None,
) -> None:
    """Write every classified item, one row each (platform, source, kind, verdict, visibility, timestamp,
    text, words, rule); --redact masks people and personal data in the text, source and note.

    Example: exportscope items Complete_LinkedInDataExport_03-09-2026.zip -o items.parquet
    """
    from exportscope import commands

    values = option_values(region, as_of, opted_out, answers)
    say(commands.items(paths, demo, values, output, fmt, redact, keep_owner))


@app.command()
@guarded
@asking
@writing("report")
def report(
    paths: PathsArg = None,
    *,
    output: Path,
    fmt: str | None = None,
    demo: DemoOpt = False,
    lang: LangOpt = None,
    redact: RedactOpt = False,
    keep_owner: KeepOwnerOpt = False,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
    opted_out: OptedOutOpt = None,
    answers: dict[str, str] | None = None,
) -> None:
    """Write a report to keep, print or share: what is used for AI training, what you expose, how to opt out.

    Example: exportscope report Complete_LinkedInDataExport_03-09-2026.zip -o exposure.html --lang fr --redact
    """
    from exportscope import commands

    values = option_values(region, as_of, opted_out, answers)
    say(commands.report(paths, demo, values, output, fmt, lang, redact, keep_owner))


@app.command()
@guarded
@asking
@writing("worklist")
def cleanup(
    paths: PathsArg = None,
    *,
    output: Path,
    fmt: str | None = None,
    demo: DemoOpt = False,
    lang: LangOpt = None,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
    opted_out: OptedOutOpt = None,
    answers: dict[str, str] | None = None,
) -> None:
    """Write the clean-up worklist: the items used for AI training you most likely want gone, riskiest first.

    Each item has the reason, its link (or where to find it) and the action: delete, restrict or edit. The
    HTML page works offline, remembers its ticks in your browser and prints as a checklist; the CSV's key
    and done columns feed exportscope diff --worklist.

    Example: exportscope cleanup Complete_LinkedInDataExport_03-09-2026.zip -o worklist.html
    """
    from exportscope import commands

    say(commands.cleanup(paths, demo, option_values(region, as_of, opted_out, answers), output, fmt, lang))


@app.command()
@guarded
def rules(
    platform: Annotated[
        str | None, typer.Argument(metavar="PLATFORM", help="A platform (default: the first); a wrong name lists them.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="List the published sources of the policy facts, with the dates checked.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Which file becomes which kind of item with which verdict, and why; or, with --sources, the published
    texts every policy fact rests on.

    Example: exportscope rules linkedin --lang fr
    """
    from exportscope import commands

    commands.rules(platform, json_out, sources, lang)


@app.command()
@guarded
@asking
def inspect(
    paths: PathsArg = None,
    demo: DemoOpt = False,
    lang: LangOpt = None,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
    opted_out: OptedOutOpt = None,
    answers: dict[str, str] | None = None,
) -> None:
    """Browse the archive in the terminal: what is used for training, what is not, and why.

    Example: exportscope inspect Complete_LinkedInDataExport_03-09-2026.zip --lang fr
    """
    from exportscope import commands
    from exportscope.errors import InputError

    values = option_values(region, as_of, opted_out, answers)
    inputs, options, language = commands.prepare_inspect(paths, demo, values, lang)
    try:
        from exportscope.tui.app import run
    except ImportError as exc:  # the TUI is optional at runtime
        raise InputError(f"the terminal UI is not available ({exc}); use 'exportscope summary'") from None
    run(inputs, options, language)


@app.command()
@guarded
def doctor(
    paths: PathsArg = None,
    demo: DemoOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """A format-drift report to send with a bug report: file and column names only, never your data.

    Example: exportscope doctor Complete_LinkedInDataExport_03-09-2026.zip
    """
    from exportscope import commands

    commands.doctor(paths, demo, json_out)


@app.command()
@guarded
@writing("letter")
def letter(
    platform: Annotated[
        str, typer.Argument(metavar="PLATFORM", help="The platform to write to; a wrong name lists them.")
    ],
    paths: PathsArg = None,
    *,
    output: Path,
    fmt: str | None = None,
    lang: LetterLangOpt = None,
    erase: Annotated[
        bool, typer.Option("--erase", help="Also ask to erase data already used (GDPR article 17(1)(c)).")
    ] = False,
    access: Annotated[
        bool, typer.Option("--access", help="Also ask what was used, why, for whom and how long (article 15).")
    ] = False,
    demo: DemoOpt = False,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write a draft objection letter to the platform, pre-filled from your export (never its texts).

    Example: exportscope letter linkedin Complete_LinkedInDataExport_03-09-2026.zip -o letter.md --lang fr --erase
    """
    from exportscope import commands

    say(commands.letter(platform, paths, demo, output, fmt, lang, erase, access, region, as_of))


@app.command()
@guarded
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The older export (.zip, folder or chat .txt).")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The newer export of the same account.")],
    worklist: Annotated[
        Path | None,
        typer.Option("--worklist", help="The clean-up worklist you ticked (CSV or JSON): check what is gone."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the exportscope.diff/1 JSON document.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to a file: .html, .json or .txt.")
    ] = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Compare two exports of one account: items added, removed and changed, verdicts a policy changed, and
    (with --worklist) which ticked items are still there.

    Example: exportscope diff linkedin-2026-03.zip linkedin-2026-09.zip --worklist worklist.csv -o diff.html
    """
    from exportscope import commands

    done = commands.diff(old, new, worklist, json_out, output, lang, region, as_of)
    if done is not None:
        say(done)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"exportscope {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """See what each platform will feed its generative AI from your data export."""


def main() -> None:
    from exportscope.cli.leave import leave
    from exportscope.gctune import fewer_collections
    from exportscope.sigkeep import keep
    from exportscope.stops import install, say_stopped

    keep()  # polars, imported later, must not take Ctrl-C from the stops (done already through launch)
    fewer_collections()  # big archives: the cycle collector must not walk millions of live objects
    install()  # SIGTERM and SIGHUP stop like Ctrl-C: temporary files removed, the worker stopped
    try:
        app()
    except SystemExit as done:
        silent = _silent_stop(done)
        if silent is None:
            leave(done.code)  # the output is written: skip the interpreter's freeing of every object
            return
        exc: KeyboardInterrupt = silent
    except KeyboardInterrupt as raised:
        # A stop while typer builds the command line from the commands' signatures (20-30 ms, before any
        # command's own guard): the same one line and code as a stop during the command, not a traceback.
        exc = raised
    else:
        leave(0)
        return
    leave(say_stopped(exc))


def _silent_stop(done: SystemExit) -> KeyboardInterrupt | None:
    """The stop behind typer's own answer to one that lands while it parses the command line: an exit with
    130, said nowhere, whatever the signal (typer raises ``Exit(130) from`` the interruption). None for any
    other exit, a command's guarded stop included (its line is said already: its exit is not *from* it)."""
    typer_exit = done.__context__
    cause = typer_exit.__cause__ if isinstance(typer_exit, typer.Exit) else None
    return cause if isinstance(cause, KeyboardInterrupt) else None


if __name__ == "__main__":  # pragma: no cover
    main()
