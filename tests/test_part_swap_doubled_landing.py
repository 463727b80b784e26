"""Two parts leaving over a doubled bass line, one of them landing on the new section's downbeat (freedoom's E2M3,
bar 65): a drummer crashes there. The landing had counted the part as playing on through the section's first
2-bar window, so the change was not held and no section was heard."""

import numpy as np
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.sections import layer_sections
from reagroove.core.settings import Settings
from reagroove.core.window_notes import without_landings

LEAVE, LAST = 17, 32  # the bar two parts leave on (a phrase's first), the song's last


def eighths(bars, pitch, channel):
    return [((b - 1) * 4.0 + t / 2, pitch, 90, channel) for b in bars for t in range(8)]


def song(make_midi, name="song.mid", landing=True):
    """The bass doubled on two channels and a pad on 8ths throughout; two more parts on the same 8ths up to bar 16,
    one landing on bar 17's downbeat (the band's rhythm the same all through)."""
    every, before = range(1, LAST + 1), range(1, LEAVE)
    notes = eighths(every, 40, 0) + eighths(every, 40, 1) + eighths(every, 60, 4)
    notes += eighths(before, 67, 2) + eighths(before, 72, 3)
    notes += [((LEAVE - 1) * 4.0, 72, 90, 3)] if landing else []
    return make_midi(sorted(notes), name=name, length=0.25)


def test_parts_leaving_with_a_landing_start_a_section(make_midi):
    """A fill into bar 17, a crash on it, and the note says 5 parts to 3 (the drums had grooved through)."""
    path = song(make_midi)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, LEAVE]
    assert bar_hits(res, LEAVE - 1)[12:, TOM].any()
    assert any(f"leave in bar {LEAVE} (5 parts to 3)" in m for m in res.messages), res.messages


def test_only_a_landing_is_counted_out(make_midi):
    """The landing part is counted out of bar 17's window only; a part playing through, a part's notes past the
    window's second beat, and plain counts (audio's, no steps) are counted as they are."""
    wins = extract_windows(read_midi(song(make_midi)))
    counts = without_landings(wins.parts)
    assert counts[list(wins.bars).index(LEAVE)] == 3 and np.asarray(wins.parts)[list(wins.bars).index(LEAVE)] == 4
    assert (counts == np.asarray(wins.parts) - (np.asarray(wins.bars) == LEAVE)).all()
    plain = np.asarray(wins.parts).copy()
    assert without_landings(plain) is plain
    assert layer_sections(counts, wins.bars, [], [], 1) == {LEAVE: (5, 3)}
    clean = extract_windows(read_midi(song(make_midi, "clean.mid", landing=False)))
    assert (without_landings(clean.parts) == np.asarray(clean.parts)).all()
