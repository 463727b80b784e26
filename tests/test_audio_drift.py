"""Live takes whose tempo drifts far (126 -> 114 BPM, 90 -> 80, 100 -> 112): the drums land on the take's beats.

The whole take's one tempo blurs under such a drift (it read a slowing line
at half tempo, or at 3:2 between levels) and a tracker held to it bent the
take's last beats onto its last few notes; steady takes keep their one tempo.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part, ramp_time, render

from reagroove.core.audio import DEFAULT_PARAMS, onset_envelope, pick_onsets, read_audio

SR = 22050
TOL_S = 0.07  # the usual beat-tracking tolerance
LINE = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]  # a syncopated 2-bar line of 16th steps


def line_take(tmp_path, bpm, bpm_end, seed, jitter=0.006, n_bars=24):
    """(path, its beat times s, its 16th steps): the line plucked with its tempo ramping linearly per beat."""
    steps = np.array([r * 32 + s for r in range(n_bars // 2) for s in LINE])
    tempo = np.linspace(bpm, bpm_end, n_bars * 4 + 4)
    beat_t = np.concatenate([[0.0], np.cumsum(60.0 / tempo)])
    rng = np.random.default_rng(seed)
    t = np.sort(np.maximum(np.interp(steps / 4, np.arange(len(beat_t)), beat_t) + rng.normal(0, jitter, len(steps)), 0.0))
    path = tmp_path / f"line {bpm:g}-{bpm_end:g} {seed}.wav"
    sf.write(path, render(t, np.where(steps % 4 == 0, 1.0, 0.7), timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=seed), SR)
    return path, beat_t[beat_t <= t[-1] + 1e-6], steps


def part_take(tmp_path, kind, bpm, bpm_end, seed, seconds=40.0):
    """(path, its beat times s from bar 1 to its last note): a made-up part, its tempo ramped when bpm_end is given."""
    audio, downbeat, notes = make_part(kind, bpm, seconds=seconds, seed=seed, sr=SR, with_notes=True)
    span = len(audio) / SR - 1.0
    beats = np.arange(0.0, span + 1e-9, 60.0 / bpm)
    beats = beats[(beats >= downbeat - 1e-6) & (beats <= max(t for t, *_ in notes) + 0.05)]
    if bpm_end is not None:
        audio = make_part(kind, bpm, seconds=seconds, seed=seed, sr=SR, bpm_end=bpm_end)[0]
        beats = ramp_time(beats, bpm, bpm_end, span)
    path = tmp_path / f"{kind} {bpm:g}-{bpm_end} {seed}.wav"
    sf.write(path, audio, SR)
    return path, beats


def drum_beats(content):
    """Seconds of the drums' beats (whole beats from bar 1) on the content's tempo map, over the file."""
    b0 = np.array([b for b, _ in content.tempos])
    bpm = np.array([t for _, t in content.tempos])
    t0 = np.concatenate([[0.0], np.cumsum(np.diff(b0) * 60.0 / bpm[:-1])])
    bar1 = content.time_signatures[0][0]
    beats = bar1 + np.arange(np.floor(-bar1) - 1, np.ceil(content.end_beat - bar1) + 8)
    i = np.clip(np.searchsorted(b0, beats, side="right") - 1, 0, len(b0) - 1)
    return t0[i] + (beats - b0[i]) * 60.0 / bpm[i]


def assert_on_the_beats(content, truth):
    """Every played beat has a drum beat within TOL_S and every drum beat over the take a played beat
    (so half, double or 3:2 tempo fails), from the take's first beat to its last."""
    drums = drum_beats(content)
    drums = drums[(drums >= truth[0] - TOL_S) & (drums <= truth[-1] + TOL_S)]
    assert len(drums), "no drum beats over the take"
    played_off = np.min(np.abs(truth[:, None] - drums[None, :]), axis=1)
    drum_off = np.min(np.abs(drums[:, None] - truth[None, :]), axis=1)
    bpms = [round(t, 1) for _, t in content.tempos]
    assert played_off.max() < TOL_S, f"played beats {np.flatnonzero(played_off >= TOL_S).tolist()} of {len(truth)} off the drums (map {min(bpms)}-{max(bpms)} BPM)"
    assert drum_off.max() < TOL_S, f"{int(np.sum(drum_off >= TOL_S))} drum beats off the take (map {min(bpms)}-{max(bpms)} BPM)"


def steps_found(content, steps) -> float:
    """Share of the line's 16th steps found, counted from bar 1 after the best whole-step shift."""
    found = set(np.round((content.notes.start - content.time_signatures[0][0]) * 4).astype(int).tolist())
    want = set(steps.tolist())
    return max(len({f + d for f in found} & want) for d in range(-16, 17)) / len(want)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_line_slowing_from_126_to_114_bpm_gets_drums_on_its_beats(tmp_path, seed):
    # Seed 0 was read at half tempo, seed 1 at 78 BPM (3:2), seed 2's last beats half a beat off.
    path, truth, steps = line_take(tmp_path, 126.0, 114.0, seed)
    content = read_audio(path)
    assert len(content.tempos) > 4
    bpms = [t for _, t in content.tempos]
    assert min(bpms) == pytest.approx(114.0, rel=0.03) and max(bpms) == pytest.approx(126.0, rel=0.03)
    assert any("drifting tempo" in w for w in content.warnings)
    assert_on_the_beats(content, truth)
    assert steps_found(content, steps) >= 0.95


@pytest.mark.parametrize("kind, bpm, bpm_end, seed", [
    ("strum", 100.0, 112.0, 1),  # speeding up: its last beats were a quarter-beat off
    ("keys", 90.0, 80.0, 1),  # slowing: read at double tempo
    ("keys", 90.0, 80.0, 2),  # slowing: its last beats bent onto its last notes
    ("bass", 126.0, 114.0, 0),
])
def test_parts_that_speed_up_or_slow_down_get_drums_on_their_beats(tmp_path, kind, bpm, bpm_end, seed):
    path, truth = part_take(tmp_path, kind, bpm, bpm_end, seed)
    content = read_audio(path)
    assert len(content.tempos) > 4
    assert_on_the_beats(content, truth)
    # The drums' bar 1 is the part's.
    assert content.start_s == pytest.approx(truth[0], abs=TOL_S)


@pytest.mark.parametrize("kind, seed", [("bass", 0), ("strum", 1), ("mix", 2)])
def test_steady_parts_keep_one_tempo_on_their_beats(tmp_path, kind, seed):
    from reagroove.core.audio_drift import tempo_curve

    path, truth = part_take(tmp_path, kind, 118.0, None, seed, seconds=30.0)
    env = onset_envelope(str(path), DEFAULT_PARAMS)
    assert tempo_curve(env, pick_onsets(env, DEFAULT_PARAMS), 118.0) is None  # no drift to follow
    content = read_audio(path)
    assert len(content.tempos) == 1 and content.tempos[0][1] == pytest.approx(118.0, rel=0.01)
    assert_on_the_beats(content, truth)


def test_a_steady_line_with_loose_timing_keeps_one_tempo(tmp_path):
    path, truth, steps = line_take(tmp_path, 120.0, 120.0, 0, jitter=0.025)
    content = read_audio(path)
    assert len(content.tempos) == 1 and content.tempos[0][1] == pytest.approx(120.0, rel=0.01)
    assert_on_the_beats(content, truth)
    assert steps_found(content, steps) >= 0.95
