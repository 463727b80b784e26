"""The editor's piano roll shows what an export writes, for every setting.

The Qt panel previews one window with `PanelController.generate` (the keywords as
`InputGroove.model_inputs` gives them, as the preview worker passes them); an export is
`Engine.drumify` over the whole file. For a grid of the settings a producer reaches for in the
editor, on the bundled examples and a drum part, every window's preview must be the exported
drums there: every voice (the crash too), every window (fills too), hits, velocities and offsets.

Before, the preview ran `Engine.generate` over the part's windows as one take: a held pattern
(hold) was not held, a section marker's new take and its crash were not heard, the model was
never told where phrases open (so it could crash anywhere, and humanize 0 flattened velocities
towards a crash the export does not have), and fills were left out.
"""

from __future__ import annotations

from pathlib import Path

import mido
import numpy as np
import pytest

from reagroove.core.engine import Engine
from reagroove.core.loop import VOICES
from reagroove.core.patterns import PatternStore
from reagroove.core.settings import Settings
from reagroove.reaper_ext.panel.controller import PanelController, input_from_midi
from reagroove.reaper_ext.panel.store import PanelStore

from stub_model import StubModel

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
CRASH = VOICES.index("crash")


def drum_part(path: Path, bars: int = 8) -> Path:
    """A rock beat on channel 10 (hats on 8ths, kick on 1 and the "and" of 3, snare on 2 and 4, a ghost)."""
    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=500000))
    events = []
    for bar in range(bars):
        for s in range(16):
            t = (bar * 16 + s) * 120
            if s % 2 == 0:
                events.append((t, 42, 100 if s % 4 == 0 else 80))
            if s in (0, 10) or (bar % 2 and s == 7):
                events.append((t, 36, 100))
            if s in (4, 12):
                events.append((t, 38, 105))
            if s == 15 and bar % 4 == 3:
                events.append((t, 38, 60))
    msgs = sorted([(t, 1, mido.Message("note_on", channel=9, note=n, velocity=v)) for t, n, v in events]
                  + [(t + 60, 0, mido.Message("note_off", channel=9, note=n)) for t, n, _ in events],
                  key=lambda m: m[:2])
    last = 0
    for t, _, m in msgs:
        track.append(m.copy(time=t - last))
        last = t
    mid.save(path)
    return path


def with_markers(src: Path, dst: Path, bars) -> Path:
    """src with a marker (a DAW's section start) on the downbeat of each of these bars (4/4)."""
    mid = mido.MidiFile(src)
    track, last = mido.MidiTrack(), 0
    for bar in bars:
        t = (bar - 1) * 4 * mid.ticks_per_beat
        track.append(mido.MetaMessage("marker", text=f"section {bar}", time=t - last))
        last = t
    mid.tracks.append(track)
    mid.save(dst)
    return dst


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("preview")
    drums = drum_part(tmp / "drums.mid")
    return {"funk": EXAMPLES / "funk_bass.mid", "blues": EXAMPLES / "shuffle_blues.mid",
            "waltz": EXAMPLES / "piano_waltz.mid", "drums": drums,
            "funk_marked": with_markers(EXAMPLES / "funk_bass.mid", tmp / "funk_marked.mid", [5]),
            "drums_marked": with_markers(drums, tmp / "drums_marked.mid", [5])}


def previews(controller: PanelController, path: Path, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(every window's preview, as the panel asks for it; the export's loops)."""
    source = input_from_midi(path)
    shown = []
    for w in range(len(source.grooves)):
        source.window = w
        shown.append(controller.generate(settings, source.groove, **source.model_inputs()))
    return np.stack(shown), controller.engine.drumify(source.content, settings).loops


def assert_same(shown: np.ndarray, exported: np.ndarray, what) -> None:
    assert shown.shape == exported.shape, what
    for w in range(len(shown)):
        differ = np.flatnonzero((shown[w] != exported[w]).any(0)) % 9
        assert not len(differ), (what, f"window {w}", sorted({VOICES[v] for v in differ}))


# ---------------------------------------------------------------- the shipped model


@pytest.fixture(scope="module")
def shipped_panel(shipped, tmp_path_factory) -> PanelController:
    return PanelController(shipped, PanelStore(tmp_path_factory.mktemp("config")))


def tuned_threshold_grid(controller: PanelController) -> Settings:
    th = list(controller.engine.tuned_thresholds())
    th[0], th[2] = 0.3, 0.7  # a looser kick, fewer hats
    return Settings(threshold=tuple(th))


GRID = {
    "default": Settings(),
    "density 0.2": Settings(density=0.2),
    "density 0.8": Settings(density=0.8),
    "genre mix": Settings(genre={"jazz": 0.5, "rock": 0.5}),
    "hats off": Settings(voice_groups={"hats": False}),
    "cymbals off": Settings(voice_groups={"cymbals": False}),
    "hold": Settings(hold=True),
    "hold, seed 2": Settings(hold=True, seed=2),
    "pattern A/B": Settings(pattern_a="rock", pattern_b="funk", interpolate=0.5, follow=0.3),
    "humanize 0": Settings(humanize=0.0),
    "max hits": Settings(max_hits=(4, 3, 6, 2, 2, 2, 2, 2, 2)),
    "seed 1": Settings(seed=1),
    "seed 3": Settings(seed=3),
    "fill every 2": Settings(fill_every=2),
    "fill at bar 3": Settings(fill_bars=(3,), fill_length="bar"),
}


@pytest.mark.parametrize("name", ["funk", "blues", "waltz", "drums", "funk_marked", "drums_marked"])
def test_every_window_previews_the_exported_drums_under_every_setting(shipped_panel, files, name):
    """Old code: hold (every file), humanize 0 (the crash's window), the marked files' sections (a take
    of their own, their crash), and every fill window differed."""
    grid = dict(GRID, threshold=tuned_threshold_grid(shipped_panel))
    for label, settings in grid.items():
        shown, exported = previews(shipped_panel, files[name], settings)
        assert_same(shown, exported, (name, label))


def test_a_held_part_is_previewed_held(shipped_panel, files):
    """hold: the export repeats one pattern for the section; the preview drew each window on its own."""
    shown, exported = previews(shipped_panel, files["funk"], Settings(hold=True))
    assert_same(shown, exported, "hold")
    hits = shown[..., :9] > 0
    assert all(np.array_equal(hits[1][:, :CRASH], h[:, :CRASH]) for h in hits[1:])  # one pattern, held


def test_a_section_marker_is_previewed_as_a_section(shipped_panel, files):
    """A marker on bar 5 starts a section: a take of its own, a crash on its downbeat, as exported."""
    source = input_from_midi(files["funk_marked"])
    assert source.section_bars == (5,) and source.model_inputs()["section_bars"] == (5,)
    shown, exported = previews(shipped_panel, files["funk_marked"], Settings())
    assert shown[2][0, CRASH] > 0 and exported[2][0, CRASH] > 0  # bars 5-6 open with the section's crash
    assert_same(shown, exported, "marker")


def test_humanize_0_flattens_the_velocities_the_export_flattens(shipped_panel, files):
    """humanize 0 plays each loop's hits at its mean velocity: the opening crash the export has (and the old
    preview did not) is in that mean, so every other voice's velocity on that window differed too."""
    shown, exported = previews(shipped_panel, files["funk"], Settings(humanize=0.0))
    others = [v + 9 * k for k in range(3) for v in range(9) if v != CRASH]
    np.testing.assert_array_equal(shown[..., others], exported[..., others])


def test_fills_and_crashes_are_previewed(shipped_panel, files):
    """A fill window and a phrase's crash are in the preview, where the export writes them."""
    shown, exported = previews(shipped_panel, files["funk"], Settings(fill_every=1))
    assert_same(shown, exported, "fill every 1")
    assert shown[0][0, CRASH] > 0  # the opening crash
    assert not (shown[1:, 1:, CRASH] > 0).any()  # nowhere else but where a phrase opens


# ---------------------------------------------------------------- the stand-in model (no torch)


@pytest.mark.parametrize("settings", [Settings(), Settings(fill_every=1), Settings(hold=True, seed=3, temperature=1.0),
                                      Settings(opening_crash=False, fill_bars=(4,))],
                         ids=["plain", "fills", "held take", "listed fill"])
def test_the_preview_is_the_export_with_the_stand_in_model(tmp_path, settings):
    """The stand-in crashes on both downbeats when not told where phrases open: the old preview showed them."""
    path = with_markers(EXAMPLES / "funk_bass.mid", tmp_path / "marked.mid", [5])
    controller = PanelController(Engine(StubModel(), PatternStore()), PanelStore(tmp_path / "config"))
    shown, exported = previews(controller, path, settings)
    assert_same(shown, exported, settings)


def test_live_input_is_previewed_as_a_2_bar_export(tmp_path):
    """One groove alone (live input: no part given) is drummed as a 2-bar file of it is exported."""
    from reagroove.reaper_ext.panel.controller import live_input

    controller = PanelController(Engine(StubModel(), PatternStore()), PanelStore(tmp_path / "config"))
    groove = input_from_midi(EXAMPLES / "funk_bass.mid").grooves[1]
    source = live_input(groove)
    shown = controller.generate(Settings(), source.groove, **source.model_inputs())
    alone = controller.generate(Settings(), groove)
    np.testing.assert_array_equal(shown, alone)
    np.testing.assert_array_equal(shown, controller.engine.drumify_grooves(groove[None], Settings()).loops[0])


def ending_and_stop(path: Path) -> Path:
    """8 bars: a bass on 8ths in bars 1-3 and 6-7, a stab on bar 4's downbeat and a bar of silence (the band
    stops dead), and the song ending on one chord held through bar 8."""
    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    notes = [((b - 1) * 4 + t / 2, 40 + (t % 3), 0.4) for b in (1, 2, 3, 6, 7) for t in range(8)]
    notes += [(12.0, 40, 0.5), (12.0, 52, 0.5), (28.0, 40, 3.9), (28.0, 52, 3.9), (28.0, 55, 3.9)]
    events = sorted([(round(s * 480), 1, p) for s, p, _ in notes] + [(round((s + d) * 480), 0, p) for s, p, d in notes])
    last = 0
    for tick, on, pitch in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(mido.Message("note_on" if on else "note_off", note=pitch, velocity=100 if on else 0,
                                  time=tick - last))
        last = tick
    mid.save(path)
    return path


@pytest.mark.parametrize("settings", [Settings(), Settings(fill_every=2)], ids=["plain", "fills"])
def test_a_stop_and_a_last_held_chord_are_previewed_as_exported(tmp_path, settings):
    """The export ends the drums on the song's last chord and stops with the band (stops.band_stops, found
    on the windows' beats and the music's end); the preview was given neither, so it drummed on through both."""
    controller = PanelController(Engine(StubModel(), PatternStore()), PanelStore(tmp_path / "config"))
    shown, exported = previews(controller, ending_and_stop(tmp_path / "stop.mid"), settings)
    assert_same(shown, exported, settings)
    hits = exported[..., :9] > 0.5
    assert not hits[3, 17:].any()  # nothing after the last chord's hit in bar 8


def test_parts_joining_for_a_chorus_are_previewed_as_exported(tmp_path):
    """The export hears a pad and a lead joining for the chorus as a section (a fill into it, a crash on it): the
    editor's preview is given the parts playing too, so it shows that fill and crash (it had drummed on)."""
    from conftest import build_midi

    def layer(lo, hi, parts):
        return [((b - 1) * 4.0 + t, p, 100, c) for b in range(lo, hi) for t in (0.0, 1.5, 2.0)
                for p, c in ((40, 0), (64, 1), (72, 2), (79, 3))[:parts]]

    path = build_midi(tmp_path / "chorus.mid", sorted(layer(1, 9, 2) + layer(9, 17, 4)), length=0.4)
    controller = PanelController(Engine(StubModel(), PatternStore()), PanelStore(tmp_path / "config"))
    shown, exported = previews(controller, path, Settings())
    assert_same(shown, exported, "parts joining")
    assert (exported[4, 0, VOICES.index("crash")] > 0.5)  # bar 9's crash, in both
