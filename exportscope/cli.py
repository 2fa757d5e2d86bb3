"""The ``exportscope`` command: a thin typer layer that parses arguments, calls the library, sets exit codes.

Exit codes (ARCHITECTURE.md): 0 done (files that failed are listed, not fatal); 2 unusable input, with one
clear line on stderr and no traceback; 1 a bug (one line too; ``EXPORTSCOPE_DEBUG=1`` shows the traceback).
Heavy modules (polars, the readers, textual) are imported inside the commands so ``--help`` stays instant.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from typer.models import CommandFunctionType

from exportscope import __version__
from exportscope.platforms import families

if TYPE_CHECKING:
    from exportscope.commands import OptionValues


_T = TypeVar("_T")


def _constant(value: _T) -> Callable[..., _T]:
    """A method replacement that answers ``value`` whatever it is asked."""

    def answer(*args: Any, **kwargs: Any) -> _T:
        return value

    return answer


class _HelpCommand(typer.core.TyperCommand):
    """A command whose help names its arguments as people read them (``PATH...``, ``OLD``), never by their
    Python type (typer shows ``PATH <list[Path]>`` by default)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperOption) and param.metavar is None and not param.is_flag:
                desc = param.type_descriptor
                if desc.is_choice and desc.choices:
                    param.metavar = "|".join(str(getattr(c, "value", c)) for c in desc.choices)
                else:
                    param.metavar = "FILE" if desc.is_path else max(param.opts, key=len).lstrip("-").upper()
            if isinstance(param, typer.core.TyperArgument):
                name = (param.metavar or param.name or "").upper()
                more = "..." if param.nargs != 1 else ""
                usage = f"{name}{more}" if param.required else f"[{name}]{more}"
                param._rich_display_name = _constant(name + more)  # type: ignore[method-assign]
                param.display_type_rich = _constant(None)  # type: ignore[method-assign]
                param.get_usage_pieces = _constant([usage])  # type: ignore[method-assign]


class _App(typer.Typer):
    """Every command of the app uses :class:`_HelpCommand` unless it names another class."""

    def command(
        self, name: str | None = None, *, cls: type[typer.core.TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or _HelpCommand, **kwargs)


app = _App(
    name="exportscope",
    help=(
        "See what each platform will feed its generative AI from your data export.\n\n"
        "Runs offline, never uploads anything and never changes the archive.\n\n"
        "Example: exportscope summary Complete_LinkedInDataExport_03-09-2026.zip"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


def _fail(message: str, code: int) -> NoReturn:
    """One line on stderr; the message is made terminal-safe whole (it quotes paths and file names)."""
    from exportscope.termsafe import safe

    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        sys.stderr.write(f"exportscope: error: {safe(message)}\n")
        sys.stderr.flush()
    raise typer.Exit(code)


def _say(message: str) -> None:
    from exportscope.termsafe import safe

    sys.stderr.write(f"exportscope: {safe(message)}\n")


def _guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into the documented exit codes, one line each, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from exportscope.errors import ExportscopeError

        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except ExportscopeError as exc:
            _fail(str(exc) or type(exc).__name__, 2)
        except KeyboardInterrupt as exc:
            from exportscope.stops import exit_code, stop_name

            _fail(f"interrupted by {stop_name(exc)}", exit_code(exc))
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as exc:
            if isinstance(exc, OSError) and exc.filename:  # a path the system refuses: too long, not allowed
                _fail(f"{exc.filename}: cannot be used ({exc.strerror or type(exc).__name__})", 2)
            if os.environ.get("EXPORTSCOPE_DEBUG"):
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            _fail(
                f"internal error ({type(exc).__name__}: {first[:200]}); this is a bug in exportscope. "
                "Run again with EXPORTSCOPE_DEBUG=1 to see the details.",
                1,
            )

    return wrapper


# --- shared options ---------------------------------------------------------------------------------------

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Export .zip files, folders or exported chat .txt files; parts of one export are merged.",
        show_default=False,
        readable=False,  # an unreadable input is our one-line error (exit 2), not a usage block
    ),
]
DemoOpt = Annotated[bool, typer.Option("--demo", help="Read the bundled sample exports instead of a PATH.")]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="REGION",
        help="Your region (eu, uk, ch, ca, hk, us, cn, kr, br, other) or country; default: what the export says.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Judge the policies as of this date (YYYY-MM-DD); default: today."
    ),
]
OptedOutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--opted-out",
        metavar="PLATFORM",
        help=f"You turned training off for this platform (repeatable): {', '.join(families())}.",
    ),
]


def _asking(func: F) -> F:
    """Give a command one option per platform question (each ``platforms/<family>/questions.toml``),
    collected into its ``answers`` parameter as {question key: answer}. The questions are data read by
    folder, so the readers are not imported here."""
    import inspect

    from exportscope.platforms.questions import all_questions

    sig = inspect.signature(func, eval_str=True)
    params = [p for p in sig.parameters.values() if p.name != "answers"]
    names: dict[str, str] = {}
    for q in all_questions():
        name = "answer_" + "".join(c if c.isalnum() else "_" for c in q.key)
        names[name] = q.key
        choices = StrEnum(name, {c: c for c in q.choices})  # type: ignore[misc]
        option = typer.Option(q.flag, help=q.help)
        params.append(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[choices, option], default=choices(q.unknown)
            )
        )

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["answers"] = {key: str(kwargs.pop(name)) for name, key in names.items() if name in kwargs}
        return func(*args, **kwargs)

    setattr(wrapper, "__signature__", sig.replace(parameters=params))  # noqa: B010  # typer reads it
    wrapper.__annotations__ = {p.name: p.annotation for p in params} | {"return": sig.return_annotation}
    del wrapper.__wrapped__  # typer must see the new signature, not the function's own
    return wrapper  # type: ignore[return-value]


RedactOpt = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Mask people (you included), contact details, addresses, birth dates, locations, IPs, devices, links "
        "and message text; counts stay.",
    ),
]
KeepOwnerOpt = Annotated[
    bool, typer.Option("--keep-owner", help="With --redact: keep your own name and handles readable.")
]


def _values(
    region: str | None, as_of: str | None, opted_out: list[str] | None, answers: dict[str, str] | None = None
) -> OptionValues:
    from exportscope.commands import OptionValues

    return OptionValues(region, as_of, opted_out, dict(answers or {}))


# --- commands ---------------------------------------------------------------------------------------------


@app.command()
@_guarded
@_asking
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

    values = _values(region, as_of, opted_out, answers)
    commands.summary(paths, demo, values, json_out, findings, lang)


@app.command()
@_guarded
@_asking
def items(
    paths: PathsArg = None,
    *,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", readable=False, help="Where to write: .parquet, .csv or .jsonl; - for standard output."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="parquet, csv or jsonl (default: from the output's suffix; jsonl for -o -)."),
    ] = None,
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

    values = _values(region, as_of, opted_out, answers)
    _say(commands.items(paths, demo, values, output, fmt, redact, keep_owner))


@app.command()
@_guarded
@_asking
def report(
    paths: PathsArg = None,
    *,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", readable=False, help="Where to write: .html, .md or .json; - for standard output."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="html, md (markdown) or json (default: from the output's suffix; md for -o -)."),
    ] = None,
    demo: DemoOpt = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the report: en or fr (default: from the locale).")
    ] = None,
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

    values = _values(region, as_of, opted_out, answers)
    _say(commands.report(paths, demo, values, output, fmt, lang, redact, keep_owner))


@app.command()
@_guarded
@_asking
def cleanup(
    paths: PathsArg = None,
    *,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write: .html, .md or .csv.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="html, md (markdown) or csv (default: from the output's suffix).")
    ] = None,
    demo: DemoOpt = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the worklist: en or fr (default: from the locale).")
    ] = None,
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

    _say(commands.cleanup(paths, demo, _values(region, as_of, opted_out, answers), output, fmt, lang))


@app.command()
@_guarded
def rules(
    platform: Annotated[
        str | None, typer.Argument(metavar="PLATFORM", help="A platform (default: the first); a wrong name lists them.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="List the published sources of the policy facts, with the dates checked.")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the texts: en or fr (default: from the locale).")
    ] = None,
) -> None:
    """Which file becomes which kind of item with which verdict, and why; or, with --sources, the published
    texts every policy fact rests on.

    Example: exportscope rules linkedin --lang fr
    """
    from exportscope import commands

    commands.rules(platform, json_out, sources, lang)


@app.command()
@_guarded
@_asking
def inspect(
    paths: PathsArg = None,
    demo: DemoOpt = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the screens: en or fr (default: from the locale).")
    ] = None,
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

    values = _values(region, as_of, opted_out, answers)
    inputs, options, language = commands.prepare_inspect(paths, demo, values, lang)
    try:
        from exportscope.tui.app import run
    except ImportError as exc:  # the TUI is optional at runtime
        raise InputError(f"the terminal UI is not available ({exc}); use 'exportscope summary'") from None
    run(inputs, options, language)


@app.command()
@_guarded
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
@_guarded
def letter(
    platform: Annotated[
        str, typer.Argument(metavar="PLATFORM", help="The platform to write to; a wrong name lists them.")
    ],
    paths: PathsArg = None,
    *,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write: .md, .txt or .html.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="md, txt or html (default: from the output's suffix).")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the letter: en, fr, de, es or it (default: from the locale)."),
    ] = None,
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

    _say(commands.letter(platform, paths, demo, output, fmt, lang, erase, access, region, as_of))


@app.command()
@_guarded
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
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the text and HTML: en or fr (default: the locale).")
    ] = None,
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
        _say(done)


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
    from exportscope.stops import install

    install()  # SIGTERM and SIGHUP stop like Ctrl-C: temporary files removed, the worker stopped
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
