"""What a bare `reagroove` prints: the commands a producer uses first, one line each, then those that train and
score the model, and where each command's options are.

A new user's first `reagroove` had listed the commands alphabetically in argparse's help, `data` (the training
windows) first and `train` and `evaluate` among `drumify` and `live`, and ended with exit code 2, an error's. It
exits 0 as `reagroove --help` does: asking what the tool does is no mistake (cargo, docker and gh answer a bare
call the same way; git's 1 is a status ReaGroove gives nothing else, which says 0 done, 2 an error, 130 stopped).
"""

from __future__ import annotations

import argparse
import re

# In the README's quick start order: the first command a producer runs first.
PRODUCER_COMMANDS = ("drumify", "groove", "interpolate", "patterns", "ports", "live", "panel", "reaper")
DEVELOPER_COMMANDS = ("data", "train", "evaluate")  # the model's: training data, training, scoring
WIDTH = 80


def one_line(text: str) -> str:
    """A command's help as one line: its first clause, its asides in brackets left out ("drums for MIDI or audio
    parts: one loop per 2-bar window, ..." -> "drums for MIDI or audio parts")."""
    text = re.sub(r"\s*\([^()]*\)", "", " ".join((text or "").split()))
    return text.split(": ", 1)[0].split("; ", 1)[0].strip()


def fitted(text: str, room: int) -> str:
    """`text` in `room` characters: its last clauses after a comma left out, else cut short with '...'."""
    while len(text) > room and ", " in text:
        text = text.rsplit(", ", 1)[0]
    return text if len(text) <= room else text[: room - 3].rstrip() + "..."


def command_order(names) -> list[str]:
    """The producer's commands in quick-start order, then any other (a command added later), then the model's."""
    names = list(names)
    known = [n for n in PRODUCER_COMMANDS if n in names]
    later = [n for n in DEVELOPER_COMMANDS if n in names]
    return known + sorted(n for n in names if n not in known and n not in later) + later


def overview(parser: argparse.ArgumentParser) -> str:
    """The text of a bare `reagroove` for `parser`, the full parser (every command registered)."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    order = command_order(helps)
    width = max(map(len, order)) + 2

    def listed(names) -> list[str]:
        return [f"  {n:<{width}}{fitted(one_line(helps[n]), WIDTH - width - 2)}" for n in names]

    producer = [n for n in order if n not in DEVELOPER_COMMANDS]
    developer = [n for n in order if n in DEVELOPER_COMMANDS]
    first = next(iter(producer), "drumify")
    lines = [f"usage: {parser.prog} COMMAND ...", "", parser.description or "", "",
             "Commands:", *listed(producer)]
    if developer:
        lines += ["", "Training and scoring the model (for developers):", *listed(developer)]
    lines += ["", f"Run '{parser.prog} COMMAND --help' for its options, e.g. '{parser.prog} {first} --help'."]
    return "\n".join(lines) + "\n"


__all__ = ["DEVELOPER_COMMANDS", "PRODUCER_COMMANDS", "command_order", "fitted", "one_line", "overview"]
