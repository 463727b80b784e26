"""A folder or weights option given as '' (`--calibrate "$W"` with W unset): one line naming it. `train --calibrate ''`
had started a whole training run, `--band ''` trained without the band songs, `--out ''` wrote into the current
folder, each without a word."""

import pytest

pytest.importorskip("torch")

from reagroove.core.cli import main  # noqa: E402


@pytest.mark.parametrize("command, option, what", [
    (["train", "--gmd", "no-gmd", "--calibrate", ""], "--calibrate", "a file name"),
    (["train", "--gmd", "no-gmd", "--band", ""], "--band", "a folder"),
    (["train", "--gmd", "no-gmd", "--out", ""], "--out", "a folder"),
    (["train", "--gmd", ""], "--gmd", "a folder"),
    (["evaluate", "--gmd", "no-gmd", "--out", ""], "--out", "a folder"),
    (["data", "build", "--gmd", ""], "--gmd", "a folder"),
])
def test_an_empty_folder_or_weights_option_is_one_line(tmp_path, capsys, monkeypatch, command, option, what):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REAGROOVE_GMD", str(tmp_path / "gmd-from-the-environment"))  # not taken for an empty --gmd
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    code = main(command)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == [f"reagroove: error: {option} is empty (an unset shell variable?): give {what}"]
    assert list(tmp_path.iterdir()) == []
