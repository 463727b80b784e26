"""The README and `--help` as a producer reads them: every option of the commands a producer runs is named in the
README, and the defaults and ranges the help and README quote are the ones the code plays.

(Training's own options, `train`, `evaluate` and `data`, are models/README.md's.)
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from reagroove.core.cli import build_parser
from reagroove.core.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
README_WORDS = " ".join(README.split())  # its phrases, whatever the line breaks
PRODUCER_COMMANDS = ("drumify", "groove", "interpolate", "live", "ports", "patterns", "panel", "reaper")


def commands(parser: argparse.ArgumentParser, name: str):
    """(name, parser) of a command and each of its subcommands (`reaper drumify`, `patterns add`)."""
    parser.format_help()  # options added when the command is first used are there now
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from commands(sub, f"{name} {sub_name}")


def option(command: str, name: str) -> argparse.Action:
    for found, parser in commands(build_parser(), "reagroove"):
        if found == f"reagroove {command}":
            return next(a for a in parser._actions if name in a.option_strings)
    raise AssertionError(f"no command {command}")


def named_in_readme(flag: str) -> bool:
    return re.search(re.escape(flag) + r"(?![\w-])", README) is not None


def test_every_option_of_the_commands_a_producer_runs_is_in_the_readme():
    """`reagroove live --memory`, `--duration`, interpolate's `--bar-a` and the REAPER commands' `--timeout` were
    in --help alone: the README is where a producer reads what the options do."""
    unnamed = []
    for name, parser in commands(build_parser(), "reagroove"):
        if name.split()[1:2] and name.split()[1] in PRODUCER_COMMANDS:
            unnamed += [f"{name} {a.option_strings[-1]}" for a in parser._actions
                        if a.option_strings and a.help != argparse.SUPPRESS and "--help" not in a.option_strings
                        and not any(named_in_readme(flag) for flag in a.option_strings)]
    assert unnamed == []


def test_the_temperature_help_says_the_one_a_seeded_run_plays():
    """`--seed 1` alone plays at 0.3 (each seed a take of its own): the help and the README had said 0 was the
    default, whatever the seed."""
    seeded, plain = Settings(seed=1).temperature, Settings(seed=0).temperature
    assert seeded != plain  # (else there is nothing to say)
    said = option("drumify", "--temperature").help
    assert f"default {plain:g} at seed 0, {seeded:g} with another seed" in said
    assert f"default {plain:g}, the most likely loop, and {seeded:g} with a seed other than 0" in README_WORDS


@pytest.mark.parametrize("flag, said, field, played", [
    ("--interpolate", "(default 0)", "interpolate", 0.0),
    ("--follow", "(default 1;", "follow", 1.0),
    ("--humanize", "(default)", "humanize", 1.0),
    ("--seed", "default 0)", "seed", 0),
    ("--fill-every", "default 0 = none", "fill_every", 0),
    ("--fill-length", "(default half)", "fill_length", "half"),
])
def test_the_generation_controls_help_says_the_defaults_settings_play(flag, said, field, played):
    assert said in option("drumify", flag).help
    assert getattr(Settings(), field) == played


def test_the_follow_help_says_a_named_pattern_halves_it():
    assert "0.5 once a pattern is named" in option("drumify", "--follow").help
    assert Settings(pattern_a="rock").follow == 0.5


def test_live_bpm_help_and_readme_say_the_tempos_the_opening_reads():
    """The drums take the player's tempo from the first notes within a range around --bpm: the help and the
    README quote it as the live opening reads it."""
    from reagroove.core.live_opening import Opening

    lo, hi = Opening.RANGE
    quoted = f"{lo:.2f}-{hi:.1f}"
    assert f"about {quoted} times it" in option("live", "--bpm").help
    assert f"about {quoted} times `--bpm`" in README_WORDS
