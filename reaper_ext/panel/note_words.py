"""The engine's notes in the panels' words: a setting named as its control is, not as the command line names it.

The engine says which settings have no effect under the others (core.settings.ignored_settings) by their names in
the settings record and on the command line: "interpolate has no effect: blending from pattern A toward B needs two
different patterns", "fill length has no effect: there are no fills; ask for some (--fill-every or --fill-bars; the
panel's Fills or Fill bars)". The editor and the docked panel show no "interpolate" (their slider and pad read
"A ↔ B"), nor "--density" (a slider, Density), and the options in brackets, split at their "; ", left the status line's
shortened form an unclosed "(".
No Qt here: the docked panel (dock/results.py) uses it too.

REAPER's surfaces (its console, the docked panel, the full editor linked to REAPER) say core's command-line advice on
a range of bars in REAPER's words too (`in_reaper_words`, one place for all of them); the command line keeps the CLI's.

Any other option a note names is said by its control where the panels have one ("as the Swing setting asks"), else
as the command a terminal runs ("`reagroove drumify --meter 6/8` in a terminal reads 6/8"): one rule over every
option left, so a note written later is said so too (`options_in_panel_words`).
"""

from __future__ import annotations

import re

from reagroove.core.genres import GENRES
from reagroove.core.loop import VOICE_GROUPS
from reagroove.core.options import PART_SWING
from reagroove.core.settings import FEELS, FILL_LENGTHS

# a setting's name in the engine's notes -> its control's in both panels (live_notes.NAMES names the others as the
# notes do already: "pattern A", "fill length", "follow")
CONTROL_NAMES = {"interpolate": "A ↔ B", "opening crash": "crash on the first downbeat", "threshold": "hit thresholds"}
NO_EFFECT = re.compile(r"^(?P<names>.+?) (?P<verb>has|have) no effect: ")
# "(--fill-every or --fill-bars; the panel's Fills or Fill bars)": the command line's options, then the panel's controls
OPTIONS_THEN_CONTROLS = re.compile(r"\(--[\w-]+(?: or --[\w-]+)*; the panel's ([^)]*)\)")
# core/half_time_sections.py's breakdown: its bars are the panels' time selection
HALF_TIME_BARS = re.compile(r"--bars (-?\d+--?\d+) --feel half, or Half time in the panels over a time selection of those bars")
# the command line's words in the engine's notes that the general rule below would not say well
OPTION_PHRASES = (("--feel half, or Half time in the panels", "Half time"),  # (core/feel.py: the control named already)
                  # core/form_notes.py's last fill left out: the full editor's Fill bars control lists them
                  ("(list it as a fill bar for one)", "(add it to Fill bars, in the full editor, for one)"),
                  # actions.kept_note's: REAPER's actions have no seed to change; the docked panel's Dice draws one
                  ("(a new seed draws a new take)", "(the docked panel's Dice draws a new take)"),
                  # kit_notes.GIVE_MAP: no panel gives a drum map; a terminal's run does, and the README says how
                  ("with `reagroove reaper drumify --drum-map FILE`",
                   "to `reagroove reaper drumify` in a terminal (README: Drum maps)"),
                  # core/audio.py's estimate of an audio file's tempo and bar 1: no panel sets them, nor the meter
                  # (a waltz's note offers --meter beside it, and "them" had left it out); a terminal's run does
                  ("(--bpm and --start override it)",
                   "(if wrong, `reagroove drumify` in a terminal sets the tempo, bar 1 and meter)"))

# Any other option a note names ("give --bpm", "--meter 6/8 reads 6/8", "(the CLI's --bars FIRST-LAST)"): by its
# control where the panels have one, else as the command to run in a terminal. Phrase by phrase, the editor's status
# line had kept offering options no panel has ("give --bpm, and --start for bar 1" on a short take).
# an option's name -> its control's, in both panels (the full editor's alone where said)
OPTION_CONTROLS = {"density": "the Density slider", "swing": "the Swing setting", "follow": "the Follow slider",
                   "interpolate": "A ↔ B", "pattern-a": "pattern A", "pattern-b": "pattern B",
                   "genre": "the Genre mix", "fill-every": "Fills", "fill-bars": "Fill bars",
                   "fill-length": "Fill length", "seed": "Seed", "variations": "the Variations count",
                   "mute": "the voice switches", "unmute": "the voice switches", "feel": "Half time",
                   "hold": "Hold, in the full editor", "max-hits": "hit limits", "threshold": "hit thresholds",
                   "no-opening-crash": "Crash on the first downbeat, unticked"}
# the values an option takes in words (the rest: numbers, 4/4, kick=4, or a metavariable such as FILE): "--swing
# asks" is no value
WORD_VALUES = {"genre": set(GENRES), "feel": set(FEELS), "fill-length": set(FILL_LENGTHS), "swing": {PART_SWING},
               "mute": {*VOICE_GROUPS, "all", "none"}, "unmute": {*VOICE_GROUPS, "all", "none"}}
# an option said without its value, in a terminal's command: the value it needs
METAVARS = {"bpm": "BPM", "start": "SECONDS", "meter": "N/D", "beats-per-bar": "N", "bars": "FIRST-LAST",
            "drum-map": "FILE", "settings": "FILE", "pattern-a": "NAME", "pattern-b": "NAME"}
# a drum map is stored on REAPER's tracks (kit_notes.py); --config-dir is the editor's own (panel/command.py)
COMMANDS = {"drum-map": "reagroove reaper drumify", "config-dir": "reagroove panel"}
# an option, and what may follow it as its value: a number, 4/4, kick=4, a metavariable (FILE), or a word (rock)
# (not a drum figure's "-x-x --xx")
OPTION = re.compile(r"(?<![\w-])(?P<cli>the CLI's )?--(?![xo]+(?![\w-]))(?P<name>[a-z]+(?:-[a-z]+)*)(?![\w-])"
                    r"(?: (?:(?P<value>-?\d[\w./=:,%-]*(?<![.,])|[A-Z][A-Z/_-]*(?![\w/-]))"
                    r"|(?P<word>[a-z][\w=.,]*(?<![.,]))))?")
JOINED = re.compile(r"(?:,? and |, | )")  # options in a row (not "or": choices): one command, or controls joined


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
    """`note` with the settings it names called as the panels' controls are, the panel's controls alone where it
    names the command line's options beside them, and any other option it names by its control, or as the command
    to run in a terminal where the panels have none (`options_in_panel_words`); any other note as it is."""
    found = NO_EFFECT.match(note)
    if found:
        names = found["names"]
        for name, control in CONTROL_NAMES.items():
            names = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", control, names)
        note = f"{names} {found['verb']} no effect: {note[found.end():]}"
    note = HALF_TIME_BARS.sub(r"Half time over a time selection of bars \1", note)
    for option, control in OPTION_PHRASES:
        note = note.replace(option, control)
    return options_in_panel_words(OPTIONS_THEN_CONTROLS.sub(r"(\1)", note))


def options_in_panel_words(note: str) -> str:
    """Each option `note` names outside a command in backticks: "--meter 6/8" as "`reagroove drumify --meter 6/8` in
    a terminal" (the first such command alone says where), "give --bpm, and --start" as "run `reagroove drumify --bpm
    BPM --start SECONDS` in a terminal", "as --swing asks" as "as the Swing setting asks"."""
    parts = note.split("`")  # (odd parts: inside backticks, a command already)
    for i in range(0, len(parts), 2):
        parts[i] = _options_said(parts[i], "in a terminal" in "`".join(parts[:i]))
    return "`".join(parts)


def _options_said(text: str, terminal_said: bool) -> str:
    out, at, runs = [], 0, _option_runs(text)
    for start, end, options in runs:
        out.append(text[at:start])
        at = end
        if all(name not in OPTION_CONTROLS for name, _ in options):
            command = " ".join([COMMANDS.get(options[0][0], "reagroove drumify")]
                               + [f"--{name} {value or METAVARS.get(name, '')}".strip() for name, value in options])
            if out[-1].endswith("give "):  # "give --bpm": a command is run
                out[-1] = out[-1][:-len("give ")] + "run "
            out.append(f"`{command}`" + ("" if terminal_said else " in a terminal"))
            terminal_said = True
        else:
            out.append(" and ".join(_control(name, value) for name, value in options))
    return "".join(out) + text[at:]


def _option_runs(text: str) -> list[tuple[int, int, list[tuple[str, str | None]]]]:
    """(start, end, [(name, value)]) for each run of options in `text` joined by "and", a comma or a space, those
    that have a control (OPTION_CONTROLS) and those that have none in runs of their own."""
    runs: list[tuple[int, int, list[tuple[str, str | None]]]] = []
    for found in OPTION.finditer(text):
        name, end = found["name"], found.end()
        value = found["value"]
        if found["word"] is not None:
            if found["word"] in WORD_VALUES.get(name, ()) or "=" in found["word"]:  # (kick=4, rock=0.6,latin=0.4)
                value = found["word"]
            else:  # "--bpm gives": a word of the note, not the option's value
                end = found.start("word") - 1
        joined = runs and JOINED.fullmatch(text[runs[-1][1]:found.start()])
        if joined and (runs[-1][2][0][0] in OPTION_CONTROLS) == (name in OPTION_CONTROLS):
            runs[-1] = (runs[-1][0], end, runs[-1][2] + [(name, value)])
        else:
            runs.append((found.start(), end, [(name, value)]))
    return runs


def _control(name: str, value: str | None) -> str:
    """An option the panels have a control for, as that control: "the Swing setting at 66", "Half time"."""
    control = OPTION_CONTROLS[name]
    if value is None or value.isupper() or name in ("feel", "no-opening-crash"):  # (NAME: no value to set)
        return control
    if name in ("mute", "unmute"):
        return f"{control} ({value} {'off' if name == 'mute' else 'on'})"
    return f"{control} at {value}"


__all__ = ["CONTROL_NAMES", "in_panel_words", "in_reaper_words", "options_in_panel_words"]
