"""``pkograph build`` and ``pkograph schema``."""

from __future__ import annotations

import click

from pkograph.cli.common import cli, current_project, emit, run_build
from pkograph.schema import COMMON_FIELDS, RECORD_TYPES
from pkograph.summary import summarize


@cli.command("build")
@click.pass_context
def build_command(ctx: click.Context) -> None:
    """Build the graph from data/, validate it and print what it holds.

    Refuses to write anything if a record is malformed or the graph breaks a shape or a
    quality check; each problem names its file, line, record and rule.
    """
    store = run_build(current_project(ctx))
    emit("".join(f"{line}\n" for line in summarize(store).lines()))


@cli.command("schema")
@click.argument("record_type", required=False)
def schema_command(record_type: str | None) -> None:
    """List the record types curators can write, or the fields of one."""
    if record_type is None:
        for rtype in RECORD_TYPES.values():
            click.echo(f"{rtype.name:28} {rtype.doc}")
        return
    if record_type not in RECORD_TYPES:
        raise click.BadParameter(f"unknown record type {record_type!r}", param_hint="RECORD_TYPE")
    rtype = RECORD_TYPES[record_type]
    click.echo(f"{rtype.name}: {rtype.doc} ({rtype.rdf_class.n3()})")
    for f in (*COMMON_FIELDS, *rtype.fields):
        target = f.scheme or ",".join(sorted(f.targets))
        kind = f"{f.kind}{'[' + target + ']' if target else ''}{' (many)' if f.many else ''}"
        click.echo(f"  {f.name:16} {kind:40} {f.doc}")
