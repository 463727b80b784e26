"""Audio files as producers hand them over: odd channels, damaged or cut-short files, misnamed ones."""

import struct

import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, render

from reagroove.core import audio_read
from reagroove.core.audio import AudioFileError, read_audio
from reagroove.core.cli import main

# A 2-bar line of 16th steps at 120 BPM (a step is 0.125 s), played 4 times: 16 s.
LINE = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]
STEPS = np.array([r * 32 + s for r in range(4) for s in LINE])
SR = 44100


@pytest.fixture(scope="module")
def line():
    """(mono audio, onset seconds) of the line, plucked."""
    t = grid_onsets(STEPS, 120.0)
    return render(t, np.full(len(t), 0.8), timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=3), t


def steps_of(content):
    return set(np.round(content.notes.start * 4).astype(int).tolist())


def needs(fmt):
    if fmt not in sf.available_formats():
        pytest.skip(f"this libsndfile does not write {fmt}")


def test_a_stereo_file_with_one_channel_phase_inverted_reads_like_its_mono(tmp_path, line):
    # A reversed mic cable or a "wide" plug-in: L and -L sum to digital silence in a plain mix.
    audio, _ = line
    mono = tmp_path / "mono.wav"
    sf.write(mono, audio, SR)
    want = steps_of(read_audio(mono, bpm=120, start=0.0))
    assert want == set(STEPS.tolist())
    for name, right in (("inverted", -audio), ("inverted_quieter", -0.5 * audio), ("silent_right", 0 * audio)):
        path = tmp_path / f"{name}.wav"
        sf.write(path, np.stack([audio, right], axis=1), SR)
        assert steps_of(read_audio(path, bpm=120, start=0.0)) == want, name
    # 5.1 with the surround pair inverted against the fronts.
    path = tmp_path / "surround.wav"
    sf.write(path, np.stack([audio, audio, 0.5 * audio, 0.2 * audio, -audio, -audio], axis=1), SR)
    assert steps_of(read_audio(path, bpm=120, start=0.0)) == want


def test_an_mp3_cut_short_ends_where_its_audio_does(tmp_path, line):
    # Its header still announces the whole length; the missing half must not be filled with
    # repeats of the last block read (soundfile's blocks() did that: phantom notes to the end).
    needs("MP3")
    audio, t = line
    whole = tmp_path / "take.mp3"
    sf.write(whole, audio, SR, format="MP3")
    data = whole.read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) // 2])
    real = len(sf.read(cut)[0]) / SR  # what the decoder gives before it runs out
    content = read_audio(cut, bpm=120, start=0.0)
    assert content.onsets.duration_s == pytest.approx(real, abs=0.05)
    assert content.onsets.times.max() < real
    assert steps_of(content) <= {int(s) for s, ts in zip(STEPS, t) if ts < real}
    said = [w for w in content.warnings if "cut short" in w]
    assert len(said) == 1 and f"{len(audio) / SR:.1f} s" in said[0]


def test_a_flac_cut_short_gives_drums_for_what_is_there_and_says_so(tmp_path, line):
    audio, t = line
    whole = tmp_path / "take.flac"
    sf.write(whole, audio, SR)
    data = whole.read_bytes()
    cut = tmp_path / "cut.flac"
    cut.write_bytes(data[: len(data) * 2 // 3])  # a copy that failed part way
    content = read_audio(cut, bpm=120, start=0.0)
    assert any("damaged after" in w for w in content.warnings)
    found = steps_of(content)
    assert found and found <= set(STEPS.tolist())
    assert {int(s) for s in STEPS[t < 3.0]} <= found  # the first 3 s are all there


def test_an_mp3_with_a_damaged_frame_is_read_past_it(tmp_path, line, capfd):
    needs("MP3")
    audio, t = line
    path = tmp_path / "take.mp3"
    sf.write(path, audio, SR, format="MP3")
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 1500] = np.random.default_rng(0).integers(0, 256, 1500, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data))
    content = read_audio(path, bpm=120, start=0.0)
    assert any("damaged at" in w and "read on past it" in w for w in content.warnings)
    # The line goes on after the damage (half way through 16 s): about as many notes as it plays there.
    late = content.onsets.times[content.onsets.times > 10.0]
    assert len(late) >= 0.8 * np.sum(t > 10.0)
    assert "Illegal Audio-MPEG-Header" not in capfd.readouterr().err


def test_an_unreadable_file_says_permission_denied(tmp_path, line, monkeypatch, capfd):
    audio, _ = line
    path = tmp_path / "locked take.wav"
    sf.write(path, audio, SR)
    path.chmod(0)
    try:
        open(path, "rb").close()
        readable = True  # root reads anything: refuse the open as the OS would for a user
    except PermissionError:
        readable = False
    if readable:
        real_open = open

        def refuse(p, *a, **kw):
            if str(p) == str(path):
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(p, *a, **kw)

        monkeypatch.setattr(audio_read, "open", refuse, raising=False)
    with pytest.raises(AudioFileError, match="permission denied"):
        read_audio(path, bpm=120)
    capfd.readouterr()
    assert main(["groove", str(path), "--bpm", "120"]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "permission denied" in err and "System error" not in err


def test_a_midi_file_named_wav_is_said_to_be_midi(tmp_path):
    import mido

    mf = mido.MidiFile()
    track = mido.MidiTrack([mido.Message("note_on", note=40, velocity=90), mido.Message("note_off", note=40, time=240)])
    mf.tracks.append(track)
    path = tmp_path / "bass.wav"
    mf.save(path)
    with pytest.raises(AudioFileError, match=r"is a MIDI file, not audio.*\.mid"):
        read_audio(path)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("<I", len(body)) + body + b"\0" * (len(body) & 1)


def _with_chunks_before_data(path, out):
    """The WAV at `path` rewritten as a recorder might: JUNK first, then fmt, bext, LIST and an odd-sized chunk before data."""
    data = path.read_bytes()
    fmt_at = data.index(b"fmt ")
    fmt_end = fmt_at + 8 + struct.unpack("<I", data[fmt_at + 4 : fmt_at + 8])[0]
    info = b"INFO" + _chunk(b"ISFT", b"a DAW\0")
    body = _chunk(b"JUNK", bytes(28)) + data[fmt_at:fmt_end] + _chunk(b"bext", b"x" * 602) + _chunk(b"LIST", info)
    body += _chunk(b"odd ", b"abc") + data[data.index(b"data") :]
    out.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body)
    return out


def _rf64_over_4gb_style(path):
    """An RF64 file as written past 4 GB: the data chunk's own size 0xFFFFFFFF, the real one in ds64."""
    data = bytearray(path.read_bytes())
    assert data[:4] == b"RF64" and data[12:16] == b"ds64"
    at = data.index(b"data", 16)
    data[at + 4 : at + 8] = b"\xff\xff\xff\xff"
    data[4:8] = b"\xff\xff\xff\xff"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind", ["rf64", "rf64_big", "extensible", "chunks"])
def test_a_wav_variant_cut_short_is_said_to_be_cut_short(tmp_path, line, kind):
    audio, _ = line
    whole = tmp_path / f"{kind}.wav"
    if kind.startswith("rf64"):
        sf.write(whole, audio, SR, format="RF64")
        if kind == "rf64_big":
            _rf64_over_4gb_style(whole)
    elif kind == "extensible":
        sf.write(whole, np.stack([audio, audio], axis=1), SR, format="WAVEX", subtype="PCM_24")
    else:
        plain = tmp_path / "plain.wav"
        sf.write(plain, audio, SR)
        _with_chunks_before_data(plain, whole)
    full = read_audio(whole, bpm=120, start=0.0)
    assert not any("cut short" in w for w in full.warnings)
    assert steps_of(full) == set(STEPS.tolist())  # the whole file reads as itself
    data = whole.read_bytes()
    cut = tmp_path / f"cut_{kind}.wav"
    cut.write_bytes(data[: len(data) * 2 // 3])
    said = [w for w in read_audio(cut, bpm=120, start=0.0).warnings if "cut short" in w]
    assert len(said) == 1 and f"announces {len(audio) / SR:.1f} s" in said[0]


def _ramp_take(tmp_path, bpm_from, bpm_to, name):
    """The line played live (no click) from bpm_from to bpm_to: (path, seconds of each 16th step)."""
    n_beats = int(STEPS.max()) // 4 + 2
    beat_t = np.concatenate([[0.0], np.cumsum(60.0 / np.linspace(bpm_from, bpm_to, n_beats))])
    step_t = np.interp(np.arange(4 * n_beats) / 4, np.arange(len(beat_t)), beat_t)
    t = step_t[STEPS] + np.random.default_rng(1).normal(0, 0.006, len(STEPS))
    vel = np.where(STEPS % 4 == 0, 1.0, 0.7)
    path = tmp_path / name
    sf.write(path, render(np.sort(t), vel, timbre="pluck", sr=22050, duration_s=float(t.max()) + 1.0, seed=5), 22050)
    return path, step_t


def _beat_at(tempos, seconds):
    """The beat a (beat, bpm) tempo map reaches at `seconds`."""
    beat, t = 0.0, 0.0
    for (b, bpm), nxt in zip(tempos, [*tempos[1:], (np.inf, None)]):
        span = (nxt[0] - b) * 60.0 / bpm
        if t + span >= seconds:
            return b + (seconds - t) * bpm / 60.0
        beat, t = nxt[0], t + span
    return beat


def test_a_live_take_that_speeds_up_gets_drums_that_follow_it(tmp_path, monkeypatch):
    from stub_model import StubModel

    import mido

    import reagroove.models.commands as commands
    from reagroove.core.engine import Engine

    # 100 -> 110 BPM over 32 bars: read at one tempo, the ends slide half a beat off the grid.
    path, step_t = _ramp_take(tmp_path, 100.0, 110.0, "live take.wav")
    content = read_audio(path)
    assert len(content.tempos) > 4 and content.tempos[-1][1] > content.tempos[1][1] + 5
    assert any("drifting tempo" in w for w in content.warnings)
    assert content.start_s == pytest.approx(0.0, abs=0.03)
    assert steps_of_bar1(content) == set(STEPS.tolist())
    # The map puts the last bar's downbeat where the player did (within a 32nd).
    last_bar = int(STEPS.max()) // 16 * 16
    bar1_beat = content.time_signatures[0][0]
    assert _beat_at(content.tempos, step_t[last_bar]) - bar1_beat == pytest.approx(last_bar / 4, abs=0.125)
    # The drum file carries the map.
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out), "--quiet"]) == 0
    assert len([m for t in mido.MidiFile(out).tracks for m in t if m.type == "set_tempo"]) > 4


def test_a_steady_take_keeps_one_tempo(tmp_path):
    path, _ = _ramp_take(tmp_path, 104.0, 104.0, "steady.wav")
    content = read_audio(path)
    assert len(content.tempos) == 1 and content.bpm == pytest.approx(104.0, rel=0.01)
    assert steps_of_bar1(content) == set(STEPS.tolist())


def steps_of_bar1(content):
    """16th steps of the notes, counted from bar 1."""
    return set(np.round((content.notes.start - content.time_signatures[0][0]) * 4).astype(int).tolist())


def test_a_click_or_two_asks_for_a_tempo_instead_of_guessing_one(tmp_path, capfd):
    x = np.zeros(SR * 5)
    x[2 * SR : 2 * SR + 20] = 0.9  # silence with one click
    path = tmp_path / "click.wav"
    sf.write(path, x, SR)
    with pytest.raises(AudioFileError, match=r"only 1 onset in 5\.0 s.*--bpm"):
        read_audio(path)
    capfd.readouterr()
    assert main(["groove", str(path)]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and str(path) in err
    given = read_audio(path, bpm=120)  # with the tempo given, the click is a note
    assert len(given.notes) == 1


def test_a_start_past_the_end_says_so(tmp_path, line):
    audio, _ = line
    path = tmp_path / "take.wav"
    sf.write(path, audio, SR)
    with pytest.raises(AudioFileError, match=r"--start 30 s is past the end of the audio \(16\.\d s\)"):
        read_audio(path, bpm=120, start=30.0)


def test_a_heavily_clipped_take_is_said_to_clip(tmp_path, line):
    audio, _ = line
    clean, hot = tmp_path / "clean.wav", tmp_path / "hot.wav"
    sf.write(clean, audio / np.abs(audio).max() * 0.9, SR)
    sf.write(hot, np.clip(audio / np.abs(audio).max() * 3.6, -1, 1), SR)  # driven 12 dB into the clip
    assert not any("clips" in w for w in read_audio(clean, bpm=120, start=0.0).warnings)
    said = [w for w in read_audio(hot, bpm=120, start=0.0).warnings if "clips heavily" in w]
    assert len(said) == 1 and "% of samples at full scale" in said[0]


def test_a_riff_midi_file_named_wav_is_midi_on_both_paths(tmp_path):
    """An .rmi file (a Standard MIDI File in a RIFF RMID wrapper) renamed .wav: drumify and groove read it as MIDI,
    and the audio reader says it is MIDI (it used to call it an unreadable audio file)."""
    import mido

    from reagroove.core import file_kinds
    from reagroove.core.patterns import read_input_file

    mf = mido.MidiFile()
    mf.tracks.append(mido.MidiTrack([mido.Message("note_on", note=40, velocity=90), mido.Message("note_off", note=40, time=240)]))
    smf = tmp_path / "bass.mid"
    mf.save(smf)
    data = smf.read_bytes()
    body = b"RMID" + b"data" + struct.pack("<I", len(data)) + data + b"\0" * (len(data) & 1)
    path = tmp_path / "bass.wav"
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    assert file_kinds.is_midi_file(path) and file_kinds.is_midi_file(smf)
    assert not file_kinds.is_midi_file(tmp_path / "gone.wav")
    content = read_input_file(path)
    assert content.notes.pitch.tolist() == [40]
    assert any("MIDI despite its audio name" in w for w in content.warnings)
    with pytest.raises(AudioFileError, match=r"is a MIDI file, not audio.*\.mid"):
        read_audio(path)
