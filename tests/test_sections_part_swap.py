"""A drummer hears a new section where the band swaps parts for others and changes its rhythm with them (freedoom's
E4M6, bar 36: the lead out, two parts in, the riff cut to bursts): counting the parts playing (3 to 4) heard
nothing there, and the change, on an even bar, lay off the song's 4-bar phrases and inside a 2-bar window."""

import numpy as np
from test_engine_song_form import CRASH, TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.part_swap_sections import part_swap_sections
from reagroove.core.settings import Settings

RIFF = "BBB.B.BBB.B.B.BB"  # the bass's figure, in 16ths, before the swap ...
CUT = "BBBBBBBBB.B....."  # ... and after it (the band's onsets move by less than an off-phrase texture change's)
SWAP, LAST = 14, 24  # the bar the parts swap on (off the 4-bar phrases from bar 1), the song's last


def bass(bars, figure):
    return [((b - 1) * 4.0 + i / 4, 40, 100, 1) for b in bars for i, c in enumerate(figure) if c == "B"]


def lead(bars):
    return [((b - 1) * 4.0 + t / 2, 72 + t % 5, 90, 0) for b in bars for t in range(8)]


def newcomers(bars):
    """A pad on beats 1 and 3 (channel 6) and a stab on each downbeat (channel 7)."""
    pad = [((b - 1) * 4.0 + t, 60, 80, 5) for b in bars for t in (0.0, 2.0)]
    return pad + [((b - 1) * 4.0, 84, 90, 6) for b in bars]


def song(make_midi, name="song.mid", figure=CUT, joined=True, lead_stays=False, thin=False):
    """The bass and a lead to bar SWAP; from it the bass on `figure`, the newcomers (joined) and the lead (lead_stays);
    thin: the newcomers play with the lead up to bar SWAP instead, and leave with it."""
    earlier, later = range(1, SWAP), range(SWAP, LAST + 1)
    notes = bass(earlier, RIFF) + lead(earlier) + bass(later, figure) + (newcomers(earlier) if thin else [])
    notes += (newcomers(later) if joined and not thin else []) + (lead(later) if lead_stays else [])
    return make_midi(sorted(notes), name=name, length=0.4)


def swaps(path, section_bars=(), near=()):
    wins = extract_windows(read_midi(path))
    return part_swap_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, list(section_bars),
                              list(near), wins.starts, wins.end)


def test_parts_swapped_with_the_rhythm_start_a_section(make_midi):
    """The lead drops out on bar 14 as a pad and a stab come in and the bass cuts its riff: a drummer fills into bar
    14 and crashes on it, and drumify says why in one line (it had played one groove from bar 1 to 24). Its versions
    (variations) hear it too."""
    path = song(make_midi)
    assert swaps(path) == {SWAP: (1, 2)}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, SWAP]
    assert bar_hits(res, SWAP - 1)[12:, TOM].any()  # the fill into it
    said = [m for m in res.messages if "swaps parts" in m]
    assert said == ["the band swaps parts in bar 14 (1 part out, 2 parts in): it starts a "
                    "new section (a fill into it, a crash on it)"], res.messages
    window = int(np.flatnonzero(res.bars == SWAP - 1)[0])  # (bars 13-14: the crash on its second bar's downbeat)
    for version in Engine(BarEndFills()).variations_of(res, Settings(), 2):
        assert version[window, 16, CRASH] > 0.5


def test_a_fill_every_4_bars_counts_from_the_swap(make_midi):
    """With a fill every 4 bars the phrases count again from bar 14: fills end bars 13, 17 and 21 and the crashes
    fall on 14, 18 and 22 (they had fallen on 13 and 17, a bar before the band's phrases)."""
    res = Engine(BarEndFills()).drumify(read_midi(song(make_midi)), Settings(fill_every=2))
    crashes = crash_bars(res)
    assert {SWAP, SWAP + 4, SWAP + 8} <= set(crashes) and not {SWAP - 1, SWAP + 3} & set(crashes), crashes
    assert all(bar_hits(res, b)[12:, TOM].any() for b in (SWAP - 1, SWAP + 3, SWAP + 7))


def test_what_is_no_swap(make_midi):
    """No section where the parts swap over the same riff (a lead handing over, the rhythm unchanged: the layer and
    texture rules' business), where parts only leave (a breakdown: played softer, no crash), where the parts join
    the lead (counted by layer_sections on the phrases), where markers give the sections, or near another section
    heard; nor where parts are not told apart (a plain count, as audio has none)."""
    assert swaps(song(make_midi, "same.mid", figure=RIFF)) == {}
    assert swaps(song(make_midi, "thin.mid", thin=True)) == {}
    assert swaps(song(make_midi, "grows.mid", lead_stays=True)) == {}
    path = song(make_midi)
    assert swaps(path, section_bars=[9]) == {} and swaps(path, near=[SWAP - 4]) == {}
    wins = extract_windows(read_midi(path))
    assert part_swap_sections(np.asarray(wins.parts), wins.grooves, wins.bass, wins.bars, wins.meters, [], [],
                              wins.starts, wins.end) == {}
    assert wins.parts[2:].steps is None and list(np.asarray(wins.parts[:2])) == [2, 2]  # a slice is a plain count
