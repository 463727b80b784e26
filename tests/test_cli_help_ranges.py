"""The commands beyond drumify say in their --help what each option takes and what it does when left out.

`reagroove train --help` showed `--real-prob REAL_PROB` (a share from 0 to 1, unsaid), `--input-level INPUT_LEVEL`
with no default, and --band-extra with no word of what leaving it out meant; `--start` said nothing of the
negative values it takes (bar 1 before the audio starts).
"""

from __future__ import annotations

import argparse

import pytest
from test_cli_help_defaults import NAMED_ONLY, command_parser

from reagroove.core.cli import main


def value_options(parser: argparse.ArgumentParser):
    return [a for a in parser._actions if a.option_strings and a.nargs != 0 and a.help != argparse.SUPPRESS]


@pytest.mark.parametrize("command", [("train",), ("data", "build"), ("patterns", "add"), ("interpolate",), ("live",),
                                     ("groove",)])
def test_every_option_that_takes_a_value_says_its_default(command):
    silent = [a.option_strings[-1] for a in value_options(command_parser(*command))
              if not a.required and a.dest not in NAMED_ONLY | {"calibrate"}  # no --calibrate: train trains
              and "default" not in (a.help or "").lower() and not (a.help or "").startswith("3 or 4: as --meter")]
    assert not silent, f"reagroove {' '.join(command)}: {silent} do not say their default"


def test_train_says_what_each_number_takes_not_its_name_in_capitals():
    parser = command_parser("train")
    named = [a.option_strings[-1] for a in value_options(parser) if a.type in (int, float) and a.metavar is None]
    assert not named, f"{named} show argparse's name for their value (--real-prob REAL_PROB), not what it takes"


def test_train_shows_each_share_it_refuses_outside_0_to_1_as_0_to_1():
    from dataclasses import fields

    from reagroove.core.errors import ReaGrooveError
    from reagroove.models.train import TrainConfig

    parser = command_parser("train")
    metavar = {a.dest: a.metavar for a in parser._actions}
    shares = []
    for f in fields(TrainConfig):
        if not isinstance(f.default, float):
            continue
        try:
            TrainConfig(**{f.name: 1.5})
        except ReaGrooveError as exc:
            if "from 0 to 1" in str(exc):
                shares.append(f.name)
    assert len(shares) >= 5  # the check found the shares it refuses
    assert {name: metavar[name] for name in shares} == {name: "0..1" for name in shares}
    assert metavar["input_level"] == "0..1" and "default 0" in parser.format_help().replace("\n", " ")


def test_a_word_for_a_share_says_its_range(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["train", "--real-prob", "half"])
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2 and len(err.splitlines()) == 1, err
    assert "argument --real-prob: 'half' is not a number: give one from 0 to 1" in err, err


@pytest.mark.parametrize("command", [("drumify",), ("groove",), ("patterns", "add")])
def test_start_says_what_a_negative_start_means(command):
    start = next(a for a in command_parser(*command)._actions if "--start" in a.option_strings)
    assert "below 0" in start.help and "pickup" in start.help and "default" in start.help, start.help
