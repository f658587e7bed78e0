"""Every command explains itself, and the README names every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pkograph.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_the_commands_are_the_documented_ones() -> None:
    assert COMMANDS == ["add", "build", "coverage", "export", "find", "plot", "push", "query",
                        "reason", "schema", "serve", "sparql", "validate"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert f"Usage: cli {name}" in result.output or f"Usage: pkograph {name}" in result.output
    assert len(cli.commands[name].help or "") > 20
    assert f"`pkograph {name}" in README


def test_an_unknown_command_is_a_usage_error() -> None:
    assert CliRunner().invoke(cli, ["frobnicate"]).exit_code == 2
