"""Two leads out and two comping parts in over the same doubled bass line (freedoom's E2M3, bar 49: the leads end
on the new section's downbeat, the bass's 16ths play on): a drummer crashes there. The swap had been heard only
with the band's rhythm changing, and a lead's last note landing on the downbeat had kept it playing after it."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars
from test_sections_part_swap import swaps

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

SWAP, LAST = 17, 32  # the bar the parts swap on (a phrase's first), the song's last


def doubled_bass(bars):
    """The bass's 16ths, doubled on two channels, and a keyboard's root on each downbeat."""
    return [((b - 1) * 4.0 + i / 4, 40, 100, c) for b in bars for i in range(16) for c in (0, 1)] + \
        [((b - 1) * 4.0, 52, 80, 4) for b in bars]


def leads(bars, landing=True):
    """A lead on 8ths and one on 1, 2& and 4 of each bar, both landing on the downbeat after their last bar."""
    notes = [((b - 1) * 4.0 + t / 2, 76 + t % 3, 90, 5) for b in bars for t in range(8)]
    notes += [((b - 1) * 4.0 + t, 84, 90, 6) for b in bars for t in (0.0, 1.5, 3.0)]
    return notes + ([(max(bars) * 4.0, 76, 90, 5), (max(bars) * 4.0, 84, 90, 6)] if landing else [])


def comping(bars):
    """Two parts comping on the offbeats and on 1 and 3."""
    return [((b - 1) * 4.0 + t, 64, 80, c) for b in bars for c, ts in ((2, (0.5, 1.5, 2.5, 3.5)), (3, (0.0, 2.0)))
            for t in ts]


def song(make_midi, name="song.mid", landing=True, joined=True):
    before, after = range(1, SWAP), range(SWAP, LAST + 1)
    notes = doubled_bass(range(1, LAST + 1)) + leads(before, landing) + (comping(after) if joined else [])
    return make_midi(sorted(notes), name=name, length=0.25)


def test_two_leads_out_and_two_parts_in_over_the_same_bass_start_a_section(make_midi):
    """The leads land on bar 17's downbeat and leave as two comping parts come in: a fill into 17, a crash on it (the
    drums had grooved through from bar 1 to 32), and drumify names the parts swapped."""
    path = song(make_midi)
    assert swaps(path) == {SWAP: (2, 2)}
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, SWAP]
    assert bar_hits(res, SWAP - 1)[12:, TOM].any()
    assert any(f"bar {SWAP} (2 parts out, 2 parts in)" in m for m in res.messages), res.messages


def test_the_swap_is_heard_without_the_landing_too(make_midi):
    """Leads that end on bar 16 swap for the comping parts the same: four parts changing."""
    assert swaps(song(make_midi, "clean.mid", landing=False)) == {SWAP: (2, 2)}


def test_leads_leaving_alone_swap_nothing(make_midi):
    """The leads leaving over the bass with nothing joining is no swap (a breakdown's business), nor is a swap heard
    near another section."""
    assert swaps(song(make_midi, "leave.mid", joined=False)) == {}
    assert swaps(song(make_midi, "near.mid"), near=[SWAP - 4]) == {}
