"""`reagroove live` with a player whose time moves as players' does: a free, slower intro before they set off in time.
Through the rig `reagroove live` assembles, in-memory ports and the shipped model; each note up to 8 ms off."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK, SNARE = GM_DRUM_MAP.output[:2]


def _timeline(intro_bpm, bpm, intro_bars, bars, swing=10.0):
    """(seconds of a player beat, player beat of seconds): `intro_bars` bars free around `intro_bpm` (the tempo
    wandering by +-`swing`), then in time at `bpm`."""
    beats = np.arange(0.0, bars * 4 + 1e-9, 1 / 48)
    tempo = np.where(beats < intro_bars * 4, intro_bpm + swing * np.sin(beats), bpm)
    times = 1.0 + np.concatenate([[0.0], np.cumsum(60.0 / tempo[:-1] / 48)])
    return (lambda b: float(np.interp(b, beats, times))), (lambda t: float(np.interp(t, times, beats)))


@pytest.mark.parametrize("intro_bpm, bpm", [(85.0, 100.0), (88.0, 108.0), (90.0, 108.0)])
def test_after_a_slow_free_intro_the_backbeat_lands_on_the_players_2_and_4(shipped, intro_bpm, bpm):
    """A pianist opens with two bars of free half-note chords around 85-90 (`--bpm 100`), then sets off in time at
    100-108 (a chord on every beat, a bass note under 1 and 3, a soft note on each 'and'). The drums came in during the
    intro at its tempo, a third of a beat off when the time began; moving to the player's 8ths, the clock took the
    nearest of its own 8ths for theirs, and the snare played the 'and' of 1 and of 3 for the rest of the song. The
    chords, louder than the notes between them, are the beats: by the song's fourth bar in time the snare is on the
    player's 2 and 4 and stays there."""
    intro, bars = 2, 14
    t_of, beat_of = _timeline(intro_bpm, bpm, intro, bars)
    rng, notes = np.random.default_rng(1), []
    for bar in range(bars):
        for beat in range(4):
            b = bar * 4 + beat
            if bar < intro and beat % 2:
                continue
            t = t_of(b) + rng.uniform(-0.008, 0.008)
            notes += [(t, p, 90 if beat % 2 == 0 else 75) for p in (48, 55, 60, 64)]
            if beat % 2 == 0:
                notes.append((t, 40, 100))
            if bar >= intro:
                notes.append((t_of(b + 0.5) + rng.uniform(-0.008, 0.008), 67, 60))
    player, clock = live_rig(shipped, 100.0)
    sent = play_live(player, clock, sorted(notes), t_of(bars * 4))
    snares = [beat_of(t) for t, m in sent if m.type == "note_on" and m.velocity and m.note == SNARE]
    for bar in range(intro + 3, bars):
        on = sorted({round((b - bar * 4) * 4) for b in snares if bar * 4 - 0.125 <= b < bar * 4 + 3.875})
        assert {4, 12} <= set(on) and not {2, 10} & set(on), \
            f"bar {bar + 1}: the snare on the player's 16ths {on} (2 and 4 are 4 and 12)"
    assert abs(player.clock.bpm - bpm) < 2
