"""Folders of band songs as a user gives them to `reagroove train` and `evaluate` (--band, --band-held-out,
$REAGROOVE_BAND, --band-val): files that are not MIDI, songs without drums, one damaged song among good ones, a
song list naming songs that are not there, a split that holds out nothing. Each is said in one line, nothing
left out unsaid. Each test failed on the code before its fix."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from helpers import one_error_line, save_events, write_band_song  # noqa: E402
from test_dataset import fake_gmd  # noqa: E402

from reagroove.core.bandset import load_band_windows  # noqa: E402
from reagroove.core.cli import main  # noqa: E402


@pytest.fixture
def gmd(tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_CACHE", str(tmp_path / "cache"))  # never the user's own dataset cache
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    monkeypatch.delenv("REAGROOVE_GMD", raising=False)
    return fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                       ("b.mid", "funk", "beat", "4-4", "validation", 1),
                                       ("c.mid", "rock", "beat", "4-4", "test", 2)])


def _songs(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        write_band_song(folder / name, seed=i)
    return folder


def _train(gmd, tmp_path, *more):
    return main(["train", "--gmd", str(gmd), "--epochs", "1", "--tiny", "4", "--quiet",
                 "--out", str(tmp_path / "run"), *more])


def test_a_folder_of_files_that_are_not_midi_is_said_as_such(gmd, tmp_path, capsys):
    # was "no 4/4 windows with drums and other parts", as if the songs had been read
    band = tmp_path / "band"
    band.mkdir()
    (band / "song.mid").write_bytes(b"not a MIDI file")
    (band / "notes.txt").write_text("the set list")
    line = one_error_line(capsys, _train(gmd, tmp_path, "--band", str(band)))
    assert line.startswith(f"reagroove: error: {band}: no 4/4 windows with drums and other parts: none of its 1 .mid "
                           "file could be read as MIDI (song.mid: ")


def test_a_folder_of_songs_without_drums_is_said_as_such(gmd, tmp_path, capsys):
    import mido

    band = tmp_path / "band"
    band.mkdir()
    bass = [(t * 240 + off, mido.Message(kind, channel=1, note=40, velocity=90 if kind == "note_on" else 0))
            for t in range(32) for off, kind in ((0, "note_on"), (100, "note_off"))]
    save_events(band / "bass_only.mid", bass, 480, 120)
    line = one_error_line(capsys, _train(gmd, tmp_path, "--band", str(band)))
    assert line.startswith(f"reagroove: error: {band}: no 4/4 windows with drums and other parts: its 1 .mid file "
                           "has no drums on channel 10")


def test_a_damaged_song_among_good_ones_is_skipped_and_said(tmp_path, capsys):
    # it had been left out without a word: a song the user counted on gone from training or the report
    band = _songs(tmp_path / "band", ["good1.mid", "good2.mid"])
    (band / "broken.mid").write_bytes(b"MThd garbage")
    bw = load_band_windows(band)
    assert sorted(f.split("/")[-1] for f in bw.files) == ["good1.mid", "good2.mid"]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"note: {band}: skipped 1 of its 3 .mid files, unreadable (broken.mid: ")
    # good songs alone: nothing said
    (band / "broken.mid").unlink()
    load_band_windows(band)
    assert capsys.readouterr().err == ""


def test_a_song_list_naming_a_song_not_there_is_one_line(gmd, tmp_path, capsys):
    # a mistyped name was ignored: the song meant to be held out was trained on, and validation flattered it
    band = _songs(tmp_path / "band", ["song_a.mid", "song_b.mid", "song_c.mid"])
    val = tmp_path / "val.txt"
    val.write_text("song_a.mid\nsong_bb.mid  # typed twice\n")
    line = one_error_line(capsys, _train(gmd, tmp_path, "--band", str(band), "--band-val", str(val)))
    assert line == (f"reagroove: error: --band-val {val}: 1 of the 2 songs it names is not in {band}: song_bb.mid (a song list "
                    "names .mid files of that folder)")
    assert not (tmp_path / "run").exists()
    # evaluate says it before the dataset is read
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(tmp_path / "no-gmd-needed-yet"), "--band-held-out",
                                        str(band), "--band-val", str(val), "--out", str(tmp_path / "eval")]))
    assert "no-gmd" in line  # (the GMD folder is checked first)
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(gmd), "--band-held-out", str(band), "--band-val",
                                        str(val), "--out", str(tmp_path / "eval")]))
    assert line.startswith(f"reagroove: error: --band-val {val}: 1 of the 2 songs it names is not in {band}: song_bb.mid")


def test_a_split_holding_out_no_song_is_said(gmd, tmp_path, capsys):
    # a few songs, none held out by the hash split: the run had no band validation, unsaid
    from reagroove.models.batches import TrainData

    band = _songs(tmp_path / "band", ["song_a.mid", "song_c.mid"])
    held = TrainData.load(gmd, band).band_val
    assert held is None or len(held) == 0  # (these names: the hash split holds out neither)
    assert capsys.readouterr().err.strip() == (f"note: no song of {band} is held out for validation (the hash split "
                                               "holds out about 15% of its songs by name): give --band-val a list "
                                               "of songs to hold out")
    # and every song held out: none trained on
    val = tmp_path / "val.txt"
    val.write_text("song_a.mid\nsong_c.mid\n")
    data = TrainData.load(gmd, band, band_val=val)
    assert data.band_train is None
    said = capsys.readouterr().err.strip()
    assert said == f"note: every song of {band} is held out for validation: none is trained on"


def test_evaluating_held_out_songs_of_which_there_are_none_is_one_line(gmd, tmp_path, capsys):
    # the report had said "F1 0.000 (rock beat 0.000)" of no song at all
    band = _songs(tmp_path / "band", ["song_a.mid", "song_c.mid"])  # (names the hash split holds out neither of)
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(gmd), "--band-held-out", str(band), "--quiet",
                                        "--no-plots", "--out", str(tmp_path / "eval")]))
    assert line.startswith(f"reagroove: error: {band}: none of its songs with windows is held out by the hash split")


def test_a_quoted_tilde_in_the_band_variable_is_the_home_folder(gmd, tmp_path, capsys, monkeypatch):
    # REAGROOVE_BAND="~/band" (quoted in a shell profile): "~/band: no such folder"
    from reagroove.models.batches import TrainData

    home = tmp_path / "home"
    _songs(home / "band", ["song_a.mid", "song_b.mid"])
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("REAGROOVE_BAND", "~/band")
    # train's checks pass it (the run then stops on an index with no columns: how far it got)
    empty = tmp_path / "empty_gmd"
    empty.mkdir()
    (empty / "info.csv").write_text("")
    line = one_error_line(capsys, main(["train", "--gmd", str(empty), "--out", str(tmp_path / "run")]))
    assert "missing columns" in line and "~" not in line
    data = TrainData.load(gmd)  # and its songs are read
    assert len(data.band_val or []) + len(data.band_train or []) > 0
