"""Audio input: onsets of rendered audio land on the right grid steps, with velocity and timing."""

import os
import subprocess
import sys
import tracemalloc

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import grid_onsets, make_part, render
from stub_model import StubModel

from reagroove.core.audio import AudioFileError, onset_envelope, onsets_to_beats, read_audio
from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.errors import InputFileError
from reagroove.core.groove import extract_windows
from reagroove.core.native_stderr import quiet_mpg123

# A syncopated 2-bar part, repeated: steps of 16th notes.
PART = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]


def write(path, audio, sr, **kw):
    sf.write(str(path), audio, sr, **kw)
    return path


def part_file(tmp_path, timbre="pluck", sr=44100, bpm=120.0, start=0.0, reps=2, velocities=None, offsets=None, name=None):
    steps = np.array([r * 32 + s for r in range(reps) for s in PART])
    vel = np.full(len(steps), 0.8) if velocities is None else np.resize(velocities, len(steps))
    t = grid_onsets(steps, bpm, start, offsets)
    audio = render(t, vel, timbre=timbre, sr=sr, duration_s=float(t.max()) + 1.0, seed=len(steps))
    return write(tmp_path / (name or f"{timbre}_{sr}.wav"), audio, sr), steps


def hit_steps(content):
    """16th steps hit, counted from bar 1 (the first window's start)."""
    wins = extract_windows(content)
    return {int(round((s - wins.starts[0]) * 4)) + i for s, g in zip(wins.starts, wins.grooves) for i in np.flatnonzero(g[:, 0])}, wins


@pytest.mark.parametrize("timbre", ["click", "pluck", "bass"])
@pytest.mark.parametrize("sr", [22050, 44100, 48000])
def test_onsets_land_on_the_played_steps_at_any_sample_rate(tmp_path, timbre, sr):
    path, steps = part_file(tmp_path, timbre, sr)
    content = read_audio(path, bpm=120, start=0.0)
    found, wins = hit_steps(content)
    assert found == set(steps.tolist())
    assert content.tempos == [(0.0, 120.0)] and content.time_signatures == [(0.0, 4, 4)]
    assert content.warnings == []  # nothing was estimated
    assert len(wins) == 2


def test_stereo_flac_and_8khz_mono_read_like_a_wav(tmp_path):
    path, steps = part_file(tmp_path, "pluck", 44100)
    mono, sr = sf.read(path)
    flac = write(tmp_path / "part.flac", np.stack([mono, 0.5 * mono], axis=1), sr)  # stereo
    low = tmp_path / "part_8k.wav"
    path8k, _ = part_file(tmp_path, "pluck", 8000, name=low.name)
    for p in (flac, path8k):
        found, _ = hit_steps(read_audio(p, bpm=120, start=0.0))
        assert found == set(steps.tolist()), p


def test_louder_notes_get_higher_velocities(tmp_path):
    levels = np.array([1.0, 0.5, 0.75])  # loud, soft, medium, repeating
    path, steps = part_file(tmp_path, "pluck", velocities=levels)
    content = read_audio(path, bpm=120, start=0.0)
    found = np.round(content.notes.start * 4).astype(int)
    assert len(found) >= 0.9 * len(steps) and set(found) <= set(steps.tolist())
    level = levels[np.searchsorted(steps, found) % 3]
    vel = content.notes.velocity.astype(float)
    by_level = {lv: vel[level == lv].mean() for lv in levels}
    assert by_level[1.0] > by_level[0.75] > by_level[0.5]
    assert 1 <= vel.min() and vel.max() <= 127


def test_late_notes_get_late_offsets(tmp_path):
    # Every other note a quarter of a step late (31 ms at 120 BPM): laid back.
    late = np.zeros(2 * len(PART))
    late[1::2] = 0.25
    path, _ = part_file(tmp_path, "click", offsets=late)
    wins = extract_windows(read_audio(path, bpm=120, start=0.0))
    offsets = np.concatenate([g[g[:, 0] > 0, 2] for g in wins.grooves])
    assert len(offsets) == len(late)
    shift = offsets[1::2].mean() - offsets[0::2].mean()
    assert shift == pytest.approx(0.25, abs=0.06)
    assert np.all(np.abs(offsets[0::2]) < 0.15)  # the on-grid notes stay on the grid


def test_tempo_and_first_downbeat_are_estimated_and_said(tmp_path):
    # 1.3 s of silence, then a strummed part at 100 BPM from beat 1.
    path, downbeat = _part(tmp_path, "strum", 100.0, lead_s=1.3)
    content = read_audio(path)
    assert content.bpm_estimated and content.start_estimated
    assert content.bpm == pytest.approx(100.0, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.03)
    assert any("estimated tempo" in w and "first downbeat" in w for w in content.warnings)
    wins = extract_windows(content)
    assert wins.starts[0] == pytest.approx(content.start_s * 100.0 / 60.0, abs=0.01)  # the first window starts at bar 1


def test_given_bpm_estimates_only_the_start(tmp_path):
    path, downbeat = _part(tmp_path, "keys", 90.0, lead_s=0.55)
    content = read_audio(path, bpm=90)
    assert not content.bpm_estimated and content.start_estimated
    assert content.start_s == pytest.approx(downbeat, abs=0.03)
    assert any("first downbeat" in w and "tempo" not in w for w in content.warnings)


def _part(tmp_path, kind, bpm, first_beat=1, lead_s=0.0, seed=0, seconds=16.0):
    audio, downbeat = make_part(kind, bpm, first_beat=first_beat, lead_s=lead_s, seed=seed, seconds=seconds)
    return write(tmp_path / f"{kind}_{bpm:g}.wav", audio, 22050), downbeat


@pytest.mark.parametrize("kind", ["bass", "strum", "keys", "mix"])
def test_a_part_starting_on_beat_3_gets_bar_1_where_its_pickup_resolves(tmp_path, kind):
    # A part whose first notes are beats 3 and 4 of a pickup bar: bar 1 is
    # two beats after the first note, not on it.
    path, downbeat = _part(tmp_path, kind, 100.0, first_beat=3)
    content = read_audio(path)
    assert content.bpm == pytest.approx(100.0, rel=0.02)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)
    assert content.start_s - content.onsets.times[0] == pytest.approx(1.2, abs=0.07)  # 2 beats at 100 BPM
    assert any("before bar 1" in w for w in content.warnings)  # the pickup's notes are said to be left out


def test_130_bpm_is_not_taken_as_65(tmp_path):
    # 8th notes at 130 BPM look like 16ths at 65; the bar (its chord changes and root notes) tells them apart.
    path, downbeat = _part(tmp_path, "bass", 130.0)
    content = read_audio(path)
    assert content.bpm == pytest.approx(130.0, rel=0.02)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)


@pytest.mark.parametrize(("kind", "bpm"), [("keys", 76.0), ("strum", 168.0)])
def test_slow_and_fast_parts_keep_their_tempo_octave(tmp_path, kind, bpm):
    # 16ths at 76 BPM look like 8ths at 152, 8ths at 168 like 16ths at 84:
    # where the harmony changes and how the rhythm repeats tell them apart.
    path, downbeat = _part(tmp_path, kind, bpm, first_beat=2, lead_s=2.0)
    content = read_audio(path)
    assert content.bpm == pytest.approx(bpm, rel=0.02)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)


def test_drums_start_with_the_music_after_silence(tmp_path, monkeypatch):
    import reagroove.models.commands as commands

    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    # 3.1 s of silence, then a full mix at 112 BPM from beat 1.
    path, downbeat = _part(tmp_path, "mix", 112.0, lead_s=3.1, seed=2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out), "--quiet"]) == 0
    mf = mido.MidiFile(out)
    (tempo,) = [m.tempo for t in mf.tracks for m in t if m.type == "set_tempo"]
    bpm = mido.tempo2bpm(tempo)
    assert bpm == pytest.approx(112.0, rel=0.02)
    drums = mf.tracks[1]
    ticks = np.cumsum([m.time for m in drums])
    on = [(tick, m.note) for tick, m in zip(ticks, drums) if m.type == "note_on" and m.velocity > 0]
    seconds = lambda tick: tick / mf.ticks_per_beat * 60.0 / bpm  # noqa: E731
    # The drum MIDI, dropped at 0 s beside the audio, plays from the music's bar 1 ...
    assert seconds(on[0][0]) == pytest.approx(downbeat, abs=0.07)
    # ... with its backbeat on the music's beats 2 and 4.
    first_snare = min(tick for tick, note in on if note == 38)
    assert seconds(first_snare) == pytest.approx(downbeat + 60.0 / 112.0, abs=0.07)
    # The drum file's meter starts at bar 1 too.
    (sig_tick,) = [tick for tick, m in zip(np.cumsum([m.time for m in mf.tracks[0]]), mf.tracks[0]) if m.type == "time_signature"]
    assert seconds(sig_tick) == pytest.approx(downbeat, abs=0.07)


def test_start_given_places_bar_1_there(tmp_path):
    path, steps = part_file(tmp_path, "click", bpm=120.0, start=0.75)
    content = read_audio(path, bpm=120, start=0.75)
    assert content.time_signatures == [(1.5, 4, 4)]  # bar 1 at 0.75 s = beat 1.5 of the file
    found, wins = hit_steps(content)
    assert wins.starts[0] == pytest.approx(1.5) and found == set(steps.tolist())


def _envelope_peak_memory(path):
    tracemalloc.start()
    env = onset_envelope(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return env, peak


def test_block_reader_is_seamless_and_bounds_memory(tmp_path):
    # 1 and 10 minutes at 8 kHz, written block by block; the long one decoded whole is 19 MB of float32.
    sr = 8000
    bar = render(grid_onsets(PART[:7], 120), np.full(7, 0.8), timbre="click", sr=sr, duration_s=2.0)[: 2 * sr]
    peaks = {}
    for minutes in (1, 10):
        path = tmp_path / f"long_{minutes}.wav"
        with sf.SoundFile(str(path), "w", samplerate=sr, channels=1, subtype="PCM_16") as f:
            for _ in range(minutes * 30):
                f.write(bar)
        env, peaks[minutes] = _envelope_peak_memory(path)
        assert env.duration_s == pytest.approx(minutes * 60, abs=0.01)
    # Memory does not grow with the file, apart from the envelope (16 bytes per 5 ms: all
    # bands' rise and level, the low bands' rise and level) and the tempo cues of its first
    # 3 minutes (13 float32 per 5 ms).
    growth = peaks[10] - peaks[1]
    assert growth < 9 * 60 * 200 * 16 + 2 * 60 * 200 * 13 * 4 + 2**20, f"peak grew by {growth / 2**20:.1f} MB"
    assert peaks[10] < 19 * 2**20
    # Blocks join without seams: tiny blocks give the same envelope as one big block.
    short = write(tmp_path / "short.wav", np.tile(bar, 3), sr)
    a, b = onset_envelope(short, block_frames=7), onset_envelope(short, block_frames=100_000)
    np.testing.assert_allclose(a.flux, b.flux, atol=1e-4)
    np.testing.assert_allclose(a.bass_flux, b.bass_flux, atol=1e-4)


def _corrupt_wav(tmp_path):
    path, _ = part_file(tmp_path, "click", 22050, name="ok.wav")
    data = path.read_bytes()
    bad = tmp_path / "corrupt.wav"
    bad.write_bytes(data[:12] + b"\xff" * 40 + data[52:])  # a mangled format chunk
    return bad


@pytest.mark.parametrize(
    "name, make, problem",
    [
        ("notes.wav", lambda p: p.write_text("these are my notes, not audio\n" * 20), "not a readable audio file"),
        ("empty.wav", lambda p: p.write_bytes(b""), "file is empty"),
        ("song.mp3", lambda p: p.write_bytes(b"ID3\x03\x00" + bytes(range(256)) * 8), "not a readable audio file"),
        ("cut.mp3", lambda p: p.write_bytes(b"ID3" + bytes(50)), "not a readable audio file"),
        ("silence.wav", lambda p: sf.write(str(p), np.zeros(22050 * 3), 22050), "is silent"),
        ("hiss.flac", lambda p: sf.write(str(p), 1e-4 * np.random.default_rng(0).standard_normal(88200), 44100), "is silent|no clear onsets"),
    ],
)
def test_bad_audio_gives_one_line_naming_the_file(tmp_path, capfd, name, make, problem):
    path = tmp_path / name
    make(path)
    with pytest.raises(InputFileError, match=problem) as err:
        read_audio(path, bpm=120)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert "does not exist" not in str(err.value)  # the file is there: the library's words would mislead
    capfd.readouterr()
    assert main(["groove", str(path), "--bpm", "120"]) == 2
    out = capfd.readouterr()  # file descriptor 2: what the C decoders print lands here too
    assert out.err.count("\n") == 1 and str(path) in out.err and "Traceback" not in out.err


def test_reading_an_mp3_drops_the_decoders_notes_but_keeps_other_lines(capfd):
    with quiet_mpg123():
        os.write(2, b"Note: Illegal Audio-MPEG-Header 0x00000000 at offset 6.\nNote: Trying to resync...\n")
        os.write(2, b"[src/libmpg123/id3.c:INT123_parse_new_id3():950] warning: ID3v2: unrealistic small tag\n")
        os.write(2, b"another thread's progress line\n")
        print("a Python message", file=sys.stderr)
    assert sorted(capfd.readouterr().err.splitlines()) == ["a Python message", "another thread's progress line"]
    with quiet_mpg123(active=False):
        os.write(2, b"Note: kept when not reading an MP3\n")
    assert capfd.readouterr().err == "Note: kept when not reading an MP3\n"


def test_corrupt_and_missing_audio_and_bad_tempo(tmp_path):
    bad = _corrupt_wav(tmp_path)
    with pytest.raises(AudioFileError) as err:
        read_audio(bad, bpm=120)
    assert str(bad) in str(err.value)
    with pytest.raises(AudioFileError, match="no such file"):
        read_audio(tmp_path / "gone.wav")
    ok, _ = part_file(tmp_path, "click", 22050)
    with pytest.raises(AudioFileError, match="tempo must be"):
        read_audio(ok, bpm=0)


def test_a_wav_cut_short_is_read_with_a_note_and_a_whole_one_without(tmp_path):
    whole, _ = part_file(tmp_path, "click", 22050)
    data = whole.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) * 2 // 3])  # a copy that failed part way: the header still says the full length
    full = read_audio(whole, bpm=120, start=0.0)
    short = read_audio(cut, bpm=120, start=0.0)
    assert not any("cut short" in w for w in full.warnings)
    said = [w for w in short.warnings if "cut short" in w]
    assert len(said) == 1 and f"{full.end_beat / 2:.1f} s" in said[0]  # the header's length, at 120 BPM
    assert short.end_beat < full.end_beat


def test_a_wav_cut_too_short_to_read_a_tempo_says_it_is_cut_short(tmp_path):
    """A copy that failed after its first 0.75 s: too few onsets left to tell a tempo, and the error says the
    file is cut short (the likelier cause), as the same file read with --bpm says in its note."""
    whole, _ = part_file(tmp_path, "click", 22050)
    data = whole.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: 44 + 22050 * 2 * 3 // 4])  # 0.75 s of 16-bit mono: two or three clicks
    with pytest.raises(AudioFileError, match=r"too few to tell a tempo .*; the file is cut short: its header announces"):
        read_audio(cut)


def test_reading_reports_its_progress_through_the_file(tmp_path):
    path, _ = part_file(tmp_path, "click", 22050)
    calls = []
    content = read_audio(path, bpm=120, start=0.0, progress=lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert len(calls) >= 2 and done == sorted(done)  # block by block, forward
    assert calls[-1][0] == pytest.approx(calls[-1][1]) == pytest.approx(content.end_beat / 2, abs=0.05)


def test_onsets_to_beats_follows_item_position_take_offset_and_playrate():
    # Project tempo map: 120 BPM for the first 4 s (8 beats), then 60 BPM.
    def time_to_beats(t):
        t = np.asarray(t, float)
        return np.where(t < 4.0, t * 2.0, 8.0 + (t - 4.0))

    # The item starts at 2 s; its take starts 1 s into the source and plays at double speed.
    src = np.array([1.0, 2.0, 3.0, 5.0])
    beats = onsets_to_beats(src, 2.0, 1.0, 2.0, time_to_beats)
    # Source 1 s -> project 2 s; 2 s -> 2.5 s; 3 s -> 3 s; 5 s -> 4 s.
    np.testing.assert_allclose(beats, [4.0, 5.0, 6.0, 8.0])
    # A tempo-map function that takes one number at a time (as REAPER's) works too.
    scalar = lambda t: float(time_to_beats(float(t)))  # noqa: E731
    calls = []
    np.testing.assert_allclose(onsets_to_beats(src, 2.0, 1.0, 2.0, lambda t: calls.append(t) or scalar(t)), beats)
    np.testing.assert_allclose(onsets_to_beats([0.5], 10.0, 0.0, 1.0, lambda t: np.asarray(t) * 2), [21.0])
    with pytest.raises(ValueError):
        onsets_to_beats(src, 0.0, 0.0, 0.0, time_to_beats)


def test_groove_command_prints_an_audio_file(tmp_path, capsys):
    path, _ = part_file(tmp_path, "pluck", 22050)
    assert main(["groove", str(path), "--bpm", "120", "--start", "0"]) == 0
    out = capsys.readouterr().out
    assert "120 BPM" in out and "2 windows" in out
    assert out.count("13 hits") == 2  # both windows, every note of the part


def test_drumify_command_on_a_wav_writes_drums_in_its_tempo(tmp_path, monkeypatch, capsys):
    import reagroove.models.commands as commands

    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    path, _ = part_file(tmp_path, "pluck", 44100, bpm=96.0, name="guitar.wav")
    before = path.read_bytes()
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "--bpm", "96", "-o", str(out)]) == 0
    assert path.read_bytes() == before
    mf = mido.MidiFile(out)
    tempos = [m.tempo for t in mf.tracks for m in t if m.type == "set_tempo"]
    assert tempos == [mido.bpm2tempo(96)]
    hits = [m for t in mf.tracks for m in t if m.type == "note_on" and m.velocity > 0]
    assert hits and all(m.channel == 9 for m in hits)
    text = capsys.readouterr().out
    assert "2 loops" in text and "estimated first downbeat" in text
    # A folder of parts picks up audio files too.
    assert main(["drumify", str(tmp_path), "--bpm", "96", "--start", "0", "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert (tmp_path / "out" / "guitar_drums.mid").is_file()


def test_core_audio_imports_nothing_heavy():
    code = (
        "import sys, reagroove.core.audio; "
        "bad = [m for m in ('torch', 'PySide6', 'reapy', 'librosa', 'soundfile') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
