"""Above 165 BPM the hands play on from one 2-bar window into the next: no hat or ride run of three 16ths beside the
other hand's snare, tom or crash across a window's edge either (core/hand_speed.at_tempo's `follows`,
played_part.window_follows).

Each window had been thinned alone: over freedoom's d_map07 (167 BPM) asked for disco, a ghost snare on the "a" of
4 ending one window and the hats' "1 e &" opening the next stayed, 2 to 4 times a song (bars 29 and 63; 3, 15, 43
and 69 a commit before), and 10 times over the 14 freedoom songs above 165 BPM asked for disco, hip-hop, funk, rock
or none (all disco's, none left)."""

import os
from pathlib import Path

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.hand_speed import at_tempo
from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, LOW_TOM, MID_TOM, HIGH_TOM, CRASH, RIDE = range(9)
KEEPERS, DRUMS = [CLOSED_HAT, OPEN_HAT, RIDE], [SNARE, LOW_TOM, MID_TOM, HIGH_TOM, CRASH]
BAND = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
WALTZ = ((0.0, 3, 4), (3.0, 3, 4))


def two_loops(first: dict, second: dict) -> np.ndarray:
    """Two loops (2, 32, 27), each {voice: steps} at a medium level (the snare's ghost notes soft)."""
    loops = np.zeros((2, STEPS, HVO_WIDTH), np.float32)
    for loop, voices in zip(loops, (first, second)):
        for voice, steps in voices.items():
            for t in steps:
                loop[t, [voice, N_VOICES + voice]] = (1.0, 0.6)
    return loops


def hit(loops, n, voice, t) -> bool:
    return bool(loops[n, t, voice] > 0.5)


def test_a_ghost_snare_ending_a_window_leaves_the_next_hats_1_e_and_their_8ths_at_167():
    """A ghost snare on the "a" of 4 ends window 1, window 2 opens with the hats on "1 e &": the "e" goes where window
    2 starts right where window 1 ends; where it does not (a gap: follows 0), or at 160 BPM, it stays."""
    hats = [0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]
    loops = two_loops({CLOSED_HAT: [0, 4, 8, 12, 16, 20, 24, 28], SNARE: [4, 12, 20, 28, 31]},
                      {CLOSED_HAT: hats, SNARE: [4, 12, 20, 28]})
    out, thinned = at_tempo(loops, 167.0, follows=[0, STEPS])
    assert thinned and not hit(out, 1, CLOSED_HAT, 1)
    assert all(hit(out, 1, CLOSED_HAT, t) for t in (0, 2, 4)) and hit(out, 0, SNARE, 31)  # (the hand's 8ths, the ghost)
    assert np.array_equal(out[0], loops[0])
    assert np.array_equal(at_tempo(loops, 167.0, follows=[0, 0])[0], loops)  # a gap: nothing to reach across
    assert np.array_equal(at_tempo(loops, 167.0)[0], loops)
    assert np.array_equal(at_tempo(loops, 160.0, follows=[0, STEPS])[0], loops)  # one hand plays 16ths at 160


def test_hats_running_into_the_next_windows_snare_play_their_8ths():
    """The hats' "e & a" of 4 end window 1 and the snare (a fill's, a crash's hand) opens window 2 on its 1: the run
    before it plays its 8ths, the "&" kept, in the window before."""
    loops = two_loops({CLOSED_HAT: [0, 4, 8, 12, 16, 20, 24, 28, 29, 30, 31], SNARE: [4, 12, 20]},
                      {SNARE: [0, 4, 12, 20, 28], CLOSED_HAT: [8, 16, 24]})
    out, thinned = at_tempo(loops, 170.0, follows=[0, STEPS])
    assert thinned and [hit(out, 0, CLOSED_HAT, t) for t in (28, 29, 30, 31)] == [True, False, True, False]
    assert np.array_equal(out[1], loops[1])


def test_a_waltz_window_is_followed_from_its_own_last_16ths():
    """A window of two 3/4 bars lasts 24 16ths: the next one follows its 24th (its snare on the last "a"), not the
    loop's 32nd."""
    from reagroove.core.played_part import window_follows

    loops = two_loops({CLOSED_HAT: [0, 4, 8, 12, 16, 20], SNARE: [4, 8, 16, 20, 23]},
                      {CLOSED_HAT: [0, 1, 2, 4, 8, 12, 16, 20], SNARE: [4, 8, 16, 20]})
    follows = window_follows([0.0, 6.0], [WALTZ, WALTZ], 2)
    assert follows.tolist() == [0, 24]
    out = at_tempo(loops, 180.0, follows=follows)[0]
    assert not hit(out, 1, CLOSED_HAT, 1) and hit(out, 1, CLOSED_HAT, 0) and hit(out, 1, CLOSED_HAT, 2)
    assert window_follows([0.0, 8.0, 16.0, 32.0], None, 4).tolist() == [0, 32, 32, 0]  # (a gap before the last)
    assert window_follows(None, None, 4) is None


def joined_runs(loops, result) -> list[tuple[int, int]]:
    """(bar, 16th) where the written part (loops: result's or a version's), its windows laid end to end on the
    song's 16ths, starts three time-keeper 16ths in a row with a drum stroke on them or the 16th either side."""
    keep, drum = {}, {}
    for w, loop in enumerate(loops):
        first = round(float(result.starts[w]) * 4)
        for t in range(STEPS):
            keep[first + t] = keep.get(first + t, False) or bool((loop[t, KEEPERS] > 0.5).any())
            drum[first + t] = drum.get(first + t, False) or bool((loop[t, DRUMS] > 0.5).any())
    start = round(float(result.starts[0]) * 4)
    return [((s - start) // 16 + int(result.bars[0]), (s - start) % 16) for s in sorted(keep)
            if all(keep.get(s + i) for i in range(3)) and any(drum.get(s + i) for i in range(-1, 4))]


def test_disco_over_d_map07_at_167_runs_no_hats_beside_the_snare_across_windows(shipped, tmp_path):
    """freedoom's d_map07 band (its drums left out), 167 BPM, asked for disco: across the whole part as written, and
    in its versions, no three hat 16ths beside the snare (2 to 4 had stayed, each on a window's edge), the note said."""
    mido = pytest.importorskip("mido")
    if not (BAND / "d_map07.mid").is_file():
        pytest.skip("freedoom MIDI not found")
    song = mido.MidiFile(BAND / "d_map07.mid")
    for track in song.tracks:  # the drums left out, their delta times carried to the next message
        kept, carried = [], 0
        for m in track:
            if m.type in ("note_on", "note_off") and m.channel == 9:
                carried += m.time
            else:
                kept.append(m.copy(time=m.time + carried))
                carried = 0
        track[:] = kept
    song.save(tmp_path / "band.mid")
    settings = Settings(genre={"disco": 1.0})
    result = shipped.drumify(read_midi(tmp_path / "band.mid"), settings)
    assert not joined_runs(result.loops, result), joined_runs(result.loops, result)
    assert any("three 16ths in a row" in m for m in result.messages)
    for version in shipped.variations_of(result, settings, 3)[1:]:
        assert not joined_runs(version, result), joined_runs(version, result)
