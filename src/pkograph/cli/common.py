"""The command group and what its commands share: the project, output formats, exit codes."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from pkograph import __version__
from pkograph.build import BuildFailed, build, open_store
from pkograph.paths import Project, project
from pkograph.shacl import ShaclUnavailable
from pkograph.store import EmbeddedStore

OK, VIOLATIONS, UNUSABLE = 0, 1, 2


class _Commands(click.Group):
    """The command group; problems of the installation end a command with one line and exit 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ShaclUnavailable as exc:
            fail(str(exc), UNUSABLE)


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
        click.echo(f"build failed at {exc.stage}: {len(exc.problems)} problem(s)", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(VIOLATIONS)


def info(message: str) -> None:
    """Progress for people, on standard error so standard output stays machine-readable."""
    click.echo(message, err=True)


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
