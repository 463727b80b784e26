"""Drum parts (every note on MIDI channel 10) are played by the network trained on drummers' own
grooves; band parts by the band network. Every path carries the flag and the bass part."""

from pathlib import Path

import numpy as np
import pytest
from fake_reaper import ProjectSpec, reapy_inside
from helpers import groove_with, write_band_song, write_drum_take
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows, loops_from_notes
from reagroove.core.patterns import Pattern, PatternStore
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def test_a_drum_take_is_a_drum_part_and_band_music_is_not(tmp_path):
    take = extract_windows(read_midi(write_drum_take(tmp_path / "take.mid")))
    assert take.drum_part
    assert any("drum part" in m for m in take.messages)
    for band in (read_midi(EXAMPLES / "funk_bass.mid"), read_midi(write_band_song(tmp_path / "band.mid"))):
        wins = extract_windows(band)  # a bass line; a band with its drums among the parts
        assert not wins.drum_part and not any("drum part" in m for m in wins.messages)


def test_engine_asks_for_the_drum_part_network_on_every_path(tmp_path):
    model = StubModel()
    engine = Engine(model, PatternStore({"a": Pattern("a", groove_with([0, 8, 16, 24]))}))
    take = read_midi(write_drum_take(tmp_path / "take.mid"))
    result = engine.drumify(take, Settings())
    assert result.drum_part and model.drum_parts and all(model.drum_parts)
    model.drum_parts.clear()
    engine.variations_of(result, Settings(), 3)
    engine.drumify(take, Settings(pattern_a="a", hold=True))  # pattern and held latent points too
    assert len(model.drum_parts) >= 4 and all(model.drum_parts)
    model.drum_parts.clear()
    engine.drumify(read_midi(EXAMPLES / "funk_bass.mid"), Settings(pattern_a="a"))
    assert model.drum_parts and not any(model.drum_parts)


class RecordingModel(StubModel):
    """The stand-in model, keeping the Conditioning of every call."""

    def __init__(self):
        super().__init__()
        self.conds = []

    def generate(self, grooves, z, cond):
        self.conds.append(cond)
        return super().generate(grooves, z, cond)


def test_reaper_actions_give_the_model_the_bass_part_and_the_drum_flag():
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=16, selected=True, name="riff",
                       notes=[(k * 1.5, 0.5, 36 + k % 3, 90) for k in range(10)])
    drums = spec.add_track("Drum take")
    spec.add_midi_item(drums, start_qn=16, length_qn=16, name="take",
                       notes=[(k * 0.5, 0.2, 36 if k % 4 == 0 else 42, 90, 9) for k in range(32)])
    with reapy_inside(spec):
        model = RecordingModel()
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(model), Settings())
        actions.variations_of_selection(bridge, Engine(model), Settings(), 2)
        assert model.conds and all(c.bass is not None and c.bass[..., 0].sum() > 0 for c in model.conds)
        assert not any(c.drum_part for c in model.conds)
    # the drum take alone selected: a drum part
    spec2 = ProjectSpec(bpm=100)
    drums = spec2.add_track("Drum take", selected=True)
    spec2.add_midi_item(drums, start_qn=0, length_qn=16, selected=True, name="take",
                        notes=[(k * 0.5, 0.2, 36 if k % 4 == 0 else 42, 90, 9) for k in range(32)])
    with reapy_inside(spec2):
        model = RecordingModel()
        actions.drumify_selection(LocalBridge(), Engine(model), Settings())
        assert model.conds and all(c.drum_part for c in model.conds)


@pytest.fixture(scope="module")
def shipped_api():
    """The shipped model's batch API (its networks, loaded on first use, in loaded_model._CACHE)."""
    from reagroove.models import api

    return api


def test_shipped_drum_part_network_is_its_own_and_plays_drum_takes_better(shipped_api, gmd_sample):
    """On real drummers' takes (GMD files, read as a user gives them), the drum-part network matches
    the drummer better than the band network given the same grooves."""
    from reagroove.models.metrics import micro_scores
    from reagroove.models.weights import DRUM_PART_WEIGHTS

    grooves, loops = [], []
    for path in gmd_sample[:20]:
        content = read_midi(path)
        wins = extract_windows(content)
        assert wins.drum_part
        true, _ = loops_from_notes(content.notes, wins.starts)
        keep = wins.grooves[..., 0].sum(1) >= 4
        grooves.append(wins.grooves[keep])
        loops.append(true[keep])
    g, true = np.concatenate(grooves), np.concatenate(loops)
    drum = shipped_api.drumify_batch(g, drum_part=True)
    # the drum-part network is the shipped file of its own (drum_part=True: the input is a drum part, its rules)
    assert np.array_equal(drum, shipped_api.drumify_batch(g, weights=DRUM_PART_WEIGHTS, drum_part=True))
    band = shipped_api.drumify_batch(g)
    assert not np.array_equal(drum, band)
    f1_drum, f1_band = micro_scores(drum, true)["f1"], micro_scores(band, true)["f1"]
    assert f1_drum > f1_band + 0.01, (f1_drum, f1_band)


def test_live_pads_on_the_drum_channel_are_a_drum_part_and_a_bass_is_not():
    import mido
    from helpers import MemoryInput, MemoryOutput

    from reagroove.core.live import LiveSession
    from reagroove.core.livemidi import InternalClock, LivePlayer

    sessions = {}
    for channel, want in ((9, True), (1, False)):
        model = StubModel()
        s = sessions[channel] = LiveSession(Engine(model))
        inport, outport = MemoryInput(), MemoryOutput()
        clock = InternalClock(120)
        clock.t0 = 0.0
        player = LivePlayer(s, inport, outport, clock)
        s.start(0.0)
        t = 0.0
        while t < 6.0:  # 12 beats at 120 BPM, an 8th-note part
            if abs((t * 4) % 1.0) < 1e-9:
                inport.queue.append(mido.Message("note_on", channel=channel, note=36 if channel == 9 else 40, velocity=100))
            player.step(t)
            t = round(t + 0.005, 6)
        assert s.drum_part is want
        assert model.drum_parts and model.drum_parts[-1] is want
    # one note off the drum channel among the last ones: a band part again
    sessions[9].feed(13.0, 90, drum=False)
    assert not sessions[9].drum_part


def test_a_live_session_loads_every_network_before_it_plays():
    """The drum-part network is loaded when the session starts, not when pads first come in mid-bar."""
    from reagroove.core.live import LiveSession

    class WarmingModel(StubModel):
        warmed = 0

        def warm(self):
            self.warmed += 1

    model = WarmingModel()
    LiveSession(Engine(model))
    assert model.warmed == 1


def test_shipped_model_warm_loads_the_drum_part_network():
    from reagroove.models.drummer import ShippedModel
    from reagroove.models.loaded_model import _CACHE

    _CACHE.pop("drum part", None)
    ShippedModel().warm()
    assert "drum part" in _CACHE


def test_interpolating_between_two_drum_takes_uses_the_drum_part_network(tmp_path, monkeypatch):
    from reagroove.core.cli import main

    seen = []
    real = Engine.interpolate

    def spy(self, *args, **kw):
        seen.append(kw.get("drum_part"))
        return real(self, *args, **kw)

    monkeypatch.setattr(Engine, "interpolate", spy)
    a, b = write_drum_take(tmp_path / "a.mid"), write_drum_take(tmp_path / "b.mid", bpm=90)
    assert main(["interpolate", str(a), str(b), "--steps", "3", "-o", str(tmp_path / "ab.mid")]) == 0
    assert main(["interpolate", str(a), str(EXAMPLES / "funk_bass.mid"), "--steps", "3", "-o", str(tmp_path / "af.mid")]) == 0
    assert seen == [True, False]


def test_a_bands_guide_drums_are_left_out_of_what_the_new_drums_follow(tmp_path):
    import dataclasses

    song = read_midi(write_band_song(tmp_path / "band.mid"))
    on_10 = song.notes.channel == 9
    assert on_10.any() and not on_10.all()
    with_drums = extract_windows(song)
    without = extract_windows(dataclasses.replace(song, notes=song.notes.select(~on_10)))
    assert np.array_equal(with_drums.grooves, without.grooves) and np.array_equal(with_drums.bass, without.bass)
    assert np.array_equal(with_drums.starts, without.starts) and not with_drums.drum_part
    assert any("channel 10 (drums) left out" in m for m in with_drums.messages)


def test_a_typed_drum_beat_is_said_and_a_played_one_is_not(make_midi):
    """A rock beat typed at velocity 100 on the grid came back with the kick on 2 and 4 and none on 1, unsaid:
    its groove has no accents to tell the drum-part network where the kick was. It is now said, with the
    way out, where the drums are played from its groove (in 3/4: a 4/4 beat keeps its own pattern,
    test_drum_part_kit.py); a played take (accents, timing) and a typed beat with its hats softer are not."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.midi import read_midi

    def beat(hat_velocity, late=0.0):
        notes = [(b + k * 0.5 + (late if k % 2 else 0.0), 42, hat_velocity, 9) for b in range(0, 18, 3) for k in range(6)]
        notes += [(b, 36, 100, 9) for b in range(0, 18, 3)] + [(b + 1, 38, 100, 9) for b in range(0, 18, 3)]
        return extract_windows(read_midi(make_midi(notes, time_signatures=((0, 3, 4),)))).messages

    said = [m for m in beat(100) if "typed at one velocity" in m]
    assert len(said) == 1 and "75 or less" in said[0]
    assert not [m for m in beat(75) if "typed" in m]
    assert not [m for m in beat(100, late=0.06) if "typed" in m]  # played: its 8ths a little late
