"""Review C9's confirmed bugs, each as the producer meets it."""

from reagroove.reaper_ext.kept_lines import kept_bars, kept_note
from reagroove.reaper_ext.panel.note_words import in_panel_words


def test_two_edited_drum_items_side_by_side_are_said_as_items_as_the_kept_note_counts_them():
    project = {"time_signatures": [(0.0, 4, 4)], "measure_offset": 0}
    written = {"kept_edited": [(4.0, 8.0), (8.0, 12.0)], "kept_why": [["edited"], ["edited"]], "kept_items": 2}
    assert "kept 2 items you edited" in kept_note(written)
    assert kept_bars(project, written) == ["bars 2-3 keep the drums they had: drum items there were edited by you "
                                           "(move or delete them to redrum them)"]
    one = dict(written, kept_items=1)  # one item over both bars
    assert "a drum item there was edited by you (move or delete it" in kept_bars(project, one)[0]


def test_the_half_time_tip_on_a_ruler_counting_below_bar_1_is_a_time_selection_in_the_panels():
    # a project whose ruler starts below 1 (a count-in): the breakdown's bars are said as the ruler numbers them
    tip = ("bars -2-5 drop to a loud, sparse riff (12 onsets a bar -> 6): a breakdown a drummer may play in half "
           "time, the backbeat on each bar's 3 (ask for it: --bars -2-5 --feel half, or Half time in the panels over "
           "a time selection of those bars)")
    said = in_panel_words(tip)
    assert said.endswith("(ask for it: Half time over a time selection of bars -2-5)") and "--" not in said
