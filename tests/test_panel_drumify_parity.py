"""The editor plays what the command line plays: for the same file and settings, the drums the Qt editor previews
(every window, as the panel asks for it: `PanelController.generate` with `InputGroove.model_inputs`) are the
drums `reagroove drumify` writes, note for note, on the shipped model.

Before, the editor's path left out what drumify hears beside the grooves: a trap 808's held notes
(`Windows.bass_sounding`, core/trap_kicks.py), so the editor put a kick under the 808's sustain on every bar's 3 that
the command line leaves to the 808; and markers on nearly every bar, which drumify takes as cues, were sections
in the editor (a crash on every bar). The same holds for REAPER's selection read into the editor against Drumify.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import build_midi
from test_midi import mido_onsets
from test_panel_preview_export import with_markers

from reagroove.core.loop import Loop
from reagroove.core.midi_write import write_loops
from reagroove.core.settings import Settings
from reagroove.reaper_ext.panel.controller import PanelController, input_from_midi
from reagroove.reaper_ext.panel.store import PanelStore

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
# the 808, each bar: the 1, the "a" of 2, the "and" of 3 an octave up, the "a" of 4, each held 1.2 beats (into the
# next note, an 808's tail; as tests/test_ear_trap_kicks.py); the keys hold a chord on each 1
TRAP_BAR = ((0.0, 36), (1.75, 36), (2.5, 48), (3.75, 36))
BARS = 8
# the settings as typed on the command line, and as the editor's controls set them
SETTINGS = {
    "defaults": ([], Settings()),
    "half time": (["--feel", "half"], Settings(feel="half")),
    "a fill every 4 bars": (["--fill-every", "4bars"], Settings(fill_every=2)),
}


def trap_808(path: Path) -> Path:
    notes = [(4 * b + t, pitch, 100, 0) for b in range(BARS) for t, pitch in TRAP_BAR]
    notes += [(4 * b, p, 60, 1) for b in range(BARS) for p in (60, 63, 67)]
    return build_midi(path, sorted(notes), tempos=((0, 145.0),), length=1.2)


def tempo_change(path: Path) -> Path:
    """A syncopated riff at 100 BPM for 4 bars, then 130 (a jump in tempo: a section of its own)."""
    notes = [(4.0 * b + t, 40 + k % 3, 100, 0) for b in range(BARS) for k, t in enumerate((0, 0.75, 1.5, 2, 2.5, 3.25))]
    return build_midi(path, notes, tempos=((0, 100.0), (16, 130.0)), length=0.3)


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("parity")
    found = {p.stem: p for p in sorted(EXAMPLES.glob("*.mid"))}
    assert {"funk_bass", "piano_waltz", "shuffle_blues"} <= set(found)
    return {**found, "trap 808 at 145": trap_808(tmp / "trap.mid"), "tempo change": tempo_change(tmp / "tempo.mid"),
            "a marker on every bar": with_markers(EXAMPLES / "funk_bass.mid", tmp / "cues.mid", range(1, 9))}


@pytest.fixture
def cli_on_shipped(shipped, monkeypatch, tmp_path):
    """`reagroove drumify` in this process on the shipped engine, with a user data folder of its own."""
    from reagroove.core.cli import main
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: shipped)

    def drumify(path: Path, options: list[str], out: Path) -> Path:
        assert main(["drumify", str(path), "-o", str(out), "--quiet", *options]) == 0
        return out
    return drumify


def editor_drums(controller: PanelController, path: Path, settings: Settings, out: Path) -> Path:
    """Every window's preview, as the panel asks for it, written as the file's drums are (its bars, spans, kit)."""
    source = input_from_midi(path)
    shown = []
    for w in range(len(source.grooves)):
        source.window = w
        shown.append(controller.generate(settings, source.groove, **source.model_inputs()))
    result, _ = controller.drum_part(settings, source.groove, **source.model_inputs())
    write_loops(out, [Loop.from_hvo(h) for h in shown], tempos=source.content.tempos,
                time_signatures=source.content.time_signatures, starts=result.starts, spans=result.spans,
                cross_sticks=result.cross_sticks)  # (the rim strokes the export writes on 37: latin's clave)
    return out


def drum_notes(path: Path) -> list[tuple[float, int, int]]:
    """(beat, pitch, velocity) of every drum hit in a file."""
    return sorted((beat, pitch, velocity) for beat, pitch, velocity, _ in mido_onsets(path)[0].elements())


@pytest.mark.parametrize("label", list(SETTINGS))
@pytest.mark.parametrize("name", ["funk_bass", "piano_waltz", "shuffle_blues", "trap 808 at 145", "tempo change",
                                  "a marker on every bar"])
def test_the_editor_previews_what_reagroove_drumify_writes(shipped, cli_on_shipped, parts, tmp_path, name, label):
    options, settings = SETTINGS[label]
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    written = drum_notes(cli_on_shipped(parts[name], options, tmp_path / "cli.mid"))
    shown = drum_notes(editor_drums(controller, parts[name], settings, tmp_path / "editor.mid"))
    assert written, "the command line wrote no drums"
    only_cli, only_editor = sorted(set(written) - set(shown)), sorted(set(shown) - set(written))
    assert not only_cli and not only_editor, (
        f"{name}, {label}: (beat, pitch, velocity) only drumify writes {only_cli[:6]}; only the editor plays "
        f"{only_editor[:6]}")
    assert written == shown


def test_the_editor_leaves_a_trap_808s_sustain_to_it(shipped, parts, tmp_path):
    """No kick on a 16th the 808 rings over without a new attack (the bar's 1, the anchor, aside): the editor
    had put one on every bar's 3, under the note struck on the "a" of 2."""
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    kicks = {round(b * 4) for b, pitch, _ in drum_notes(editor_drums(controller, parts["trap 808 at 145"], Settings(),
                                                                    tmp_path / "editor.mid")) if pitch in (35, 36)}
    struck = {round((4 * b + t) * 4) for b in range(BARS) for t, _ in TRAP_BAR}
    ringing = {s for b in range(BARS) for t, _ in TRAP_BAR
               for s in range(round((4 * b + t) * 4) + 1, round((4 * b + t + 1.2) * 4))} - struck
    assert kicks & struck, "the kick no longer doubles the 808"
    assert not sorted(s for s in kicks & ringing if s % 16), "kicks under the held 808"


def test_markers_on_every_bar_are_cues_in_the_editor_as_on_the_command_line(parts):
    source = input_from_midi(parts["a marker on every bar"])
    assert source.section_bars == () and source.model_inputs()["section_bars"] == ()
    assert any("taken as cues" in m for m in source.messages)


# ---------------------------------------------------------------- REAPER's selection, read into the editor


def test_the_editor_previews_a_trap_808_selection_as_drumify_writes_it(shipped, tmp_path):
    """The selection read into the editor (input_from_selection) against Drumify on the same selection: the
    editor's drums are Drumify's, with no kick under the 808's held notes."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge
    from reagroove.reaper_ext.panel.controller import input_from_selection

    class Recording:
        """The engine, keeping the part Drumify drummed."""

        def __init__(self, engine):
            self.engine, self.result = engine, None

        def drumify_windows(self, *args, **kwargs):
            self.result = self.engine.drumify_windows(*args, **kwargs)
            return self.result

        def __getattr__(self, name):
            return getattr(self.engine, name)

    spec = ProjectSpec(bpm=145)
    spec.add_midi_item(spec.add_track("808"), start_qn=0.0, length_qn=BARS * 4.0, selected=True, name="808",
                       notes=[(4 * b + t, 1.2, pitch, 100) for b in range(BARS) for t, pitch in TRAP_BAR])
    recording = Recording(shipped)
    with reapy_inside(spec, purge=PURGE):
        read = input_from_selection(LocalBridge())
        actions.drumify_selection(LocalBridge(), recording, Settings())
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    shown, _ = controller.drum_part(Settings(), read.groove, **read.model_inputs())
    assert recording.result is not None and shown.loops.shape == recording.result.loops.shape
    differ = np.argwhere((shown.loops != recording.result.loops).any(-1))
    assert not len(differ), f"(window, step) where the editor's drums are not Drumify's: {differ[:6].tolist()}"
