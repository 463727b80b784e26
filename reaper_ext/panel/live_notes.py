"""What the status line says of a setting changed while the drums play live: the change, and the bar it is heard
from ("live: density 0.3 from bar 5"). It said only "live on MIDI ports: ...", and a producer could not tell
whether the change was taken, or when it would be heard (the next loop made: the next bar, or the one after
when the change comes in the bar's last moment)."""

from __future__ import annotations

import math

from reagroove.core.genres import GENRE_LABELS
from reagroove.core.settings import Settings

from .genre_notes import pattern_label
from .transport import bar_and_beat

MOST_NAMED = 2  # more changed at once (a preset, Undo): counted, not named
NAMES = {"interpolate": "A ↔ B", "threshold": "hit thresholds", "max_hits": "hit limits", "fill_every": "fills",
         "fill_bars": "fill bars", "fill_length": "fill length", "opening_crash": "opening crash",
         "pattern_a": "pattern A", "pattern_b": "pattern B", "feel": "half time"}


def _value(key: str, value) -> str:
    if key == "genre":
        if not value:
            return "any"
        return GENRE_LABELS.get(next(iter(value)), next(iter(value))) if len(value) == 1 else "mix"
    if key == "feel":  # the Half time toggle's state
        return "on" if value == "half" else "off"
    if key == "swing":  # the Swing box's choice (Settings.swing)
        return "part's own" if value is None else f"{value:g}%"
    if value is None:
        return {"density": "auto", "pattern_a": "none", "pattern_b": "none"}.get(key, "default")
    if key in ("pattern_a", "pattern_b"):  # as the pattern boxes show it: "Latin", not "latin"
        return pattern_label(value)
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    if key == "fill_every":
        return "off" if not value else f"every {value}"
    if isinstance(value, (list, tuple)):
        return (", ".join(map(str, value)) or "none") if key == "fill_bars" else "set"
    return str(value)


def changed_text(before: Settings | None, after: Settings) -> str:
    """The settings that differ, short: "density 0.3", "hats muted", "3 settings"; "" when none (the variations
    count, which live play does not use, included)."""
    if before is None:
        return ""
    old, new = before.to_dict(), after.to_dict()
    said = []
    for key in new:
        if key == "variations" or old.get(key) == new[key]:
            continue
        if key == "voice_groups":
            said += [f"{g} {'back' if on else 'muted'}" for g, on in new[key].items() if old[key].get(g) != on]
        else:
            said.append(f"{NAMES.get(key, key.replace('_', ' '))} {_value(key, new[key])}")
    if len(said) > MOST_NAMED:
        return f"{len(said)} settings"
    return ", ".join(said)


def said_change(before: Settings | None, after: Settings, *, new_seed: bool = False) -> str:
    """What the editor's status line says of a change, in the live line's words ("density 0.6", "genre Funk"):
    the dice's as "new seed 1234"."""
    text = changed_text(before, after)
    return f"new {text}" if new_seed and text.startswith("seed ") else text


def setting_text(settings: Settings, key: str) -> str:
    """One setting as the status line says it: "density 0.6"."""
    return f"{NAMES.get(key, key.replace('_', ' '))} {_value(key, settings.to_dict()[key])}"


def fill_bars_said(bars, fill_every: int = 0) -> str:
    """Fill bars typed and taken, said: "fills in bars 4, 8", "a fill in bar 4", "no bars chosen for fills";
    fill_every (Fills, in loops of 2 bars) still plays beside them, said so: cleared, "no bars chosen for fills" had
    read as no fills while one still ended every 8th bar."""
    every = f"a fill every {2 * fill_every} bars (Fills)" if fill_every else ""
    if not bars:
        return f"no fill bars chosen; {every} still plays" if every else "no bars chosen for fills"
    said = f"a fill in bar {bars[0]}" if len(bars) == 1 else f"fills in bars {', '.join(map(str, bars))}"
    return f"{said}, and {every}" if every else said


def next_loop_bar(session, time_signatures, *, bar_line: bool = False) -> int | None:
    """The bar of the first loop a change made now is heard in: live play makes each bar's loop a moment
    (`lookahead`) before its bar line, with the settings it has then (core.live.LiveSession._generate).
    bar_line: a change that waits for a bar line with loops made every beat (half time). None while no
    session plays."""
    if session is None or not getattr(session, "running", False):
        return None
    step = session.beats_per_bar if session.regenerate == "bar" or bar_line else 1.0
    made_to = session.now + session.lookahead  # loops of the bar lines up to here are made already
    line = session.origin + (math.floor((made_to - session.origin) / step + 1e-9) + 1) * step
    return bar_and_beat(line, time_signatures)[0]
