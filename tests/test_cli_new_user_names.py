"""A new user's first runs of the command line: the names options take (voices, groups, genres), typed as a
new user types them, and the help that tells them."""

import json

import pytest
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())  # argparse's line wrapping undone


def test_voice_names_are_read_in_any_case_as_genres_and_groups_are(stub_engine, tmp_path):
    """`--max-hits Kick=4` was "unknown voice 'Kick'" where `--genre Rock` and `--mute Toms` were read."""
    src = _riff(tmp_path / "riff.mid", 2)
    saved = tmp_path / "s.json"
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--quiet", "--max-hits", "Kick=4",
                 "--threshold", "RIDE=0.7", "--save-settings", str(saved)]) == 0
    settings = json.loads(saved.read_text())["settings"]
    assert settings["max_hits"][0] == 4 and settings["threshold"][-1] == 0.7


@pytest.mark.parametrize("option, value, said", [
    ("--genre", "rok", "--genre: unknown genre 'rok': did you mean 'rock'? (genres are: afro,"),
    ("--mute", "hat", "--mute: unknown voice group 'hat': did you mean 'hats'? (groups are: kick,"),
    ("--threshold", "kik=0.3", "--threshold: unknown voice 'kik': did you mean 'kick'? (voices are: kick,"),
    # a group named where voices are asked for: its voices, not the list of every voice
    ("--max-hits", "hats=8", "--max-hits: 'hats' is a voice group: give each of its voices, closed_hat and open_hat"),
])
def test_a_mistyped_name_says_the_one_meant(stub_engine, tmp_path, capsys, option, value, said):
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), option, value]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "d.mid").exists()


def test_help_names_the_voices_and_what_a_cap_keeps(capsys):
    """--threshold and --max-hits take VOICE=N, but no help said which voices there are."""
    drumify = _help(capsys, "drumify")
    assert "voices: kick snare closed_hat open_hat low_tom mid_tom high_tom crash ride" in drumify
    assert "kick=4 keeps the kick on 1 and 3" in drumify and "voices as --max-hits" in drumify
    # `reagroove data --help` and `data build --help` said nothing of what they do
    assert "'reagroove train' reads" in _help(capsys, "data")
    assert "magenta.tensorflow.org/datasets/groove" in _help(capsys, "data", "build")
