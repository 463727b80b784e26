"""Every option of the commands a producer runs first says in its --help what it does when left out.

--genre, --pattern-a/-b, --mute, --unmute, --fill-bars, --bars and live's --meter said nothing of it: a reader
could not tell whether leaving --genre out meant rock, the last genre used or none.
"""

from __future__ import annotations

import argparse

import pytest

from reagroove.core.cli import build_parser

# Options whose absence needs no word: files written or read only when named (-o and live's ports are required),
# and --beats-per-bar where it is another way to give --meter (whose help says the default).
NAMED_ONLY = {"json", "record", "save_settings", "settings"}


def command_parser(*names: str) -> argparse.ArgumentParser:
    parser = build_parser(names[0])
    for name in names:
        parser = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
    parser.format_help()  # options added when first used are there now
    return parser


@pytest.mark.parametrize("command", [("drumify",), ("interpolate",), ("live",), ("groove",), ("patterns", "add")])
def test_every_option_that_takes_a_value_says_its_default(command):
    parser = command_parser(*command)
    silent = []
    for action in parser._actions:
        if not action.option_strings or action.nargs == 0 or action.required or action.dest in NAMED_ONLY:
            continue
        text = action.help or ""
        if text.startswith("3 or 4: as --meter"):
            continue
        if "default" not in text.lower():
            silent.append(action.option_strings[-1])
    assert not silent, f"reagroove {' '.join(command)}: {silent} do not say their default"
