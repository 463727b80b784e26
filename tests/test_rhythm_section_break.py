"""A drummer plays with the bass: where it breaks off after beat 2 of a phrase's last bar and comes back on the next
downbeat, the drums break with it (a fill in the gap) and crash on its return, though a lead plays on through the
gap (freedoom's E2M3, bar 24: both bass channels out after beat 2, a new lead in on 25; drumify had grooved
straight through, as the band's onsets never stop)."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.rhythm_breaks import rhythm_section_breaks
from reagroove.core.settings import Settings

BREAK, LAST = 8, 16  # the bar the bass breaks off in (a phrase's last), the song's last


def bass(bars, beats=4):
    """The bass on every 8th of the first `beats` beats of each bar."""
    return [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in bars for t in range(2 * beats)]


def lead(bars):
    """A lead on 1, 2& and 3 of each bar, an octave and more above the bass."""
    return [((b - 1) * 4.0 + t, 72, 90, 1) for b in bars for t in (0.0, 1.5, 2.0, 3.5)]


def song(make_midi, broken=(BREAK,), name="song.mid"):
    plays = [b for b in range(1, LAST + 1) if b not in broken]
    return make_midi(sorted(bass(plays) + bass(broken, beats=2) + lead(range(1, LAST + 1))), name=name, length=0.25)


def breaks(path):
    wins = extract_windows(read_midi(path))
    return rhythm_section_breaks(wins.bass, wins.bars, wins.meters, [], wins.starts, wins.end, 1)


def test_the_bass_breaking_off_under_a_lead_gets_a_fill_in_the_gap_and_a_crash_on_its_return(make_midi):
    """Bars 1-16 a lead plays on; the bass stops after beat 2 of bar 8 and is back on bar 9: a fill in bar 8's gap,
    a crash on 9 (the drums had played one groove from bar 1 to 16, the crash on bar 1 only)."""
    path = song(make_midi)
    assert breaks(path) == {BREAK + 1: 0}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, BREAK + 1]
    assert bar_hits(res, BREAK)[12:, TOM].any()  # the fill into it
    # said as the bass's break, not the band's (the lead plays on)
    assert f"the bass breaks off after the first half of bar {BREAK} (the band plays on) and comes back in bar " \
        f"{BREAK + 1}: a fill into it, a crash on it" in res.messages, res.messages


def test_what_is_no_rhythm_section_break(make_midi):
    """No section where the bass ends every phrase so (its figure, played through), where it breaks off off the
    song's phrases (bar 6), or beside where the whole band comes back or a marker starts a section (that one is
    the section); none without a bass."""
    assert breaks(song(make_midi, (4, 8, 12), "figure.mid")) == {}
    assert breaks(song(make_midi, (6,), "off_phrase.mid")) == {}
    wins = extract_windows(read_midi(song(make_midi)))
    assert rhythm_section_breaks(wins.bass, wins.bars, wins.meters, [BREAK + 1], wins.starts, wins.end, 1) == {}
    assert rhythm_section_breaks(None, wins.bars, wins.meters, [], wins.starts, wins.end, 1) == {}
    res = Engine(BarEndFills()).drumify(read_midi(song(make_midi, (4, 8, 12), "figure2.mid")), Settings())
    assert crash_bars(res) == [1]
