"""`reagroove live --genre jazz` with a seed or a density plays jazz as `drumify --genre jazz` does (core/comping.py,
core/live_comping.py): time on the ride, the hat's foot on 2 and 4, no loud backbeat, and the snare comping in each
bar's place in the 4-bar phrase. Live had comped in a 2-bar cycle (the take's last loop held one place): over a funk
bass with --seed 2, no note, one, no note, one, where drumify plays no note, one, two, one (and so over a shuffle).
On the shipped model, through the rig `reagroove live` assembles, compared with drumify of the same notes bar by
bar."""

import pytest
from helpers import live_rig, play_live
from test_live_genres_half_time_jazz import FUNK
from test_live_half_time_shuffle import BARS, ONE, SHUFFLE, TWELFTHS, VOICE_OF, drumified, roll

from reagroove.core.comping import LOUDEST
from reagroove.core.settings import Settings

BPM = 100.0
VOICES = ("snare", "ride", "pedal_hat", "closed_hat")


PARTS = {"funk": FUNK, "shuffle": SHUFFLE}  # a funk bass, a boogie shuffle's (swung: comping on the swung 8th)


def live(engine, part, settings):
    """`part` played live every bar: ({bar (1-based): {voice: [position in 12ths]}}, the snare's loudest velocity)."""
    at = [(ONE + (4 * bar + beat) * 60.0 / BPM, pitch, vel) for bar in range(BARS) for beat, pitch, vel in part]
    player, clock = live_rig(engine, BPM, settings=settings)
    heard, loudest = {}, 0
    for t, msg in play_live(player, clock, at, ONE + 4 * BARS * 60.0 / BPM):
        if msg.type == "note_on" and msg.velocity:
            pos = round((t - ONE) * BPM / 60.0 * TWELFTHS)
            voice = VOICE_OF[msg.note]
            heard.setdefault(pos // (4 * TWELFTHS) + 1, {}).setdefault(voice, []).append(pos % (4 * TWELFTHS))
            loudest = max(loudest, msg.velocity if voice == "snare" else 0)
    return heard, loudest


@pytest.mark.parametrize("part, seed, density", [("funk", 2, None), ("funk", 0, None), ("funk", 3, 0.3),
                                                 ("shuffle", 2, None), ("shuffle", 0, None)])
def test_jazz_live_with_a_seed_or_density_plays_drumifys_jazz_bar_by_bar(shipped, make_midi, part, seed, density):
    jazz = Settings(genre={"jazz": 1.0}, seed=seed, density=density)
    (heard, loudest), offline = live(shipped, PARTS[part], jazz), drumified(shipped, make_midi, PARTS[part], BPM, jazz)
    played = [bar for bar in range(2, BARS + 1) if bar in heard]
    assert len(played) >= BARS - 2, roll(heard, VOICES)
    assert loudest <= round(LOUDEST * 127) + 1, f"a loud snare ({loudest})\n{roll(heard, VOICES)}"
    for bar in played:
        notes = heard[bar]
        # (the crash on the 1 where the drums come in)
        assert len(notes.get("ride", []) + notes.get("crash", [])) >= 4, f"bar {bar}: no ride\n{roll(heard, VOICES)}"
        snares = set(notes.get("snare", []))
        assert not {TWELFTHS, 3 * TWELFTHS} <= snares, f"bar {bar}: a backbeat\n{roll(heard, VOICES)}"
        for voice in VOICES if bar > played[0] else ():  # (the drums come in with a crash, drumify's bar 1 has it)
            assert sorted(notes.get(voice, [])) == sorted(offline[bar].get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, VOICES)}\ndrumify:\n{roll(offline, VOICES)}"
