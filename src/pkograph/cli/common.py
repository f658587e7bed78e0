"""The command group and what its commands share: the project, the store, formats, exit codes."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from pkograph import __version__
from pkograph.atomic import WriteError
from pkograph.lock import LockTimeout
from pkograph.paths import Project, project
from pkograph.store import ENV_ENDPOINT, GraphNotBuilt, open_embedded, open_remote
from pkograph.store.base import GraphStore, Limits, StoreUnavailable
from pkograph.text import printable

if TYPE_CHECKING:
    from pkograph.build import BuildFailed
    from pkograph.store.embedded import MemoryStore

OK, VIOLATIONS, UNUSABLE = 0, 1, 2
#: Seconds a query may run from the command line, unless --timeout says otherwise.
DEFAULT_TIMEOUT = 60.0
F = TypeVar("F", bound=Callable[..., Any])
BuildFailure = Callable[["BuildFailed"], NoReturn]


class _Commands(click.Group):
    """The command group. A command that cannot go on for a reason outside the graph (the
    installation, a file or standard output that cannot be written) ends with one line and
    exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:  # click's own messages quote what was typed
            message = exc.format_message()
            exc.format_message = lambda: printable(message, keep_newlines=True)  # type: ignore[method-assign]
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (``| head``): click ends quietly
            fail(_os_error_text(exc), UNUSABLE)
        except RuntimeError as exc:
            # an installed pyshacl that pkograph.shacl was not written for; checked this way so
            # that commands which never validate do not load pyshacl
            shacl = sys.modules.get("pkograph.shacl")
            if shacl is not None and isinstance(exc, shacl.ShaclUnavailable):
                fail(str(exc), UNUSABLE)
            raise


def _os_error_text(exc: OSError) -> str:
    """What went wrong, naming the file when the error names one."""
    if isinstance(exc, WriteError):
        return str(exc)
    if exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return exc.strerror or str(exc)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pkograph")
@click.option("--project", "project_dir", type=click.Path(file_okay=False), default=None,
              help="Project folder (default: $PKOGRAPH_PROJECT, this checkout, or the installed "
                   "copy).")
@click.pass_context
def cli(ctx: click.Context, project_dir: str | None) -> None:
    """pkograph: build, check, query and publish the knowledge graph of Japan's international
    peace cooperation since 1992."""
    ctx.ensure_object(dict)
    ctx.obj["project_dir"] = project_dir


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.ensure_object(dict)
    ctx.obj[param.name] = value
    return value


def store_options(command: F) -> F:
    """``--endpoint`` and ``--timeout``, for every command that reads the graph."""
    command = click.option(
        "--endpoint", envvar=ENV_ENDPOINT, metavar="URL", expose_value=False,
        callback=_remember, help=f"Ask this SPARQL 1.1 endpoint instead of the built graph "
                                 f"(default: ${ENV_ENDPOINT}).")(command)
    return click.option(
        "--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
        metavar="SECONDS", expose_value=False, callback=_remember,
        help="Stop a query that runs longer.")(command)


def current_project(ctx: click.Context) -> Project:
    try:
        return project(ctx.find_root().obj.get("project_dir"))
    except FileNotFoundError as exc:
        fail(str(exc), UNUSABLE)


def limits(ctx: click.Context) -> Limits:
    return Limits(timeout=(ctx.find_object(dict) or {}).get("timeout") or DEFAULT_TIMEOUT)


def graph_store(ctx: click.Context, on_build_failure: BuildFailure | None = None,
                local: bool = False) -> GraphStore:
    """The store the command reads: ``--endpoint``'s (unless ``local``), or the built graph
    (built first if it is missing or out of date: only the command line builds on its own).
    Closed when the command ends. A failed build prints its problems and exits 1; a store that
    cannot be used exits 2."""
    endpoint = None if local else (ctx.find_object(dict) or {}).get("endpoint")
    try:
        if endpoint:
            store: GraphStore = open_remote(endpoint, limits(ctx))
        else:
            proj = current_project(ctx)
            try:
                store = open_embedded(proj, limits(ctx))
            except GraphNotBuilt:
                info("the graph is missing or out of date: building it")
                run_build(proj, on_build_failure)
                store = open_embedded(proj, limits(ctx))
    except StoreUnavailable as exc:
        fail(str(exc), UNUSABLE)
    ctx.call_on_close(store.close)
    return store


def run_build(proj: Project, on_failure: BuildFailure | None = None) -> MemoryStore:
    """Build the graph; a failed build prints its problems and exits 1 (or calls
    ``on_failure``)."""
    from pkograph.build import BuildFailed, build  # the build's libraries load only to build

    try:
        return build(proj, log=info)
    except BuildFailed as exc:
        if on_failure is not None:
            on_failure(exc)
        info(f"build failed at {exc.stage}: {len(exc.problems)} problem(s)")
        for problem in exc.problems:
            info(f"  {printable(problem)}")
        sys.exit(VIOLATIONS)
    except LockTimeout as exc:
        fail(str(exc), UNUSABLE)
    except WriteError as exc:
        fail(f"build failed: cannot write {proj.relative(exc.path)}: {exc.reason}",
             VIOLATIONS)


def emit(text: str | bytes) -> None:
    """Write a command's output to standard output. If it cannot be written (a full disk,
    ``> /dev/full``), the command ends with one line saying so and exit code 2."""
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            click.echo(text, nl=False)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise  # the reader went away (``| head``): click ends quietly
        _drop_stdout()
        fail(f"cannot write standard output: {exc.strerror or exc}", UNUSABLE)


def _drop_stdout() -> None:
    """Send what is still waiting for standard output to the null device, so that Python's
    flush at exit does not fail a second time."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def info(message: str) -> None:
    """Progress for people, on standard error so standard output stays machine-readable.
    Control characters (from file names, values, parser messages) are shown escaped."""
    click.echo(printable(message, keep_newlines=True), err=True)


def fail(message: str, code: int) -> NoReturn:
    info(f"error: {message}")
    sys.exit(code)
