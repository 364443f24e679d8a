"""Write docs/cli.md from the commands' own --help, so the reference cannot drift from the code.

python scripts/cli_docs.py          # rewrite docs/cli.md
python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is out of date (tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from marsad.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
HEADER = "# Command-line reference\n\nGenerated from `--help` by `scripts/cli_docs.py`; do not edit.\n"


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
    return found


def render() -> str:
    runner = CliRunner()
    parts = [HEADER]
    for path in [(), *commands(cli)]:
        result = runner.invoke(cli, [*path, "--help"], prog_name="marsad", terminal_width=100)
        title = " ".join(("marsad", *path))
        parts.append(f"\n## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/cli_docs.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
