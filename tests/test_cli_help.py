"""`reagroove --help` and each command's help: what they offer, that every option says what it does, and that
listing them loads no torch, Qt or reapy."""

import json
import subprocess
import sys

import pytest
from test_cli import run_cli

from reagroove.core.cli import main


def test_help_and_version_from_the_console():
    out = run_cli("--help")
    assert out.returncode == 0
    assert "groove" in out.stdout and "data" in out.stdout
    ver = run_cli("--version")
    assert ver.returncode == 0 and ver.stdout.startswith("reagroove ")


def test_reaper_actions_offer_only_the_options_that_act_there():
    set_pattern, drumify = run_cli("reaper", "set-pattern", "--help"), run_cli("reaper", "drumify", "--help")
    assert set_pattern.returncode == drumify.returncode == 0
    assert "Save the selected item's groove" in set_pattern.stdout and "--genre" not in set_pattern.stdout
    assert "Drums for the selected MIDI" in drumify.stdout and "--genre" in drumify.stdout


def test_every_option_of_every_command_says_what_it_does():
    import argparse

    from reagroove.core.cli import build_parser

    def parsers(parser, name):
        parser.format_help()  # options added when first used (CommandParser) are there now
        yield name, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    yield from parsers(sub, f"{name} {sub_name}")

    silent = [f"{name} {'/'.join(a.option_strings)}" for name, p in parsers(build_parser(), "reagroove")
              for a in p._actions if a.option_strings and a.help is None]
    assert silent == []


def test_help_and_version_load_no_torch_qt_or_reapy():
    """`reagroove --help` lists every command, `train` included, without importing the heavy layers."""
    code = (
        "import contextlib, io, sys; from reagroove.core.cli import main\n"
        "for argv in (['--help'], ['--version'], ['drumify', '--help'], ['reaper', 'drumify', '--help'], ['panel', '--help']):\n"
        "    out = io.StringIO()\n"
        "    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
        "    print(out.getvalue())\n"
        "bad = [m for m in ('torch', 'PySide6', 'reapy', 'pyqtgraph') if m in sys.modules]\n"
        "print('heavy:', bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    for command in ("drumify", "groove", "interpolate", "live", "panel", "patterns", "reaper", "train"):
        assert f"    {command} " in result.stdout or f"    {command}\n" in result.stdout
    assert "reagroove 0" in result.stdout


def test_version_answers_without_loading_any_command():
    """`reagroove --version` is the quickest answer there is: no command's module is loaded for it (they took a
    fifth of a second)."""
    code = (
        "import contextlib, io, json, sys; from importlib import metadata; from reagroove.core.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main(['--version'])\n"
        "modules = {ep.module for ep in metadata.entry_points(group='reagroove.commands')} - {'reagroove.core.cli'}\n"
        "print(json.dumps([code, out.getvalue(), sorted(m for m in modules if m in sys.modules), len(modules)]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    code, said, loaded, n_modules = json.loads(result.stdout)
    assert code == 0 and said.startswith("reagroove ") and said.strip() == run_cli("--version").stdout.strip()
    assert n_modules > 3 and loaded == [], f"loaded for --version: {loaded}"


def test_options_added_when_a_command_is_used(capsys):
    """A command may declare its options only when it runs (train.py loads torch to declare them)."""
    import argparse

    from reagroove.core.cli import CommandParser, add_options_when_used

    parser = argparse.ArgumentParser(prog="reagroove")
    sub = parser.add_subparsers(dest="command", parser_class=CommandParser)
    declared = []
    add_options_when_used(sub.add_parser("heavy"), lambda p: declared.append(p.add_argument("--epochs", type=int)))
    sub.add_parser("light")
    assert parser.parse_args(["light"]).command == "light" and declared == []
    assert parser.parse_args(["heavy", "--epochs", "3"]).epochs == 3 and len(declared) == 1
    with pytest.raises(SystemExit):
        parser.parse_args(["heavy", "--help"])
    assert "--epochs" in capsys.readouterr().out and len(declared) == 1  # declared once


def test_train_help_lists_trains_own_options(capsys):
    with pytest.raises(SystemExit) as done:
        main(["train", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("usage: reagroove train") and "--epochs" in out and "--gmd" in out


@pytest.mark.parametrize("argv", [["panel", "--help"], ["reaper", "drumify", "--help"]])
def test_port_in_help_is_the_servers(argv, capsys):
    from reagroove.core.constants import SERVER_PORT

    with pytest.raises(SystemExit):
        main(argv)
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps help lines
    assert f"(default {SERVER_PORT})" in out and "2307" not in out
