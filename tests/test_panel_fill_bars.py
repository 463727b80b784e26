"""--fill-bars and the editor's fill-bars field read bar numbers with one parser (core/settings.parse_fill_bars):
commas and/or spaces in both, a one-line error naming the control for anything else."""

import argparse

import pytest

from reagroove.core.errors import ReaGrooveError
from reagroove.core.options import add_settings_options, settings_from_args
from reagroove.core.settings import parse_fill_bars
from reagroove.reaper_ext.panel.controller import PanelController
from reagroove.reaper_ext.panel.store import PanelStore

TYPED = ["8,16,24", "8 16 24", "8, 16, 24", " 16 8,24 ", "8,,16 , 24"]


def cli_settings(text):
    p = argparse.ArgumentParser()
    add_settings_options(p)
    return settings_from_args(p.parse_args(["--fill-bars", text]))


@pytest.mark.parametrize("text", TYPED)
def test_the_cli_and_the_editor_read_the_same_bars(text, tmp_path):
    assert parse_fill_bars(text) == tuple(int(b) for b in text.replace(",", " ").split())
    assert cli_settings(text).fill_bars == (8, 16, 24)
    controller = PanelController(None, PanelStore(tmp_path))
    assert controller.set_fill_bars(text).fill_bars == (8, 16, 24)


def test_nothing_typed_is_no_fill_bars(tmp_path):
    assert parse_fill_bars("") == parse_fill_bars(" , ") == ()
    assert cli_settings("").fill_bars == ()


@pytest.mark.parametrize("text", ["8, x", "8-16", "8;16", "eight"])
def test_bad_text_is_one_line_naming_the_control(text, tmp_path):
    with pytest.raises(ReaGrooveError) as err:
        cli_settings(text)
    assert str(err.value).startswith(f"--fill-bars '{text}' is not a list of bar numbers") and "\n" not in str(err.value)
    with pytest.raises(ReaGrooveError) as err:
        PanelController(None, PanelStore(tmp_path)).set_fill_bars(text)
    assert str(err.value).startswith(f"fill bars '{text}' is not a list of bar numbers") and "\n" not in str(err.value)
