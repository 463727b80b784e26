"""Live fills land as drumify's (core/live_landings.py): a fill that would land as one of the two fills heard before it
lands another drummer's way (fill_landings.vary_landings' rule), its earlier beats as drawn. Each live loop is
played on its own, so every fill of a session had landed alike: over 32 bars with --fill-every 2, 98% of the fills
landed as the one before (the floor tom on 4 and its "and"). A session that starts over forgets them."""

import numpy as np
import pytest
from test_ear_fill_landings import tom_fill

from reagroove.core import fill_runs
from reagroove.core.fill_landings import DRUMS, Landed, landing_figure, vary_landings
from reagroove.core.limbs import HANDS
from reagroove.core.live import LiveSession
from reagroove.core.live_landings import LiveLandings
from reagroove.core.settings import Settings

BPM = 110.0
# a pop bass line: 8ths on E1, then A1
POP = [(b / 2, 40 if b < 4 else 45, 100 if b % 2 == 0 else 90) for b in range(8)]


def heard_live(engine, settings, bars, regenerate="bar", clear_at=None):
    """(T, 27) steps heard, 16th by 16th, over `bars` bars of 4/4 with POP played throughout (the session cleared,
    as a new start, at the bar `clear_at`)."""
    s = LiveSession(engine, settings, regenerate=regenerate)
    s.bpm = BPM
    s.start(0.0)
    notes = sorted((4 * bar + b, p, v) for bar in range(bars) for b, p, v in POP)
    rows, i = [], 0
    for k in range(bars * 16):
        beat = k / 4
        if clear_at is not None and beat == 4 * clear_at:
            s.clear()
        while i < len(notes) and notes[i][0] <= beat + 1e-9:
            s.feed(notes[i][0], notes[i][2], pitch=notes[i][1], channel=1)
            i += 1
        s.advance(beat)
        sched = s.loop_at(beat)
        rows.append(np.zeros(27, np.float32) if sched is None else  # (cleared: nothing until the next loop)
                    sched.loop[int(round((beat - sched.window_start) * 4)) % 32])
    return np.array(rows)


def figures(rows, fill_bars):
    """The landing figure of each fill bar's last beat (the bars 1-based)."""
    return [landing_figure(rows, 16 * bar - 4, 16 * bar) for bar in fill_bars]


def as_drawn(monkeypatch):
    monkeypatch.setattr(LiveLandings, "land", lambda self, loop, *a: loop)


@pytest.mark.parametrize("regenerate", ["bar", "beat"])
def test_a_live_sessions_fills_land_unlike_the_fill_before(shipped, monkeypatch, regenerate):
    # the network's fills as drawn (fill_runs' runs, unlike the fills before already: test_live_fill_runs.py, left out)
    monkeypatch.setattr(fill_runs, "is_thin", lambda *a: False)
    fill_bars = list(range(4, 17, 4))  # --fill-every 2: bars 4, 8, 12, 16
    rows = heard_live(shipped, Settings(fill_every=2), 16, regenerate)
    landed = figures(rows, fill_bars)
    assert all((rows[16 * bar - 4:16 * bar, DRUMS] > 0.5).any() for bar in fill_bars)
    assert all(f not in landed[max(0, i - 2):i] for i, f in enumerate(landed)), [f.hex() for f in landed]
    as_drawn(monkeypatch)
    plain = heard_live(shipped, Settings(fill_every=2), 16, regenerate)
    drawn = figures(plain, fill_bars)
    assert len(set(drawn)) < len(set(landed))  # the network's own: alike (all the floor tom on 4 and its "and")
    # only the fills' last beats changed, each played by two hands, its drums climbing into the crash
    changed = np.flatnonzero((rows != plain).any(1))
    assert len(changed) and all(any(16 * bar - 4 <= t < 16 * bar for bar in fill_bars) for t in changed)
    for bar in fill_bars:
        beat = rows[16 * bar - 4:16 * bar]
        assert (np.add.reduce(beat[:, HANDS] > 0.5, 1) <= 2).all(), bar
        loudness = [float(beat[t, 9:18][DRUMS][beat[t, DRUMS] > 0.5].max()) for t in range(4)
                    if (beat[t, DRUMS] > 0.5).any()]
        assert loudness == sorted(loudness), (bar, loudness)


def test_a_session_that_starts_over_forgets_its_fills(shipped, monkeypatch):
    settings = Settings(fill_every=2)
    whole = figures(heard_live(shipped, settings, 16), [4, 8, 12])
    # cleared after bar 8: bar 12's fill is a new start's first, and lands as drawn
    again = figures(heard_live(shipped, settings, 16, clear_at=8), [4, 8, 12])
    as_drawn(monkeypatch)
    drawn = figures(heard_live(shipped, settings, 16, clear_at=8), [4, 8, 12])
    assert again[:2] == whole[:2] and whole[1] != whole[0]
    assert again[2] == drawn[2] and again[2] in again[:2]


def pair_of_fills(landings, first_window=0.0):
    """Two 4/4 tom fills alike, heard one window (8 beats) apart from `first_window`: the loops as landed."""
    fill_at = np.zeros(32, bool)
    fill_at[24:32] = True
    out = []
    for start in (first_window, first_window + 8.0):
        loop = landings.land(tom_fill(), (np.zeros(32, bool), fill_at), None, Settings(), BPM, start)
        landings.heard(loop, (np.zeros(32, bool), fill_at), None, start)
        out.append(loop)
    return out


def test_a_fill_lands_unlike_the_one_heard_before_it_not_unlike_itself():
    landings = LiveLandings()
    first, second = pair_of_fills(landings)
    assert (first == tom_fill()).all()  # nothing heard before it: as drawn
    assert landing_figure(second, 28, 32) != landing_figure(first, 28, 32)
    assert (second[:28] == first[:28]).all()  # its earlier beats as drawn
    # the same fill drawn again (a loop made a beat later, the same window): it avoids the fills before it only
    fill_at = np.zeros(32, bool)
    fill_at[24:32] = True
    again = landings.land(second.copy(), (np.zeros(32, bool), fill_at), None, Settings(), BPM, 8.0)
    assert (again == second).all()
    landings.forget()  # a new start: its first fill lands as drawn
    assert (pair_of_fills(landings, 64.0)[0] == tom_fill()).all()


def test_vary_landings_remembers_the_calls_before_where_given_them():
    fill_at = np.zeros((1, 32), bool)
    fill_at[:, 24:32] = True
    once = vary_landings(tom_fill()[None], np.arange(1), fill_at, None, Settings(), 0)
    assert (once[0] == tom_fill()).all()  # drumify's: a part's first fill lands as drawn
    before = Landed()
    calls = [vary_landings(tom_fill()[None], np.arange(1), fill_at, None, Settings(), 0, before=before)[0]
             for _ in range(3)]
    landed = [landing_figure(loop, 28, 32) for loop in calls]
    assert landed[0] == landing_figure(tom_fill(), 28, 32)
    assert all(f not in landed[max(0, i - 2):i] for i, f in enumerate(landed))
    assert before.figures[0] == landed[-2:] and before.varied[0] == 2
