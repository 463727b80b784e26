"""`reagroove live --genre latin|jazz|reggae --density 0.2|0.8` plays what drumify plays of the same notes, bar by bar
(core/live_clave.py, core/live_comping.py lay the genre's rule again at the density asked, as the engine does:
comping.busy, clave.clave's fuller tumbao, one_drop's 16th or quarter hats). Live had laid jazz's comping at the
default's counts (drumify's --density 0.8 bars of 2, 2, 1, 2 comp notes played 1, 2, 1, 0) and latin's clave, where
the session keeps its side through a new take, without the busy tumbao's kick on the 1 and the "and" of 4. On the
shipped model, through the rig `reagroove live` assembles (in-memory ports), compared with drumify in 12ths of a
beat."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_genres_half_time_jazz import FUNK
from test_live_genres_latin_clave import son
from test_live_half_time_shuffle import TWELFTHS, VOICE_OF, roll
from test_live_off_beat_parts import REGGAE

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

ONE = 0.4  # the player's beat 1 at 0.4 s
HEARD = ("kick", "snare", "closed_hat", "open_hat", "ride", "pedal_hat", "crash")


def every_bar(bar_notes, bars):
    return [(4 * bar + beat, pitch, vel) for bar in range(bars) for beat, pitch, vel in bar_notes]


# name: (notes (beat, pitch, velocity), BPM, bars)
PARTS = {
    "jazz": (every_bar(FUNK, 8), 100.0, 8),  # a funk bass riff
    # a 2-3 son, the band soft for 4 bars then loud: a new take, through which the session keeps its clave's side
    "latin": (son(0, 12, soft_until=5), 100.0, 12),
    "reggae": (every_bar(REGGAE, 8), 75.0, 8),  # organ on 1 and 3, the skank on the "and"s
}


def played_live(engine, notes, bpm, bars, settings):
    """{bar (1-based): {voice: [position in 12ths]}} of the drums `reagroove live` plays along with `notes`."""
    at = [(ONE + beat * 60.0 / bpm, pitch, vel) for beat, pitch, vel in notes]
    player, clock = live_rig(engine, bpm, settings=settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for t, msg in play_live(player, clock, at, ONE + 4 * bars * 60.0 / bpm):
        if msg.type == "note_on" and msg.velocity:
            pos = round((t - ONE) * bpm / 60.0 * TWELFTHS)
            heard.setdefault(pos // (4 * TWELFTHS) + 1, {}).setdefault(VOICE_OF[msg.note], []).append(
                pos % (4 * TWELFTHS))
    return heard


def drumified(engine, make_midi, notes, bpm, settings):
    """drumify of the same notes (each held a 16th), as `played_live`'s."""
    part = make_midi([(b, p, v, 0) for b, p, v in notes], "part.mid", tempos=((0, bpm),), length=0.25)
    result = engine.drumify(read_midi(part), settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for start, loop in zip(result.starts, result.loops):
        for step, voice in zip(*np.nonzero(loop[:, :N_VOICES] > 0.5)):
            pos = round((start + (step + loop[step, 2 * N_VOICES + voice]) / 4) * TWELFTHS)
            heard.setdefault(pos // (4 * TWELFTHS) + 1, {}).setdefault(VOICES[voice], []).append(
                pos % (4 * TWELFTHS))
    return heard


def assert_same_bars(heard, offline, bars):
    """From the drums' second bar (their first opens with a crash; drumify's bar 1 has it), every voice as drumify."""
    for bar in range(3, bars + 1):
        for voice in HEARD:
            assert sorted(heard.get(bar, {}).get(voice, [])) == sorted(offline.get(bar, {}).get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, HEARD)}\ndrumify:\n{roll(offline, HEARD)}"


@pytest.mark.parametrize("genre, density", [("jazz", 0.8), ("latin", 0.2), ("latin", 0.8), ("reggae", 0.2),
                                            ("reggae", 0.8)])
def test_live_plays_the_genres_density_as_drumify_bar_by_bar(shipped, make_midi, genre, density):
    notes, bpm, bars = PARTS[genre]
    settings = Settings(genre={genre: 1.0}, density=density)
    heard = played_live(shipped, notes, bpm, bars, settings)
    assert_same_bars(heard, drumified(shipped, make_midi, notes, bpm, settings), bars)
    if genre == "latin" and density == 0.8:  # the busy tumbao: the kick on the 1 and the "and" of 4 in every bar
        assert all({0, 42} <= set(heard[bar]["kick"]) for bar in range(3, bars + 1)), roll(heard, ("kick",))
    if genre == "jazz":  # busy comping: 2, 2, 1, 2 notes a bar over the feathered kick on the four beats
        assert [len(heard[bar].get("snare", [])) for bar in range(5, 9)] == [2, 2, 1, 2], roll(heard, ("snare",))


def test_live_reggae_hats_follow_the_density(shipped):
    """Reggae live: quarter hats at --density 0.2, 16ths at 0.8, over the same one drop (kick and snare on the 3)."""
    notes, bpm, bars = PARTS["reggae"]
    sparse, busy = (played_live(shipped, notes, bpm, bars, Settings(genre={"reggae": 1.0}, density=d))
                    for d in (0.2, 0.8))
    for bar in range(3, bars + 1):
        assert sparse[bar]["closed_hat"] == [0, 12, 24, 36], roll(sparse, ("closed_hat",))
        assert len(busy[bar]["closed_hat"]) >= 12, roll(busy, ("closed_hat",))
        assert sparse[bar]["snare"] == busy[bar]["snare"] == [24], roll(busy, ("snare",))
