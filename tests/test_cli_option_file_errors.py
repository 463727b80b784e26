"""An error about a file given to an option names the option: "--drum-map kit.toml: not valid TOML ..." (it had
been "kit.toml: ...", the option left to guess among --pattern-a, --pattern-b, --settings and --drum-map)."""

import json

from test_cli import _riff, stub_engine  # noqa: F401  (a fixture)

from reagroove.core.cli import main


def _error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0].removeprefix("reagroove: error: ")


def test_each_file_options_error_names_the_option(stub_engine, tmp_path, capsys):  # noqa: F811
    src = _riff(tmp_path / "bass.mid", 2)
    out = str(tmp_path / "d.mid")
    kit = tmp_path / "kit.toml"
    kit.write_text("kick = 36\nsnare =\n")
    junk = tmp_path / "junk.mid"
    junk.write_text("not midi")
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"nonsense": 1}))
    for option, path in (("--drum-map", kit), ("--pattern-a", junk), ("--pattern-b", junk), ("--settings", odd)):
        assert main(["drumify", str(src), "-o", out, option, str(path)]) == 2
        assert _error(capsys).startswith(f"{option} {path}: "), option
    assert main(["groove", str(src), "--drum-map", str(kit)]) == 2
    assert _error(capsys).startswith(f"--drum-map {kit}: not valid TOML")
    missing = tmp_path / "nothere.toml"
    assert main(["groove", str(src), f"--drum-map={missing}"]) == 2
    assert _error(capsys).startswith(f"--drum-map {missing}: ")
    # an input's own error is said as it was
    assert main(["groove", str(junk)]) == 2
    assert _error(capsys).startswith(f"{junk}: ")
    # the same file given as the input and a pattern: which one is wrong cannot be told, so no option is named
    assert main(["drumify", str(junk), "-o", str(tmp_path / "d.mid"), "--pattern-a", str(junk)]) == 2
    assert _error(capsys).startswith(f"{junk}: ")


def test_a_file_given_to_two_options_is_said_without_guessing_which(stub_engine, tmp_path, capsys):  # noqa: F811
    """`--pattern-a good.json --save-settings good.json` with good.json holding settings: the error is about the
    pattern, so naming --save-settings (the parser's first) misled; the file is said as it is."""
    good = tmp_path / "good.json"
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["drumify", str(src), "-o", str(tmp_path / "o.mid"), "--save-settings", str(good), "--quiet"]) == 0
    capsys.readouterr()
    main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--pattern-a", str(good), "--save-settings", str(good)])
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"reagroove: error: {good}: "), err


def test_a_damaged_weights_file_in_the_folder_given_names_the_option(tmp_path, capsys):
    """`--weights wd`, a folder whose drummer.pt is damaged: the error names --weights, as it does for the file given
    itself (it had been "wd/drummer.pt: not a weights file ..." alone)."""
    wd = tmp_path / "wd"
    wd.mkdir()
    (wd / "drummer.pt").write_text("x")
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["drumify", str(src), "-o", str(tmp_path / "d.mid"), "--weights", str(wd)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"reagroove: error: --weights {wd / 'drummer.pt'}: not a weights file"), err
    assert not (tmp_path / "d.mid").exists()
