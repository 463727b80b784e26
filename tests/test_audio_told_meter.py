"""Audio told its meter: a recorded 6/8 part drummed in 6/8 bars (`--meter 6/8`), and a waltz whose
tempo drifts followed with a tempo map as a 4/4 take is (core/audio.py, audio_meter.py, audio_drift.py)."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _CHORDS, _hz, make_part, ramp_time, render_notes

from reagroove.core.audio import AudioFileError, read_audio
from reagroove.core.patterns import read_input_file

SR = 22050


def six_eight_part(tmp_path, dotted_bpm, seed, bars=16, lead_s=0.4, eighths=6):
    """(path, bar 1 s): a 6/8 band part in two dotted-quarter pulses a bar: bass on 1 and 4 of 6 (the root on
    1), keys on every 8th, accents on 1 and 4, a chord change every bar, 6 ms of jitter (`eighths` 12: 12/8,
    the bass and accents on every dotted beat)."""
    rng = np.random.default_rng(seed)
    eighth = 60.0 / dotted_bpm / 3
    key = int(rng.integers(0, 12))
    notes = []
    for bar in range(bars):
        chord = _CHORDS[(0, 5, 7, 9)[bar % 4]]
        root = (key + chord[0]) % 12
        for k in range(eighths):
            t = lead_s + (bar * eighths + k) * eighth + rng.normal(0, 0.006)
            accent = 0.95 if k == 0 else 0.8 if k == 3 else 0.55
            if k % 3 == 0:
                notes.append((t, accent, "bass", [float(_hz(28 + root + (0 if k == 0 else 7)))], 2.5 * eighth, True))
            notes.append((t, accent, "keys", list(_hz([60 + (key + c) % 12 for c in chord])), 0.9 * eighth, True))
    path = tmp_path / f"six_eight_{dotted_bpm:g}_{seed}.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=lead_s + bars * eighths * eighth + 1.0, seed=seed), SR)
    return path, lead_s


@pytest.mark.parametrize("dotted_bpm, seed, n", [(60.0, 1, 6), (72.0, 2, 6), (60.0, 1, 12), (80.0, 2, 12)])
def test_a_6_8_part_told_6_8_is_read_in_6_8_bars_from_its_downbeat(tmp_path, dotted_bpm, seed, n):
    """`read_audio(time_signature=(6, 8))`: bars of six 8ths from the part's first downbeat, the tempo in
    quarter notes as a MIDI file's (60 dotted quarters a minute = 90 BPM), and said so; 12/8 alike (its bar 1
    was read on the 4th dotted beat, a quarter grid through the off-8ths holding only the 3rd and 4th)."""
    path, downbeat = six_eight_part(tmp_path, dotted_bpm, seed, eighths=n, bars=16 if n == 6 else 10)
    content = read_audio(path, time_signature=(n, 8))
    assert [(m, d) for _, m, d in content.time_signatures] == [(n, 8)]
    assert content.tempos[0][1] == pytest.approx(dotted_bpm * 1.5, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.03)
    assert any("dotted quarters a minute" in w for w in content.warnings), content.warnings
    # the command line's path: read_input_file passes --meter on
    assert read_input_file(path, time_signature=(n, 8)).time_signatures[0][1:] == (n, 8)


def test_a_6_8_part_is_drummed_as_a_6_8_drummer_plays_it(tmp_path, shipped):
    """The drums come out in 6/8 bars: the kick on 1 and the backbeat on the 4th 8th (the second dotted beat),
    not on a waltz's beat 3 (step 8 of a 12-step bar) as a 3/4 reading plays it."""
    from reagroove.core.loop import VOICES
    from reagroove.core.settings import Settings

    path, _ = six_eight_part(tmp_path, 66.0, 3)
    res = shipped.drumify(read_audio(path, time_signature=(6, 8)), Settings(genre={"rock": 1.0}))
    assert res.meters and all(tuple(m[1:]) == (6, 8) for window in res.meters for m in window), res.meters
    kick, snare = VOICES.index("kick"), VOICES.index("snare")
    # each window's bars, 12 16ths each from the bar's offset (quarter notes) into the window
    bars = np.array([loop[int(m[0] * 4): int(m[0] * 4) + 12] for loop, window in zip(res.loops, res.meters)
                     for m in window]) > 0.5
    assert len(bars) >= 12
    assert bars[:, 0, kick].mean() >= 0.9
    assert bars[:, 6, snare].mean() >= 0.75, bars[:, :, snare].sum(0)
    assert bars[:, 8, snare].mean() <= 0.1, bars[:, :, snare].sum(0)  # a waltz's beat 3: not in 6/8


def test_drumify_meter_6_8_writes_6_8_drums_and_unsupported_meters_are_one_line(tmp_path):
    from test_cli import run_cli

    from reagroove.core import read_midi

    path, _ = six_eight_part(tmp_path, 64.0, 4, bars=10)
    out = tmp_path / "drums.mid"
    told = run_cli("drumify", str(path), "-o", str(out), "--meter", "6/8", "--quiet")
    assert told.returncode == 0, told.stderr
    assert read_midi(out).time_signatures[-1][1:] == (6, 8)  # from bar 1 on (a lead-in before it keeps 4/4)
    for bad in ("5/4", "7/8", "6-8"):
        said = run_cli("drumify", str(path), "-o", str(out), "--meter", bad)
        assert said.returncode != 0 and "Traceback" not in said.stderr
        assert "--meter" in said.stderr and len(said.stderr.strip().splitlines()) == 1, said.stderr
        if bad == "5/4":  # a meter the drums cannot play: the ones they can are named
            assert "4/4, 3/4, 6/8, 12/8" in said.stderr, said.stderr
    with pytest.raises(AudioFileError, match="6/8"):
        read_audio(path, time_signature=(5, 4))


def _seconds_to_beats(content, t):
    """Beats of seconds `t` on the content's tempo map (the beats the drums are written in)."""
    b0 = np.array([b for b, _ in content.tempos])
    bpm = np.array([r for _, r in content.tempos])
    t0 = np.concatenate([[0.0], np.cumsum(np.diff(b0) * 60.0 / bpm[:-1])])
    i = np.clip(np.searchsorted(t0, t, side="right") - 1, 0, len(b0) - 1)
    return b0[i] + (np.asarray(t) - t0[i]) * bpm[i] / 60.0


@pytest.mark.parametrize("kind, seed, told", [("band", 1, 3), ("strum", 2, 3), ("bass", 1, 3), ("band", 1, None)])
def test_a_waltz_speeding_up_keeps_the_drums_on_its_beats(tmp_path, kind, seed, told):
    """A waltz played 100 -> 106 BPM over 32 bars: at one tempo its beats slid off the drums' by a beat and
    more; now a tempo map in bars of 3 puts each of its beats within a 32nd of a drum beat and each of its
    downbeats on a bar line (told 3/4, or read as 3/4 from the audio)."""
    bpm, bars = 100.0, 32
    audio, downbeat = make_part(kind, bpm, seed=seed, seconds=bars * 3 * 60 / bpm, beats_per_bar=3, bpm_end=bpm * 1.06)
    path = tmp_path / "waltz.wav"
    sf.write(path, audio, SR)
    content = read_audio(path, time_signature=told)
    bar1, n, d = content.time_signatures[0]
    k = np.arange(bars * 3)
    played = ramp_time(downbeat + k * 60.0 / bpm, bpm, bpm * 1.06, len(audio) / SR - 1.0)
    off = _seconds_to_beats(content, played) - bar1 - k
    assert np.abs(off).max() < 0.125, np.abs(off).max()  # a 32nd: every beat, the downbeats on bar lines
    assert (n, d) == (3, 4)
    assert len(content.tempos) > 1 and any("drifting tempo" in w for w in content.warnings), content.warnings


def six_eight_strums(tmp_path, dotted_bpm, seed, bars=16, lead_s=0.5):
    """(path, bar 1 s): a 6/8 guitar strumming every 8th (accents on 1 and 4) in a room, a bass on the 1st, 4th
    and 6th 8th (the last a pickup into the next bar: off a quarter-note grid)."""
    rng = np.random.default_rng(seed)
    eighth, key, notes = 60.0 / dotted_bpm / 3, int(rng.integers(0, 12)), []
    for bar in range(bars):
        chord = _CHORDS[(0, 5, 7, 9)[bar % 4]]
        root = (key + chord[0]) % 12
        for k in range(6):
            t = lead_s + (bar * 6 + k) * eighth + rng.normal(0, 0.006)
            notes.append((t, 1.0 if k % 3 == 0 else 0.55, "strum", list(_hz([52 + (key + c) % 12 for c in chord])),
                          eighth, k % 3 == 0))
            if k in (0, 3, 5):
                notes.append((t, 1.0 if k == 0 else 0.8, "bass", [float(_hz(28 + root))], (2.8 if k == 0 else 0.9) * eighth,
                              True))
    path = tmp_path / f"strums_{dotted_bpm:g}_{seed}.wav"
    sf.write(path, render_notes(notes, sr=SR, duration_s=lead_s + bars * 6 * eighth + 1.0, seed=seed, reverb=0.3), SR)
    return path, lead_s


@pytest.mark.parametrize("dotted_bpm, seed", [(60.0, 3), (70.0, 4), (60.0, 5)])
def test_a_6_8_part_told_3_4_keeps_its_downbeat(tmp_path, dotted_bpm, seed):
    """`--meter 3/4` on a 6/8 take (what its note offers: "--meter 3/4 keeps 3/4"): its bar is the same three
    quarters, so bar 1 stays where the take's dotted beats put it, as read untold. Read on quarter beats, bar 1 had
    fallen on the bass's pickup 8th, 2.5 quarters late: onsets before it left out, a false ending said."""
    path, downbeat = six_eight_strums(tmp_path, dotted_bpm, seed)
    assert read_audio(path).start_s == pytest.approx(downbeat, abs=0.03)  # untold: 6/8, from its downbeat
    content = read_audio(path, time_signature=(3, 4))
    assert [(m, d) for _, m, d in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(dotted_bpm * 1.5, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.03), content.start_s
