"""The engine's notes in the panels' words: a setting named as its control is, not as the command line names it.

The engine says which settings have no effect under the others (core.settings.ignored_settings) by their names in
the settings record and on the command line: "interpolate has no effect: blending from pattern A toward B needs two
different patterns", "fill length has no effect: there are no fills; ask for some (--fill-every or --fill-bars; the
panel's Fills or Fill bars)". The editor and the docked panel show no "interpolate" (their slider and pad read
"A ↔ B"), nor "--density" (a slider, Density), and the options in brackets, split at their "; ", left the status line's
shortened form an unclosed "(".
No Qt here: the docked panel (dock/results.py) uses it too.

REAPER's surfaces (its console, the docked panel, the full editor linked to REAPER) say core's command-line advice on
a range of bars in REAPER's words too (`in_reaper_words`, one place for all of them); the editor on MIDI files and the
command line keep the CLI's.
"""

from __future__ import annotations

import re

# a setting's name in the engine's notes -> its control's in both panels (live_notes.NAMES names the others as the
# notes do already: "pattern A", "fill length", "follow")
CONTROL_NAMES = {"interpolate": "A ↔ B", "opening crash": "crash on the first downbeat", "threshold": "hit thresholds"}
NO_EFFECT = re.compile(r"^(?P<names>.+?) (?P<verb>has|have) no effect: ")
# "(--fill-every or --fill-bars; the panel's Fills or Fill bars)": the command line's options, then the panel's controls
OPTIONS_THEN_CONTROLS = re.compile(r"\(--[\w-]+(?: or --[\w-]+)*; the panel's ([^)]*)\)")
# the command line's words in the engine's notes on the feel (core/feel.py, core/half_time_genres.py) -> the controls'
OPTION_PHRASES = (("--feel half, or Half time in the panels", "Half time"),
                  ("unless --density asks for fewer hits", "unless the Density slider asks for fewer hits"),
                  ("as --swing asks", "as the Swing setting asks"),  # (core/swing_asked.py's note)
                  # core/form_notes.py's last fill left out: the full editor's Fill bars control lists them
                  ("(list it as a fill bar for one)", "(add it to Fill bars, in the full editor, for one)"),
                  # actions.kept_note's: REAPER's actions have no seed to change; the docked panel's Dice draws one
                  ("(a new seed draws a new take)", "(the docked panel's Dice draws a new take)"),
                  # kit_notes.GIVE_MAP: no panel gives a drum map; a terminal's run does, and the README says how
                  ("with `reagroove reaper drumify --drum-map FILE`",
                   "to `reagroove reaper drumify` in a terminal (README: Drum maps)"),
                  # core/audio.py's estimate of an audio file's tempo and bar 1: no panel sets them; a terminal's does
                  ("(--bpm and --start override it)", "(if wrong, `reagroove drumify` in a terminal sets them)"),
                  # core/audio.py's bar 1 offered at the file's start
                  ("if bar 1 is there, --start 0", "if bar 1 is there, `reagroove drumify --start 0` in a terminal"))
# core/audio.py's double tempo offered: "or 165 BPM, twice as fast: --bpm 165"
TWICE_AS_FAST = re.compile(r"twice as fast: --bpm ([\d.]+)")


# A file's rest of 256 bars or more is said as damage, with the CLI's --bars (core/groove.py): two items selected 300
# bars apart (an intro and an outro) read "a damaged file (a corrupt delta time)? drum a range of bars (the CLI's --bars
# FIRST-LAST)" in REAPER. A selection's long rest is the producer's own: its drums, and how to have fewer.
DAMAGED_REST = re.compile(r"; ([\d,]+) bars of silence is no song's rest: a damaged file \(a corrupt delta time\)\? "
                          r"drum a range of bars \(the CLI's --bars FIRST-LAST\)")
CLI_BARS = "(the CLI's --bars FIRST-LAST)"  # `reagroove reaper` takes no --bars: a range is a time selection there


def in_reaper_words(note: str) -> str:
    """`note` (a message or an error) as REAPER's surfaces say it: a range of bars is a time selection there, and a
    long rest between the selected items no damaged file."""
    note = DAMAGED_REST.sub(r" (\1 bars: for drums in fewer, make a time selection over the bars you want)", note)
    return note.replace(CLI_BARS, "(a time selection over them)")


def in_panel_words(note: str) -> str:
    """`note` with the settings it names called as the panels' controls are, and the panel's controls alone where it
    names the command line's options beside them; any other note as it is."""
    found = NO_EFFECT.match(note)
    if found:
        names = found["names"]
        for name, control in CONTROL_NAMES.items():
            names = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", control, names)
        note = f"{names} {found['verb']} no effect: {note[found.end():]}"
    for option, control in OPTION_PHRASES:
        note = note.replace(option, control)
    note = TWICE_AS_FAST.sub(r"twice as fast: `reagroove drumify --bpm \1` in a terminal", note)
    return OPTIONS_THEN_CONTROLS.sub(r"(\1)", note)


__all__ = ["CONTROL_NAMES", "in_panel_words", "in_reaper_words"]
