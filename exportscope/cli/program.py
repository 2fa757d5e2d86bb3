"""The typer application behind ``exportscope``: help pages without Python types, the cheap ``--help`` flag,
and :func:`guarded`, which turns the library's errors into one line and an exit code (the commands are in
:mod:`exportscope.cli`)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

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
            if isinstance(param, typer.core.TyperArgument):
                name = (param.metavar or param.name or "").upper()
                more = "..." if param.nargs != 1 else ""
                usage = f"{name}{more}" if param.required else f"[{name}]{more}"
                param._rich_display_name = _constant(name + more)  # type: ignore[method-assign]
                param.display_type_rich = _constant(None)  # type: ignore[method-assign]
                param.get_usage_pieces = _constant([usage])  # type: ignore[method-assign]


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
        from exportscope.errors import ExportscopeError

        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except ExportscopeError as exc:
            fail(str(exc) or type(exc).__name__, 2)
        except KeyboardInterrupt as exc:
            from exportscope.stops import exit_code, stop_name

            fail(f"interrupted by {stop_name(exc)}", exit_code(exc))
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as exc:
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
