"""A comp whose only downbeat chord is its first, at 0 s, read with bar 1 on a syncopated stab off that
chord's beat grid (R14's review, stop 79): the note that leaves the chord out offers --start 0, as it does for two onsets."""

import soundfile as sf
from audio_synth import _hz, render_notes

from reagroove.core.audio import read_audio

BPM = 90.0
# a hip-hop keys comp's two bars (beat, level, length in beats): stabs on the swung "a"s and "and"s, none on the
# downbeats
STABS = ((0.8, 0.57, 0.11), (1.49, 0.71, 0.21), (1.8, 0.74, 0.31), (2.49, 0.72, 0.62), (3.49, 0.5, 0.22), (3.8, 0.6, 0.31),
         (4.8, 0.53, 0.11), (5.49, 0.72, 0.41), (5.99, 0.57, 0.21), (6.49, 0.76, 0.61), (7.31, 0.5, 0.21), (7.81, 0.61, 0.2))
CHORDS = [_hz(p) for p in ([62, 65, 69, 72], [60, 64, 67, 71], [58, 62, 65, 69], [57, 61, 64, 67])]


def _comp(path, first_level: float | None) -> None:
    """12 bars of the comp, with a chord on bar 1's downbeat at 0 s (none when first_level is None)."""
    spb = 60.0 / BPM
    notes = [] if first_level is None else [(0.0, first_level, "keys", CHORDS[0], 0.3, True)]
    for two in range(6):
        for k, (beat, level, length) in enumerate(STABS):
            notes.append(((8 * two + beat) * spb, level, "keys", CHORDS[(2 * two + (beat >= 4)) % 4], length * spb, k % 2 == 0))
    sf.write(str(path), render_notes(notes, duration_s=48 * spb + 1.5, seed=1), 22050)


def _left_out(got) -> list[str]:
    return [w for w in got.warnings if "before bar 1" in w]


def test_a_loud_first_chord_off_bar_1s_beat_grid_offers_start_0(tmp_path):
    _comp(tmp_path / "comp.wav", 0.8)
    got = read_audio(tmp_path / "comp.wav")
    beats_in = got.start_s * got.bpm / 60.0
    assert 0.125 < beats_in % 1.0 < 0.875, (got.start_s, got.bpm)  # the case: bar 1 on a stab off 0 s's beats
    said = _left_out(got)
    assert len(said) == 1 and said[0].startswith("1 onset before bar 1"), got.warnings
    assert said[0].endswith("left out; the music starts the file: if bar 1 is there, --start 0"), said


def test_the_comp_without_its_first_chord_is_not_questioned(tmp_path):
    # the music starts at 0.53 s, on a stab: no chord at 0 s to offer as bar 1
    _comp(tmp_path / "comp.wav", None)
    got = read_audio(tmp_path / "comp.wav")
    assert not any("--start 0" in w for w in got.warnings), got.warnings


def test_a_soft_first_chord_is_not_questioned(tmp_path):
    # a soft note at 0 s off the beat is a pickup grace, as a MIDI file's would be: bar 1 stays where it was read
    _comp(tmp_path / "comp.wav", 0.3)
    got = read_audio(tmp_path / "comp.wav")
    assert _left_out(got) and not any("--start 0" in w for w in got.warnings), got.warnings
