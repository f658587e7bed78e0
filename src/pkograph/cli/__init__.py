"""The ``pkograph`` command: one group, one module per command family.

Exit codes, the same for every command: 0 success or conformance, 1 violations or a failed
build, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import click

from pkograph import __version__
from pkograph.cli.common import cli

# Importing a command module registers its commands on the group.
from pkograph.cli import build_commands  # noqa: F401  isort: skip
from pkograph.cli import query_commands  # noqa: F401  isort: skip
from pkograph.cli import contribute_commands  # noqa: F401  isort: skip
from pkograph.cli import reason_commands  # noqa: F401  isort: skip
from pkograph.cli import export_commands  # noqa: F401  isort: skip
from pkograph.cli import plot_commands  # noqa: F401  isort: skip


def main() -> None:
    cli(prog_name="pkograph")


__all__ = ["__version__", "cli", "click", "main"]
