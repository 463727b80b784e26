"""A riff that chugs on every 16th and accents a few of them gets a kick locked to its accents, as a metal or
rock drummer plays it; a bass line without such accents (sparse, or a hand's unevenness) is read as before."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reagroove.core.midi import read_midi
from reagroove.core.riff_accents import ACCENT_GAP, riff_accents
from reagroove.core.settings import Settings

ACCENTS = (0, 3, 6, 10, 12)  # 1, the "a" of 1, the "and" of 2, the "e" of 3, beat 4


def chug(accents=ACCENTS, soft=0.55, loud=0.9):
    """One 2-bar bass groove (32, 3): every 16th, the accents loud."""
    g = np.zeros((32, 3), np.float32)
    g[:, 0], g[:, 1] = 1.0, soft
    for bar in (0, 16):
        g[[bar + s for s in accents], 1] = loud
    return g


def test_a_chugging_bar_keeps_its_accents_alone():
    out = riff_accents(chug()[None])[0]
    kept = np.flatnonzero(out[:16, 0] > 0.5).tolist()
    assert kept == list(ACCENTS)
    assert np.allclose(out[ACCENTS, 1], 0.9)  # the accents as they were
    assert np.array_equal(out[16:, 0] > 0.5, out[:16, 0] > 0.5)


def test_bass_lines_without_a_riffs_accents_are_left_as_they_are():
    # a walking 8th line (too few notes to chug), one accent alone, 16ths accented on the beats (the line's metre,
    # not a riff: it keeps its 16th hats, test_shipped_model_by_ear), and 16ths a hand played unevenly
    eighths = np.zeros((32, 3), np.float32)
    eighths[::2, 0], eighths[::2, 1] = 1.0, np.where(np.arange(16) % 4 == 0, 0.95, 0.5)
    one_accent = chug(accents=(0,))
    rng = np.random.default_rng(3)
    uneven = chug()
    uneven[:, 1] = np.clip(0.65 + rng.uniform(-0.06, 0.06, 32), 0, 1)
    on_the_beats = chug(accents=(0, 4, 8, 12))
    for g in (eighths, one_accent, on_the_beats, uneven):
        assert np.array_equal(riff_accents(g[None]), g[None])
    quiet = np.zeros((4, 32, 3), np.float32)
    assert riff_accents(quiet) is quiet  # nothing to look at: the input itself, no copy


@settings(max_examples=200, deadline=None)
@given(arrays(np.float32, (3, 32, 3), elements=st.floats(0, 1, width=32)))
def test_it_only_ever_leaves_notes_out_and_only_in_bars_with_a_gap(raw):
    bass = raw.copy()
    bass[..., 0] = (bass[..., 0] > 0.3).astype(np.float32)  # most steps played, as a chugging line
    out = riff_accents(bass)
    was, now = bass[..., 0] > 0.5, out[..., 0] > 0.5
    assert not (now & ~was).any()  # no note added
    assert np.array_equal(out[now], bass[now])  # the notes kept, as they were
    for loop in range(len(bass)):
        for bar in (slice(0, 16), slice(16, 32)):
            dropped = was[loop, bar] & ~now[loop, bar]
            if dropped.any():  # every note left out is softer than every note kept, by the gap at least
                kept = bass[loop, bar, 1][now[loop, bar]]
                assert 2 <= len(kept) <= 8
                assert bass[loop, bar, 1][dropped].max() <= kept.min() - ACCENT_GAP + 1e-6


def riff_file(make_midi, with_bass):
    """8 bars of a riff at 150 BPM: the low E chugging every 16th at 70, power chords at 115 on the accents."""
    notes = []
    for bar in range(8):
        for s in range(16):
            beat = bar * 4 + s / 4
            chord = (40, 47, 52) if s in ACCENTS else (40,)
            notes += [(beat, p, 115 if s in ACCENTS else 70, 0) for p in chord]
            if with_bass and s in ACCENTS:
                notes.append((beat, 28, 110, 1))
    return make_midi(notes, name="riff.mid", tempos=((0, 150.0),))


def test_the_kick_locks_to_a_riffs_accents_on_the_shipped_model(shipped, make_midi):
    for with_bass in (False, True):
        loops = shipped.drumify(read_midi(riff_file(make_midi, with_bass)), Settings()).loops
        kick = loops[..., 0].reshape(-1, 16) > 0.5
        accented = np.isin(np.arange(16), ACCENTS)
        # every bar's kick on each of the riff's accents (before: 1 and the "a" of 1, then 7, 8, 9, 11, 13, whatever
        # the accents), and on none of the chugs between them
        assert kick[:, accented].mean() >= 0.9, kick.astype(int)
        assert kick[:, ~accented].mean() <= 0.05, kick.astype(int)


def test_a_recorded_riff_gets_the_kick_on_its_accents_and_an_even_chug_is_read_as_before(shipped, tmp_path):
    # audio: the bass part's onsets from the low bands, their velocities from how hard each is struck
    import soundfile as sf
    from audio_synth import render_notes

    from reagroove.core.audio import read_audio
    from reagroove.core.groove import extract_windows

    rng = np.random.default_rng(0)
    step, start = 60 / 120 / 4, 0.5
    for riff in (True, False):
        notes = [(start + (bar * 16 + s) * step + rng.normal(0, 0.004),
                  0.95 if riff and s in ACCENTS else 0.65 + rng.uniform(-0.08, 0.06), "bass", [82.4], step * 0.8, True)
                 for bar in range(8) for s in range(16)]
        path = tmp_path / f"riff_{riff}.wav"
        sf.write(path, render_notes(notes, duration_s=start + 128 * step + 1.0, seed=1), 22050)
        content = read_audio(path, bpm=120, start=start)
        bass = extract_windows(content).bass
        kept = riff_accents(bass)[..., 0].reshape(-1, 16) > 0.5
        if riff:
            assert (kept == np.isin(np.arange(16), ACCENTS)).all(), kept.astype(int)
            kick = shipped.drumify(content, Settings()).loops[..., 0].reshape(-1, 16) > 0.5
            assert kick[:, list(ACCENTS)].mean() >= 0.9, kick.astype(int)
        else:  # a hand's unevenness on the low string: every 16th stays
            assert kept.all()
