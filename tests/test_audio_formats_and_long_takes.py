"""Audio files as producers bring them: any format libsndfile reads whatever its extension, 8-bit takes, AIFFs cut
short, and four-minute takes at a click keeping one tempo: what each case once did wrong."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.cli import main


@pytest.fixture(scope="module")
def bass_take():
    """A bass DI at 100 BPM from bar 1 at 0 s: (audio, sample rate, note times)."""
    audio, downbeat, notes = make_part("bass", 100.0, sr=22050, seed=3, seconds=10, with_notes=True)
    return audio, 22050, np.array(sorted(n[0] for n in notes))


@pytest.mark.parametrize("name,kw", [
    ("take.bwf", dict(format="WAV")),  # a broadcast WAV under its own extension (field recorders, Pro Tools)
    ("take.w64", dict(format="W64")),
    ("take.rf64", dict(format="RF64")),
    ("take.caf", dict(format="CAF")),  # Logic's bounce format
    ("take.opus", dict(format="OGG", subtype="OPUS")),
])
def test_audio_libsndfile_reads_is_taken_as_audio_whatever_its_extension(tmp_path, capsys, bass_take, name, kw):
    """These read fine but were refused for their names: 'take.bwf: not a Standard MIDI File (no MThd header)'."""
    audio, sr, _ = bass_take
    rate = 48000 if "OPUS" in kw.values() else sr  # Opus runs at 48 kHz
    if rate != sr:
        from scipy.signal import resample_poly
        audio = resample_poly(audio, 320, 147)  # 22.05 -> 48 kHz
    path = tmp_path / name
    sf.write(str(path), audio, rate, **kw)
    assert main(["groove", str(path), "--bpm", "100", "--start", "0"]) == 0
    out = capsys.readouterr().out
    assert "100 BPM" in out and "MThd" not in out


@pytest.mark.parametrize("gain", [1.0, 0.25])
def test_an_8_bit_take_gets_no_notes_from_its_quantization_noise(tmp_path, bass_take, gain):
    """An 8-bit WAV of a bass DI: its quantization noise comes and goes as the notes ring, and its rises in the
    upper bands read as soft notes (14 and 42 extra onsets to 31 played, ghost notes all over the groove)."""
    from reagroove.core.audio import read_audio

    audio, sr, played = bass_take
    path = tmp_path / "bass8.wav"
    sf.write(str(path), audio * gain, sr, subtype="PCM_U8")
    content = read_audio(path, bpm=100, start=0)
    found = content.onsets.times
    assert all(np.min(np.abs(played - t)) < 0.03 for t in found)  # every onset is a played note
    assert np.mean([np.min(np.abs(found - t)) < 0.02 for t in played]) > 0.95  # and nearly every note is found


def test_a_silent_8_bit_file_is_said_to_be_silent(tmp_path, capsys):
    path = tmp_path / "silence8.wav"
    sf.write(str(path), np.zeros(22050 * 3), 22050, subtype="PCM_U8")
    assert main(["groove", str(path)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "silence8.wav" in err and "is silent" in err


@pytest.mark.parametrize("subtype", ["PCM_16", "PCM_24"])
def test_an_aiff_cut_short_is_said_to_be_cut_short(tmp_path, bass_take, subtype):
    """An AIFF (Logic's and Pro Tools' format) cut off by a failed copy gave drums for its first half without a
    word, where a WAV cut short is said to be."""
    from reagroove.core.audio import read_audio

    audio, sr, _ = bass_take
    whole = tmp_path / "take.aiff"
    sf.write(str(whole), audio, sr, subtype=subtype)
    assert not any("cut short" in w for w in read_audio(whole, bpm=100, start=0).warnings)
    cut = tmp_path / "cut.aiff"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    said = [w for w in read_audio(cut, bpm=100, start=0).warnings if "cut short" in w]
    seconds = len(audio) / sr
    assert len(said) == 1 and f"{seconds:.1f} s of audio" in said[0]


def test_a_four_minute_take_at_a_click_keeps_its_drums_on_the_beat_to_the_end(tmp_path):
    """A steady 128 BPM take read at 127.98 (the estimate's 0.05 BPM steps, from its opening minutes): its notes
    and the drums slid off each other, 35 ms by the end of 4 minutes (84 ms after 10)."""
    from reagroove.core.audio import read_audio

    audio, downbeat, notes = make_part("keys", 128.0, sr=22050, seed=27, seconds=240, with_notes=True)
    path = tmp_path / "song.wav"
    sf.write(str(path), audio, 22050)
    content = read_audio(path)
    assert len(content.tempos) == 1
    bpm = content.tempos[0][1]
    last = max(n[0] for n in notes)  # the take's last note, on the grid from bar 1 at `downbeat`
    played = (last - downbeat) * 128.0 / 60.0
    read = (last - content.start_s) * bpm / 60.0
    assert abs(read - played) < 0.03  # beats: within 14 ms where the old reading was 0.07 beat (33 ms) off


def test_a_long_take_at_a_click_keeps_one_tempo(tmp_path):
    """A 2.5-minute strummed guitar at 96 BPM, steady: the beat tracker bent its last beats onto the final notes,
    and that bend alone made it 'a drifting tempo, 95.5 to 99.9 BPM' with a 61-tempo map under the drums."""
    from reagroove.core.audio import read_audio

    audio, _ = make_part("strum", 96.0, sr=22050, seed=25, seconds=150)
    path = tmp_path / "guitar.wav"
    sf.write(str(path), audio, 22050)
    content = read_audio(path)
    assert len(content.tempos) == 1 and content.tempos[0][1] == pytest.approx(96.0, abs=0.01)
    assert not any("drifting" in w for w in content.warnings)
