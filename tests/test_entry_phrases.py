"""A drummer counts a band's phrases from where its parts come in, not from a lone part's first note: a bass alone
for 2 bars, then the band on bar 3, every change on bar 3 mod 8 (freedoom's d_dm10: its new riffs on bars 35 and 83
had been refused off the phrases counted from bar 1, 114 bars with one crash)."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.entry_phrases import entry_phrase_start
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings

E, C = 40, 36  # the bass's roots (E2, C2)


def bass(bars, root):
    """The bass on 1, 1&, 2&, 3 and 4 of each listed bar (1-based): the same rhythm whatever the root."""
    return [((b - 1) * 4.0 + t, root, 100, 0) for b in bars for t in (0.0, 0.5, 1.5, 2.0, 3.0)]


def chords(bars, channel, pitches, times):
    return [((b - 1) * 4.0 + t, p, 90, channel) for b in bars for t in times for p in pitches]


def band(pad_from=3, lead_from=11, guitar_from=19, last=58):
    """Bass alone bars 1-2 on E; a pad's chords on the beat from `pad_from`, a lead's 8ths from `lead_from`, a
    guitar's stabs on 1 and 3 from `guitar_from` (None: none); the bass moves to C on bar 35 and back to E on 51, its
    rhythm unchanged."""
    roots = [n for b in range(1, last + 1) for n in bass([b], C if 35 <= b < 51 else E)]
    guitar = [] if guitar_from is None else chords(range(guitar_from, last + 1), 3, (59, 64), (0.0, 2.0))
    return sorted(roots + chords(range(pad_from, last + 1), 1, (64, 67, 71), (0.0, 1.0, 2.0, 3.0))
                  + chords(range(lead_from, last + 1), 2, (76,), [k / 2 for k in range(8)]) + guitar)


def test_the_band_counts_its_phrases_from_where_its_parts_come_in(make_midi):
    """The parts come in on bars 3, 11 and 19 and the riff changes on 35 and 51 (bar 3 mod 8): a drummer fills into
    each new riff and crashes on it, and says so (the drums had played one groove through both, their phrases
    counted from the lone bass's bar 1)."""
    path = make_midi(band(), length=0.4)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    crashes = crash_bars(res)
    assert 35 in crashes and 51 in crashes, crashes
    assert bar_hits(res, 34)[12:, TOM].any() and bar_hits(res, 50)[12:, TOM].any()
    assert any("the band changes what it plays in bars 35, 51" in m for m in res.messages), res.messages


def entry(make_midi, name, **parts):
    wins = extract_windows(read_midi(make_midi(band(**parts), name=name, length=0.4)))
    return entry_phrase_start(wins.parts, wins.bars, wins.meters, 1, wins.starts, wins.end)


def test_parts_coming_in_on_the_first_phrases_grid_keep_it(make_midi):
    """A band whose parts come in on bar 1's phrases (5, 9, 13) counts from bar 1 as before, as does one whose
    entries split over the bars (3, 6, 9) or are too few to count (3 and 11: a lead joining off the phrases is the
    band's figure, played through); the parts on 3, 11 and 19 count from bar 3."""
    assert entry(make_midi, "on.mid", pad_from=5, lead_from=9, guitar_from=13) is None
    assert entry(make_midi, "split.mid", lead_from=6, guitar_from=9) is None
    assert entry(make_midi, "few.mid", guitar_from=None) is None
    assert entry(make_midi, "off.mid") == 3
