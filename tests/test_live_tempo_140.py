"""`reagroove live` with --bpm 140, the bundled funk bass (a two-bar riff of 16ths at 96) begun from its 'a' of 4,
its 1 of bar 2, its 'e' or 'and' of 1: the drums come in at 192 (its 16ths read as 192's 8ths, 192 nearer 140
than 96) and are to come to 96 when the riff's two bars come round (live_riff_alias). From these four offsets 7 of
its 16ths repeat over 4.3 s before then (a bar of 219): the riff-repeat reader moved the clock to 219 first, which
ended the riff's check, and the follower then took the drums back to 192 for good ("following you at 219 BPM",
"following you at 193 BPM"). Stop 76's sweep of every start offset left these 4 of 32 at 192. While another
reading of the riff waits for its bars to come round, the riff-repeat reader waits too."""

import pytest
from test_live_mid_riff_start import BPM, _funk_from, followed_at_96

from reagroove.core.live_riff_alias import RiffAlias


@pytest.mark.parametrize("sixteenth", [15, 16, 17, 18])
def test_the_funk_riff_from_its_fourth_beat_comes_to_96_with_bpm_140(shipped, sixteenth):
    """By the riff's second repeat (four bars of 96 from the first note) and to the end the drums are at 96, the
    player's last two bars on the drums' 16ths, and the player told only 96 after the drums came in (never a tempo
    neither reading of the riff is)."""
    said = followed_at_96(shipped, sixteenth, 140)
    following = [s for s in said if s.startswith("following you at")]
    assert following and all(s.startswith(("following you at 95", "following you at 96", "following you at 97"))
                             for s in following), said


def test_the_riff_repeat_reader_waits_while_the_half_is_still_coming_round():
    """The riff's check, the clock at 192 from the funk riff's 'a' of 4: pending (the riff-repeat reader waits)
    until two bars of 96 have come round, then it reads 96; it never waits once it has stopped."""
    notes = _funk_from(15)
    alias = RiffAlias(notes[0][0], 4.0, half=True)
    pend, found = [], None
    for t, _, v in notes:
        found = alias.heard(t, v / 127, 192.0)
        if found is not None:
            break
        pend.append((t, alias.pending))
    assert found is not None and abs(found[0] - BPM) < 2, found
    two_bars = notes[0][0] + 2 * 4 * 60.0 / BPM
    assert all(p for t, p in pend if notes[0][0] + 4 * 60.0 / BPM <= t < two_bars - 0.2), pend
    assert not alias.pending and not alias.active
