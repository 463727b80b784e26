"""Live play on MIDI ports (no MIDI clock), how a player starts: on an off-beat (a riff begun from its 'and' of 4, a
run of 8ths into 1), or at a tempo clearly off the one the drums keep (keys at 100 on every quarter with --bpm 120,
under an idle pattern or back after a break). Through the rig `reagroove live` assembles, in-memory ports and the
shipped model; each note up to 8 ms early or late, as a player without a click."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK, SNARE = GM_DRUM_MAP.output[:2]
# a funk bass riff, (beat, pitch, velocity): accents on 1 and 3, 16ths between, its last note on the 'and' of 4
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
FLAT_KEYS = [(b, p, 100) for b in range(4) for p in (48, 55, 60, 64)]  # block chords on every quarter, one velocity


def _play(engine, set_bpm, parts, end_beat, seed=1, **kw):
    """`reagroove live --bpm set_bpm`; parts: [(player BPM, first beat, [(beat, pitch, velocity)])], each part's beats
    from its own first beat on at its own tempo. Returns (player, said, {drum: [onsets in the player's beats]})."""
    rng = np.random.default_rng(seed)
    start, beats, secs, notes = 2.5, [], [], []
    at_s, at_beat = start, 0.0
    for bpm, first, part in parts:  # the player's beats (a piecewise tempo) as seconds
        at_s += (first - at_beat) * 60.0 / (bpm if not beats else parts[len(beats) - 1][0])
        at_beat = first
        beats.append(first)
        secs.append(at_s)
        notes += [(at_s + (b - first) * 60.0 / bpm + rng.uniform(-0.008, 0.008), p, v) for b, p, v in part]

    def beat_of(t):
        k = max(i for i in range(len(beats)) if i == 0 or t >= secs[i])
        return beats[k] + (t - secs[k]) * parts[k][0] / 60.0

    player, clock = live_rig(engine, set_bpm, **kw)
    said = []
    player.say = said.append
    last_bpm, last_first, _ = parts[-1]
    until = secs[-1] + (end_beat - last_first) * 60.0 / last_bpm
    sent = play_live(player, clock, sorted(notes), until)
    return player, said, {d: [beat_of(t) for t, m in sent if m.type == "note_on" and m.velocity and m.note == d]
                          for d in (KICK, SNARE)}


def _bars(part, first, bars):
    return [(first + bar * 4 + b, p, v) for bar in range(bars) for b, p, v in part]


@pytest.mark.parametrize("pickup, by_bar", [
    ([(-0.5, 40, 95)], 2),  # the riff's own last note: the riff begun an 8th before its bar
    ([(-0.5, 40, 110)], 3),  # as loud as the riff's 1: its accents tell, the drums may wait a bar for them
    ([(-1.5, 45, 90), (-1, 47, 90), (-0.5, 40, 95)], 2),  # 8ths from the 'and' of 3 into 1
], ids=["and of 4", "and of 4 as loud as 1", "8ths from the and of 3"])
@pytest.mark.parametrize("player_bpm", [100.0, 88.0, 112.0])
def test_a_riff_begun_on_an_off_beat_has_the_drums_in_on_the_players_downbeat(shipped, pickup, by_bar, player_bpm):
    """`reagroove live --bpm 100`, a bass player who starts their riff on the 'and' of 4 (or with a run of 8ths into
    its 1), no count-in: the first note was beat 1, so the drums came in half a beat off the player's bars, the snare
    on the 'and' of 1 and of 3 for the whole song. A drummer hears the off-beat note as a pickup (the riff's accents
    fall on the beats after it) and comes in on the player's bar 2 (3 at the latest), the snare on their 2 and 4,
    the kick on their 1."""
    bars = 7
    player, said, at = _play(shipped, 100.0, [(player_bpm, 0.0, pickup + _bars(RIFF, 0.0, bars))], bars * 4)
    first = min(at[KICK] + at[SNARE])
    bar_in = int(round(first / 4))
    assert abs(first - bar_in * 4) < 0.2 and 1 <= bar_in < by_bar, \
        f"the drums came in on the player's beat {first:.2f} (their bar 2 is 4, bar 3 is 8)"
    for bar in range(bar_in, bars):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"
        assert any(abs(b - bar * 4) < 0.125 for b in at[KICK]), f"bar {bar + 1}: no kick on the player's 1"
    assert abs(player.clock.bpm - player_bpm) < 2


def _backbeat_on_the_players_beats(at, bars, two_and_four):
    """In each of `bars` (the player's, from 0), the snare on two of the player's beats 2 apart: their 2 and 4 where
    they kept the drums' bars (`two_and_four`), any two where they came in over an idle pattern paying it no mind."""
    for bar in bars:
        on = {round(b - bar * 4) for b in at[SNARE] if bar * 4 - 0.2 < b < bar * 4 + 3.8 and abs(b - round(b)) < 0.125}
        if two_and_four:
            assert {1, 3} <= on, f"bar {bar + 1}: the snare on the player's beats {sorted(x + 1 for x in on)}"
        else:
            assert {1, 3} <= on or {0, 2} <= on, f"bar {bar + 1}: the snare on the player's beats {sorted(on)}"


@pytest.mark.parametrize("how", ["idle pattern", "back after a break", "the band drops to 100"])
def test_keys_on_every_quarter_at_100_with_the_drums_at_120_have_the_drums_follow_them(shipped, how):
    """`reagroove live --bpm 120`, keys at 100 playing one block chord on every quarter, one velocity (the tempo set
    wrong for them: --bpm is where the drums start, then they follow the player). The drums were at 120 when the keys
    came in (an --idle-pattern playing, the drums ending after a break and back in, or a band at 120 dropping to 100):
    each chord 1.2 of their beats after the last, read as 16ths, they sped up to 125 (five 16ths a chord) and ran
    ahead of the player for good. Even chords are the player's beats: the drums move to 100 within two bars of them,
    on the player's beats, and the player is told."""
    if how == "idle pattern":
        parts, kw, heard_from = [(100.0, 0.0, _bars(FLAT_KEYS, 0.0, 12))], {"idle_pattern": "rock"}, 0.0
    elif how == "back after a break":
        parts = [(120.0, 0.0, _bars(FLAT_KEYS, 0.0, 6)), (100.0, 48.0, _bars(FLAT_KEYS, 48.0, 8))]
        kw, heard_from = {"stop_after": 4}, 48.0
    else:
        parts = [(120.0, 0.0, _bars(FLAT_KEYS, 0.0, 6)), (100.0, 24.0, _bars(FLAT_KEYS, 24.0, 8))]
        kw, heard_from = {}, 24.0
    end = heard_from + 32
    player, said, at = _play(shipped, 120.0, parts, end, **kw)
    assert abs(player.clock.bpm - 100) < 2, f"the drums ended at {player.clock.bpm:.1f} BPM"
    _backbeat_on_the_players_beats(at, range(int(heard_from) // 4 + 2, int(end) // 4), how != "idle pattern")
    assert any(s.startswith("following you at 10") or s.startswith("following you at 99") for s in said), said
