"""Audio takes as producers record them: quiet but clean takes read as at full level, and count-ins left out."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part, render, with_count_in

from reagroove.core.audio import AudioFileError, read_audio

SR = 22050


def _take(kind="bass", bpm=100.0, seed=3):
    audio, downbeat, notes = make_part(kind, bpm, seed=seed, sr=SR, with_notes=True)
    return audio, downbeat, np.array(sorted(n[0] for n in notes))


def _found(times, truth, tol=0.05):
    """How many of `truth` have a detected onset within `tol` s."""
    return sum(bool(np.any(np.abs(times - t) < tol)) for t in truth)


@pytest.mark.parametrize("dbfs", [-40, -60])
def test_a_quiet_but_clean_take_reads_as_the_same_take_at_full_level(tmp_path, dbfs):
    # Before, a take peaking at -40 dBFS lost 3 of its 55 notes, and one at -60 dBFS was refused
    # ("no clear onsets"): the fixed floors were in dBFS. A quiet take is raised before analysis now.
    audio, downbeat, truth = _take()
    loud, quiet = tmp_path / "loud.wav", tmp_path / "quiet.wav"
    sf.write(loud, audio, SR, subtype="PCM_16")
    sf.write(quiet, audio * 10 ** (dbfs / 20), SR, subtype="PCM_16")
    full, soft = read_audio(loud), read_audio(quiet)
    assert _found(full.onsets.times, truth) == len(truth)
    assert _found(soft.onsets.times, truth) == len(truth)
    assert len(soft.notes) == len(full.notes)
    assert abs(soft.tempos[0][1] - full.tempos[0][1]) < 0.2
    assert abs(soft.start_s - full.start_s) < 0.02
    assert not any("onsets before bar 1" in w for w in soft.warnings)


@pytest.mark.parametrize("amp,seconds", [(0.0, 5), (1e-4, 10), (1e-3, 10), (1e-3, 60)])
def test_silence_and_hiss_stay_refused_however_quiet(tmp_path, amp, seconds):
    # Raising a quiet take's gain must not turn a file of hiss (or digital silence) into notes.
    path = tmp_path / "hiss.wav"
    sf.write(path, amp * np.random.default_rng(1).standard_normal(SR * seconds), SR, subtype="PCM_16")
    with pytest.raises(AudioFileError, match="silent|no clear onsets|too few"):
        read_audio(path)


@pytest.mark.parametrize("kind,bpm,timbre,bars", [("bass", 100, "click", 1), ("keys", 90, "sticks", 1), ("strum", 120, "click", 2)])
def test_a_count_in_is_left_out_and_bar_1_is_the_parts_first_note(tmp_path, kind, bpm, timbre, bars):
    # Before, a take recorded with a count-in got bar 1 on the first click: the drums came in a bar
    # (or two) early and the clicks were the groove's first notes.
    audio, downbeat, truth = _take(kind, bpm, seed=5)
    take, shift = with_count_in(audio, truth[0], bpm, bars=bars, timbre=timbre, sr=SR)
    path = tmp_path / "count_in.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    got = read_audio(path)
    first = truth[0] + shift
    assert abs(got.start_s - first) < 0.03, f"bar 1 at {got.start_s:.3f} s, the part comes in at {first:.3f} s"
    assert abs(got.tempos[0][1] / bpm - 1) < 0.01
    bar1 = got.start_s * bpm / 60
    assert got.notes.start.min() >= bar1 - 0.01  # no click is a note of the groove
    assert got.onsets.times.min() > first - 0.03
    said = [w for w in got.warnings if "count-in" in w]
    assert len(said) == 1 and f"{4 * bars} clicks" in said[0]
    assert _found(got.onsets.times, truth + shift) == len(truth)


@pytest.mark.parametrize("kind,bpm,first_beat,seed", [("mix", 100, 1, 5), ("bass", 149, 3, 0), ("band", 100, 3, 3),
                                                      ("keys", 90, 4, 1)])
def test_a_count_in_a_bar_before_the_band_comes_in_puts_bar_1_on_the_band(tmp_path, kind, bpm, first_beat, seed):
    # A count-in bar, then a bar of rest (or of rest and a pickup from beat 3 or 4), then the band. Before, its
    # last click was heard as bar 1 after a waltz's 3-click count: every bar a beat off, the backbeat on 1 and 3.
    audio, downbeat = make_part(kind, bpm, first_beat=first_beat, lead_s=3.0, sr=SR, seed=seed)
    beat = 60.0 / bpm
    take, shift = with_count_in(audio, downbeat - 4 * beat, bpm, sr=SR, seed=seed)
    path = tmp_path / "count_in_rest.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    got = read_audio(path)
    bar1 = downbeat + shift
    assert abs(got.start_s - bar1) < 0.03, f"bar 1 at {got.start_s:.3f} s, the band's downbeat at {bar1:.3f} s"
    said = [w for w in got.warnings if "count-in" in w]
    assert len(said) == 1 and "4 clicks" in said[0]
    assert got.onsets.times.min() > bar1 - 4 * beat - 0.03  # no click left in the groove


@pytest.mark.parametrize("kind,bpm", [("bass", 100), ("keys", 90), ("strum", 120)])
def test_a_take_without_a_count_in_keeps_its_first_notes(tmp_path, kind, bpm):
    audio, downbeat, truth = _take(kind, bpm, seed=5)
    path = tmp_path / "plain.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    got = read_audio(path)
    assert not any("count-in" in w for w in got.warnings)
    assert abs(got.start_s - downbeat) < 0.03 and _found(got.onsets.times, truth) == len(truth)


def test_a_part_of_short_hits_on_the_beat_is_no_count_in(tmp_path):
    # A rim or cowbell part plays short, even hits from its first bar on: all of it is the part.
    beat = 0.6
    times = 0.5 + beat * np.arange(32)
    path = tmp_path / "rim.wav"
    sf.write(path, render(times, np.full(32, 0.8), timbre="click", sr=SR, seed=2), SR, subtype="PCM_16")
    got = read_audio(path)
    assert not any("count-in" in w for w in got.warnings)
    assert got.onsets.times.min() < 0.55 and len(got.onsets.times) == 32  # (any beat may be bar 1: all are alike)


def test_a_count_in_is_left_out_at_a_given_start_too(tmp_path):
    # --start puts bar 1 where the user says; the clicks are still no notes of the groove.
    audio, downbeat, truth = _take("bass", 100, seed=5)
    take, shift = with_count_in(audio, truth[0], 100, sr=SR)
    path = tmp_path / "count_in.wav"
    sf.write(path, take, SR, subtype="PCM_16")
    got = read_audio(path, bpm=100, start=0.3)
    assert got.start_s == 0.3 and got.onsets.times.min() > truth[0] + shift - 0.03
    said = [w for w in got.warnings if "count-in" in w]
    assert len(said) == 1 and "bar 1" not in said[0]


def test_one_onset_before_bar_1_is_said_as_one(tmp_path):
    # "1 onsets before bar 1 (0.280 s) left out" was said
    audio, _, truth = _take()
    path = tmp_path / "bass.wav"
    sf.write(path, audio[: 10 * SR], SR, subtype="PCM_16")
    content = read_audio(path, bpm=100, start=float(truth[1]) - 0.01)  # bar 1 just before the second note
    assert any(w.startswith("1 onset before bar 1 (") for w in content.warnings), content.warnings


def _in_a_room(audio, rt_s=0.8, wet=0.3, seed=11):
    """`audio` played in a room: a reverb tail of rt_s seconds (60 dB) at `wet` (its sticks fall about 13 dB in 150 ms)."""
    from scipy.signal import fftconvolve, lfilter

    rng = np.random.default_rng(seed)
    n = int(rt_s * SR)
    ir = lfilter([0.4], [1, -0.6], rng.standard_normal(n) * np.exp(-np.arange(n) / SR / (rt_s / 6.9)))
    ir *= wet / np.sqrt(np.sum(ir**2)) * 4
    out = audio + fftconvolve(audio, ir)[: len(audio)]
    return (out / max(1.0, float(np.abs(out).max()) / 0.99)).astype(np.float32)


@pytest.mark.parametrize("kind,bpm", [("bass", 120), ("keys", 96)])
def test_sticks_counting_in_a_room_are_a_count_in_too(tmp_path, kind, bpm):
    """A drummer's sticks in an ordinary room (0.8 s of reverb) fall 13-14 dB in 150 ms, not the 15 dB a dry click
    does: they were taken for the part, bar 1 a bar early on the first stick and the drums crashing in over the
    count. Where the part's notes ring on (as they do), sticks that fall well faster are the count-in."""
    audio, downbeat, truth = _take(kind, bpm, seed=5)
    take, shift = with_count_in(audio, truth[0], bpm, bars=1, timbre="sticks", sr=SR)
    path = tmp_path / "room.wav"
    sf.write(path, _in_a_room(take), SR, subtype="PCM_16")
    got = read_audio(path)
    first = truth[0] + shift
    assert abs(got.start_s - first) < 0.03, f"bar 1 at {got.start_s:.3f} s, the part comes in at {first:.3f} s"
    assert [w for w in got.warnings if "count-in" in w and "4 clicks" in w], got.warnings


@pytest.mark.parametrize("timbre, length_s, room_s, bpm", [("strum", 0.1, 0, 120), ("bass", 0.15, 0, 90),
                                                          ("bass", 0.05, 0.5, 90)])
def test_four_short_even_notes_opening_a_part_are_no_count_in(tmp_path, timbre, length_s, room_s, bpm):
    """Four staccato quarter notes (muted guitar stabs, short bass notes), then the part held: bar 1 is the first
    stab. The room's lower threshold for sticks had taken them for a count-in, bar 1 a bar late and the notes lost:
    a note held to its end has hardly fallen 80 ms in, where sticks have."""
    from audio_synth import _hz, render_notes

    beat = 60.0 / bpm
    freqs = list(_hz([40, 47, 52])) if timbre == "strum" else [float(_hz(40))]
    notes = [(0.5 + i * beat, 0.8, timbre, freqs, length_s, True) for i in range(4)]
    notes += [(0.5 + (4 + i) * beat, 0.8 if i % 2 == 0 else 0.7, timbre, freqs, beat * 0.95, True) for i in range(40)]
    audio = render_notes(notes, duration_s=0.5 + 46 * beat, sr=SR, seed=3)
    path = tmp_path / "stabs.wav"
    sf.write(path, _in_a_room(audio, rt_s=room_s) if room_s else audio, SR, subtype="PCM_16")
    got = read_audio(path)
    assert not [w for w in got.warnings if "count-in" in w], got.warnings
    assert got.start_s == pytest.approx(0.5, abs=0.03)
