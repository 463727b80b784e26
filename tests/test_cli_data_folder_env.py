"""$REAGROOVE_DATA as a producer sets it: with a '~' the shell left alone (quoted in a profile), or naming a file.
Each test failed on the code before its fix."""

from conftest import build_midi

from reagroove.core.cli import main


def _part(path):
    return build_midi(path, [(b / 2, 36 + (b % 4) * 2, 90, 0) for b in range(32)])


def test_a_quoted_tilde_is_the_home_folder_not_a_folder_named_tilde(tmp_path, monkeypatch, capsys):
    # export REAGROOVE_DATA="~/music/reagroove": the pattern was saved in ./~/music/reagroove, a folder named '~'
    # in whatever folder the command ran in, and `patterns list` anywhere else did not show it
    home, work, elsewhere = tmp_path / "home", tmp_path / "work", tmp_path / "elsewhere"
    for folder in (home, work, elsewhere):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("REAGROOVE_DATA", "~/music/reagroove")
    part = _part(tmp_path / "verse.mid")
    monkeypatch.chdir(work)
    assert main(["patterns", "add", "verse", str(part)]) == 0, capsys.readouterr().err
    assert (home / "music" / "reagroove" / "patterns.json").is_file()
    assert not (work / "~").exists()
    capsys.readouterr()
    monkeypatch.chdir(elsewhere)
    assert main(["patterns", "list"]) == 0
    assert any(line.split()[0] == "verse" for line in capsys.readouterr().out.splitlines())


def test_a_data_variable_naming_a_file_is_said_not_an_empty_list(tmp_path, monkeypatch, capsys):
    # REAGROOVE_DATA pointing at a file: `patterns list` listed the built-in patterns only, the saved ones gone
    # unsaid; `patterns add` said "<file>/patterns.json: a file stands where a folder is needed"
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a folder")
    monkeypatch.setenv("REAGROOVE_DATA", str(wrong))
    for argv in (["patterns", "list"], ["patterns", "add", "verse", str(_part(tmp_path / "verse.mid"))]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert "REAGROOVE_DATA" in err and str(wrong) in err and "not a folder" in err
    assert wrong.read_text() == "not a folder"  # the file is left as it was


def test_a_saved_pattern_unread_for_a_wrong_data_variable_names_the_variable(tmp_path, monkeypatch, capsys):
    # drumify --pattern-a verse (saved earlier) said "no pattern named 'verse'", the variable unsaid
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a folder")
    monkeypatch.setenv("REAGROOVE_DATA", str(wrong))
    part = _part(tmp_path / "bass.mid")
    for argv in (["drumify", str(part), "-o", str(tmp_path / "a.mid"), "--pattern-a", "verse", "--quiet"],
                 ["interpolate", str(part), "verse", "-o", str(tmp_path / "b.mid"), "--quiet"]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "REAGROOVE_DATA" in err and str(wrong) in err
    assert not (tmp_path / "a.mid").exists() and not (tmp_path / "b.mid").exists()
    # a built-in pattern needs no saved ones: it still plays
    assert main(["drumify", str(part), "-o", str(tmp_path / "c.mid"), "--pattern-a", "rock", "--quiet"]) == 0
    assert (tmp_path / "c.mid").is_file()


def test_a_tilde_of_no_such_user_drums_and_is_said_where_patterns_are_read(tmp_path, monkeypatch, capsys):
    # REAGROOVE_DATA="~music" (a slash forgotten): expanding it raised RuntimeError, a traceback from every
    # command, a plain drumify too
    monkeypatch.setenv("REAGROOVE_DATA", "~nosuchuser_reagroove/beats")
    monkeypatch.chdir(tmp_path)
    part = _part(tmp_path / "bass.mid")
    assert main(["drumify", str(part), "-o", str(tmp_path / "a.mid"), "--quiet"]) == 0, capsys.readouterr().err
    assert (tmp_path / "a.mid").is_file()
    capsys.readouterr()
    assert main(["patterns", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "REAGROOVE_DATA" in err and "nosuchuser_reagroove" in err
    assert not (tmp_path / "~nosuchuser_reagroove").exists()
