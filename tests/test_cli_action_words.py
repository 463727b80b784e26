"""A word for an action from the shell or another tool names ours: `reagroove patterns ls` and `patterns rm verse`
were "invalid choice: 'ls' (choose from 'list', 'add', 'remove')", no name offered; and a word where a whole number
goes says so as a number does (it said "invalid int value: 'x'": a programmer's word).
"""

from __future__ import annotations

import pytest
from helpers import usage_error_line


@pytest.mark.parametrize("argv, meant", [
    (["patterns", "ls"], "list"),
    (["patterns", "rm", "verse"], "remove"),
    (["patterns", "delete", "verse"], "remove"),
    (["patterns", "save", "verse", "bass.mid"], "add"),
])
def test_another_tools_word_for_an_action_names_ours(argv, meant, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    err = usage_error_line(argv, capsys)
    assert f"invalid choice: '{argv[1]}': did you mean '{meant}'?" in err, err
    assert not (tmp_path / "data").exists()  # nothing run


@pytest.mark.parametrize("argv, said", [
    (["train", "--epochs", "ten"], "argument --epochs: 'ten' is not a whole number"),
    (["live", "--in", "a", "--out", "b", "--stop-after", "8.5"], "argument --stop-after: '8.5' is not a whole number"),
    (["drumify", "x.mid", "-o", "y.mid", "--variations", "two"], "argument --variations: 'two' is not a whole number"),
])
def test_a_word_for_a_whole_number_says_it_is_not_one(argv, said, capsys):
    err = usage_error_line(argv, capsys)
    assert said in err and "invalid int" not in err, err
