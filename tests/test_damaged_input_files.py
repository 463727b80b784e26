"""Damaged and strange input files found by fuzzing: read where the music is still there, else refused in
one line that names the damage."""

from __future__ import annotations

import struct
import warnings

import pytest
from test_midi_damaged import vl

from reagroove.core import MidiFileError, read_midi
from reagroove.core.cli import main




def track(body: bytes) -> bytes:
    body += b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + body


def smf(*tracks: bytes, hlen: int = 6) -> bytes:
    return b"MThd" + struct.pack(">IHHh", hlen, 1, len(tracks), 480) + b"".join(tracks)


def eighths(n: int = 8, pitch: int = 40) -> bytes:
    return b"".join(vl(0) + bytes([0x90, pitch, 100]) + vl(240) + bytes([0x80, pitch, 0])
                    for k in range(n))


@pytest.mark.parametrize("hlen", [2, 60000])
def test_a_damaged_header_length_keeps_the_tracks(tmp_path, hlen):
    """A header length other than 6 that lands on no chunk swallowed every track: 'file has no tracks'."""
    path = tmp_path / "part.mid"
    path.write_bytes(smf(track(eighths(8)), track(eighths(4, pitch=50)), hlen=hlen))
    before = path.read_bytes()
    content = read_midi(path)
    assert len(content.notes) == 12
    assert content.notes.start[content.notes.track == 0].tolist() == [0.5 * k for k in range(8)]
    assert any("header" in w and str(hlen) in w for w in content.warnings)
    assert path.read_bytes() == before


def test_a_track_tag_with_one_damaged_byte_is_read_as_a_track(tmp_path):
    """'MTrl' for 'MTrk' lost the track and called the file truncated ('the header announces 3 tracks, the file
    holds 2'), though every byte of it is there."""
    data = bytearray(smf(track(eighths(8)), track(eighths(4, pitch=50)), track(eighths(2, pitch=60))))
    second = data.index(b"MTrk", data.index(b"MTrk") + 4)
    data[second + 3] = ord("l")
    path = tmp_path / "part.mid"
    path.write_bytes(bytes(data))
    content = read_midi(path)
    assert sorted(set(content.notes.pitch.tolist())) == [40, 50, 60]
    assert len(content.notes) == 14
    assert any("track 2" in w and "MTrl" in w for w in content.warnings)


def test_a_tools_own_chunk_is_still_skipped(tmp_path):
    """Yamaha XF chunks (XFKM: lyrics) are not tracks: only a tag one byte off 'MTrk' is read as one."""
    xf = b"XFKM" + struct.pack(">I", 12) + b"\x00\xff\x05\x03abc\x00\xff\x2f\x00"
    data = smf(track(eighths(8)))
    path = tmp_path / "song.mid"
    path.write_bytes(data + xf)
    content = read_midi(path)
    assert len(content.notes) == 8 and not any("XFKM" in w for w in content.warnings)


def test_notes_lost_behind_a_damaged_event_are_said_as_damage(tmp_path, capsys):
    """A text event whose length runs past its track swallowed all the notes after it: the producer was told
    'file has no notes' about a file full of them."""
    path = tmp_path / "part.mid"
    path.write_bytes(smf(track(b"\x00\xff\x01\x8f\xff\xff\xff\x7f" + eighths(8))))
    with pytest.raises(MidiFileError, match="track 1 is damaged: a meta event at beat 1 runs past"):
        read_midi(path)
    assert main(["groove", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "damaged" in err and "no notes" not in err.split("damaged")[0]


def test_notes_before_a_damaged_event_are_still_read(tmp_path):
    path = tmp_path / "part.mid"
    path.write_bytes(smf(track(eighths(4) + b"\x00\xff\x01\x8f\xff\xff\xff\x7f" + eighths(8))))
    assert len(read_midi(path).notes) == 4


# ---------------------------------------------------------------- audio


def _take(tmp_path, name, audio, sr=22050):
    import soundfile as sf

    path = tmp_path / name
    sf.write(path, audio, sr, subtype="FLOAT")
    return path


def _part(sr=22050):
    import numpy as np
    from audio_synth import grid_onsets, render

    onsets = grid_onsets(np.arange(0, 128, 2), 110.0, start_s=0.5)
    return render(onsets, np.full(len(onsets), 0.8), sr=sr, timbre="pluck", seed=1, duration_s=20).astype(np.float32)


def test_nan_samples_in_a_float_take_are_read_as_silence(tmp_path):
    """A float WAV with a few NaN samples (a plug-in gone wrong) was refused: 'has no clear onsets (loudest nan
    dBFS)'; one NaN made every filter after it NaN."""
    from reagroove.core.audio import read_audio

    clean = _part()
    damaged = clean.copy()
    damaged[::7] = float("nan")
    damaged[5000:5100] = float("inf")
    path = _take(tmp_path, "take.wav", damaged)
    before = path.read_bytes()
    want = read_audio(_take(tmp_path, "clean.wav", clean), bpm=110, start=0.5)
    got = read_audio(path, bpm=110, start=0.5)
    assert path.read_bytes() == before
    assert abs(len(got.notes) - len(want.notes)) <= 2 and len(got.notes) >= 60
    assert any("not a number" in w and "NaN" in w for w in got.warnings)


def test_a_take_of_nothing_but_nan_says_so(tmp_path, capsys):
    import numpy as np

    path = _take(tmp_path, "take.wav", np.full(22050 * 5, np.nan, np.float32))
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out), "--bpm", "120"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "NaN" in err and not out.exists()


def test_nan_before_the_music_keeps_its_time(tmp_path):
    """Blocks that are all NaN before the first valid sample are silence of their length, not dropped."""
    import numpy as np

    from reagroove.core.audio import read_audio

    clean = _part()
    clean[: 22050 * 3] = 0.0
    nan = clean.copy()
    nan[: 22050 * 3] = np.nan
    want = read_audio(_take(tmp_path, "zeros.wav", clean), bpm=110, start=0.5)
    got = read_audio(_take(tmp_path, "nan.wav", nan), bpm=110, start=0.5)
    assert len(got.notes) == len(want.notes) > 40
    assert np.allclose(got.notes.start, want.notes.start, atol=0.05)



def test_impossibly_loud_float_samples_are_read_as_silence(tmp_path, capsys):
    """A float WAV with a damaged stretch of 1e30 samples overflowed the spectrum: RuntimeWarnings on stderr and
    drums thrown by the blast; a hot bounce (peaks at +20 dBFS) is read as it is."""
    from reagroove.core.audio import read_audio

    clean = _part()
    damaged = clean.copy()
    damaged[22050 * 4 : 22050 * 4 + 40] = 1e30
    want = read_audio(_take(tmp_path, "clean.wav", clean), bpm=110, start=0.5)
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = read_audio(_take(tmp_path, "take.wav", damaged), bpm=110, start=0.5)
        hot = read_audio(_take(tmp_path, "hot.wav", clean * 10), bpm=110, start=0.5)
    assert abs(len(got.notes) - len(want.notes)) <= 1
    assert any("impossibly loud" in w for w in got.warnings)
    assert len(hot.notes) == len(want.notes) and not any("impossibly" in w for w in hot.warnings)
    assert "Warning" not in capsys.readouterr().err

# ---------------------------------------------------------------- patterns and settings files


def _saved_patterns(tmp_path, monkeypatch):
    """A patterns file with one pattern saved by `patterns add`, in its own data folder."""
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    from pathlib import Path

    import reagroove.core

    part = str(Path(reagroove.core.__file__).parent / "examples" / "funk_bass.mid")
    assert main(["patterns", "add", "mine", part]) == 0
    return tmp_path / "data" / "patterns.json", part


@pytest.mark.parametrize("patterns", [7, None, True, "mine", {"name": "mine"}])
def test_a_patterns_file_whose_list_is_damaged_is_said_in_one_line(tmp_path, monkeypatch, capsys, patterns):
    """'patterns': 7 (a hand edit, a sync conflict) was a TypeError traceback at `patterns add` and at every
    start of the panel; the file is left as it was."""
    import json

    from reagroove.core.patterns import PatternStore

    path, part = _saved_patterns(tmp_path, monkeypatch)
    doc = json.loads(path.read_text())
    doc["patterns"] = patterns
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["patterns", "add", "other", part]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "patterns.json" in err and "list" in err
    assert path.read_bytes() == before
    store = PatternStore(path=path)  # the panel's: goes on without them, and says why
    assert store.damaged and "list" in store.damaged


@pytest.mark.parametrize("groove, problem", [
    ([[1, 0.5, [0]]] * 32, "32 rows of 3 numbers"),
    ([[1, 0.5, {}]] * 32, "32 rows of 3 numbers"),
    ([["", 0.5, 0]] * 32, "32 rows of 3 numbers"),
    ([[1e300, 0.5, 0]] * 32, "hits"),
])
def test_a_damaged_pattern_groove_is_said_in_the_users_terms(tmp_path, monkeypatch, capsys, groove, problem):
    """numpy's words ('setting an array element with a sequence. The requested array has an inhomogeneous
    shape...', 'could not convert string to float') and an overflow warning on stderr named nothing a user wrote."""
    import json

    path, part = _saved_patterns(tmp_path, monkeypatch)
    doc = json.loads(path.read_text())
    doc["patterns"][0]["groove"] = groove
    path.write_text(json.dumps(doc))
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning printed on stderr is a second line
        assert main(["patterns", "add", "other", part]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pattern 'mine'" in err and problem in err
    assert "numpy" not in err and "sequence" not in err and "convert" not in err


def test_a_patterns_name_that_is_not_text_is_said(tmp_path, monkeypatch, capsys):
    import json

    path, part = _saved_patterns(tmp_path, monkeypatch)
    doc = json.loads(path.read_text())
    doc["patterns"][0]["name"] = {"a": 1}
    path.write_text(json.dumps(doc))
    capsys.readouterr()
    assert main(["patterns", "add", "other", part]) == 2
    err = capsys.readouterr().err.strip()
    assert "name must be text" in err and "pattern '{" not in err


def test_huge_genre_weights_in_a_settings_file_mix_as_their_ratio(tmp_path):
    """Weights are relative: {"funk": 1e308, "rock": 1e308} (a hand edit) summed to inf and made the mix NaN,
    drumified without a word."""
    import json

    from reagroove.core.genres import GENRES
    from reagroove.core.settings import Settings

    path = tmp_path / "s.json"
    path.write_text(json.dumps({"format": "reagroove-settings", "version": 1,
                                "settings": {"genre": {"funk": 1e308, "rock": 1e308}}}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        weights = Settings.load(path).genre_weights()
    assert weights[GENRES.index("funk")] == pytest.approx(0.5) and weights[GENRES.index("rock")] == pytest.approx(0.5)
    assert sum(weights) == pytest.approx(1.0)


def test_a_damaged_track_count_is_not_said_as_only_a_cut(tmp_path):
    """One flipped byte in the header's track count (5122 for 2) was 'file is truncated' alone, though every
    track is whole: the damaged header is said too, and the tracks there are read (the same bytes as a file cut
    between tracks: test_midi_cut_boundary.py)."""
    data = bytearray(smf(track(eighths(8)), track(eighths(4, pitch=50))))
    data[10] = 0x14  # the track count's high byte: 2 -> 5122
    path = tmp_path / "part.mid"
    path.write_bytes(bytes(data))
    content = read_midi(path)
    assert len(content.notes) == 12  # every note of both tracks
    said = [w for w in content.warnings if "announces" in w]
    assert len(said) == 1 and "track count is damaged" in said[0], content.warnings
    assert "the header announces 5122 tracks, the file holds 2" in said[0], said


def test_a_file_cut_after_a_track_of_length_0xffffffff_says_which_length_runs_past_its_end(tmp_path):
    """Track 1's length 0xFFFFFFFF (read past at its end-of-track), the file cut inside track 2: 'file is truncated
    in track 2' alone named neither track 2's length past the file's end nor track 1's damaged one."""
    first, second = track(b"\x00\xff\x51\x03\x07\xa1\x20"), track(eighths(8))
    data = smf(first, second)
    data = data[:18] + b"\xff\xff\xff\xff" + data[22:-20]  # track 1's length; track 2 cut 20 bytes short
    path = tmp_path / "part.mid"
    path.write_bytes(data)
    with pytest.raises(MidiFileError) as caught:
        read_midi(path)
    assert str(caught.value) == (f"{path}: file is truncated in track 2: its length ({len(second) - 8} bytes) runs "
                                 "20 bytes past the end of the file; track 1's length (4294967295 bytes) is damaged too")
    # a header announcing 2 tracks over 1 whole one: "the file holds 1 whole ones" was said; its track is read
    path.write_bytes(smf(second)[:10] + b"\x00\x02" + smf(second)[12:])
    content = read_midi(path)
    assert len(content.notes) == 8
    assert content.warnings[0].endswith("the header announces 2 tracks, the file holds 1; track 1 is read")


def test_a_take_that_turns_to_nan_after_its_first_moment_says_why_it_has_too_few_onsets(tmp_path, capsys):
    """A float take whose samples are NaN after its first half second was 'has only 1 onset in 20.0 s: too few
    to tell a tempo', with no word of the damage that left nothing to hear."""
    import numpy as np

    take = np.full(22050 * 20, np.nan, np.float32)
    take[:11025] = _part()[:11025]
    path = _take(tmp_path, "take.wav", take)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "NaN" in err and not out.exists(), err
