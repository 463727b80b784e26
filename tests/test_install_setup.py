"""What a new user runs first: the README's quick start and install/setup.sh.

setup.sh is run against a fake Python (a shell script that logs what it is
asked and makes a fake .venv), so these tests install nothing and need no
network; the real thing is `.ci/run` on a clean clone.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_block(heading: str) -> list[str]:
    """The command lines of the first ```sh block under `heading` in README.md (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_quick_start_commands_name_files_that_exist():
    # Every input file a quick-start line names is bundled, or written by a line before it: a new user
    # pastes them in order and each one runs.
    written: set[str] = set()
    lines = readme_block("## Quick start")
    assert lines[0] == ". .venv/bin/activate"
    for line in lines[1:]:
        args = shlex.split(line)
        assert args[0] == "reagroove", line
        outputs = {args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "--output", "--json")}
        for arg in args[1:]:
            if re.search(r"\.(mid|wav|flac|json)$", arg) and arg not in outputs:
                assert arg in written or (ROOT / arg).is_file(), f"{line}: {arg} does not exist"
        written |= outputs
