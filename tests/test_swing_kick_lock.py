"""A swing asked keeps the kick on the bass notes it doubles (core/swing_kick_lock.py): a drummer asked to swing over a
straight bass line swings the hands and keeps the kick with the bass where they play together. `--swing 58` over the
funk bass had moved 44 of its 56 kicks off the bass notes they doubled (0.04-0.08 beat late), flamming with them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import live_rig, play_live
from stub_model import StubModel
from test_swing_asked import hands, off_beats

from reagroove.core import extract_windows, read_midi
from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.patterns import PatternStore
from reagroove.core.settings import Settings
from reagroove.core.swing import play_swung, swing_loops
from reagroove.core.swing_asked import asked_swing, part_onsets

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, HAT = VOICES.index("kick"), VOICES.index("closed_hat")
TOGETHER = 0.25  # a kick this near a part's note (in 16ths) plays with it; a swung 8th moves it 0.32 to 1.0 off


def kicks_with_the_part(loops, grooves) -> tuple[int, int]:
    """(kicks, kicks on a note of the part): loops (W, 32, 27) and the part's grooves (W, 32, 3) on one grid."""
    loops, grooves = np.asarray(loops).reshape(-1, STEPS, 3 * N_VOICES), np.asarray(grooves).reshape(-1, STEPS, 3)
    steps = np.arange(STEPS, dtype=np.float32)
    kicks = together = 0
    for loop, groove in zip(loops, grooves):
        notes = (steps + groove[:, 2])[groove[:, 0] > 0.5]
        for at in (steps + loop[:, 2 * N_VOICES + KICK])[loop[:, KICK] > 0.5]:
            kicks += 1
            together += bool(len(notes)) and float(np.abs(notes - at).min()) < TOGETHER
    return kicks, together


@pytest.mark.parametrize("percent, feel", [(58, "normal"), (66, "normal"), (75, "normal"), (58, "half"), (66, "half")])
def test_drumify_swings_the_hands_and_keeps_the_kicks_on_a_straight_bass(shipped, percent, feel):
    """Half time's swing is played on the song's bars (half_time_swing.py): its kicks stay on the bass there too."""
    content = read_midi(EXAMPLES / "funk_bass.mid")
    plain = shipped.drumify(content, Settings(feel=feel))
    kicks, doubled = kicks_with_the_part(plain.loops, plain.grooves)
    assert doubled > kicks / 2  # (the funk bass's drums: its kick plays with the bass)
    swung = shipped.drumify(content, Settings(feel=feel, swing=percent))
    assert kicks_with_the_part(swung.loops, swung.grooves)[1] == doubled
    ands = off_beats(hands(swung.loops))
    ands = ands[ands < (percent / 100 + 0.75) / 2]  # the "and"s (a light swing keeps the "a"s on their 16th)
    assert len(ands) and np.isclose(np.median(ands), percent / 100, atol=0.02), ands
    assert np.abs(off_beats(hands(plain.loops)) - 0.5).min() < 0.02  # (they played straight 8ths)


def test_a_shuffles_kicks_stay_on_its_swung_notes_under_a_harder_swing(shipped):
    """Over a shuffle (its 8ths at 67%) asked for 75%, the kicks doubling its swung 8ths play them at 67%."""
    content = read_midi(EXAMPLES / "shuffle_blues.mid")
    own = shipped.drumify(content, Settings())
    kicks, doubled = kicks_with_the_part(own.loops, own.grooves)
    assert doubled > kicks / 2
    hard = shipped.drumify(content, Settings(swing=75))
    assert kicks_with_the_part(hard.loops, hard.grooves)[1] == doubled
    hats = off_beats(hands(hard.loops))
    assert len(hats) and np.abs(hats - 0.75).max() < 0.05, hats


def test_variations_and_the_preview_keep_the_kicks_on_the_bass(shipped):
    grooves = extract_windows(read_midi(EXAMPLES / "funk_bass.mid")).grooves
    doubled = kicks_with_the_part(shipped.generate(grooves, Settings()), grooves)[1]
    assert doubled and kicks_with_the_part(shipped.generate(grooves, Settings(swing=66)), grooves)[1] == doubled
    versions = shipped.drumify_variations(grooves, Settings(swing=66), 2)
    plain = shipped.drumify_variations(grooves, Settings(), 2)
    for swung, straight in zip(versions, plain):
        assert kicks_with_the_part(swung, grooves)[1] == kicks_with_the_part(straight, grooves)[1]
        hats = off_beats(hands(swung))
        assert len(hats) and np.abs(hats[hats < 0.7] - 0.66).max() < 0.05, hats


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_live_drums_swing_the_hats_and_keep_the_kicks_on_the_8ths_played(feel):
    """A player's straight 8ths at 120 BPM, --swing 66 (the stub network kicks on every note played): from bar 3
    on, the hats' "and"s at 66% and the kicks on the player's "and"s, at 50%."""
    player, clock = live_rig(Engine(StubModel(), PatternStore({})), 120, settings=Settings(swing=66, feel=feel))
    notes = [(0.5 * (b + x), 40, 100) for b in range(24) for x in (0, 0.5)]
    sent = play_live(player, clock, notes, 12.0, dt=0.004)

    def ands(note: int) -> list[float]:
        beats = [2 * t for t, m in sent if m.type == "note_on" and m.velocity and m.note == note and t >= 4.0]
        return sorted({round(b % 1, 2) for b in beats if b % 1 > 0.3})

    hats, kicks = ands(GM_DRUM_MAP.output[HAT]), ands(GM_DRUM_MAP.output[KICK])
    assert hats and np.allclose(hats, 0.66, atol=0.04), hats
    assert kicks and np.allclose(kicks, 0.5, atol=0.04), kicks


def test_a_kick_on_the_part_is_kept_where_it_played_and_every_other_hit_swings():
    from reagroove.core.swing_kick_lock import kick_locked

    loop = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    loop[0, ::2, [KICK, HAT]] = 1.0  # kick and hats on every 8th
    loop[0, ::2, [N_VOICES + KICK, N_VOICES + HAT]] = 0.8
    groove = np.zeros((1, STEPS, 3), np.float32)
    groove[0, 2::8] = (1.0, 0.9, 0.0)  # the part's notes: the "and" of every other beat
    swing = asked_swing(66)
    played = play_swung(loop, swing, part_onsets(groove))
    everywhere = play_swung(loop, swing)  # (no part given: every hit swung)
    np.testing.assert_array_equal(played[..., HAT::N_VOICES], everywhere[..., HAT::N_VOICES])
    kicks = played[0, :, KICK] > 0.5
    assert kicks[2::8].all() and not played[0, 2::8, 2 * N_VOICES + KICK].any()  # on the part's "and"s, on time
    assert kicks[7::8].all() and not kicks[3::8].any()  # the others on the swung 8th
    np.testing.assert_array_equal(kick_locked(loop, None, lambda x: swing_loops(x, swing)), swing_loops(loop, swing))
