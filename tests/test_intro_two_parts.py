"""An intro of two interlocking parts before the bass (core/intro_figure.py): the drums lay out until the bass comes
in with the band, as freedoom's drummers do (of its 9 songs with 2 parts or more for 4 bars or more before the bass,
none comes in where the second part joins; 4 with the bass, 3 later, 2 earlier), and the line says so truly.

A review (R13, an afrobeat guitar alone for 4 bars, a second guitar interlocking from bar 5, the bass from bar 9) read
"as drummers do under a part playing alone" over bars 5-8, where two guitars play: untrue."""

import numpy as np

from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, CRASH = 0, 7


def bar_hits(res, bar, steps_per_bar=16):
    """(steps, 9) hits of one bar of a drumify result (2-bar windows)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return np.asarray(res.loops)[w, steps_per_bar * m:steps_per_bar * (m + 1), :N_VOICES] > 0.5


def guitars_then_bass():
    """Guitar 1's chops on the off 16ths from bar 1 (channel 1), guitar 2's single-note line between them from bar 5
    (channel 3), a bass ostinato from bar 9 to 16 (channel 2), 110 BPM."""
    notes = []
    for bar in range(16):
        t0 = bar * 4.0
        notes += [(t0 + s / 4, p, 90 if s % 4 == 2 else 70, 0, 0)
                  for s in range(16) if s % 2 or s in (2, 10) for p in (62, 65, 69)]
        if bar >= 4:
            notes += [(t0 + s / 4, p, 85, 2, 1) for s, p in ((0, 62), (3, 64), (6, 62), (8, 69), (11, 67), (14, 64))]
        if bar >= 8:
            notes += [(t0 + s / 4, p, v, 1, 2) for s, p, v in ((0, 38, 105), (3, 38, 90), (6, 45, 100), (8, 43, 95),
                                                                (11, 45, 88), (13, 41, 92), (14, 43, 95))]
    return sorted(notes)


def test_two_guitars_before_the_bass_the_drums_lay_out_and_the_line_says_why_truly(shipped, make_midi):
    """The drums lay out through bars 1-8 (at most a fill in bars 7-8), with the crash and kick on the bass's bar 9;
    the intro's line says drummers wait for the bass, under one part or several, not "under a part playing
    alone" (two guitars play in bars 5-8)."""
    path = make_midi(guitars_then_bass(), tempos=((0, 110.0),))
    res = shipped.drumify(read_midi(path), Settings())
    assert not any(bar_hits(res, b).any() for b in range(1, 7)), [int(bar_hits(res, b).sum()) for b in range(1, 9)]
    assert bar_hits(res, 9)[0, CRASH] and bar_hits(res, 9)[0, KICK]
    line = [m for m in res.messages if "lay out through the intro" in m]
    assert len(line) == 1, res.messages
    assert "wait for the bass" in line[0] and "one part or several" in line[0], line[0]
    assert "a part playing alone" not in line[0], line[0]


def test_the_line_said_without_an_intro_line_says_the_same():
    """intro_said (the line where no intro line says it) gives the same reason as the intro's line."""
    from reagroove.core.form_notes import LAID_OUT
    from reagroove.core.intro_figure import LAID_OUT_WHY, intro_said

    said = intro_said(np.ones(1, bool))
    assert len(said) == 1 and LAID_OUT_WHY in said[0] and LAID_OUT_WHY in LAID_OUT
    assert "a part playing alone" not in said[0] + LAID_OUT
    assert intro_said(None) == []
