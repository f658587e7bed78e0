"""The command group and what its commands share: the project, output formats, exit codes."""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn

import click

from pkograph import __version__
from pkograph.atomic import WriteError
from pkograph.build import BuildFailed, build, open_store
from pkograph.paths import Project, project
from pkograph.shacl import ShaclUnavailable
from pkograph.store import EmbeddedStore
from pkograph.text import printable

OK, VIOLATIONS, UNUSABLE = 0, 1, 2


class _Commands(click.Group):
    """The command group. A command that cannot go on for a reason outside the graph (the
    installation, a file or standard output that cannot be written) ends with one line and
    exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ShaclUnavailable as exc:
            fail(str(exc), UNUSABLE)
        except click.ClickException as exc:  # click's own messages quote what was typed
            message = exc.format_message()
            exc.format_message = lambda: printable(message, keep_newlines=True)  # type: ignore[method-assign]
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (``| head``): click ends quietly
            fail(_os_error_text(exc), UNUSABLE)


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


def current_project(ctx: click.Context) -> Project:
    try:
        return project(ctx.find_root().obj.get("project_dir"))
    except FileNotFoundError as exc:
        fail(str(exc), UNUSABLE)


def graph_store(ctx: click.Context, rebuild: bool = False) -> EmbeddedStore:
    """The store of the built graph (built first if an input changed, or always with
    ``rebuild``); a failed build prints its problems and exits 1."""
    project = current_project(ctx)
    try:
        return (build if rebuild else open_store)(project, log=info)
    except BuildFailed as exc:
        info(f"build failed at {exc.stage}: {len(exc.problems)} problem(s)")
        for problem in exc.problems:
            info(f"  {printable(problem)}")
        sys.exit(VIOLATIONS)
    except WriteError as exc:
        fail(f"build failed: cannot write {project.relative(exc.path)}: {exc.reason}",
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
