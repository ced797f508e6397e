"""What every command shares: the consoles, the one way an error ends a command, the core
object opened, the options of several commands and the tables they print."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

import csv
import functools
import inspect
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperArgument, TyperGroup, TyperOption

from graphsvc import error_words, i18n
from graphsvc.errors import GraphsvcError
from graphsvc.filters import Language, NetworkFilters, choices

if TYPE_CHECKING:
    import pandas as pd

    from graphsvc.core import Graphsvc

T = TypeVar("T")

#: The width of a table printed where no terminal says how wide it is (a pipe, a file):
#: wide enough that no id or name is broken over lines (#14).
UNBOUNDED_WIDTH = 10_000


def _width(stream: Any) -> int | None:
    """Rich's own width at a terminal or with ``COLUMNS`` set, else unbounded."""
    if os.environ.get("COLUMNS") or (hasattr(stream, "isatty") and stream.isatty()):
        return None
    return UNBOUNDED_WIDTH


console = Console(width=_width(sys.stdout))
err_console = Console(stderr=True, width=_width(sys.stderr))


#: The language errors are printed in: the root's ``--lang`` (or ``GRAPHSVC_LANG``), else
#: the command's own ``--lang`` (its default too: a report speaks Danish unless told not to).
_LANG: dict[str, Any] = {"lang": "en", "root": False}


def error_language() -> Language:
    """The language the command's errors are printed in."""
    return "da" if _LANG["lang"] == "da" else "en"


def remember_language(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """The ``--lang`` options' callback: errors speak the language the command speaks."""
    if value in ("da", "en"):
        source = ctx.get_parameter_source(param.name or "lang")
        given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
        if ctx.parent is None:  # the root's --lang (or GRAPHSVC_LANG) holds for every command
            _LANG["root"] = given
            _LANG["lang"] = value
        elif given or not _LANG["root"]:
            _LANG["lang"] = value
    return value


def fail(error: GraphsvcError) -> typer.Exit:
    """Print the error and every problem it lists, in the command's language (see
    :func:`error_language`); exit 2 for the user's fault, 1 otherwise."""
    lang = error_language()
    message, problems = error_words.error_lines(lang, error)
    err_console.print(f"[bold red]{'fejl' if lang == 'da' else 'error'}:[/] ", end="")
    err_console.print(message, markup=False, highlight=False)
    for problem in problems:
        err_console.print(f"  - {problem}", markup=False, highlight=False)
    return typer.Exit(code=2 if error.status_code < 500 else 1)


@contextmanager
def errors() -> Iterator[None]:
    """End the command with :func:`fail` on a graphsvc error."""
    try:
        yield
    except GraphsvcError as error:
        raise fail(error) from error


@contextmanager
def opened() -> Iterator[Graphsvc]:
    """The core object over the configured store; errors end the command."""
    from graphsvc.core import Graphsvc

    with errors(), Graphsvc.open() as graphsvc:
        yield graphsvc


def run(action: Callable[[Graphsvc], T]) -> T:
    """``action`` on the core object, opened for it and closed after."""
    with opened() as graphsvc:
        return action(graphsvc)


# ---------------------------------------------------------------- help


class Group(TyperGroup):
    """The root command group: no type placeholders (``<bool>``, ``<str>``) in any help.

    Typer shows a flag's type where a value would go (``--dry-run <bool>``, even ``--help
    <bool>``), and an argument's type beside its name (``PATH <str>``): flags get an empty
    metavar, arguments no type. Options taking a value name it by ``metavar``.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _hide_flag_types(self, ctx)  # before --help, which prints while the args are parsed
        _forget_language()  # one process may run several commands (tests, scripts)
        if _danish_asked(args):
            _LANG.update(lang="da", root=True)  # a usage error comes before any callback
        with _usage_errors():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        with _usage_errors():
            return super().invoke(ctx)


#: typer's own words for usage errors, as they were before a Danish error replaced them.
_RICH_WORDS: dict[str, str] = {}


def _forget_language() -> None:
    """Back to English errors and typer's own words before a command line is read: the
    language of one command must not carry over to the next in the same process."""
    _LANG.update(lang="en", root=False)
    if _RICH_WORDS:
        from typer import rich_utils

        for name, words in _RICH_WORDS.items():
            setattr(rich_utils, name, words)


def _danish_asked(args: list[str]) -> bool:
    """``--lang da`` (or ``--lang=da``) anywhere on the command line."""
    return "--lang=da" in args or ("--lang", "da") in itertools.pairwise(args)


def _speaks_danish(context: Any) -> bool:
    """Whether the command of ``context`` speaks Danish unless told otherwise (``graphsvc
    report``, ``graphsvc up``): a usage error may come before its ``--lang`` is read."""
    command = getattr(context, "command", None)
    if not any(p.name == "lang" and p.default == "da" for p in getattr(command, "params", [])):
        return False
    return (getattr(context, "params", None) or {}).get("lang") != "en"


@contextmanager
def _usage_errors() -> Iterator[None]:
    """Click's usage errors (an unknown option, a missing argument …) in Danish when the
    command speaks Danish: the message, the panel's title, the usage line and the hint."""
    # typer (0.29) carries its own copy of click: its usage errors are typer._click's
    from typer._click.exceptions import ClickException

    try:
        yield
    except ClickException as error:
        context = getattr(error, "ctx", None)
        if error_language() == "da" or (not _LANG["root"] and _speaks_danish(context)):
            from typer import rich_utils  # loaded for errors only

            text = error_words.say("da", error.format_message())  # "Invalid value for …" too
            setattr(error, "format_message", lambda: text)  # noqa: B010
            _RICH_WORDS.setdefault("ERRORS_PANEL_TITLE", rich_utils.ERRORS_PANEL_TITLE)
            _RICH_WORDS.setdefault("RICH_HELP", rich_utils.RICH_HELP)
            rich_utils.ERRORS_PANEL_TITLE = "Fejl"
            rich_utils.RICH_HELP = "Prøv [blue]'{command_path} {help_option}'[/] for hjælp."
            if context is not None:
                usage = context.get_usage
                setattr(context, "get_usage", lambda: usage().replace("Usage:", "Brug:", 1))  # noqa: B010
        raise


def _hide_flag_types(command: Any, ctx: typer.Context) -> None:
    """Hide the types of ``command``'s and its subcommands' flags (``--help`` too) and arguments."""
    help_option = command.get_help_option(ctx)
    for param in [*command.params, *([help_option] if help_option else [])]:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
        elif isinstance(param, TyperArgument):
            # an argument is shown by its metavar (PATH), and typer adds its type (<str>)
            setattr(param, "display_type_rich", _no_type)  # noqa: B010
    for sub in getattr(command, "commands", {}).values():
        _hide_flag_types(sub, ctx)


def _no_type(ctx: typer.Context) -> None:
    return None


# ---------------------------------------------------------------- options

_SHORT = {"municipality": ("-m",)}
_METAVAR = {"as_of": "DATE", "municipality": "CODE"}


def _filter_option(name: str) -> Any:
    """The CLI option of one :class:`NetworkFilters` field: its help, its choices."""
    field = NetworkFilters.model_fields[name]
    flag = "--" + name.replace("_", "-")
    if field.annotation is bool:
        return Annotated[bool, typer.Option(flag, help=field.description)]  # a flag: no metavar
    help = field.description or ""
    if known := choices(name):
        help += f" One of: {', '.join(known)}."
    metavar = _METAVAR.get(name, name.upper())
    kind = str | None if name == "as_of" else list[str] | None
    option = typer.Option(flag, *_SHORT.get(name, ()), metavar=metavar, help=help)
    return Annotated[kind, option]


def filter_options(*names: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a command the :class:`NetworkFilters` fields (all, or ``names``) as options.

    The command receives them checked, as one ``filters`` argument: bad values are
    refused with the message the API gives for them (the way sqlite-utils shares its
    output options between commands).
    """
    fields = names or tuple(NetworkFilters.model_fields)

    def decorate(command: Callable[..., T]) -> Callable[..., T]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != "filters"]
        added = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_filter_option(name),
                default=False if name == "proposed" else None,
            )
            for name in fields
        ]

        @functools.wraps(command)
        def with_filters(**values: Any) -> T:
            given = {name: values.pop(name) for name in fields}
            with errors():
                filters = NetworkFilters.parse(given)
            return command(**values, filters=filters)

        with_filters.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
        return with_filters

    return decorate


Out = Annotated[
    Path | None,
    typer.Option("--out", "-o", metavar="FILE", help="Write the full table (.csv or .xlsx)."),
]
Top = Annotated[int, typer.Option("--top", metavar="N", help="Rows to print.")]
Lang = Annotated[
    Language,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="da or en (also the language of error messages).",
        callback=remember_language,
    ),
]
OutputFormat = Literal["table", "csv"]
Format = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="table (for reading) or csv (every row, on standard output, for other tools).",
    ),
]


# ---------------------------------------------------------------- tables


def write_table(frame: pd.DataFrame, out: Path | None, lang: Language = "en") -> None:
    """Write the full table to ``out`` (.csv or .xlsx), if given."""
    if out is None:
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        frame.to_excel(out, engine="openpyxl")
    elif out.suffix.lower() == ".csv":
        frame.to_csv(out, encoding="utf-8")
    else:
        raise fail(GraphsvcError(f"--out must end in .csv or .xlsx, not {out.name!r}"))
    console.print(i18n.phrase(lang, "wrote", path=out), markup=False, highlight=False)


#: Columns whose values are enum values, and the vocabulary group that names them.
VALUE_GROUPS = {
    "sector": "sector",
    "kind": "kind",
    "scale": "scale",
    "theme": "theme",
    "role": "role",
    "band": "band",
    "band_before": "band",
    "band_after": "band",
}


def column_title(column: str, lang: Language) -> str:
    """A column's title in ``lang``: ``role_da`` → "rolle", ``score`` → "point"."""
    base = column.removesuffix("_da").removesuffix("_en")
    key = f"col_{base}"
    return i18n.phrase(lang, key) if key in i18n.PHRASES else column


def cell(
    column: str,
    value: Any,
    lang: Language,
    groups: Mapping[str, str] | None = None,
    *,
    exact: bool = False,
) -> str:
    """A value as ``lang`` says it: enum values by their label, Danish decimal commas;
    ``exact`` keeps every digit (CSV)."""
    group = {**VALUE_GROUPS, **(groups or {})}.get(column)
    if group is not None and isinstance(value, str) and value:
        if group == "band" or lang == "da":
            label = i18n.label(lang, group, value)
            return label if group == "band" else label.lower() if lang == "da" else label
        return value
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "da" else str(value).lower()
    if isinstance(value, float):
        if value != value:
            return ""
        text = repr(value) if exact else f"{value:.3g}"
        return text.replace(".", ",") if lang == "da" and not exact else text
    if isinstance(value, list | tuple):
        return ", ".join(cell(column, v, lang, groups, exact=exact) for v in value)
    return "" if value is None else str(value)


def frame_table(
    frame: pd.DataFrame,
    columns: list[str],
    title: str,
    top: int,
    lang: Language = "en",
    groups: Mapping[str, str] | None = None,
) -> Table:
    """The first ``top`` rows of ``frame``: its index and ``columns``, titled and valued in
    ``lang``; ids and names are never broken over lines."""
    table = Table(title=title)
    index = str(frame.index.name or "id")
    table.add_column(column_title(index, lang), no_wrap=True)
    for column in columns:
        wrap = column not in ("name", "score", "band")
        table.add_column(column_title(column, lang), overflow="fold" if wrap else "ellipsis",
                         no_wrap=not wrap)  # fmt: skip
    for index_value, row in frame.head(top).iterrows():
        table.add_row(str(index_value), *(cell(c, row[c], lang, groups) for c in columns))
    return table


def print_frame(
    frame: pd.DataFrame,
    columns: list[str],
    title: str,
    top: int,
    *,
    lang: Language = "en",
    output: OutputFormat = "table",
    groups: Mapping[str, str] | None = None,
) -> None:
    """Print ``frame`` as a table (the first ``top`` rows) or as CSV (every row)."""
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        index = str(frame.index.name or "id")
        writer.writerow([column_title(c, lang) for c in (index, *columns)])
        for index_value, row in frame.iterrows():
            writer.writerow(
                [str(index_value), *(cell(c, row[c], lang, groups, exact=True) for c in columns)]
            )
        sys.stdout.flush()
        return
    console.print(frame_table(frame, columns, title, top, lang, groups))


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.3g}"
    return "" if value is None else str(value)
