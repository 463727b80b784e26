"""`reagroove train` and `evaluate` check every option before any data is read or any epoch runs, each problem
one line with exit code 2: a network size torch refuses (`--heads 0`, `--d-model 7 --heads 2`), a seed numpy
refuses, `--beta inf` (it trained and shipped weights with a validation F1 of 0), `--out` naming a file (found
after the first epoch), a dataset folder that is not there (said as 'no info.csv'), and an option that acts
only with another given without it (ignored without a word)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from helpers import one_error_line
from reagroove.core.cli import main  # noqa: E402


@pytest.mark.parametrize("given, said", [
    (["--seed", "-1"], "--seed must be a whole number from 0"),
    (["--heads", "0"], "--heads must be a whole number from 1, got 0"),
    (["--d-model", "7", "--heads", "2"], "--d-model 7 does not divide among --heads 2"),
    (["--dropout", "5"], "--dropout must be from 0 to below 1, got 5"),
    (["--beta", "inf"], "--beta must be a finite number, got inf"),
    (["--input-level", "2"], "--input-level must be from 0 to 1, got 2"),
])
def test_a_bad_option_is_one_line_before_any_data(tmp_path, capsys, monkeypatch, given, said):
    # the dataset folder is not there: an option checked after the data is looked for is said as that instead
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    code = main(["train", "--gmd", str(tmp_path / "no-gmd"), "--out", str(tmp_path / "run"), *given])
    assert said in one_error_line(capsys, code)
    assert not (tmp_path / "run").exists()


def test_out_naming_a_file_is_said_before_training_and_the_file_kept(tmp_path, capsys):
    out = tmp_path / "notes.txt"
    out.write_text("mine")
    line = one_error_line(capsys, main(["train", "--gmd", str(tmp_path / "no-gmd"), "--out", str(out)]))
    assert str(out) in line and "--out" in line and "not a folder" in line
    assert out.read_text() == "mine"


@pytest.mark.parametrize("command", [["train", "--out", "run"], ["evaluate", "--out", "eval"], ["data", "build"]])
def test_a_dataset_folder_not_there_is_said_so(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "groove-midi-v1"
    line = one_error_line(capsys, main([*command, "--gmd", str(missing)]))
    assert f"{missing}: no such folder" in line and "info.csv" in line  # where to point it: the info.csv folder


def test_a_dataset_folder_without_its_index_is_still_said_as_such(tmp_path, capsys):
    line = one_error_line(capsys, main(["train", "--gmd", str(tmp_path), "--out", str(tmp_path / "run")]))
    assert "no info.csv" in line and "no such folder" not in line


def test_band_val_without_band_songs_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    held = tmp_path / "held.txt"
    held.write_text("song1.mid\n")
    line = one_error_line(capsys, main(["train", "--gmd", str(tmp_path / "no-gmd"), "--out", str(tmp_path / "run"),
                                   "--band-val", str(held)]))
    assert "--band-val" in line and "--band FOLDER" in line


def test_band_folders_and_weights_not_there_are_said_before_the_dataset(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    gmd = tmp_path / "gmd"
    gmd.mkdir()
    (gmd / "info.csv").write_text("")  # read, it is refused as an index with no columns
    common = ["train", "--gmd", str(gmd), "--out", str(tmp_path / "run")]
    line = one_error_line(capsys, main([*common, "--band-extra", str(tmp_path / "more-songs")]))
    assert "more-songs: no such folder (--band-extra" in line
    line = one_error_line(capsys, main([*common, "--calibrate", str(tmp_path / "drummer.pt")]))
    assert "drummer.pt: no such file" in line
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(gmd), "--out", str(tmp_path / "eval"),
                                   "--band", str(tmp_path / "songs")]))
    assert "songs: no such folder (--band" in line


def test_resume_with_calibrate_is_refused_and_resume_with_nothing_to_resume_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    weights = tmp_path / "drummer.pt"
    weights.write_bytes(b"x")
    gmd = tmp_path / "gmd"
    gmd.mkdir()
    (gmd / "info.csv").write_text("")  # read, it is refused as an index with no columns
    common = ["train", "--gmd", str(gmd), "--out", str(tmp_path / "run"), "--resume"]
    assert "--resume" in one_error_line(capsys, main([*common, "--calibrate", str(weights)]))
    assert main(common) == 2  # on to reading the dataset, after a line that it starts over
    err = capsys.readouterr().err
    assert "checkpoint.pt to resume from: training from epoch 1" in err and "info.csv" in err


def test_evaluate_band_val_without_band_held_out_is_said(tmp_path, capsys):
    songs = tmp_path / "songs"
    songs.mkdir()
    held = tmp_path / "held.txt"
    held.write_text("song1.mid\n")
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(tmp_path / "no-gmd"), "--out", str(tmp_path / "eval"),
                                   "--band", str(songs), "--band-val", str(held)]))
    assert "--band-val" in line and "--band-held-out" in line
