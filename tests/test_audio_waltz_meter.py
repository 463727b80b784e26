"""Audio in 3/4: a waltz is read in bars of three, so its drums put no backbeat on its beat 1."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import AudioFileError, read_audio


def _waltz(tmp_path, kind, bpm, seed, beats_per_bar=3):
    audio, downbeat = make_part(kind, bpm, seed=seed, seconds=24.0, beats_per_bar=beats_per_bar)
    path = tmp_path / f"{kind}.wav"
    sf.write(path, audio, 22050)
    return path, downbeat


# keys and bass were read at 2/3 and 4/3 of their tempo (a waltz's bar taken for 4 beats); band at its tempo.
@pytest.mark.parametrize("kind,bpm,seed", [("keys", 127.0, 0), ("bass", 127.0, 0), ("band", 114.0, 2)])
def test_a_waltz_is_read_in_3_4_at_its_tempo_with_bar_1_on_its_downbeat(tmp_path, kind, bpm, seed):
    path, downbeat = _waltz(tmp_path, kind, bpm, seed)
    content = read_audio(path)
    assert [(n, d) for _, n, d in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
    assert any("3/4" in w for w in content.warnings)


def test_a_waltz_with_its_tempo_given_is_still_read_in_3_4_and_a_4_4_part_stays_4_4(tmp_path):
    path, downbeat = _waltz(tmp_path, "band", 127.0, 0)
    waltz = read_audio(path, bpm=127.0)
    assert [(n, d) for _, n, d in waltz.time_signatures] == [(3, 4)]
    assert waltz.start_s == pytest.approx(downbeat, abs=0.04)
    four, _ = _waltz(tmp_path, "keys", 127.0, 0, beats_per_bar=4)
    assert [(n, d) for _, n, d in read_audio(four).time_signatures] == [(4, 4)]


def test_the_producer_s_meter_wins_over_what_the_audio_shows(tmp_path):
    path, downbeat = _waltz(tmp_path, "keys", 127.0, 0)
    told4 = read_audio(path, time_signature=4)  # detected as 3/4 when not told
    assert [(n, d) for _, n, d in told4.time_signatures] == [(4, 4)]
    quiet, downbeat = _waltz(tmp_path, "strum", 135.0, 1)  # too plain to tell: read as 4/4 untold
    told3 = read_audio(quiet, time_signature=3)
    assert [(n, d) for _, n, d in told3.time_signatures] == [(3, 4)]
    assert told3.tempos[0][1] == pytest.approx(135.0, rel=0.01)
    assert told3.start_s == pytest.approx(downbeat, abs=0.04)
    with pytest.raises(AudioFileError, match="3 or 4"):
        read_audio(path, time_signature=5)


# Read in 4/4 at 4/3 of their tempo; at 3/2 of that, twice their tempo, their 8ths passed for a waltz's beats.
@pytest.mark.parametrize("kind,bpm,seed,first_beat", [("bass", 88.55, 10, 3), ("strum", 95.05, 8, 2)])
def test_a_waltz_is_never_read_in_3_4_at_twice_its_tempo(tmp_path, kind, bpm, seed, first_beat):
    audio, _ = make_part(kind, bpm, seed=seed, seconds=24.0, first_beat=first_beat, beats_per_bar=3)
    path = tmp_path / "w.wav"
    sf.write(path, audio, 22050)
    content = read_audio(path)
    if [(n, d) for _, n, d in content.time_signatures] == [(3, 4)]:
        assert content.tempos[0][1] == pytest.approx(bpm, rel=0.02)


def test_drumify_beats_per_bar_tells_an_audio_file_s_meter(tmp_path, make_midi):
    """The producer says the meter on the command line: a plain strummed waltz the accents do not show gets
    waltz drums with `--beats-per-bar 3`, and the option on a MIDI file (which keeps its own) is said."""
    from test_cli import run_cli

    path, _ = _waltz(tmp_path, "strum", 135.0, 1)  # read as 4/4 when not told
    out = tmp_path / "drums.mid"
    told = run_cli("drumify", str(path), "-o", str(out), "--beats-per-bar", "3")
    assert told.returncode == 0 and "3/4" in told.stdout, told.stdout + told.stderr
    midi = make_midi([(0.0, 40, 100, 0), (1.0, 40, 100, 0)], name="bass.mid")
    said = run_cli("drumify", str(midi), "-o", str(tmp_path / "m.mid"), "--beats-per-bar", "3").stdout
    assert "--beats-per-bar is for audio files: a MIDI file keeps its own tempo, bar 1 and meter" in said, said
