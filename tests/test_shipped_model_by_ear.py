"""Band parts a producer feeds, drummed by the shipped model and read as a drummer would (by ear)."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

VERSE = (0.0, 1.5, 2.5)  # the bass: 1, 2& and 3&
HALVES = (0.0, 2.0)  # keys: a chord on 1 and 3
EIGHTHS = tuple(i / 2 for i in range(8))
CHORD = (60, 64, 67)


def band(sections):
    """Bass (pitch 40) and keys (CHORD) notes: sections is (1-based bars, bass beats, keys beats)."""
    notes = []
    for bars, bass, keys in sections:
        for b in bars:
            o = (b - 1) * 4.0
            notes += [(o + t, 40, 100, 0) for t in bass]
            notes += [(o + t, p, 80, 0) for t in keys for p in CHORD]
    return sorted(notes)


def song32():
    """A producer's song: intro (keys alone) 1-4, verse (bass + keys) 5-12, chorus (8ths) 13-20, verse 21-26,
    one bar of the chorus (27), a stab on 28's downbeat, the verse again 29-31 and a last chord on 32."""
    return band([(range(1, 5), (), HALVES), (range(5, 13), VERSE, HALVES), (range(13, 21), EIGHTHS, EIGHTHS),
                 (range(21, 27), VERSE, HALVES), ([27], EIGHTHS, EIGHTHS), ([28, 32], (0.0,), (0.0,)),
                 (range(29, 32), VERSE, HALVES)])


def bar_hits(res, bar):
    """(16, 9) bool: the drum hits of one bar of a 4/4 result."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = (bar - int(res.bars[w])) * 16
    return res.loops[w, m:m + 16, :9] > 0.5


def test_a_held_second_verse_plays_the_first_verses_groove_despite_one_busy_bar(shipped, make_midi):
    # the second verse (21-31) has one bar of the chorus's 8ths and a stab in it: a drummer holding one
    # groove per section plays it as he played the first verse, not that one busy bar's groove throughout
    res = shipped.drumify(read_midi(make_midi(song32())), Settings(hold=True, genre={"rock": 1.0}))
    assert 21 in res.section_bars
    for a, b in ((7, 23), (8, 24), (9, 29)):
        assert (bar_hits(res, a) == bar_hits(res, b)).all(), (a, b)


def six_eight_bass(bars=8):
    """A 6/8 bass: the 1 held, the 3rd 8th, the 4th held, the 6th (a producer's folk/ballad 6/8 line)."""
    return [(b * 3.0 + t, p, 100, 0) for b in range(bars) for t, p in ((0.0, 40), (1.0, 47), (1.5, 45), (2.5, 47))]


def test_a_6_8_fill_asked_for_is_played_in_every_take(shipped, make_midi):
    # --fill-bars 4,8 on a 6/8 part: a drummer fills the last dotted beat of bars 4 and 8 (at least two
    # snare or tom strokes); the model's fill loop for 6/8 runs its toms early in the loop bar, so the fill
    # taken from the loop bar's end had been one tom stroke, or nothing (seed 1's bar 4 kept its ride)
    from reagroove.core.meter import bars_beats
    fill_voices = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
    path = make_midi(six_eight_bass(), time_signatures=((0, 6, 8),), tempos=((0, 80.0),))
    for seed in (0, 1, 2):
        res = shipped.drumify(read_midi(path), Settings(fill_bars=(4, 8), seed=seed, genre={"rock": 1.0}))
        for bar in (4, 8):
            w = int(np.flatnonzero(res.bars <= bar)[-1])
            beat = bars_beats(res.meters[w])[bar - int(res.bars[w])][-1]  # the bar's last dotted beat
            strokes = (res.loops[w, beat.start:beat.start + beat.length, fill_voices] > 0.5).sum()
            assert strokes >= 2, (seed, bar, strokes)


def arpeggio(bars=8):
    """A ballad's piano arpeggio: straight 8ths, the 1 and 3 accented (velocity 90, the rest 70)."""
    pitches = (60, 64, 67, 72, 67, 64, 60, 64)
    return [(b * 4.0 + i / 2, p, 90 if i % 4 == 0 else 70, 0) for b in range(bars) for i, p in enumerate(pitches)]


def test_an_arpeggio_in_8ths_gets_a_backbeat_not_a_snare_on_2_3_and_4(shipped, make_midi):
    # the network heard the accents on 1 and 3 as a reason for a snare on beat 3 beside the backbeat (in
    # every bar at the defaults and with --genre pop): no drummer plays 2, 3 and 4 under a ballad's arpeggio
    path = make_midi(arpeggio())
    for settings in (Settings(), Settings(genre={"pop": 1.0}), Settings(genre={"rock": 1.0})):
        res = shipped.drumify(read_midi(path), settings)
        for bar in range(1, 9):
            snare = bar_hits(res, bar)[:, VOICES.index("snare")]
            assert snare[4] and snare[12], (settings.genre, bar)
            assert not snare[8], (settings.genre, bar)


def test_a_bass_line_in_16ths_gets_hats_on_every_16th_not_all_but_one(shipped, make_midi):
    # a metal bass line in straight 16ths (accents on the beats) at 113 BPM: the network played 15 of the 16 hat
    # 16ths in every bar, skipping the last one before the snare; a drummer playing 16ths plays them all
    notes = [(b * 4 + i / 4, 40, 110 if i % 4 == 0 else 90, 0) for b in range(8) for i in range(16)]
    path = make_midi(notes, tempos=((0, 113.0),))
    res = shipped.drumify(read_midi(path), Settings())
    hat = VOICES.index("closed_hat")
    for bar in range(1, 9):
        hits = bar_hits(res, bar)
        assert hits[:, hat].all(), bar
        assert (hits[:, 1:].sum(1) <= 2).all(), bar  # still two hands at most
