"""A path given as ~/... where no shell expanded it (quoted, from a script, in a Windows console) names the home
folder. `drumify bass.mid -o "~/Desktop/drums.mid"` made a folder named ~ in the current folder, said as "made
the folder ~" (read as the home folder: the drums were not where the producer looked, and `rm -rf ~` to tidy
that folder up would delete their home), and an input "~/bass.mid" was "no such file or folder".
"""

from __future__ import annotations

import json
import shutil

import test_cli
from test_cli import _riff

from reagroove.core.cli import main
from test_installer import ROOT


stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model

def home_and_work(tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir(parents=True)
    (home / "parts").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))  # where Windows' expanduser looks
    monkeypatch.chdir(work)
    return home, work


def test_drumify_reads_and_writes_under_home_for_a_path_given_as_tilde(stub_engine, tmp_path, monkeypatch, capsys):
    home, work = home_and_work(tmp_path, monkeypatch)
    _riff(home / "parts" / "bass.mid", 2)
    assert main(["drumify", "~/parts/bass.mid", "-o", "~/Desktop/drums.mid"]) == 0
    out = capsys.readouterr().out
    assert (home / "Desktop" / "drums.mid").is_file()
    assert not (work / "~").exists() and list(work.iterdir()) == []
    assert f"made the folder {home / 'Desktop'}" in out and "made the folder ~" not in out


def test_groove_json_and_settings_go_under_home(stub_engine, tmp_path, monkeypatch):
    home, work = home_and_work(tmp_path, monkeypatch)
    shutil.copy(ROOT / "core" / "examples" / "funk_bass.mid", home / "parts" / "funk.mid")
    assert main(["groove", "~/parts/funk.mid", "--json", "~/grooves/funk.json", "--quiet"]) == 0
    assert json.loads((home / "grooves" / "funk.json").read_text())["windows"]
    assert main(["drumify", "~/parts/funk.mid", "-o", "~/drums/", "--save-settings", "~/funk_settings.json",
                 "--quiet"]) == 0
    assert (home / "drums" / "funk_drums.mid").is_file() and (home / "funk_settings.json").is_file()
    assert list(work.iterdir()) == []


def test_a_tilde_not_in_front_or_before_a_name_is_left_as_typed(stub_engine, tmp_path, monkeypatch):
    home, work = home_and_work(tmp_path, monkeypatch)
    _riff(work / "bass.mid", 2)
    assert main(["drumify", "bass.mid", "-o", "out~/drums.mid", "--quiet"]) == 0
    assert (work / "out~" / "drums.mid").is_file()
    assert main(["drumify", "bass.mid", "-o", "~takes/drums.mid", "--quiet"]) == 0  # not "the home of user takes"
    assert (work / "~takes" / "drums.mid").is_file()
