"""What each ``exportscope`` command does once its arguments are parsed: plain functions, no typer.

Why apart from ``cli.py``: the CLI only parses arguments, prints the line a command returns and turns errors
into exit codes; everything else (which inputs, which options, which checks in which order, which writer) is
here, in the library, where a script or a test can call it without a command line. The order of the checks
is part of the behaviour: a bad output name or language fails before anything is read.

Every function raises :class:`~exportscope.errors.ExportscopeError` subclasses for what the person can fix;
the ones that write a file return the one line to say about it.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from exportscope import formats
from exportscope.errors import InputError, OptionsError, OutputError

if TYPE_CHECKING:
    from exportscope.types import Analysis, Options

T = TypeVar("T")


# --- shared by the commands ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionValues:
    """The shared options as typed on a command line (strings); :meth:`build` checks them into Options.

    Built late on purpose: each command checks its output name and language first, then the options."""

    region: str | None = None
    as_of: str | None = None
    opted_out: Sequence[str] | None = None
    #: The answers to the platforms' questions, by question key (``platforms/<family>/questions.toml``).
    answers: Mapping[str, str] = field(default_factory=dict)

    def build(self) -> Options:
        return make_options(self.region, self.as_of, self.opted_out, self.answers)


def make_options(
    region: str | None = None,
    as_of: str | None = None,
    opted_out: Sequence[str] | None = None,
    answers: Mapping[str, str] | None = None,
) -> Options:
    """The :class:`~exportscope.types.Options` of the command-line values (strings as typed).

    The library validates them (a script gets the same values and refusals); a refusal names our flag.
    Each platform question's answer goes to ``Options.answers``, or to the Options field the question names
    as its alias (``option`` in its ``questions.toml``); "I don't know" is not written.
    """
    from exportscope.errors import InvalidOption
    from exportscope.platforms.questions import all_questions
    from exportscope.types import Options

    kwargs: dict[str, Any] = {"region": region or None}
    given: list[tuple[str, str]] = []
    for q in all_questions():
        value = (answers or {}).get(q.key, q.unknown)
        if q.option:  # held in an Options field of its own (an alias kept for scripts)
            kwargs[q.option] = value
        elif value != q.unknown:
            given.append((q.key, value))
    if given:
        kwargs["answers"] = tuple(given)
    if as_of:
        kwargs["as_of"] = as_of
    if opted_out:
        kwargs["opted_out"] = opted_out
    try:
        return Options(**kwargs)
    except InvalidOption as exc:
        raise OptionsError(exc.message(_flags().get(exc.option, exc.option))) from None


def _flags() -> dict[str, str]:
    """The command-line flag of each validated option (an answer's key or alias names its question's flag)."""
    from exportscope.platforms.questions import all_questions

    flags = {"region": "--region", "as_of": "--as-of", "opted_out": "--opted-out"}
    for q in all_questions():
        flags[q.key] = q.flag
        if q.option:
            flags[q.option] = q.flag
    return flags


def check_lang(lang: str | None) -> str:
    """The language of a report or screen: ``lang`` if we have it, else the locale's; OptionsError otherwise."""
    from exportscope import i18n

    if lang is not None and lang.lower() not in i18n.LANGS:
        raise OptionsError(f"--lang {lang!r}: unsupported language; use {' or '.join(i18n.LANGS)}")
    return (lang or i18n.default_lang()).lower()


def check_keep_owner(redact: bool, keep_owner: bool) -> None:
    if keep_owner and not redact:
        raise OptionsError("--keep-owner: only means something with --redact")


def resolve_inputs(paths: Sequence[Path] | None, demo: bool) -> list[Path]:
    """The inputs to read: the named paths, or the bundled samples with ``--demo`` (never both)."""
    if demo:
        if paths:
            raise OptionsError("--demo reads the bundled samples; give either --demo or a PATH, not both")
        from exportscope.samples import sample_paths

        return sample_paths()
    if not paths:
        raise OptionsError("no input given: name an export's .zip file or folder, or use --demo")
    return list(paths)


def where(output: Path) -> str:
    """How a one-line message names an output."""
    from exportscope.outpath import is_stdout

    return "standard output" if is_stdout(output) else str(output)


def writing(output: Path, write: Callable[[], T]) -> T:
    """Run a writer; a place that cannot be written is the user's to fix (exit 2), not a bug."""
    from exportscope.outpath import is_stdout, reader_gone

    try:
        return write()
    except OSError as exc:
        if is_stdout(output) and (isinstance(exc, BrokenPipeError) or reader_gone(sys.stdout.fileno())):
            # The reader took what it wanted (``| head``): the end a shell pipeline expects, as for every command.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)) from None
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"{output}: cannot write there ({reason})") from None


def _analyze(
    paths: Sequence[Path],
    options: Options,
    while_waiting: Callable[[], None] | None = None,
    *,
    findings: bool = True,
) -> Analysis:
    """The analysis of the inputs; ``findings=False`` when the command will not ask for the findings (the
    readers then skip what only the findings use: :data:`~exportscope.model.HITS_WANTED`)."""
    from exportscope.pipeline import analyze

    return analyze(list(paths), options, while_waiting=while_waiting, findings=findings)


def _json_modules() -> None:
    """What ``summary --json`` imports and loads after the reading (the findings, the summary and their data),
    done while the reading process waits for its worker (:func:`exportscope.pipeline.analyze`)."""
    import orjson  # noqa: F401

    from exportscope import summary  # noqa: F401
    from exportscope.actions import todo
    from exportscope.findings import text
    from exportscope.termsafe import json_safe  # noqa: F401

    text.phone_country(None, None)  # its tables (schemas/regions.toml)
    todo.load_actions()  # the to-do list's data (schemas/policies.toml)


# --- the commands ------------------------------------------------------------------------------------------


def summary(
    paths: Sequence[Path] | None,
    demo: bool,
    values: OptionValues,
    json_out: bool,
    findings: bool,
    lang: str | None = None,
) -> None:
    """Print the summary: the ``exportscope.summary/1`` JSON document (English beside its keys, whatever
    ``lang``), or the tables in ``lang``."""
    language = check_lang(lang)
    inputs = resolve_inputs(paths, demo)
    wanted = json_out and findings  # the tables and --no-findings show none
    analysis = _analyze(inputs, values.build(), _json_modules if wanted else None, findings=wanted)
    # What follows is imported after the reading (or while the reading process waits: _json_modules), not
    # before it: the reading worker may be forked once the inputs are listed, and imports before that delay it.
    if json_out:
        import orjson

        from exportscope.api import summarize
        from exportscope.termsafe import json_safe

        doc = summarize(analysis, findings=findings).to_json()
        sys.stdout.buffer.write(json_safe(orjson.dumps(doc, option=orjson.OPT_INDENT_2)) + b"\n")
        sys.stdout.flush()
        return
    from exportscope import summary as summary_mod
    from exportscope.render_text import print_summary

    print_summary(summary_mod.build(analysis), lang=language)


def items(
    paths: Sequence[Path] | None,
    demo: bool,
    values: OptionValues,
    output: Path,
    fmt: str | None,
    redact: bool,
    keep_owner: bool,
) -> str:
    """Write the item table; returns the line to say."""
    from exportscope.api import write_items
    from exportscope.outpath import check_output

    kind = formats.choose("items", output, fmt).name  # fail before reading anything
    inputs = resolve_inputs(paths, demo)
    check_output(output, inputs)
    options = values.build()
    check_keep_owner(redact, keep_owner)
    analysis = _analyze(inputs, options, findings=redact)  # --redact masks what the findings name too
    n = write_items(analysis, output, kind, redact=redact, keep_owner=keep_owner)
    return f"wrote {n:,} items to {where(output)}"


def report(
    paths: Sequence[Path] | None,
    demo: bool,
    values: OptionValues,
    output: Path,
    fmt: str | None,
    lang: str | None,
    redact: bool,
    keep_owner: bool,
) -> str:
    """Write the report (HTML, Markdown or JSON); returns the line to say."""
    from exportscope.api import write_report
    from exportscope.outpath import check_output

    kind = formats.choose("report", output, fmt).name  # fail before reading
    inputs = resolve_inputs(paths, demo)
    check_output(output, inputs)
    language = check_lang(lang)
    check_keep_owner(redact, keep_owner)
    analysis = _analyze(inputs, values.build())
    written = write_report(analysis, output, kind, lang=language, redact=redact, keep_owner=keep_owner)
    return f"wrote the {kind} report to {where(written)}"


def cleanup(
    paths: Sequence[Path] | None, demo: bool, values: OptionValues, output: Path, fmt: str | None, lang: str | None
) -> str:
    """Write the clean-up worklist (HTML, Markdown or CSV); returns the line to say."""
    from exportscope.actions import worklist, worklist_out
    from exportscope.outpath import check_output

    kind = formats.choose("worklist", output, fmt).name  # fail on a bad name before reading anything
    inputs = resolve_inputs(paths, demo)
    check_output(output, inputs)
    language = check_lang(lang)
    options = values.build()
    analysis = _analyze(inputs, options)
    entries = worklist.build(analysis)
    meta = worklist_out.Meta(
        inputs=tuple(PurePath(p).name for p in analysis.inputs),
        as_of=options.as_of.isoformat(),
        lang=language,
        labels=tuple((e.platform.name, e.platform.label) for e in analysis.exports),
    )
    written = writing(output, lambda: worklist_out.write(entries, output, meta, kind))
    return f"wrote {len(entries)} worklist items ({kind}) to {written}"


def rules(platform: str | None, json_out: bool, sources: bool, lang: str | None) -> None:
    """Print the rules of one platform, or the published sources of the policy facts."""
    from exportscope import i18n
    from exportscope.platforms import all_platforms
    from exportscope.render_text import print_rules, print_sources
    from exportscope.rules import check_notes

    check_lang(lang)
    language = i18n.normalize_lang(lang) if lang else i18n.default_lang()
    known = all_platforms()
    if platform is None:
        match = list(known if sources else known[:1])
    else:
        match = [p for p in known if p.name == platform.lower()]
    if not match:
        names = ", ".join(p.name for p in known)
        raise OptionsError(f"unknown platform {platform!r}; known: {names}")
    if sources:
        print_sources([p.ruleset for p in match], json_out, lang=language)
        return
    print_rules(check_notes(match[0].ruleset), json_out, lang=language)


def prepare_inspect(
    paths: Sequence[Path] | None, demo: bool, values: OptionValues, lang: str | None
) -> tuple[list[Path], Options, str]:
    """The inputs, options and language of the terminal UI, checked before the full screen starts.

    Unusable input (not a zip, encrypted, nothing recognizable) is one line and exit 2 here: planning opens
    the inputs and reads only their directories and a few headers."""
    from exportscope.plan import make_plan

    language = check_lang(lang)
    options = values.build()
    inputs = resolve_inputs(paths, demo)
    make_plan(list(inputs), options.max_member_bytes, options.max_ratio).close()
    return inputs, options, language


def doctor(paths: Sequence[Path] | None, demo: bool, json_out: bool) -> None:
    """Print the format-drift report."""
    from exportscope import doctor as doctor_mod

    report = doctor_mod.build(_analyze(resolve_inputs(paths, demo), make_options()))
    if json_out:
        import orjson

        from exportscope.termsafe import json_safe

        sys.stdout.write(json_safe(orjson.dumps(report, option=orjson.OPT_INDENT_2)).decode() + "\n")
    else:
        sys.stdout.write(doctor_mod.render(report) + "\n")


def letter(
    platform: str,
    paths: Sequence[Path] | None,
    demo: bool,
    output: Path,
    fmt: str | None,
    lang: str | None,
    erase: bool,
    access: bool,
    region: str | None,
    as_of: str | None,
) -> str:
    """Write the draft objection letter; returns the line to say."""
    from exportscope.actions.catalogue import LETTER_LANGS, default_letter_lang
    from exportscope.actions.letter import LetterRequest, build_letter, platform_labels
    from exportscope.actions.letter_render import write_letter
    from exportscope.outpath import check_output

    name = platform.lower()
    labels = platform_labels()
    if name not in labels:
        raise OptionsError(f"unknown platform {platform!r}; use {', '.join(labels)}")
    if lang is not None and lang.lower() not in LETTER_LANGS:
        raise OptionsError(f"--lang {lang!r}: unsupported language; use {', '.join(LETTER_LANGS)}")
    kind = formats.choose("letter", output, fmt).name
    inputs = resolve_inputs(paths, demo)
    check_output(output, inputs)
    options = make_options(region, as_of)
    analysis = _analyze(inputs, options)
    if name not in analysis.contexts:
        raise InputError(f"no {labels[name]} data among the inputs; give that platform's export")
    request = LetterRequest(
        platform=name, lang=(lang or default_letter_lang()).lower(), erase=erase, access=access,
        region=options.region, place=region,
    )  # fmt: skip
    built = build_letter(analysis, request)
    written = writing(output, lambda: write_letter(built, output, kind))
    return f"wrote a draft letter to {built.controller.name} to {written}"


def diff(
    old: Path,
    new: Path,
    worklist: Path | None,
    json_out: bool,
    output: Path | None,
    lang: str | None,
    region: str | None,
    as_of: str | None,
) -> str | None:
    """Compare two exports; prints the text or JSON, or writes ``output`` and returns the line to say."""
    from exportscope.actions.diff import compare
    from exportscope.actions.diff_render import render_text, to_json, write_comparison
    from exportscope.actions.ticked import read_worklist
    from exportscope.outpath import check_output

    language = check_lang(lang)
    kind = None
    if output is not None:
        kind = formats.choose("diff", output).name
        check_output(output, [old, new])
    for p in (old, new):
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
    ticked = read_worklist(worklist) if worklist is not None else None
    options = make_options(region, as_of)
    comparison = compare([old], [new], options, ticked)
    if output is not None and kind is not None:
        written = writing(output, lambda: write_comparison(comparison, output, kind, language))
        return f"wrote the comparison to {written}"
    if json_out:
        import orjson

        sys.stdout.buffer.write(orjson.dumps(to_json(comparison), option=orjson.OPT_INDENT_2) + b"\n")
        sys.stdout.flush()
    else:
        sys.stdout.write(render_text(comparison, language))
    return None
