"""Latin's clave is written on the rim (General MIDI's side stick, 37) with the default map, in drumify and its
variations: it had been written on the full snare (38 at 64-77, no 37) over the bundled funk bass. A backbeat, a
ghost note or a fill's stroke on the snare stays on 38 (clave_rim.py)."""

from pathlib import Path

import mido
import numpy as np
import pytest

from reagroove.core.cli import main
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

SNARE = VOICES.index("snare")
FUNK = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
SON_CLAVE = ({0, 6, 12, 20, 24}, {4, 8, 16, 22, 28})  # 3-2 and 2-3 over a window's two 4/4 bars
HEAD, RIM = 38, 37


def written(path) -> list[tuple[int, int]]:
    """(16th step from the file's start, pitch) of each snare-family note a drum file holds."""
    mid = mido.MidiFile(path)
    out, tick = [], 0
    for msg in mido.merge_tracks(mid.tracks):
        tick += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note in (HEAD, RIM):
            out.append((round(tick / (mid.ticks_per_beat / 4)), msg.note))
    return out


def drumify(src, out, *options) -> None:
    assert main(["drumify", str(src), "-o", str(out), "--quiet", *options]) == 0


def test_latin_writes_the_son_clave_on_the_rim(tmp_path):
    drumify(FUNK, tmp_path / "drums.mid", "--genre", "latin")
    notes = written(tmp_path / "drums.mid")
    rims = [step for step, pitch in notes if pitch == RIM]
    assert len(rims) >= 5 * 3, notes  # the clave's five strokes a window
    assert not [step for step, pitch in notes if pitch == HEAD], "the clave on the full snare"
    # the son clave, one side for the whole part
    windows = {frozenset(s % 32 for s in rims if s // 32 == w) for w in {s // 32 for s in rims}}
    assert len(windows) == 1 and set(next(iter(windows))) in SON_CLAVE, windows


def test_a_fill_s_snare_stays_on_the_head_beside_the_clave_on_the_rim(tmp_path):
    drumify(FUNK, tmp_path / "drums.mid", "--genre", "latin", "--fill-every", "2bars")
    notes = written(tmp_path / "drums.mid")
    rims = {step % 32 for step, pitch in notes if pitch == RIM}
    heads = [step for step, pitch in notes if pitch == HEAD]
    assert rims and rims <= SON_CLAVE[0] | SON_CLAVE[1], rims
    assert heads, "the fills' snare strokes stay on the snare's head"
    assert all(step % 16 >= 8 for step in heads), heads  # (the fills, laid over each other bar's end)


def test_the_clave_s_variations_write_it_on_the_rim_too(tmp_path):
    drumify(FUNK, tmp_path / "drums.mid", "--genre", "latin", "--variations", "2")
    for k in (1, 2):
        notes = written(tmp_path / f"drums_v{k}.mid")
        assert sum(p == RIM for _, p in notes) >= 15 and all(p == RIM for _, p in notes), (k, notes)


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_the_result_marks_the_clave_s_strokes_and_nothing_else(shipped, feel):
    result = shipped.drumify(read_midi(FUNK), Settings(genre={"latin": 1.0}, feel=feel))
    assert result.cross_sticks is not None
    snare = result.loops[..., SNARE] > 0.5
    marked = result.cross_sticks & snare
    assert marked.sum() >= 5 * 3
    assert set(np.flatnonzero(marked.any(0)).tolist()) <= SON_CLAVE[0] | SON_CLAVE[1]


def test_other_genres_mark_no_rim(shipped):
    assert shipped.drumify(read_midi(FUNK), Settings(genre={"funk": 1.0})).cross_sticks is None


def test_reaper_s_drumify_writes_the_clave_on_the_rim(shipped):
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    bass = read_midi(FUNK).notes
    spec = ProjectSpec(bpm=100)
    band = spec.add_track("Bass", selected=True)
    spec.add_midi_item(band, start_qn=0, length_qn=32, selected=True, name="funk bass",
                       notes=[(float(b), 0.2, int(p), int(v), 0)
                              for b, p, v in zip(bass.start, bass.pitch, bass.velocity) if b < 32])
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings(genre={"latin": 1.0}))
        notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    pitches = [n[2] for n in notes if n[2] in (HEAD, RIM)]
    assert pitches.count(RIM) >= 15 and HEAD not in pitches, pitches
