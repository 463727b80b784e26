"""Audio files whose header is damaged where the audio is whole: read as the file holds it, with a note,
never refused for what the damaged field claims nor misread by it."""

import struct

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render

from reagroove.core.audio import read_audio
from reagroove.core.cli import main

SR = 22050
# A 2-bar line of 16th steps at 120 BPM (a step is 0.125 s).
LINE = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]


def _line(bars_of_two: int):
    steps = np.array([r * 32 + s for r in range(bars_of_two) for s in LINE])
    t = grid_onsets(steps, 120.0)
    return render(t, np.full(len(t), 0.8), timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=3), steps


def steps_of(content):
    return set(np.round(content.notes.start * 4).astype(int).tolist())


def test_an_mp3_whose_header_claims_hours_is_read_to_its_real_end(tmp_path, capsys):
    """A flipped byte in the Xing header's frame count made an 8 s MP3 'is 29217.5 hours long' and refused it,
    though it plays in REAPER: it is read to its end, and the note says the header is damaged."""
    if "MP3" not in sf.available_formats():
        pytest.skip("this libsndfile does not write MP3")
    audio, steps = _line(2)  # 8 s
    path = tmp_path / "take.mp3"
    sf.write(path, audio, SR, format="MP3")
    data = bytearray(path.read_bytes())
    at = data.find(b"Xing")
    assert at > 0 and data[at + 7] & 1  # the frame count is there
    data[at + 8] = 0xF0  # its top byte: some 4 billion frames
    path.write_bytes(bytes(data))
    with sf.SoundFile(path) as f:
        assert f.frames / f.samplerate > 1000 * 3600  # the decoder believes the header
    content = read_audio(path, bpm=120, start=0.0)
    assert content.onsets.duration_s == pytest.approx(len(audio) / SR, abs=0.1)
    assert steps_of(content) == set(steps.tolist())
    said = [w for w in content.warnings if "header is damaged" in w]
    assert len(said) == 1 and "hours" in said[0]
    assert not any("cut short" in w for w in content.warnings)  # the damaged length is no length to be short of

    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out), "--bpm", "120"]) == 0 and out.exists()
    assert "hours long" not in capsys.readouterr().err


@pytest.mark.parametrize("channels, bits", [(1, 7), (2, 7), (1, 0)])
def test_a_wav_whose_bits_per_sample_are_damaged_is_read_at_its_block_aligns_width(tmp_path, capsys, channels, bits):
    """A 16-bit take whose bits-per-sample field said 7 was read by libsndfile as 8-bit: 40 s of noise from a
    20 s file, drummed without a word (0 was refused as 'unimplemented format'). The block align and byte rate
    still say 16 bits: it is read so, and the note says the header is damaged."""
    audio, steps = _line(5)  # 20 s
    clean = tmp_path / "clean.wav"
    sf.write(clean, np.tile(audio[:, None], (1, channels)), SR, subtype="PCM_16")
    data = bytearray(clean.read_bytes())
    at = data.index(b"fmt ") + 8
    assert struct.unpack("<HHIIHH", data[at:at + 16])[4:] == (2 * channels, 16)  # block align, bits
    data[at + 14:at + 16] = struct.pack("<H", bits)
    path = tmp_path / "take.wav"
    path.write_bytes(bytes(data))
    want = read_audio(clean, bpm=120, start=0.0)
    got = read_audio(path, bpm=120, start=0.0)
    assert got.onsets.duration_s == pytest.approx(len(audio) / SR, abs=0.01)
    assert steps_of(got) == steps_of(want) == set(steps.tolist())
    assert np.allclose(got.onsets.times, want.onsets.times)
    said = [w for w in got.warnings if "bits per sample" in w]
    assert len(said) == 1 and f"gives {bits} bits" in said[0] and "16-bit" in said[0]
    assert path.read_bytes() == bytes(data)

    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out), "--bpm", "120", "--start", "0"]) == 0 and out.exists()
    assert "bits per sample" in capsys.readouterr().out


def test_a_wav_whose_block_align_alone_is_damaged_is_still_read_by_its_bits(tmp_path):
    """Two fields against one: where the byte rate agrees with the bits, the block align is the damaged field."""
    audio, steps = _line(2)
    path = tmp_path / "take.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    at = data.index(b"fmt ") + 8
    data[at + 12:at + 14] = struct.pack("<H", 1)
    path.write_bytes(bytes(data))
    got = read_audio(path, bpm=120, start=0.0)
    assert got.onsets.duration_s == pytest.approx(len(audio) / SR, abs=0.01)
    assert steps_of(got) == set(steps.tolist())
