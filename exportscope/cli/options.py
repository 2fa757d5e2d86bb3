"""The options several commands share, declared once (paths, region, dates, opt-outs, the platforms'
questions, redaction, language, where and in which format to write)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from exportscope.platforms import families

if TYPE_CHECKING:
    from exportscope.commands import OptionValues

F = TypeVar("F", bound=Callable[..., Any])

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


def writing(family_name: str) -> Callable[[F], F]:
    """Give a command the ``-o/--output`` and ``--format`` options of one family of output formats, their help
    built from the one registry (:mod:`exportscope.formats`): the suffixes the family writes, the names and
    aliases ``--format`` takes, and what ``-o -`` writes where the family goes to standard output.

    The command declares them plainly (``output: Path``, keyword-only; ``fmt: str | None = None``); which
    format a name gets stays :func:`exportscope.formats.choose`'s decision (its refusals in the person's
    language), so the help lists the choices without typer checking them a second way.
    """
    import inspect

    from exportscope import formats

    known = formats.family(family_name)
    stdout = formats.STDOUT_DEFAULT.get(family_name)
    where = "Where to write: " + formats.either(f.suffix for f in known)
    names = formats.either(f.name + (f" (also {', '.join(f.aliases)})" if f.aliases else "") for f in known)
    default = "Default: from the output's suffix" + (f"; {stdout} for -o -" if stdout else "")
    types = {
        "output": Annotated[
            Path,
            typer.Option(
                "-o", "--output", readable=False, help=where + ("; - for standard output." if stdout else ".")
            ),
        ],
        "fmt": Annotated[str | None, typer.Option("--format", help=f"{names}. {default}.")],
    }

    def give(func: F) -> F:
        sig = inspect.signature(func, eval_str=True)
        params = [p.replace(annotation=types.get(p.name, p.annotation)) for p in sig.parameters.values()]
        setattr(func, "__signature__", sig.replace(parameters=params))  # noqa: B010  # typer reads it
        func.__annotations__ = {p.name: p.annotation for p in params} | {"return": sig.return_annotation}
        return func

    return give


def asking(func: F) -> F:
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
#: The language of what a command writes or shows (one declaration for every command; the letter, written in
#: more languages, has its own below).
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of what it writes or shows: en or fr (default: from the locale)."),
]
LetterLangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the letter: en, fr, de, es or it (default: from the locale)."),
]


def option_values(
    region: str | None, as_of: str | None, opted_out: list[str] | None, answers: dict[str, str] | None = None
) -> OptionValues:
    from exportscope.commands import OptionValues

    return OptionValues(region, as_of, opted_out, dict(answers or {}))
