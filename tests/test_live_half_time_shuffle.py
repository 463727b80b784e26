"""Half time live plays what drumify's half time plays (core/live_part.py): a boogie shuffle played live with Half time
on had straight 16ths on the hats (every 16th of the bar, against the band's triplets) and a stray kick on a swung
8th, where `drumify --feel half` swings the hats on the bar's 8ths (core/half_time_swing.py). On the shipped model,
through the rig `reagroove live` assembles (in-memory ports, a scripted clock), compared with drumify of the same
notes bar by bar (tests/test_live_trap_kicks.py: a trap 808's kicks)."""

import mido
import numpy as np
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

ONE, BARS = 0.4, 8  # the player's beat 1 at 0.4 s
VOICE_OF = {pitch: VOICES[v] for pitch, v in enumerate(GM_DRUM_MAP.voice_of_pitch()) if v >= 0}  # 44: the hat foot
TWELFTHS = 12  # positions in 12ths of a beat: the 16ths (3) and the swung 8th (8) both on it
# tests/test_ear_half_time_shuffle.py's boogie bass at 120: each beat and its swung 8th (root, fifth, sixth, fifth)
BOOGIE = (40, 47, 49, 47)
SHUFFLE = [(beat + swung * 2 / 3, BOOGIE[beat], 80 if swung else 100) for beat in range(4) for swung in (0, 1)]


def live(engine, bar_notes, bpm, settings, held=None):
    """`bar_notes` (beat, pitch, velocity) played live every bar, each let go `held` beats after (a note-off; None:
    note-ons only): {bar (1-based): {voice: [position in 12ths]}}."""
    at = [(ONE + (4 * bar + beat) * 60.0 / bpm, pitch, vel) for bar in range(BARS) for beat, pitch, vel in bar_notes]
    offs = [] if held is None else [
        (t + held * 60.0 / bpm, lambda p, n=pitch: p.inport.queue.append(mido.Message("note_off", note=n)))
        for t, pitch, _ in at]
    player, clock = live_rig(engine, bpm, settings=settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for t, msg in play_live(player, clock, at, ONE + 4 * BARS * 60.0 / bpm, actions=offs):
        if msg.type == "note_on" and msg.velocity:
            at = round((t - ONE) * bpm / 60.0 * TWELFTHS)
            heard.setdefault(at // (4 * TWELFTHS) + 1, {}).setdefault(VOICE_OF[msg.note], []).append(
                at % (4 * TWELFTHS))
    return heard


def drumified(engine, make_midi, bar_notes, bpm, settings, held=0.25):
    """drumify of the same notes, each held `held` beats, as `live`'s."""
    notes = [(4 * bar + beat, pitch, vel, 0) for bar in range(BARS) for beat, pitch, vel in bar_notes]
    result = engine.drumify(read_midi(make_midi(notes, "part.mid", tempos=((0, bpm),), length=held)), settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for start, loop in zip(result.starts, result.loops):
        for step, voice in zip(*np.nonzero(loop[:, :N_VOICES] > 0.5)):
            at = round((start + (step + loop[step, 2 * N_VOICES + voice]) / 4) * TWELFTHS)
            heard.setdefault(at // (4 * TWELFTHS) + 1, {}).setdefault(VOICES[voice], []).append(at % (4 * TWELFTHS))
    return heard


def roll(heard, voices) -> str:
    return "\n".join(f"bar {bar} {v:10s} {sorted(heard[bar].get(v, []))}" for bar in sorted(heard) for v in voices)


def test_a_shuffle_played_live_in_half_time_swings_its_hats_on_the_bars_eighths_as_drumifys(shipped, make_midi):
    half = Settings(feel="half")
    heard, offline = live(shipped, SHUFFLE, 120.0, half), drumified(shipped, make_midi, SHUFFLE, 120.0, half)
    played = [bar for bar in range(2, BARS + 1) if bar in heard]
    assert len(played) >= BARS - 2, roll(heard, ("closed_hat",))
    for bar in played:
        hats = sorted(heard[bar].get("closed_hat", []) + heard[bar].get("ride", []))
        # each beat and its swung 8th (the triplet's last note): no straight 16th, no straight "and"
        assert hats and all(at % TWELFTHS in (0, 8) for at in hats), f"bar {bar}\n{roll(heard, ('closed_hat',))}"
        assert {at // TWELFTHS for at in hats if at % TWELFTHS == 8} == {0, 1, 2, 3}
        for voice in ("closed_hat", "snare", "kick"):  # drumify plays the same bar
            assert sorted(heard[bar].get(voice, [])) == sorted(offline[bar].get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, (voice,))}\ndrumify:\n{roll(offline, (voice,))}"
        assert heard[bar]["snare"] == [2 * TWELFTHS]  # still half time: the backbeat on the 3 alone

