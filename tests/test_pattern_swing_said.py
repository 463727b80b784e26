"""A swung pattern leaned on over a straight part (a shuffle's saved beat at --follow 0) swings the drums: said, as
a swung part under a straight pattern is (a first-time user had found the funk bass's drums swung with no word)."""

from pathlib import Path

from reagroove.core import read_midi
from reagroove.core.patterns import Pattern
from reagroove.core.settings import Settings
from reagroove.core.swing import PATTERN_SWING_NOTE
from reagroove.core.textroll import swung_loop

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def test_a_swung_pattern_over_a_straight_part_is_said(shipped):
    blues = shipped.drumify(read_midi(EXAMPLES / "shuffle_blues.mid"), Settings())
    assert swung_loop(blues.loops[2])
    shipped.patterns.add(Pattern("shuffle test", blues.grooves[2], blues.loops[2], "test"), save=False)
    try:  # (the shipped engine is shared: the pattern leaves it after)
        funk = read_midi(EXAMPLES / "funk_bass.mid")
        res = shipped.drumify(funk, Settings(pattern_a="shuffle test", follow=0.0))
        assert any(swung_loop(loop) for loop in res.loops)
        assert PATTERN_SWING_NOTE in res.messages, res.messages
        # the way back it offers (a review found "--swing 50" offered, which left the drums swung)
        nearer = shipped.drumify(funk, Settings(pattern_a="shuffle test", follow=0.5))
        assert PATTERN_SWING_NOTE not in nearer.messages and not any(swung_loop(loop) for loop in nearer.loops)
        assert PATTERN_SWING_NOTE not in shipped.drumify(funk, Settings()).messages
    finally:
        shipped.patterns.user.pop("shuffle test", None)
        shipped.patterns._unsaved.discard("shuffle test")
