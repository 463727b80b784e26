"""A live take holds its windows as played through, as drumify's take does (core/live_take.py): a loop made at the
session's start reads bars the player has not reached (empty, or the first bar held there as a guess), and the take
kept that groove four loops on. funk_bass's bar 6 (a window's second bar) lacked drumify's kick on the 4's "e" live;
an off-beat bass's at 90 BPM lacked its kick on the 1's "and" (test_live_session_tempo.py)."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np

from reagroove.core.live import LiveSession
from reagroove.core.live_take import take_as_played
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BARS = 8


def heard_live(engine, notes, bpm: float, settings: Settings, bars: int) -> np.ndarray:
    """(T, 27) steps a LiveSession plays, 16th by 16th over `bars` bars, fed `notes` (beat, pitch, velocity,
    channel, end) as they come, each let go at its end."""
    s = LiveSession(engine, settings)
    s.bpm = bpm
    s.start(0.0)
    events = sorted([(b, 1, p, v, c) for b, p, v, c, _ in notes] + [(e, 0, p, 0, c) for _, p, _, c, e in notes])
    rows, i = [], 0
    for k in range(bars * 16):
        beat = k / 4
        while i < len(events) and events[i][0] <= beat + 1e-9:
            at, on, pitch, vel, chan = events[i]
            s.feed(at, vel, pitch=pitch, channel=chan) if on else s.release(at, pitch, chan)
            i += 1
        s.advance(beat)
        sched = s.loop_at(beat)
        rows.append(sched.loop[int(round((beat - sched.window_start) * 4)) % 32])
    return np.array(rows)


def bar(rows, b):
    return rows[16 * (b - 1):16 * b, :len(VOICES)] > 0.5


def test_a_live_funk_bass_plays_drumifys_second_bars(shipped, make_midi):
    song = read_midi(EXAMPLES / "funk_bass.mid")
    n = song.notes
    keep = np.flatnonzero(n.start < 4 * BARS)
    notes = [(float(n.start[k]), int(n.pitch[k]), int(n.velocity[k]), int(n.channel[k]), float(n.end[k]))
             for k in keep]
    settings = Settings(fill_every=2)  # fills end bars 4 and 8
    live = heard_live(shipped, notes, song.bpm, settings, BARS)
    part = read_midi(make_midi([nt[:4] for nt in notes], tempos=((0, song.bpm),), length=0.2))
    drumify = shipped.drumify(part, settings).loops.reshape(-1, live.shape[1])
    # the windows' second bars (bar 4's fill) and bar 7 as drumify's; bars 3 and 5 are made while the take is
    # shorter than drumify's, which holds the windows not yet played
    for b in (4, 6, 7):
        assert (bar(live, b) == bar(drumify, b)).all(), b


def session_at(now: float, entered: float | None, settled: bool = False) -> SimpleNamespace:
    """What take_as_played reads of a LiveSession: 4/4 at the origin, 2-bar windows."""
    return SimpleNamespace(now=now, origin=0.0, _entered=entered, _settled=settled,
                           strength=np.zeros(32, np.float32), _window_steps=lambda: 32)


def test_the_take_holds_the_steps_played_since_not_the_ones_guessed():
    first = np.zeros((32, 6), np.float32)
    first[2:16:4, 0] = 1.0  # bar 1's "and"s, from the 1's "and": bar 2 not reached
    full = first.copy()
    full[18::4, 0] = 1.0
    s = session_at(3.75, 0.5)
    assert (take_as_played(s, first[None]) == first).all()
    later = session_at(7.75, 0.5)
    later._take_unheard = s._take_unheard
    both = take_as_played(later, np.stack([first, full]))
    assert (both[0] == full).all() and (both[1] == full).all()
    # steps heard when the groove was made stay as heard (a bar 1 played otherwise since)
    other = full.copy()
    other[2, 0], other[0, 0] = 0.0, 1.0
    kept = take_as_played(later, np.stack([first, other]))[0]
    assert kept[2, 0] == 1.0 and kept[0, 0] == 1.0 and (kept[16:] == other[16:]).all()
    # a new start (the player's first note again) forgets the old start's grooves
    again = session_at(39.75, 36.0)
    again._take_unheard = s._take_unheard
    assert (take_as_played(again, np.stack([first, full]))[0] == first).all()


def test_a_transport_jump_back_before_the_first_note_marks_no_bar_unplayed():
    """A settled session located back before its first note: the loop made then is no start loop, and a later take
    keeps its groove as played (funk_bass jumped back at beat 6 had gained and lost hits)."""
    first = np.zeros((32, 6), np.float32)
    first[0:16:4, 0] = 1.0
    full = first.copy()
    full[16::2, 0] = 1.0
    s = session_at(1.0, 4.0, settled=True)
    take_as_played(s, first[None])
    later = session_at(9.0, 4.0, settled=True)
    later._take_unheard = s._take_unheard
    assert (take_as_played(later, np.stack([first, full]))[0] == first).all()


def test_a_groove_made_again_later_keeps_the_steps_unplayed_when_first_made():
    """Silence's plain loop made again from the same take later must not shrink what was unplayed when the groove
    was first made."""
    first = np.zeros((32, 6), np.float32)
    first[0:16:4, 0] = 1.0
    full = first.copy()
    full[16::2, 0] = 1.0
    s = session_at(3.75, 0.0)
    take_as_played(s, first[None])  # bar 2 not reached
    again = session_at(5.75, 0.0)
    again._take_unheard = s._take_unheard
    take_as_played(again, first[None])  # the same groove, its loop made again mid bar 2
    later = session_at(7.75, 0.0, settled=True)
    later._take_unheard = s._take_unheard
    assert (take_as_played(later, np.stack([first, full]))[0][16:] == full[16:]).all()
