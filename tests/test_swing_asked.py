"""A swing asked for the drums (`--swing PERCENT`, Settings.swing; core/swing_asked.py): a producer asking for swung
drums over a straight part got none (`--swing 0.6`: "unrecognized arguments"); the drums' swing was only ever the
part's own. Asked, the drums play at it whatever the part plays: drumify, its variations, the panel's preview
(Engine.generate), live and half time; a shuffle's drums straight at 50."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import live_rig, one_error_line, play_live, usage_error_line, write_drum_take
from stub_model import StubModel

from reagroove.core import extract_windows, read_midi
from reagroove.core.cli import main
from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT, VOICES
from reagroove.core.patterns import PatternStore
from reagroove.core.settings import Settings, SettingsError
from reagroove.core.swing import Swing, straighten, swing_loops
from reagroove.core.swing_asked import asked_swing, straight_loops

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
HAT = VOICES.index("closed_hat")
HAT_NOTE = GM_DRUM_MAP.output[HAT]


def off_beats(loops) -> np.ndarray:
    """Where each hit of loops (..., 32, 27) between a beat's 16th after it and its next beat falls, in beats
    from its beat (a straight 8th at 0.5, a triplet shuffle's swung 8th at 0.67)."""
    loops = np.asarray(loops).reshape(-1, 32, 3 * N_VOICES)
    at = np.arange(32)[None, :, None] + loops[..., 2 * N_VOICES:]
    where = (at[loops[..., :N_VOICES] > 0.5] % STEPS_PER_BEAT) / STEPS_PER_BEAT
    return where[(where > 0.4) & (where < 0.9)]


def test_a_swing_is_checked_saved_and_given_as_daws_say_it(tmp_path):
    assert Settings().swing is None and Settings(swing=62).swing == 62.0
    for bad in (49, 80, True, "62", float("nan")):
        with pytest.raises(SettingsError, match="swing must be a percent from 50"):
            Settings(swing=bad)
    assert "swing" not in Settings().to_document()["settings"]  # (a file any ReaGroove reads, as before)
    Settings(swing=66).save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").swing == 66.0


def test_swing_on_the_command_line_is_saved_and_part_undoes_it(tmp_path, capsys):
    out, saved = tmp_path / "d.mid", tmp_path / "s.json"
    assert main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--swing", "62%",
                 "--save-settings", str(saved)]) in (0, None)
    assert "the drums swing at 62%" in capsys.readouterr().out
    assert json.loads(saved.read_text())["settings"]["swing"] == 62.0
    again = tmp_path / "s2.json"
    assert main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--settings", str(saved),
                 "--swing", "part", "--save-settings", str(again)]) in (0, None)
    assert "swing" not in json.loads(again.read_text())["settings"]
    code = main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--swing", "80"])
    assert one_error_line(capsys, code).endswith("--swing must be a percent from 50 (straight) to 75 (66 a triplet "
                                                 "shuffle), or 'part' for the part's own, got 80")
    assert "is not a swing" in usage_error_line(
        ["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--swing", "lots"], capsys)


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_a_straight_part_asked_to_swing_gets_swung_drums(shipped, feel):
    content = read_midi(EXAMPLES / "funk_bass.mid")
    plain = off_beats(shipped.drumify(content, Settings(feel=feel)).loops)
    assert np.abs(plain - 0.5).min() < 0.05  # (its own drums play straight 8ths)
    result = shipped.drumify(content, Settings(feel=feel, swing=66))
    swung = off_beats(result.loops)
    assert len(swung) and np.abs(swung - 0.66).max() < 0.05, swung  # every off-beat 8th on the swung one
    assert any("the part plays straight: the drums swing at 66%" in m for m in result.messages)


@pytest.mark.parametrize("feel", ["normal", "half"])
def test_a_shuffle_asked_for_50_gets_straight_drums(shipped, feel):
    content = read_midi(EXAMPLES / "shuffle_blues.mid")
    own = off_beats(shipped.drumify(content, Settings(feel=feel)).loops)
    assert np.abs(own - 2 / 3).max() < 0.05  # (its own drums swing with it)
    result = shipped.drumify(content, Settings(feel=feel, swing=50))
    straight = off_beats(result.loops)
    assert len(straight) and np.abs(straight - 0.5).max() < 0.05, straight
    assert any("the drums play straight" in m for m in result.messages)
    assert not any("the drums swing with it" in m for m in result.messages)


def test_variations_and_the_preview_play_the_swing_asked(shipped):
    grooves = extract_windows(read_midi(EXAMPLES / "funk_bass.mid")).grooves
    asked = Settings(swing=66)
    for loops in (shipped.drumify_variations(grooves, asked, 2), shipped.generate(grooves, asked)):
        swung = off_beats(loops)
        assert len(swung) and np.abs(swung - 0.66).max() < 0.05, swung
    shuffle = extract_windows(read_midi(EXAMPLES / "shuffle_blues.mid")).grooves
    straight = off_beats(shipped.generate(shuffle, Settings(swing=50)))
    assert len(straight) and np.abs(straight - 0.5).max() < 0.05, straight


@pytest.mark.parametrize("played, asked, heard", [(0.5, 66, 0.66), (2 / 3, 50, 0.5)], ids=["straight", "shuffle"])
def test_live_drums_play_the_swing_asked(played, asked, heard):
    """A player's 8ths (straight, or a shuffle's) at 120 BPM: from bar 3 on, the hats' off-beats at the swing asked."""
    player, clock = live_rig(Engine(StubModel(), PatternStore({})), 120, settings=Settings(swing=asked))
    notes = [(0.5 * (b + x), 40, 100) for b in range(24) for x in (0, played)]
    sent = play_live(player, clock, notes, 12.0, dt=0.004)
    beats = [2 * t for t, m in sent if m.type == "note_on" and m.velocity and m.note == HAT_NOTE and t >= 4.0]
    off = sorted({round(b % 1, 2) for b in beats if b % 1 > 0.3})
    assert off and np.allclose(off, heard, atol=0.04), off


def test_a_drum_part_keeps_its_own_feel_unless_a_swing_is_asked(shipped, tmp_path):
    """A straight drum take's own kick and snare are kept as it plays them (drum_parts.keep_the_kit): asked to swing,
    they swing with the drums around them (they had stayed on the straight "and" and "a" under hats swung at 66%)."""
    take = read_midi(write_drum_take(tmp_path / "take.mid"))
    own = off_beats(shipped.drumify(take, Settings()).loops)
    assert np.abs(own - 0.5).min() < 0.05  # (its straight "and"s)
    result = shipped.drumify(take, Settings(swing=66))
    swung = off_beats(result.loops)
    assert len(swung) and np.abs(swung - 0.66).max() < 0.05, swung
    assert any("the drums swing at 66%" in m for m in result.messages)


def test_straight_loops_undo_a_swing_and_a_swing_asked_leaves_a_straightened_groove():
    loop = np.zeros((1, 32, 27), np.float32)
    loop[0, ::2, HAT] = 1.0
    loop[0, ::2, N_VOICES + HAT] = 0.7
    swung = swing_loops(loop, 2 + 2 / 3)
    np.testing.assert_allclose(straight_loops(swung, Swing(2 + 2 / 3)), loop, atol=1e-6)
    np.testing.assert_array_equal(straight_loops(swung, None), swung)
    groove = np.zeros((1, 32, 3), np.float32)
    groove[0, 3::4] = (1.0, 0.8, -1 / 3)  # swung 8ths, as a shuffle plays them
    np.testing.assert_array_equal(straighten(groove, asked_swing(66)), groove)  # (read straight at its own already)
    assert asked_swing(50) is None and float(asked_swing(66)) == pytest.approx(2.64)


@pytest.mark.parametrize("percent", [58, 66, 75])
@pytest.mark.parametrize("example", ["funk_bass.mid", "shuffle_blues.mid"])
def test_the_kit_swings_as_one_under_a_swing_asked(shipped, example, percent):
    """Asked to swing, the drummer swings the kit as one: a kick and a hat or snare struck on the same step stay one
    stroke. (Holding the kick on a straight bass's notes while the hands swung had flammed them: 36 kick-hat flams
    over the funk bass at 66%, about 100 ms apart.)"""
    loops = np.asarray(shipped.drumify(read_midi(EXAMPLES / example), Settings(swing=percent)).loops)
    kick, hands = VOICES.index("kick"), [HAT, VOICES.index("snare"), VOICES.index("open_hat"), VOICES.index("ride")]
    hits = loops[..., :N_VOICES] > 0.5
    offsets = loops[..., 2 * N_VOICES:]
    both = hits[..., kick][..., None] & hits[..., hands]
    apart = np.abs(offsets[..., kick][..., None] - offsets[..., hands])[both]
    assert both.sum() > 10 and (apart < 0.1).all(), np.sort(apart)[-5:]
