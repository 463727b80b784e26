"""The editor asked for a genre in its controls plays what `reagroove drumify --genre ...` writes for the same
settings, note for note, on the shipped model: latin's son clave on the snare and each seed's take its own right
hand (the dice's seed too), jazz's time on the ride, disco's four on the floor in half time. What the genre
controls' tooltips say of them (panel/genre_notes.py) is read in the editor's drums here."""

from __future__ import annotations

import random

import pytest
from test_panel_drumify_parity import EXAMPLES, cli_on_shipped, drum_notes, editor_drums  # noqa: F401

from reagroove.core.settings import Settings
from reagroove.reaper_ext.panel.controller import PanelController
from reagroove.reaper_ext.panel.store import PanelStore

FUNK_BASS = EXAMPLES / "funk_bass.mid"
SNARE, RIDE, CLOSED_HAT = 38, 51, 42
TWO_THREE = (4, 8, 16, 22, 28)  # the son clave's 16ths over 2 bars, its 2 side first (funk_bass plays that side)
SETTINGS = {  # as typed on the command line, and as the editor's controls set them
    "latin": (["--genre", "latin"], Settings(genre={"latin": 1.0})),
    "latin, seed 1": (["--genre", "latin", "--seed", "1"], Settings(genre={"latin": 1.0}, seed=1)),
    "latin, seed 2": (["--genre", "latin", "--seed", "2"], Settings(genre={"latin": 1.0}, seed=2)),
    "jazz": (["--genre", "jazz"], Settings(genre={"jazz": 1.0})),
    "disco in half time": (["--genre", "disco", "--feel", "half"], Settings(genre={"disco": 1.0}, feel="half")),
}


def editor(shipped, tmp_path, settings: Settings, name: str = "editor.mid"):
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    return drum_notes(editor_drums(controller, FUNK_BASS, settings, tmp_path / name))


@pytest.mark.parametrize("label", list(SETTINGS))
def test_the_editor_plays_a_genre_as_drumify_does(shipped, cli_on_shipped, tmp_path, label):  # noqa: F811
    options, settings = SETTINGS[label]
    written = drum_notes(cli_on_shipped(FUNK_BASS, options, tmp_path / "cli.mid"))
    shown = editor(shipped, tmp_path, settings)
    assert written and written == shown, (f"{label}: only drumify writes {sorted(set(written) - set(shown))[:6]}; "
                                          f"only the editor plays {sorted(set(shown) - set(written))[:6]}")


def right_hand(notes) -> tuple:
    """The ride's and the closed hat's 16ths, bar by bar pairs, as the roll shows them."""
    return tuple(sorted((pitch, round(beat * 4)) for beat, pitch, _ in notes if pitch in (RIDE, CLOSED_HAT)))


def test_latin_in_the_editor_plays_the_clave_and_the_dice_give_each_take_its_right_hand(shipped, tmp_path):
    takes = {seed: editor(shipped, tmp_path, Settings(genre={"latin": 1.0}, seed=seed), f"{seed}.mid")
             for seed in (0, 1, 2)}
    for seed, notes in takes.items():  # the 2-3 clave on the rim (37) in every 2 bars (a phrase's fill aside)
        snares = {round(beat * 4) % 32 for beat, pitch, _ in notes if pitch in (SNARE, 37)}
        assert set(TWO_THREE) <= snares, seed
    assert len({right_hand(notes) for notes in takes.values()}) == 3  # the hats, the cascara, the ride
    controller = PanelController(shipped, PanelStore(tmp_path / "dice"))
    controller.update(genre={"latin": 1.0})
    diced = controller.new_seed(random.Random(3)).seed  # the dice's seed plays that seed's take
    assert diced not in takes and editor(shipped, tmp_path, controller.settings, "dice.mid") == editor(
        shipped, tmp_path, Settings(genre={"latin": 1.0}, seed=diced), "typed.mid")
