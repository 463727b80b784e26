"""The Groove MIDI Dataset as a user may have it (an info.csv saved in a local encoding or edited by hand, splits
with no window) and the REAGROOVE_* folder variables as a shell profile may set them (a quoted '~', a wrong
folder): each is one line naming the thing and the problem, never a traceback. Each test failed on the code
before its fix."""

from __future__ import annotations

import pytest
from helpers import one_error_line
from test_dataset import fake_gmd

from reagroove.core.cli import main


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_CACHE", str(tmp_path / "cache"))  # never the user's own dataset cache
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    monkeypatch.delenv("REAGROOVE_GMD", raising=False)


def _build(gmd, tmp_path) -> list[str]:
    return ["data", "build", "--gmd", str(gmd), "--cache-dir", str(tmp_path / "cache"), "--workers", "1"]


def test_an_info_csv_not_in_utf8_is_one_line_naming_its_line(tmp_path, capsys):
    # saved from a spreadsheet in Latin-1: the decoder's UnicodeDecodeError traceback
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2)])
    index = gmd / "info.csv"
    index.write_bytes(index.read_bytes().replace(b"drummer3/s,", b"drummer3/s\xe9,", 1))
    line = one_error_line(capsys, main(_build(gmd, tmp_path)))
    assert line == (f"reagroove: error: {index}: line 2 is not UTF-8 text: save the file as UTF-8, as GMD's own "
                    "info.csv is")


def test_an_unknown_style_is_one_line_naming_it_and_its_line(tmp_path, capsys):
    # a style with no genre: KeyError: 'polka' from deep in the build, after every file had been read
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                      ("b.mid", "polka", "beat", "4-4", "train", 2)])
    line = one_error_line(capsys, main(_build(gmd, tmp_path)))
    assert line.startswith(f"reagroove: error: {gmd / 'info.csv'} line 3: unknown style 'polka' (GMD's styles are ")
    assert "funk" in line


def test_a_style_unknown_on_a_row_not_used_is_no_error(tmp_path, capsys):
    # only the 4/4 rows are cut into windows: a 3/4 row's style is never read
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                      ("b.mid", "polka", "beat", "3-4", "train", 2)])
    assert main(_build(gmd, tmp_path)) == 0, capsys.readouterr().err


@pytest.mark.parametrize("command", ["data", "train", "evaluate"])
def test_an_index_of_no_4_4_performance_is_one_line(tmp_path, capsys, command):
    # "need at least one array to concatenate", a numpy traceback, in each command that reads the dataset
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "jazz", "beat", "3-4", "train", 2)])
    args = {"data": _build(gmd, tmp_path),
            "train": ["train", "--gmd", str(gmd), "--epochs", "1", "--quiet", "--out", str(tmp_path / "run")],
            "evaluate": ["evaluate", "--gmd", str(gmd), "--quiet", "--no-plots", "--out", str(tmp_path / "eval")]}
    line = one_error_line(capsys, main(args[command]))
    assert line == (f"reagroove: error: {gmd / 'info.csv'}: lists no 4/4 performance (time_signature 4-4): the "
                    "windows are cut from those alone")


def _train_error(tmp_path, capsys, rows) -> tuple:
    """(the GMD folder of `rows`, the one line `reagroove train` on it for an epoch said)."""
    gmd = fake_gmd(tmp_path / "gmd", rows)
    return gmd, one_error_line(capsys, main(["train", "--gmd", str(gmd), "--epochs", "1", "--quiet",
                                             "--out", str(tmp_path / "run")]))


def test_training_without_training_windows_is_one_line(tmp_path, capsys):
    # a dataset of validation and test performances only: "need at least one array to stack" (bandparts.band_batch)
    gmd, line = _train_error(tmp_path, capsys, [("b.mid", "funk", "beat", "4-4", "validation", 1),
                                                ("c.mid", "rock", "beat", "4-4", "test", 1)])
    assert line.startswith(f"reagroove: error: {gmd}: no GMD training window: ") and "'train'" in line
    assert not (tmp_path / "run" / "drummer.pt").exists()


def test_training_without_validation_windows_is_one_line(tmp_path, capsys):
    # an epoch was trained, then validation's "not enough values to unpack" traceback
    gmd, line = _train_error(tmp_path, capsys, [("a.mid", "funk", "beat", "4-4", "train", 2),
                                                ("c.mid", "rock", "beat", "4-4", "test", 1)])
    assert line.startswith(f"reagroove: error: {gmd}: no GMD validation window ") and "'validation'" in line


def test_evaluating_a_split_without_windows_is_one_line(tmp_path, capsys):
    # the weights loaded, then "need at least one array to stack"
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                      ("b.mid", "funk", "beat", "4-4", "validation", 1)])
    line = one_error_line(capsys, main(["evaluate", "--gmd", str(gmd), "--quiet", "--no-plots",
                                        "--out", str(tmp_path / "eval")]))
    assert line.startswith(f"reagroove: error: {gmd}: no GMD test window ") and "'test'" in line
    assert not (tmp_path / "eval").exists()


def test_a_wrong_gmd_variable_is_said_as_the_variable(tmp_path, capsys, monkeypatch):
    # "/wrong: no such folder" sent one looking for a --gmd on the command line
    monkeypatch.setenv("REAGROOVE_GMD", str(tmp_path / "wrong"))
    line = one_error_line(capsys, main(["data", "build"]))
    assert line.startswith(f"reagroove: error: REAGROOVE_GMD={tmp_path / 'wrong'}: no such folder")
    # a --gmd given is said as itself
    line = one_error_line(capsys, main(["data", "build", "--gmd", str(tmp_path / "wrong")]))
    assert line.startswith(f"reagroove: error: {tmp_path / 'wrong'}: no such folder")


def test_a_quoted_tilde_in_the_cache_variable_is_the_home_folder(tmp_path, capsys, monkeypatch):
    # REAGROOVE_CACHE="~/cache": the windows were cached in ./~/cache, a folder named '~' wherever it ran
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2)])
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("REAGROOVE_CACHE", "~/cache")
    monkeypatch.chdir(work)
    assert main(["data", "build", "--gmd", str(gmd), "--workers", "1"]) == 0, capsys.readouterr().err
    assert list((home / "cache").glob("gmd-windows-*.npz")) and not (work / "~").exists()


@pytest.mark.parametrize("variable", ["REAGROOVE_GMD", "REAGROOVE_CACHE", None])
def test_a_tilde_of_no_such_user_is_one_line_naming_where_it_came_from(tmp_path, capsys, monkeypatch, variable):
    # '~name' of no user (a slash forgotten: "~music") raised "Could not determine home directory", a traceback
    monkeypatch.chdir(tmp_path)
    wrong = "~nosuchuser_reagroove/data"
    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2)])
    if variable is None:
        argv = ["data", "build", "--gmd", wrong]
    else:
        monkeypatch.setenv(variable, wrong)
        argv = ["data", "build", "--workers", "1"] + (["--gmd", str(gmd)] if variable == "REAGROOVE_CACHE" else [])
    line = one_error_line(capsys, main(argv))
    assert f"{variable}={wrong}" in line if variable else line.startswith(f"reagroove: error: {wrong}: no user")
    assert "nosuchuser_reagroove" in line and not list(tmp_path.glob("~*"))


def test_a_quoted_tilde_in_the_config_variable_is_the_home_folder(tmp_path, monkeypatch):
    # the panels' settings.json went to ./~/config, a different one for each folder REAPER was started in
    from reagroove.reaper_ext.panel.store import default_config_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("REAGROOVE_CONFIG", "~/config")
    assert default_config_dir() == tmp_path / "config"


def test_files_missing_from_a_dataset_are_counted_where_it_is_built_quietly(tmp_path, capsys):
    # train and evaluate build the windows quietly: a file info.csv lists but the folder lacks had gone unsaid
    from reagroove.core.dataset import load_dataset

    gmd = fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                      ("b.mid", "funk", "beat", "4-4", "validation", 1),
                                      ("c.mid", "rock", "beat", "4-4", "test", 2)])
    (gmd / "c.mid").unlink()
    ds = load_dataset(gmd, tmp_path / "cache")
    assert list(ds.counts()["test"].values())[-1] == 0 and len(ds) == 6
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"note: {gmd}: skipped 1 of the 3 4/4 MIDI files its info.csv lists, "
                                               f"missing or unreadable ({gmd / 'c.mid'}: ")
