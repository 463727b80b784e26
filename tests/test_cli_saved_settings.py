"""The command line's saved settings as a producer uses them: --save-settings, then --settings on a later run."""

import json
from pathlib import Path

import pytest
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.cli import main
from reagroove.core.settings import DEFAULT_VARIATIONS, Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BASS = str(EXAMPLES / "funk_bass.mid")


def drums_written(folder: Path, stem: str) -> list[str]:
    return sorted(p.name for p in folder.glob(f"{stem}*.mid"))


def test_saved_variations_play_again(stub_engine, tmp_path):  # noqa: F811
    saved = tmp_path / "my.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--variations", "3", "--save-settings", str(saved),
                 "--quiet"]) == 0
    assert drums_written(tmp_path, "a") == ["a_v1.mid", "a_v2.mid", "a_v3.mid"]
    # the file reproduces the run it was saved from: three versions again
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--quiet"]) == 0
    assert drums_written(tmp_path, "b") == ["b_v1.mid", "b_v2.mid", "b_v3.mid"]
    # and --variations given on this run wins over the saved count
    assert main(["drumify", BASS, "-o", str(tmp_path / "c.mid"), "--settings", str(saved), "--variations", "1",
                 "--quiet"]) == 0
    assert drums_written(tmp_path, "c") == ["c.mid"]


def test_a_one_version_run_saves_no_count_and_the_panels_keep_theirs(stub_engine, tmp_path):  # noqa: F811
    saved = tmp_path / "one.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--save-settings", str(saved), "--quiet"]) == 0
    # no count was chosen: the file lacks it, so the panels make their own default number of variations ...
    assert "variations" not in json.loads(saved.read_text())["settings"]
    assert Settings.load(saved).variations == DEFAULT_VARIATIONS
    # ... and drumify with it writes one version, as the run it was saved from
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--quiet"]) == 0
    assert drums_written(tmp_path, "b") == ["b.mid"]


def test_a_count_chosen_in_the_panels_is_the_count_drumify_writes(stub_engine, tmp_path):  # noqa: F811
    saved = tmp_path / "settings.json"
    Settings(variations=2).save(saved)
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--quiet"]) == 0
    assert drums_written(tmp_path, "b") == ["b_v1.mid", "b_v2.mid"]


def test_unmute_brings_back_a_group_the_settings_file_mutes(stub_engine, tmp_path):  # noqa: F811
    muted = tmp_path / "muted.json"
    Settings(voice_groups={"toms": False, "cymbals": False}).save(muted)
    out = tmp_path / "now.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--settings", str(muted), "--unmute", "toms",
                 "--save-settings", str(out), "--quiet"]) == 0
    groups = Settings.load(out).voice_groups
    assert groups["toms"] and not groups["cymbals"]  # only the group named comes back
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(muted), "--mute", "none",
                 "--save-settings", str(out), "--quiet"]) == 0
    assert all(Settings.load(out).voice_groups.values())
    assert main(["drumify", BASS, "-o", str(tmp_path / "c.mid"), "--settings", str(muted), "--unmute", "all",
                 "--save-settings", str(out), "--quiet"]) == 0
    assert all(Settings.load(out).voice_groups.values())


@pytest.mark.parametrize("args, said", [
    (["--mute", "toms", "--unmute", "toms"], "toms is given to both --mute and --unmute"),
    (["--unmute", "tom"], "--unmute: unknown voice group 'tom'"),
    (["--mute", "none,toms"], "--mute none means every group"),
    (["--mute", "all,toms"], "--mute all means every group"),
])
def test_unmute_mistakes_are_one_line(stub_engine, tmp_path, capsys, args, said):  # noqa: F811
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), *args, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1


def test_help_and_readme_list_unmute(capsys):
    with pytest.raises(SystemExit):
        main(["drumify", "--help"])
    assert "--unmute" in capsys.readouterr().out
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "--unmute" in readme


@pytest.mark.parametrize("option", ["--settings", "--save-settings", "--unmute"])
def test_an_empty_settings_option_is_refused_not_ignored(stub_engine, tmp_path, capsys, option):  # noqa: F811
    # `--settings "$S"` with S unset played the default drums (and --save-settings "$S" saved nothing), unsaid
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), option, "", "--quiet"]) == 2
    assert f"{option} is empty" in capsys.readouterr().err
    assert not (tmp_path / "a.mid").exists()


def test_max_hits_for_one_voice_keeps_the_saved_limits_of_the_others(stub_engine, tmp_path, capsys):  # noqa: F811
    from reagroove.core.loop import VOICES

    saved, now = tmp_path / "s.json", tmp_path / "t.json"
    Settings(max_hits={"closed_hat": 16}).save(saved)
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--settings", str(saved), "--max-hits", "kick=4",
                 "--save-settings", str(now), "--quiet"]) == 0
    limits = dict(zip(VOICES, Settings.load(now).max_hits))
    assert limits["kick"] == 4 and limits["closed_hat"] == 16 and limits["ride"] == 32
    # a bad value is still said in the option's words
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--max-hits", "kick=40",
                 "--quiet"]) == 2
    assert "--max-hits for kick must be from 0 to 32, got 40" in capsys.readouterr().err


def test_mute_given_twice_mutes_both_groups(stub_engine, tmp_path):  # noqa: F811
    saved = tmp_path / "s.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--mute", "kick", "--mute", "snare",
                 "--save-settings", str(saved), "--quiet"]) == 0
    groups = Settings.load(saved).voice_groups
    assert not groups["kick"] and not groups["snare"] and groups["hats"]  # kick played, unsaid, before


def test_mute_all_switches_every_group_off_as_unmute_all_switches_them_on(stub_engine, tmp_path, capsys):  # noqa: F811
    # `--mute all` was "--mute: unknown voice group 'all'", where `--unmute all` named every group
    saved = tmp_path / "s.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--mute", "all", "--save-settings", str(saved),
                 "--quiet"]) == 0
    assert not any(Settings.load(saved).voice_groups.values())
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--unmute", "all",
                 "--save-settings", str(saved), "--quiet"]) == 0
    assert all(Settings.load(saved).voice_groups.values())
    with pytest.raises(SystemExit):
        main(["drumify", "--help"])
    assert "all = every group off" in " ".join(capsys.readouterr().out.split())


def test_the_settings_saved_are_said_as_the_drums_written_are(stub_engine, tmp_path, capsys):  # noqa: F811
    # --save-settings wrote its file unsaid, where -o's drums and groove --json's file are said
    saved, out = tmp_path / "s.json", tmp_path / "a.mid"
    assert main(["drumify", BASS, "-o", str(out), "--save-settings", str(saved)]) == 0
    said = capsys.readouterr().out
    assert f"wrote {saved}: the settings used" in said and f"-> {out}" in said
    assert main(["drumify", BASS, "-o", str(out), "--save-settings", str(saved), "--quiet"]) == 0
    assert capsys.readouterr().out == ""  # --quiet: nothing
    groove = tmp_path / "g.json"
    assert main(["groove", BASS, "--json", str(groove)]) == 0
    assert f"wrote {groove}" in capsys.readouterr().out


def test_settings_are_saved_once_the_run_has_done_its_work(stub_engine, tmp_path, capsys):  # noqa: F811
    """`drumify empty.mid --save-settings s.json` said "wrote s.json: the settings used", then refused the
    file: settings saved for a run that played nothing. They are saved after the run, and not when it fails."""
    empty, saved, out = tmp_path / "empty.mid", tmp_path / "s.json", tmp_path / "a.mid"
    empty.write_bytes(b"")
    assert main(["drumify", str(empty), "-o", str(out), "--density", "0.3", "--save-settings", str(saved)]) == 2
    assert not saved.exists() and "wrote" not in capsys.readouterr().out
    assert main(["drumify", BASS, "-o", str(out), "--density", "0.3", "--save-settings", str(saved)]) == 0
    said = capsys.readouterr().out
    assert Settings.load(saved).density == 0.3
    assert said.index(f"-> {out}") < said.index(f"wrote {saved}")  # the drums, then the settings they used
