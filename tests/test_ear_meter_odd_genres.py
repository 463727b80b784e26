"""Every genre over a 5/4 and a 7/8 part, read as a drummer reads it: the time on the pulse, the kick on each group's
start, the backbeat on the groups' second beat, ghost notes soft, no rolls, at most two hands.

Asked for a genre over these meters, the loop's snare figure had played as meter.py laid it: `--genre funk` over a
5/4 part its ghost notes on the "e"s at 0.5-0.6 against a 0.9 backbeat (funk's drummers: 0.44 of it), `--genre
latin` over 5/4 and 7/8 its samba figure as runs of three medium 16ths (the left hand rolling under the time),
`--genre disco` over 5/4 no four on the floor ("X--x ---- ---- X--x x---")."""

from __future__ import annotations

import numpy as np
import pytest
from test_ear_reggae_fills import five_four  # noqa: F401 (a fixture: 8 bars of a 5/4 part)

from reagroove.core.genre_ghosts import GHOST_SHARES
from reagroove.core.limbs import BUSY_SNARE, HANDS_FROM, MAX_HANDS
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.meter import bars_beats, beat_groups
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
GENRES = ["afro", "disco", "funk", "hiphop", "jazz", "latin", "pop", "rock"]
BACKBEAT_GENRES = {"disco", "funk", "hiphop", "pop", "rock"}  # (afro's figure, latin's and jazz's: no backbeat)
ROLL = 3  # snare 16ths in a row: a roll, unless ghost notes either side of a backbeat (a drag)


@pytest.fixture
def seven_eight(make_midi):
    """8 bars of a 7/8 part at 120 (2+2+3): a bass on each 8th, the group starts loudest, chords on the groups."""
    riff = [(0.0, 40, 100), (0.5, 43, 70), (1.0, 45, 95), (1.5, 43, 70), (2.0, 47, 95), (2.5, 45, 70), (3.0, 43, 70)]
    notes = [(3.5 * bar + t, pitch, vel, 0) for bar in range(8) for t, pitch, vel in riff]
    notes += [(3.5 * bar + t, p, 70, 1) for bar in range(8) for t in (0.0, 1.0, 2.0) for p in (52, 55, 59)]
    return read_midi(make_midi(notes, tempos=[(0, 120.0)], time_signatures=[(0, 7, 8)], length=0.4))


def beat_bars(result, genre):
    """(bar's steps before its fill (n, 27), the steps its kick plays: its groups' first steps, or for disco every
    beat's, its backbeat's steps) of each bar of a result (the backbeat: each group's beats after its first, where
    meter.py lays the loop's 2 and 4)."""
    out = []
    for loop, bars in zip(result.loops, result.meters):
        for beats in bars_beats(bars):
            lo, hi = beats[0].start, beats[-1].start + beats[-1].length
            bar = loop[lo:hi]
            toms = np.flatnonzero((bar[:, TOMS] > 0.5).any(1))
            end = toms[0] if len(toms) else hi - lo
            groups = [g[0].start - lo for g in beat_groups((beats,))]
            if genre == "disco":  # (four on the floor: every beat a group's start)
                groups = [b.start - lo for b in beats]
            out.append((bar[:end], [g for g in groups if g < end], [b.start - lo for b in beats if b.source % 2]))
    return out


def as_a_drummer(genre, bar, groups, backbeat) -> list[str]:
    """What a drummer would not play in a beat bar (its steps before a fill) of a genre asked for."""
    faults = []
    hit, vel = bar[:, :N_VOICES] > 0.5, bar[:, N_VOICES:2 * N_VOICES]
    snare = np.flatnonzero(hit[:, SNARE])
    loud = max((vel[s, SNARE] for s in snare if s in backbeat), default=None)  # (None: no backbeat to ghost under)
    ghost = np.inf if loud is None else GHOST_SHARES[genre] * loud + 1e-4
    off = [s for s in snare if s not in backbeat]
    if len(off) >= BUSY_SNARE and max(vel[off, SNARE]) > ghost:
        faults.append(f"ghost notes on {off} at {vel[off, SNARE].round(2).tolist()}, over {ghost:.2f}")
    for start in range(len(bar) - ROLL + 1):
        run = range(start, start + ROLL)
        drag = any(s in backbeat for s in run) and all(s in backbeat or vel[s, SNARE] <= ghost for s in run)
        if hit[run, SNARE].all() and not drag:
            faults.append(f"a snare roll from step {start}: {vel[run, SNARE].round(2).tolist()}")
            break
    if any(not hit[g, KICK] for g in groups):
        faults.append(f"kick on {np.flatnonzero(hit[:, KICK]).tolist()}, not on every group's start {groups}")
    if genre in BACKBEAT_GENRES and not any(hit[b, SNARE] for b in backbeat if b < len(bar)):
        faults.append(f"no backbeat: snare on {snare.tolist()}")
    hands = hit[:, HANDS_FROM:].sum(1)
    if (hands > MAX_HANDS).any():
        faults.append(f"{hands.max()} hands at step {int(np.argmax(hands))}")
    return faults


@pytest.mark.parametrize("meter", ["five_four", "seven_eight"])
@pytest.mark.parametrize("genre", GENRES)
def test_a_genre_in_5_4_and_7_8_plays_as_its_drummer(shipped, genre, meter, request):
    """Each bar before its fill: ghost notes soft (at most the genre's share of the backbeat, where the bar is busy),
    no snare roll, the kick on each group's start (disco's on every beat), a backbeat (rock, pop, funk, hip-hop,
    disco), two hands at most (funk in 5/4 had 0.6 ghosts against 0.9, latin in 5/4 and 7/8 rolls of three medium
    16ths, disco in 5/4 the kick on 1 and 4 and their "a"s alone)."""
    part = request.getfixturevalue(meter)
    for seed in (0, 1):
        result = shipped.drumify(part, Settings(genre={genre: 1.0}, seed=seed))
        bars = beat_bars(result, genre)
        assert len(bars) >= 8 and all(len(g) for _, g, _ in bars)
        faults = [(i, f) for i, b in enumerate(bars) for f in as_a_drummer(genre, *b)]
        assert not faults, (seed, faults[:4])
