"""The full editor and the docked panel offer no command-line option they have no control for: an option with a
control is named as the control ("the Swing setting"), one without as the command to run in a terminal ("`reagroove
drumify --meter 6/8` in a terminal reads 6/8"), by one rule over any option a note names (panel/note_words.py).

Before, only two exact phrases were turned ("--start 0", "twice as fast: --bpm N"): an audio waltz opened in the
editor read "--meter 4/4 keeps 4/4, --meter 6/8 reads 6/8 ... (if wrong, `reagroove drumify` in a terminal sets
them)", "them" leaving out the meter; a drifting take "--bpm gives one steady tempo"; a take too short to read
"could not open short.wav: ... (give --bpm, and --start for bar 1)".

The audio takes are made up (audio_synth) and opened as the editor opens them, on test_panel.py's stand-in model.
"""

import ast
import re
from pathlib import Path

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt
import pytest  # noqa: E402
import soundfile as sf  # noqa: E402
from audio_synth import make_loop, make_part  # noqa: E402

from reagroove.reaper_ext.panel import note_words  # noqa: E402
from reagroove.reaper_ext.panel.note_words import in_panel_words, in_reaper_words  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
SR = 22050
ROOT = Path(__file__).resolve().parents[1]
OPTION = re.compile(r"(?<![\w-])--[a-z]")


def bare_options(text: str) -> list[str]:
    """The options `text` names outside a command in backticks."""
    return [m for i, part in enumerate(text.split("`")) if i % 2 == 0 for m in OPTION.findall(part)]


def _takes(tmp_path) -> dict[str, Path]:
    """A waltz, a 6/8 part, a drifting take, a take too short to read a tempo from, a one-bar take (its tempo a
    guess), a part begun on beat 2 at 0 s (bar 1 offered at the start) and a fast strum (the double offered)."""
    parts = {"waltz": make_part("keys", 100.0, seconds=16.0, beats_per_bar=3)[0],
             "drift": make_part("strum", 126.0, seconds=30.0, bpm_end=114.0)[0],
             "short": make_loop("bass", 100.0, bars=1),
             "pickup": make_part("keys", 110.0, first_beat=2, seconds=12.0, seed=3)[0],
             "strum": make_part("strum", 165.0, seconds=12.0, seed=2)[0]}
    one_bar, downbeat = make_part("bass", 100.0, lead_s=0.3, seconds=2.4 + 4, seed=14, sr=SR)
    parts["one bar"] = one_bar[:int(round((downbeat + 2.4 + 0.3) * SR))]
    paths = {}
    for name, audio in parts.items():
        paths[name] = tmp_path / f"{name}.wav"
        sf.write(paths[name], audio, SR)
    return paths


def test_audio_takes_opened_in_the_editor_offer_terminal_commands_not_bare_options(make_panel, tmp_path):
    from reagroove.core.audio import read_audio
    from reagroove.core.errors import ReaGrooveError

    w = make_panel()
    said, raw = {}, []
    for name, path in _takes(tmp_path).items():
        try:  # the engine's own words, for the check that they named options to begin with
            raw += read_audio(path).warnings
        except ReaGrooveError as exc:
            raw.append(str(exc))
        w.open_midi(path)
        said[name] = w.last_message
    assert len(bare_options(" ".join(raw))) >= 6, raw  # the notes the editor turned: each named an option
    for name, line in said.items():
        assert not bare_options(line), (name, line)
    assert ("3/4 time (the accents repeat every 3 beats; `reagroove drumify --meter 4/4` in a terminal keeps 4/4, "
            "`reagroove drumify --meter 6/8` reads 6/8)") in said["waltz"], said["waltz"]
    # what a terminal's run sets where the estimate is wrong names the meter too ("sets them" had left it out)
    assert "(if wrong, `reagroove drumify` in a terminal sets the tempo, bar 1 and meter)" in said["waltz"]
    assert "(the drums follow it with a tempo map; `reagroove drumify --bpm BPM` in a terminal gives one steady " \
           "tempo)" in said["drift"], said["drift"]
    assert said["short"].startswith("could not open short.wav: ") and \
        "(run `reagroove drumify --bpm BPM --start SECONDS` in a terminal for bar 1)" in said["short"], said["short"]
    assert "BPM is a guess; run `reagroove drumify --bpm BPM` in a terminal" in said["one bar"], said["one bar"]
    assert "if bar 1 is there, `reagroove drumify --start 0` in a terminal" in said["pickup"], said["pickup"]


def test_a_pattern_from_a_take_too_short_says_a_terminal_command(make_panel, tmp_path):
    w = make_panel()
    path = tmp_path / "short.wav"
    sf.write(path, make_loop("bass", 100.0, bars=1), SR)
    w.pattern_from_midi("A", path)
    assert "too few to tell a tempo" in w.last_message and not bare_options(w.last_message), w.last_message


def _messages(folder: str):
    """(file:line, text) of each string in `folder`'s modules naming an option: its f-strings whole, their values as
    1 (a word's part as a), argparse's help and docstrings left out."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        left_out = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body \
                    and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                left_out.add(id(node.body[0].value))
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("add_argument", "add_parser"):
                left_out.update(id(n) for n in ast.walk(node))
            if isinstance(node, ast.JoinedStr):
                left_out.update(id(n) for n in node.values)
        for node in ast.walk(tree):
            if id(node) in left_out:
                continue
            if isinstance(node, ast.JoinedStr):
                text = ""
                for part in node.values:
                    if isinstance(part, ast.Constant):
                        text += str(part.value)
                    else:
                        text += "a" if text[-1:].isalpha() or text.endswith("-") else "1"
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if OPTION.search(text):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", text


def test_every_note_core_and_models_can_give_naming_an_option_is_said_in_the_panels_words():
    """The notes found by reading the code: the audio file's (core/audio.py, audio_bar_jump.py, audio_tempo_jump.py),
    the form's, the feel's, the settings' and each error. An option with a control is named as it, one without
    as a terminal's command."""
    controls = getattr(note_words, "OPTION_CONTROLS", {})  # each option's control (None before: phrases alone)
    found = list(_messages("core")) + list(_messages("models"))
    assert any("give --bpm" in text for _, text in found) and len(found) > 100, found  # (the reading finds them)
    for where, text in found:
        said = in_panel_words(text)
        assert not bare_options(said), (where, text, said)
        for name in re.findall(r"(?<![\w-])--([a-z]+(?:-[a-z]+)*)", text):
            if name in controls and "--feel half, or Half time" not in text \
                    and f"--{name}" not in text.partition("; the panel's")[0].rpartition("(")[2]:
                assert controls[name] in said, (where, text, said)


@pytest.mark.parametrize("note, said", [
    # the CLI's options with a control: the control's name, with the value given
    ("a shuffle is played with no genre over a swung part, or --genre rock --swing 66",
     "a shuffle is played with no genre over a swung part, or the Genre mix at rock and the Swing setting at 66"),
    ("the drums swing at 62%, as --swing asks", "the drums swing at 62%, as the Swing setting asks"),
    # without one: the command to run, the first in a note saying where
    ("drum a range of bars (the CLI's --bars FIRST-LAST)",
     "drum a range of bars (`reagroove drumify --bars FIRST-LAST` in a terminal)"),
    ("cut the take where it changes and drum each part, or give --bpm",
     "cut the take where it changes and drum each part, or run `reagroove drumify --bpm BPM` in a terminal"),
    ("or 165.1 BPM, twice as fast: --bpm 165.1",
     "or 165.1 BPM, twice as fast: `reagroove drumify --bpm 165.1` in a terminal"),
    ("bar 1 is at -1.5 s: --start -1.5 keeps it",
     "bar 1 is at -1.5 s: `reagroove drumify --start -1.5` in a terminal keeps it"),
    # a drum figure is no option; a command in backticks is said as it is
    ("a 'x--x --xx' figure", "a 'x--x --xx' figure"),
    ("with `reagroove reaper drumify --drum-map FILE`",
     "to `reagroove reaper drumify` in a terminal (README: Drum maps)"),
])
def test_an_option_is_said_by_its_control_or_as_a_terminals_command(note, said):
    assert in_panel_words(note) == said


def test_reapers_surfaces_say_a_range_as_a_time_selection_still():
    """REAPER's words first (a range of bars is a time selection there), then the panels': no terminal's --bars."""
    note = "bars 5-8 hold a rest: drum a range of bars (the CLI's --bars FIRST-LAST)"
    said = in_panel_words(in_reaper_words(note))
    assert said == "bars 5-8 hold a rest: drum a range of bars (a time selection over them)", said


def test_the_docked_panels_run_line_names_no_bare_option(tmp_path):
    """The docked panel runs `reagroove reaper drumify --settings FILE` (not --panel-settings), so the run's line
    comes in the command line's words: its error (reaper_ext/commands.py) is said by the panels' control."""
    import json

    from reagroove.reaper_ext.dock import results

    error = ("--interpolate needs pattern B: set it from an item (the action 'ReaGroove: Set pattern B') or give "
             "--pattern-b")
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"ok": False, "line": error, "notes": []}), encoding="utf-8")
    line, tip = results.read_report(str(path), "drumify")
    assert line == ("Drumify: A ↔ B needs pattern B: set it from an item (the action 'ReaGroove: Set pattern B') or "
                    "give pattern B"), line
    assert not bare_options(tip), tip
