"""`reagroove live --every beat`: fill settings changed mid-bar (fill length "beat" -> "bar") still play that bar's
fill. A fill under way is kept from the loop made a beat earlier (live_bars.fill_begun), but that loop was made
without the fill there: the groove it held replaced the new fill's steps and the bar's fill was skipped. On the
shipped model, through the rig `reagroove live` assembles (tests/helpers.py)."""

from test_live_controls_fills_every_beat import BPM, FILLS, ONE, play, rows

from reagroove.core.settings import Settings


def test_a_fill_made_longer_mid_bar_is_heard_from_the_change_on(shipped):
    change = ONE + (4 * 3 + 1.1) * 60.0 / BPM  # bar 4, just after beat 2's loop was made (a beat before its fill)
    longer = Settings(fill_every=2, fill_length="bar")
    session, made = play(shipped, Settings(fill_every=2, fill_length="beat"),
                         actions=[(change, lambda p: p.session.update_settings(longer))])
    assert session.settings == longer
    began, end = session.origin + 4 * 3 + 2, session.origin + 4 * 4  # bar 4's beat 3: the first loop made after it
    fill = rows(made, began, began, end)
    assert fill[:, FILLS].sum() >= 3, "bar 4: the longer fill was replaced by the groove"
    # the loop made at beat 4 keeps the fill that began at beat 3
    assert (rows(made, began + 1, began + 1, end) == fill[4:]).all(), "bar 4, beat 4: another fill"
