"""The typer application behind ``exportscope``: help pages without Python types, the cheap ``--help`` flag,
and :func:`guarded`, which turns the library's errors into one line and an exit code (the commands are in
:mod:`exportscope.cli`)."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar, get_args, get_origin

import typer
from typer.models import CommandFunctionType

if TYPE_CHECKING:
    pass

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
            _plain(param)
            if isinstance(param, typer.core.TyperArgument):
                name = (param.metavar or param.name or "").upper()
                more = "..." if param.nargs != 1 else ""
                usage = f"{name}{more}" if param.required else f"[{name}]{more}"
                param._rich_display_name = _constant(name + more)  # type: ignore[method-assign]
                param.display_type_rich = _constant(None)  # type: ignore[method-assign]
                param.get_usage_pieces = _constant([usage])  # type: ignore[method-assign]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_flag(option)
        return option


def _plain_flag(param: Any) -> None:
    """Let typer process an on/off flag without building a pydantic validator for it.

    Why: typer 0.29 builds a pydantic ``TypeAdapter`` for every parameter it processes, even the group's
    ``--help`` left unset (value None) on the way to a command; importing pydantic for that cost about
    0.15 s of every ``exportscope <command> --help``. A flag's value is a bool or None, which typer's own
    pass-through coercion returns as it is. Typer versions without this machinery are left alone.
    """
    try:
        from typer._coercion import PassThroughRuntimeParam
    except ImportError:  # another typer: nothing to spare
        return
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.annotation is bool and getattr(param, "_runtime_param", False) is None:
        param._runtime_param = PassThroughRuntimeParam(parameter_info=desc.parameter_info, annotation=bool)


try:  # typer 0.29's coercion layer; another typer keeps its own (and pays for pydantic)
    from typer import _coercion, _param_types
except ImportError:  # pragma: no cover - another typer
    _coercion = _param_types = None  # type: ignore[assignment]

_UNHANDLED = object()


def _leaf_kind(annotation: Any) -> str | None:
    """How :class:`_PlainParam` converts one value of this annotation, None when it leaves it to typer."""
    if annotation is str:
        return "str"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "path"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "choice"
    return None


if _coercion is not None:

    @dataclasses.dataclass(frozen=True)
    class _PlainParam(_coercion.RuntimeParam):
        """Typer's own conversion of a string, a path or a choice (or a list of them), without pydantic.

        Why: typer 0.29 builds a pydantic ``TypeAdapter`` for every parameter of a command, given or not;
        importing pydantic and building the adapters cost about 0.1 s of every command. These values arrive
        from click as strings (a choice already checked against its list), and typer's adapters only hand
        them to its own ``coerce_cli_path`` and ``coerce_cli_choice``, which this calls directly. A value of
        any other shape goes to typer's adapter, as before.
        """

        kind: str = "str"
        many: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            leaf = get_args(self.annotation)[0] if self.many else self.annotation
            if self.many:
                items = value if isinstance(value, (list, tuple)) else [value]
                out = [self._one(leaf, v, param, ctx) for v in items]
                done = all(v is not _UNHANDLED for v in out)
            else:
                out = self._one(leaf, value, param, ctx)
                done = out is not _UNHANDLED
            if done:
                return out
            return _coercion.build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

        def _one(self, leaf: Any, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if self.kind == "str" and isinstance(value, str):
                return value
            if self.kind == "path" and isinstance(value, (str, Path)) and info.path_type is None:
                path = value if isinstance(value, leaf) else leaf(value)
                return _param_types.coerce_cli_path(path, info, path_type=leaf, param=param, ctx=ctx)
            if self.kind == "choice" and isinstance(value, str):
                with contextlib.suppress(ValueError):  # not a choice (click checks first): typer's message
                    return _param_types.coerce_cli_choice(
                        value, choices=tuple(leaf), case_sensitive=info.case_sensitive, ctx=ctx
                    )
            return _UNHANDLED


def _plain(param: Any) -> None:
    """Give a parameter typer would convert with pydantic a :class:`_PlainParam` (a bool flag: typer's
    pass-through, :func:`_plain_flag`). Typer versions without this machinery are left alone."""
    if _coercion is None:
        return
    desc = getattr(param, "type_descriptor", None)
    if desc is None or getattr(param, "_runtime_param", False) is not None or desc.parameter_info.parser:
        return
    annotation = desc.annotation
    if annotation is bool:
        _plain_flag(param)
        return
    many = get_origin(annotation) is list
    kind = _leaf_kind(get_args(annotation)[0] if many else annotation)
    if kind is not None and desc.file_annotation is None:
        param._runtime_param = _PlainParam(
            parameter_info=desc.parameter_info, annotation=annotation, kind=kind, many=many
        )


class _Group(typer.core.TyperGroup):
    """The app's group: its ``--help`` is a plain flag (:func:`_plain_flag`)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_flag(option)
        return option


class _App(typer.Typer):
    """Every command of the app uses :class:`_HelpCommand` unless it names another class; the group is a
    :class:`_Group`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", _Group)
        super().__init__(**kwargs)

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


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr; the message is made terminal-safe whole (it quotes paths and file names)."""
    from exportscope.termsafe import safe

    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        sys.stderr.write(f"exportscope: error: {safe(message)}\n")
        sys.stderr.flush()
    raise typer.Exit(code)


def say(message: str) -> None:
    from exportscope.termsafe import safe

    sys.stderr.write(f"exportscope: {safe(message)}\n")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into the documented exit codes, one line each, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from exportscope import stops
        from exportscope.errors import ExportscopeError

        stops_before = stops.raised_count()
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except ExportscopeError as exc:
            if (stop := stops.raised_again(stops_before)) is not None:  # a write a stop broke: the stop
                fail(stops.stopped_line(stop), stops.exit_code(stop))
            fail(str(exc) or type(exc).__name__, 2)
        except KeyboardInterrupt as exc:
            fail(stops.stopped_line(exc), stops.exit_code(exc))
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as exc:
            if (stop := stops.raised_again(stops_before)) is not None:  # a stop a library made its own error
                fail(stops.stopped_line(stop), stops.exit_code(stop))
            if isinstance(exc, OSError) and exc.filename:  # a path the system refuses: too long, not allowed
                fail(f"{exc.filename}: cannot be used ({exc.strerror or type(exc).__name__})", 2)
            if os.environ.get("EXPORTSCOPE_DEBUG"):
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            fail(
                f"internal error ({type(exc).__name__}: {first[:200]}); this is a bug in exportscope. "
                "Run again with EXPORTSCOPE_DEBUG=1 to see the details.",
                1,
            )

    return wrapper
