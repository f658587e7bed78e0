"""The ``pkograph`` command: one group, one module per command family.

Exit codes, the same for every command: 0 success or conformance, 1 violations or a failed
build, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import sys

import click

from pkograph import __version__
from pkograph.cli.common import cli
from pkograph.store.base import QueryError, StoreUnavailable

# Importing a command module registers its commands on the group.
from pkograph.cli import build_commands  # noqa: F401  isort: skip
from pkograph.cli import query_commands  # noqa: F401  isort: skip
from pkograph.cli import contribute_commands  # noqa: F401  isort: skip
from pkograph.cli import reason_commands  # noqa: F401  isort: skip
from pkograph.cli import export_commands  # noqa: F401  isort: skip
from pkograph.cli import serve_commands  # noqa: F401  isort: skip
from pkograph.cli import plot_commands  # noqa: F401  isort: skip


def main() -> None:
    """The console script: what no command handles becomes one line and an exit code, never a
    traceback (a store that went away: 2; Ctrl-C: 130, after stopping any running query)."""
    try:
        code = cli.main(prog_name="pkograph", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(130)
    except (StoreUnavailable, QueryError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["__version__", "cli", "click", "main"]
