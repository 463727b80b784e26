"""`reagroove train --calibrate WEIGHTS` trains nothing: a training or network option given with it is said to go
unused, in one line naming it (--epochs, --dropout and --mask-prob had been ignored without a word), and the weights it
reads are never written over unless --out names their folder (the default --out had replaced runs/drummer/drummer.pt)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from helpers import one_error_line
from reagroove.core.cli import main  # noqa: E402


@pytest.fixture
def trained_run(tmp_path, monkeypatch):
    """A training run's folder as `reagroove train` leaves it by default (runs/drummer under the current folder),
    the weights' bytes standing in for real ones: every refusal here comes before they are read."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    run = tmp_path / "runs" / "drummer"
    run.mkdir(parents=True)
    (run / "drummer.pt").write_bytes(b"the trained weights")
    (run / "card.json").write_text('{"weights": "drummer.pt"}\n')
    return run


@pytest.fixture
def gmd(tmp_path):
    """A GMD folder that passes the checks and is refused once read (its index has no columns): how far a run got."""
    folder = tmp_path / "gmd"
    folder.mkdir()
    (folder / "info.csv").write_text("")
    return folder


@pytest.mark.parametrize("given, named", [
    (["--epochs", "3", "--dropout", "0.2", "--mask-prob", "0.1"], ["--epochs", "--dropout", "--mask-prob"]),
    (["--d-model", "64", "--heads", "4"], ["--d-model", "--heads"]),
    (["--no-keep-best"], ["--no-keep-best"]),
    (["--epochs", "20"], ["--epochs"]),  # at its default value it is still typed, and still unused
])
def test_options_a_calibration_does_not_use_are_said_inone_error_line(trained_run, gmd, tmp_path, capsys, given, named):
    code = main(["train", "--calibrate", str(trained_run / "drummer.pt"), "--gmd", str(gmd),
                 "--out", str(tmp_path / "again"), *given])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err  # the data (an empty index here) is read after the note
    notes = [line for line in err.splitlines() if line.startswith("note: --calibrate trains nothing")]
    assert len(notes) == 1
    for option in named:
        assert option in notes[0]
    for used in ("--out", "--tiny", "--band-weight"):  # what a calibration does take is named as such
        assert f"{used} is ignored" not in notes[0] and f"{used} are ignored" not in notes[0]
    assert "info.csv" in err.splitlines()[-1]
    assert not (tmp_path / "again").exists()


def test_what_a_calibration_reads_is_not_said_to_be_ignored(trained_run, gmd, tmp_path, capsys):
    code = main(["train", "--calibrate", str(trained_run / "drummer.pt"), "--gmd", str(gmd),
                 "--out", str(tmp_path / "again"), "--tiny", "300", "--threads", "1", "--band-weight", "1",
                 "--voice-thresholds", "0", "--take-floor", "0.6", "--genre-ceiling", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "ignored" not in err and "info.csv" in err


def test_a_refused_calibration_says_one_line_only(trained_run, tmp_path, capsys):
    # the note waits for every check: a run refused on its --gmd says that alone
    line = one_error_line(capsys, main(["train", "--calibrate", str(trained_run / "drummer.pt"), "--gmd",
                                   str(tmp_path / "no-gmd"), "--out", str(tmp_path / "again"), "--epochs", "3"]))
    assert "no-gmd: no such folder" in line


def test_a_run_folder_given_to_calibrate_is_said_as_a_folder(trained_run, capsys):
    line = one_error_line(capsys, main(["train", "--calibrate", str(trained_run), "--gmd", "no-gmd"]))
    assert f"{trained_run}: a folder" in line and "drummer.pt" in line


def test_the_default_out_never_writes_over_the_weights_calibrated(trained_run, tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in trained_run.iterdir()}
    line = one_error_line(capsys, main(["train", "--calibrate", "runs/drummer/drummer.pt", "--gmd",
                                   str(tmp_path / "no-gmd")]))
    assert line.startswith("reagroove: error: runs/drummer/drummer.pt: --calibrate would write over it")
    assert "--out" in line and "no-gmd" not in line
    assert {p.name: p.read_bytes() for p in trained_run.iterdir()} == before
    # the same folder named by --out is asked for: on to the data
    line = one_error_line(capsys, main(["train", "--calibrate", "runs/drummer/drummer.pt", "--gmd",
                                   str(tmp_path / "no-gmd"), "--out", "runs/drummer"]))
    assert "no-gmd: no such folder" in line


def test_weights_elsewhere_calibrate_into_the_default_out(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "drummer.pt").write_bytes(b"weights")
    line = one_error_line(capsys, main(["train", "--calibrate", "mine/drummer.pt", "--gmd", str(tmp_path / "no-gmd")]))
    assert "no-gmd: no such folder" in line  # runs/drummer is not their folder: nothing to refuse



def test_tiny_above_the_training_windows_isone_error_line(tmp_path, capsys, monkeypatch):
    # --tiny 50 of a dataset with 4 training windows was numpy's "Cannot take a larger sample" traceback
    from test_dataset import fake_gmd

    monkeypatch.setenv("REAGROOVE_CACHE", str(tmp_path / "cache"))  # never the user's own dataset cache
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                      ("b.mid", "funk", "beat", "4-4", "validation", 1)])
    line = one_error_line(capsys, main(["train", "--gmd", str(gmd), "--tiny", "50", "--epochs", "1", "--quiet",
                                   "--out", str(tmp_path / "run")]))
    assert "--tiny 50 is more than the 4 GMD training windows" in line
    assert not (tmp_path / "run").exists()
