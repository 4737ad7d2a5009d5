"""The README's promises: two commands, and .ci/run runs the same test command."""

from __future__ import annotations

import re

from conftest import REPOSITORY

README = (REPOSITORY / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_quick_start_has_exactly_a_run_and_a_test_command() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in re.findall(r"```sh\n(.*?)```", quick_start, re.S)]
    commands = [c for c in commands if not c.startswith("sudo")]
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/ptf-desktop")
    assert commands[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    test_command = [b for b in shell_blocks() if b.endswith("-m pytest")][0]
    ci_lines = (REPOSITORY / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines


def test_the_screenshot_exists() -> None:
    assert (REPOSITORY / "docs" / "screenshot.png").stat().st_size > 10_000
