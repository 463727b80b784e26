"""Each command's --help read by someone who just installed ReaGroove: what the command does, where it keeps what
it saves, and where a trained model goes next. Each test failed on the code before its fix."""

import argparse

import pytest

from reagroove.core.cli import build_parser, main


def _commands(parser, name):
    """(name, parser) of every command a user can run, a group's actions included ('patterns add')."""
    parser.format_help()  # options added when first used (CommandParser) are there now
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield name, parser
    for action in subs:
        for sub_name, sub in action.choices.items():
            yield from _commands(sub, f"{name} {sub_name}")


def _help(argv, capsys) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps help lines


def test_every_command_says_what_it_does_above_its_options():
    # `reagroove patterns add --help` (and list, remove) showed the usage line and the options alone
    bare = [name for name, parser in _commands(build_parser(), "reagroove") if not (parser.description or "").strip()]
    assert bare == []


@pytest.mark.parametrize("action", ["list", "add", "remove"])
def test_patterns_help_says_where_saved_patterns_are_kept(action, capsys):
    # nothing said where a saved pattern went, nor that $REAGROOVE_DATA moves it
    said = _help(["patterns", action], capsys)
    assert "patterns.json" in said and "$REAGROOVE_DATA" in said


def test_data_build_help_names_the_cache_variable_it_reads(capsys):
    # $REAGROOVE_CACHE moves the windows' cache, unsaid: the help said "the user cache folder"
    assert "$REAGROOVE_CACHE" in _help(["data", "build"], capsys)


def test_train_help_says_where_the_trained_model_goes_and_how_it_plays(capsys):
    # a newcomer who trained a model was not told that --weights plays it, nor that the shipped one stays
    said = _help(["train"], capsys)
    from reagroove.models.train_options import DEFAULT_OUT

    assert "drummer.pt" in said and DEFAULT_OUT in said and "--weights" in said.split("options:")[0]


def test_the_first_help_names_every_variable_reagroove_reads(capsys):
    # REAGROOVE_DATA, _CONFIG, _CACHE, ... were named only deep in one command's help or in the README
    import re
    from pathlib import Path

    import reagroove.core
    import reagroove.models
    import reagroove.reaper_ext

    read = set()
    for package in (reagroove.core, reagroove.models, reagroove.reaper_ext):
        for source in Path(package.__path__[0]).rglob("*.py"):
            read |= set(re.findall(r"[\"'](REAGROOVE_[A-Z_]+)[\"']", source.read_text(encoding="utf-8")))
    assert {"REAGROOVE_DATA", "REAGROOVE_GMD"} <= read  # the scan finds them where they are read
    with pytest.raises(SystemExit):
        main(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    from reagroove.reaper_ext.warm_engine import INTERNAL_ENV  # (REAPER's action to its warm engine)
    assert sorted(name for name in read if name not in said and name not in INTERNAL_ENV) == []
