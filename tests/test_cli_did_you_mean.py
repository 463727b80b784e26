"""A mistyped command, choice or option is answered with the one likely meant, in argparse's one line (exit 2)."""

import pytest

from reagroove.core.cli import main


def _refused(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.parametrize("argv, said", [
    (["drumfy", "bass.mid"], "reagroove: error: argument COMMAND: invalid choice: 'drumfy': did you mean 'drumify'? "
                             "(see 'reagroove --help')"),
    (["eval"], "invalid choice: 'eval': did you mean 'evaluate'?"),
    (["patterns", "ad", "verse", "a.mid"], "reagroove patterns: error: argument ACTION: invalid choice: 'ad': "
                                           "did you mean 'add'?"),
    (["live", "--every", "baet"], "argument --every: invalid choice: 'baet': did you mean 'beat'?"),
])
def test_a_mistyped_command_or_choice_says_what_was_meant(argv, said, capsys):
    assert said in _refused(argv, capsys)


@pytest.mark.parametrize("argv, said", [
    (["drumify", "bass.mid", "-o", "d.mid", "--densty", "0.4"],
     "reagroove drumify: error: unrecognized arguments: --densty 0.4: did you mean '--density'? "
     "(see 'reagroove drumify --help')"),
    (["drumify", "bass.mid", "-o", "d.mid", "--max_hits", "kick=4"], "did you mean '--max-hits'?"),
    (["drumify", "bass.mid", "-o", "d.mid", "--densty=0.4", "--sed", "3"],
     "did you mean '--density' for --densty, '--seed' for --sed?"),
    (["groove", "bass.mid", "--quite"], "unrecognized arguments: --quite: did you mean '--quiet'?"),
    (["--verison"], "reagroove: error: unrecognized arguments: --verison: did you mean '--version'?"),
    # the output option mistyped: said with the typo's likely meaning, not run with the drums beside the input
    (["drumify", "bass.mid", "--ouput", "d.mid"], "unrecognized arguments: --ouput d.mid: did you mean '--output'?"),
])
def test_a_mistyped_option_says_what_was_meant(argv, said, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert said in _refused(argv, capsys)
    assert not (tmp_path / "d.mid").exists()


def test_a_name_is_offered_only_where_one_is_close(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "did you mean '--seed'?" in _refused(["drumify", "bass.mid", "-o", "d.mid", "--seeds", "3"], capsys)
    for argv in (["nosuch"], ["drumify", "bass.mid", "-o", "d.mid", "--groovy", "0.5"], ["--foo"],
                 ["drumify", "bass.mid", "keys.mid"]):  # '--groovy' is near no option, nor '--foo' '--follow'
        assert "did you mean" not in _refused(argv, capsys), argv
