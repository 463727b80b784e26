"""`groove --json out/` and `--save-settings out/` name a folder: they wrote a file named 'out' (no folder, no
.json), said as written. Now one line naming the path and the option, before anything is read or written."""

import pytest
from helpers import one_error_line
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


@pytest.mark.parametrize("existing", [False, True])
def test_groove_json_naming_a_folder_is_refused(tmp_path, capsys, existing):
    src = str(_riff(tmp_path / "riff.mid", 4))
    folder = tmp_path / "grooves"
    if existing:
        folder.mkdir()
    line = one_error_line(capsys, main(["groove", src, "--json", f"{folder}/", "--quiet"]))
    # a folder there is said by the check that it can be written; one to be made, as a folder named
    said = f"{folder}: is a folder, not a file" if existing else f"{folder}/: names a folder: give --json a .json file"
    assert said in line
    assert folder.is_dir() == existing and list(tmp_path.iterdir()) == [tmp_path / "riff.mid"] + [folder] * existing


@pytest.mark.parametrize("existing", [False, True])
def test_save_settings_naming_a_folder_is_refused_before_the_drums(stub_engine, tmp_path, capsys, existing):
    src = str(_riff(tmp_path / "riff.mid", 4))
    folder = tmp_path / "presets"
    if existing:
        folder.mkdir()
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "drums.mid"), "--save-settings",
                                   f"{folder}/", "--quiet"]))
    assert f"{folder}/: names a folder: give --save-settings a .json file" in line
    assert not (tmp_path / "drums.mid").exists() and folder.is_dir() == existing
    assert not (tmp_path / "presets").is_file()


def test_a_json_file_is_still_written(tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["groove", src, "--json", str(tmp_path / "g.json"), "--quiet"]) == 0
    assert (tmp_path / "g.json").read_text().startswith("{")
