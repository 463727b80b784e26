"""The genre controls say what asking for a genre now plays beyond the network's draw (core/idioms.py, clave.py,
comping.py): latin the son clave on the snare with a tumbao kick, each seed's take its own right hand; jazz the
time on the ride with the snare comping quietly; disco four on the floor. The editor's Genre mix sliders, its
Genre box and its dice, and the dock's genre sliders and Dice, had said only "weight in the genre mix" and "a new
random seed". What they say is checked against the drums in test_panel_genre_parity.py. Offscreen, on the stand-in
model (the editor) and the simulated REAPER (the dock)."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from fake_reaper import reapy_inside  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from test_dock import config  # noqa: E402,F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import TITLE, bass_song, open_dock  # noqa: E402

from reagroove.core.genres import GENRE_LABELS, GENRES  # noqa: E402

make_panel = panel_helpers.make_panel
# what a producer must learn from each genre's tooltip: (genre, words it says)
SAID = {"latin": ("clave", "snare", "tumbao", "seed", "right hand"), "jazz": ("ride", "comping", "quietly"),
        "disco": ("four on the floor",)}


def says(tip: str, words) -> bool:
    return all(word in tip for word in words)


def test_the_editors_genre_controls_say_what_latin_jazz_and_disco_play(make_panel):
    w = make_panel()
    for genre, words in SAID.items():
        assert says(w.genre_mixer.sliders[genre].toolTip(), words), genre
        item = w.genre_combo.itemData(GENRES.index(genre) + 1, Qt.ItemDataRole.ToolTipRole)
        assert w.genre_combo.itemText(GENRES.index(genre) + 1).startswith(GENRE_LABELS[genre]) and says(item, words)
    assert says(w.genre_combo.toolTip(), ("Latin", "clave", "Jazz", "ride"))
    assert "right hand" in w.seed_box.dice.toolTip() and "Latin" in w.seed_box.dice.toolTip()
    assert "clave" not in w.genre_mixer.sliders["rock"].toolTip()  # a genre the network plays alone: no rule said


def test_the_docks_genre_sliders_and_dice_say_it_too(config):  # noqa: F811
    with reapy_inside(bass_song()) as s:
        _, gui = open_dock(s, lambda args: None)
        gui.windows[TITLE].size = (420.0, 1400.0)
        s.reaper.run_deferred(2)
        tips = {w.label: w.tooltip or "" for w in gui.last_frame() if w.kind in ("slider", "button")}
        for genre, words in SAID.items():
            assert says(tips[GENRE_LABELS[genre]], words), genre
        assert "right hand" in tips["Dice"]
