"""Audio files as producers bring them: noise or a DC offset at the file's ends, WAV headers giving a wrong size or
sample rate, stray bytes after the audio, a hot float bounce, a two-bar loop's tempo: what each case once did wrong."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part, render

from reagroove.core.audio import onset_envelope, pick_onsets, read_audio


def _steady_take(path, *, bpm=120.0, lead_s=0.0, noise_db=-50.0, bars=8, sr=22050, seed=0):
    """8ths at `bpm` (accented beats) after `lead_s` s of the recording's noise floor; (path, note times)."""
    beat = 60.0 / bpm
    t = np.array([lead_s + k * beat / 2 for k in range(bars * 8)])
    vel = np.where(np.arange(len(t)) % 8 == 0, 1.0, np.where(np.arange(len(t)) % 2 == 0, 0.8, 0.55))
    audio = render(t, vel, timbre="pluck", sr=sr, duration_s=float(t[-1]) + 0.6, noise_db=noise_db, seed=seed)
    sf.write(str(path), audio, sr)
    return path, t


@pytest.mark.parametrize("noise_db", [-50.0, -45.0])
def test_a_noise_floor_opening_the_file_is_not_an_onset(tmp_path, noise_db):
    """Room tone from 0 s, the playing from 7.3 s: the file's start was picked as a note at 0 s (said as an
    onset before bar 1), its span made the tracker's guesses in the silence count as beats, and a steady
    take got a drifting tempo map (119.8-123.6 BPM) with its drums 10 ms early."""
    path, played = _steady_take(tmp_path / "intro.wav", lead_s=7.3, noise_db=noise_db)
    onsets = pick_onsets(onset_envelope(path))
    assert onsets.times[0] > 7.0  # nothing in the room tone before the first note
    content = read_audio(path)
    assert len(content.tempos) == 1 and content.tempos[0][1] == pytest.approx(120.0, rel=0.01)
    assert not any("before bar 1" in w for w in content.warnings)
    assert content.start_s == pytest.approx(played[0], abs=0.03)


def test_a_note_opening_the_file_is_still_an_onset(tmp_path):
    """The same take cut on its first note (a loop exported on the beat): the note at 0 s stays."""
    path, _ = _steady_take(tmp_path / "loop.wav", noise_db=-50.0)
    assert pick_onsets(onset_envelope(path)).times[0] < 0.02


@pytest.mark.parametrize("kind, bpm", [("strum", 120.0), ("bass", 100.0), ("keys", 140.0), ("mix", 90.0)])
def test_a_two_bar_loop_is_read_at_its_own_tempo(tmp_path, kind, bpm):
    """A 2-bar loop exported from a DAW (4 s at 120 BPM): a reading needed 12 beat lines, so the loop's own
    tempo (8) was never weighed and it was read at double or 4:3 (120 BPM as 166, 100 as 200)."""
    audio, downbeat = make_part(kind, bpm, seconds=10.0, sr=22050, seed=1)
    n = int(round((downbeat + 2 * 240.0 / bpm) * 22050))
    sf.write(str(tmp_path / "loop.wav"), audio[:n], 22050)
    content = read_audio(tmp_path / "loop.wav")
    assert content.bpm == pytest.approx(bpm, rel=0.04)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)


def _with_data_size(src, dst, size):
    """A copy of WAV `src` whose data chunk's size reads `size` (the RIFF size left as it is)."""
    raw = bytearray(src.read_bytes())
    i = raw.find(b"data")
    raw[i + 4 : i + 8] = size.to_bytes(4, "little")
    dst.write_bytes(bytes(raw))
    return dst


@pytest.mark.parametrize("subtype, size", [("PCM_16", 0), ("PCM_24", 0), ("FLOAT", 0), ("PCM_16", 22050 * 2)])
def test_a_wav_whose_header_gives_too_small_a_size_is_read_to_its_end(tmp_path, subtype, size):
    """A recording never closed properly (the DAW crashed, the card was pulled) leaves 0 as its data size:
    it was 'holds no audio (zero samples)'; a header giving too small a size (damaged, a file over 4 GB)
    gave drums for its first second only, without a word. Now the file's audio is read to its end, and said."""
    path, played = _steady_take(tmp_path / "take.wav", noise_db=-60.0)
    whole = tmp_path / "whole.wav"
    sf.write(str(whole), sf.read(str(path), dtype="float32")[0], 22050, subtype=subtype)
    broken = _with_data_size(whole, tmp_path / "broken.wav", size)
    before = broken.read_bytes()
    content = read_audio(broken)
    good = read_audio(whole)
    assert content.bpm == pytest.approx(good.bpm, abs=0.01) and len(content.notes) == len(good.notes)
    assert np.allclose(content.onsets.times, good.onsets.times)
    assert any("WAV header" in w and f"{sf.info(str(whole)).duration:.1f} s the file holds" in w for w in content.warnings)
    assert not any("WAV header" in w for w in good.warnings)
    assert broken.read_bytes() == before  # the input is never changed


def test_a_wav_with_a_chunk_or_a_few_stray_bytes_after_its_audio_reads_as_before(tmp_path):
    """Only audio past the header's size is more audio: a LIST chunk after the data, or an ID3v1 tag
    appended to the file, is not."""
    path, _ = _steady_take(tmp_path / "take.wav", noise_db=-60.0, bars=2)
    good = read_audio(path, bpm=120, start=0.0)
    for tail in (b"LIST" + (4).to_bytes(4, "little") + b"INFO", b"TAG" + bytes(125), bytes(7)):
        extra = tmp_path / "extra.wav"
        extra.write_bytes(path.read_bytes() + tail)
        content = read_audio(extra, bpm=120, start=0.0)
        assert not any("WAV header" in w for w in content.warnings)
        assert np.allclose(content.onsets.times, good.onsets.times)


@pytest.mark.parametrize("lead_s", [0.0, 3.0])
def test_a_dc_offset_adds_no_onset_at_the_files_ends(tmp_path, lead_s):
    """A take with a DC offset (a faulty interface or mic, here -26 dBFS under a part peaking at -6):
    the digital silence padded before and after the file made a step there, read as an onset at the
    end (one more bar, so one more 2-bar drum loop past the music) and at 0 s."""
    path, played = _steady_take(tmp_path / "take.wav", lead_s=lead_s, noise_db=-60.0)
    audio, sr = sf.read(str(path), dtype="float32")
    offset = tmp_path / "dc.wav"
    sf.write(str(offset), 0.5 * audio + 0.05, sr)
    times = pick_onsets(onset_envelope(offset)).times
    assert times[0] == pytest.approx(played[0], abs=0.03) and times[-1] == pytest.approx(played[-1], abs=0.03)
    assert len(times) == len(pick_onsets(onset_envelope(path)).times)


@pytest.mark.parametrize("rate, said", [(1, "sample rate of 1 Hz"), (9_000_000, "sample rate of 9000000 Hz"),
                                        (0, "no sample rate or channel count")])
def test_a_wav_header_with_a_nonsense_sample_rate_is_one_line(tmp_path, capsys, rate, said):
    """A damaged header's sample rate was taken as given: 1 Hz made a 16 s take '202.1 hours long; ReaGroove
    reads up to 12 hours', 9 MHz 'has only 1 onset in 0.1 s', 0 libsndfile's 'SF_INFO struct incomplete'."""
    from reagroove.core.cli import main

    path, _ = _steady_take(tmp_path / "take.wav", noise_db=-60.0, bars=2)
    raw = bytearray(path.read_bytes())
    raw[24:28] = rate.to_bytes(4, "little")  # the fmt chunk's sample rate
    path.write_bytes(bytes(raw))
    # --quiet: under load, reading past a second shows a progress bar on stderr, beside the one error line
    assert main(["drumify", str(path), "-o", str(tmp_path / "drums.mid"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and said in err[0] and "damaged" in err[0]
    assert path.read_bytes() == bytes(raw)


def test_a_float_wav_bounced_hot_is_not_said_to_clip(tmp_path):
    """A 32-bit float bounce peaking at +12 dBFS (floats keep peaks over full scale whole) was said to
    'clip heavily (4.0% of samples at full scale)', the user sent after a cleaner take; a float file
    clipped at full scale still is."""
    path, _ = _steady_take(tmp_path / "take.wav", noise_db=-60.0, bars=4)
    audio, sr = sf.read(str(path), dtype="float32")
    hot, clipped = tmp_path / "hot.wav", tmp_path / "clipped.wav"
    sf.write(str(hot), 4.0 * audio / np.abs(audio).max(), sr, subtype="FLOAT")
    sf.write(str(clipped), np.clip(8.0 * audio / np.abs(audio).max(), -1.0, 1.0), sr, subtype="FLOAT")
    assert not any("clips" in w for w in read_audio(hot, bpm=120, start=0.0).warnings)
    assert any("clips heavily" in w for w in read_audio(clipped, bpm=120, start=0.0).warnings)
