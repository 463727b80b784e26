"""Engine logic (latent triangle, humanize, variations, interpolation, hold, settings, patterns) on a stand-in model."""

import json

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.conditioning import Conditioning
from reagroove.core.engine import Engine, EngineError, humanize
from reagroove.core.errors import InputFileError
from reagroove.core.patterns import Pattern, PatternStore, load_patterns, pattern_from_midi
from reagroove.core.settings import Settings, SettingsError, parse_genre_mix


FOUR = groove_with(range(0, 32, 4))
SIX = groove_with([0, 3, 6, 10, 16, 19, 22, 26], vel=0.5, off=0.1)


@pytest.fixture
def engine():
    store = PatternStore({"four": Pattern("four", FOUR), "six": Pattern("six", SIX)})
    return Engine(StubModel(), store)


def test_latent_triangle(engine):
    live = groove_with([1, 2, 5])
    z_live, z_a, z_b = engine.encode(np.stack([live, FOUR, SIX]))
    # no pattern A: the live groove's own point, left to the model to encode
    z, g, _ = engine.target(Settings(follow=0.3), live[None])
    assert z is None and np.array_equal(g[0], live)
    base = Settings(pattern_a="four", pattern_b="six", follow=0.0)
    assert np.allclose(engine.target(base, live[None])[0][0], z_a)
    assert np.allclose(engine.target(base.replace(interpolate=1.0), live[None])[0][0], z_b)
    mid = engine.target(base.replace(interpolate=0.5), live[None])[0][0]
    assert np.allclose(mid, (z_a + z_b) / 2, atol=1e-6)
    z, g, _ = engine.target(base.replace(follow=1.0), live[None])  # follow 1: exactly the groove's own point
    assert z is None and np.array_equal(g[0], live)
    assert np.allclose(engine.target(base.replace(follow=0.999), live[None])[0][0], z_live, atol=1e-2)
    half = engine.target(base.replace(follow=0.5), live[None])
    assert np.allclose(half[0][0], (z_a + z_live) / 2, atol=1e-6)
    assert np.allclose(half[1][0], (FOUR + live) / 2)  # the decoder reads the blended groove
    # ... and the blended bass: a drum loop pattern has none, so at follow 0 the bass line leaves its kick alone
    bass = groove_with([0, 6, 10])
    assert np.allclose(engine.target(base.replace(follow=0.5), live[None], bass=bass[None])[2][0], bass / 2)
    assert not engine.target(base, live[None], bass=bass[None])[2].any()


def test_unknown_pattern_names_the_known_ones(engine):
    with pytest.raises(Exception, match="four, six"):
        engine.generate(FOUR[None], Settings(pattern_a="nope"))


def test_humanize_zero_quantizes_and_flattens():
    loops = StubModel().generate(SIX[None], np.zeros((1, 4)), Conditioning.of(1, seed=0))
    flat = humanize(loops, 0.0)
    hits = flat[0, :, :9] > 0
    assert np.array_equal(hits, loops[0, :, :9] > 0)
    assert np.all(flat[0, :, 18:] == 0)
    vels = flat[0, :, 9:18][hits]
    assert np.allclose(vels, vels[0]) and vels[0] == pytest.approx(loops[0, :, 9:18][hits].mean(), abs=1e-6)
    assert np.array_equal(humanize(loops, 1.0), loops)
    half = humanize(loops, 0.5)
    assert np.allclose(half[0, :, 18:], loops[0, :, 18:] * 0.5)


def test_variations_of_one_loop_are_distinct_deterministic_and_batched(engine):
    s = Settings(seed=7, opening_crash=False)
    model = engine.model
    before = model.calls
    v = engine.drumify_variations(SIX[None], s, 6)[:, 0]
    assert model.calls - before <= 12  # the versions in one call, the seeded take's draws, redraws of close ones
    assert len({x[:, :9].tobytes() for x in v}) == 6
    assert np.array_equal(v[0], engine.drumify_grooves(SIX[None], s).loops[0])  # the first is the loop itself
    assert np.array_equal(engine.drumify_variations(SIX[None], s, 6)[:, 0], v)
    assert not np.array_equal(engine.drumify_variations(SIX[None], s.replace(seed=8), 6)[1:, 0], v[1:])
    with pytest.raises(EngineError):
        engine.drumify_variations(SIX[None], s, 0)


def test_interpolate_path_runs_from_a_to_b(engine):
    s = Settings()
    path = engine.interpolate(Pattern("four", FOUR), Pattern("six", SIX), 5, s)
    assert path.shape == (5, 32, 27)
    assert np.array_equal(path[0], engine.generate(FOUR[None], s)[0])
    assert np.array_equal(path[-1], engine.generate(SIX[None], s)[0])
    rides = [int(p[:, 8].sum()) for p in path]
    assert rides == sorted(rides) or rides == sorted(rides, reverse=True)  # monotone along the path


def test_whole_file_variations_are_coherent_versions(engine):
    grooves = np.stack([FOUR, SIX, FOUR])
    s = Settings(seed=3, opening_crash=False)  # the opening crash would tell window 0 from window 2
    v = engine.drumify_variations(grooves, s, 4)
    assert v.shape == (4, 3, 32, 27)
    assert np.array_equal(v[0], engine.drumify_grooves(grooves, s).loops)
    # the same latent offset in every window: equal grooves give equal loops within a version
    assert all(np.array_equal(v[i, 0], v[i, 2]) for i in range(4))
    assert len({v[i].tobytes() for i in range(4)}) == 4


def test_drumify_file_and_hold(engine, make_midi):
    notes = [(b * 0.5, 40, 100, 0) for b in range(64)]  # 8 bars of 8ths
    notes += [(32 + b, 40, 90, 0) for b in range(8)]  # 2 more bars, quarters
    content = read_midi(make_midi(notes))
    res = engine.drumify(content, Settings())
    assert len(res.loops) == 5 and list(res.bars) == [1, 3, 5, 7, 9]
    assert not np.array_equal(res.loops[0], res.loops[4])  # follows each window
    held = engine.drumify(content, Settings(hold=True, opening_crash=False))
    assert all(np.array_equal(held.loops[0], x) for x in held.loops)


def test_settings_validate_and_round_trip(tmp_path):
    s = Settings(follow=0.8, genre={"funk": 0.7, "jazz": 0.3}, density=0.6, voice_groups={"toms": False},
                 threshold={"kick": 0.3}, max_hits=[4] * 9, seed=7, temperature=0.5)
    path = tmp_path / "s.json"
    s.save(path)
    assert Settings.load(path) == s
    assert s.genre_weights()[2] == pytest.approx(0.7)
    assert s.voice_groups == {"kick": True, "snare": True, "hats": True, "toms": False, "cymbals": True}
    for bad, msg in [
        (dict(follow=1.5), "follow"),
        (dict(genre={"polka": 1}), "unknown genre 'polka'"),
        (dict(voice_groups={"cowbell": False}), "unknown voice group"),
        (dict(threshold=[0.5] * 3), "one value per voice"),
        (dict(max_hits={"kick": 40}), "max_hits for kick"),
        (dict(seed=-1), "seed"),
        (dict(temperature=9), "temperature"),
    ]:
        with pytest.raises(SettingsError, match=msg):
            Settings(**bad)
    assert parse_genre_mix("funk=0.7,Hip-Hop=0.3") == {"funk": 0.7, "hiphop": 0.3}


def test_bad_settings_and_pattern_files_name_the_file(tmp_path):
    broken = tmp_path / "s.json"
    broken.write_text("{not json")
    with pytest.raises(InputFileError, match="s.json: not valid JSON"):
        Settings.load(broken)
    broken.write_text(json.dumps({"follow": 3}))
    with pytest.raises(InputFileError, match="s.json: follow must be from 0 to 1"):
        Settings.load(broken)
    pats = tmp_path / "p.json"
    pats.write_text(json.dumps({"format": "reagroove-patterns", "patterns": [{"name": "x", "groove": [[2, 0, 0]] * 32}]}))
    with pytest.raises(InputFileError, match="p.json: pattern 'x'"):
        load_patterns(pats)


def test_patterns_from_midi_save_and_load(tmp_path, make_midi):
    drums = make_midi([(0, 36, 100, 9), (1, 38, 90, 9), (0.5, 42, 60, 9), (4, 36, 100, 9)], name="beat.mid")
    p = pattern_from_midi(drums)
    assert p.name == "beat" and p.loop is not None
    assert p.loop[0, 0] == 1 and p.loop[4, 1] == 1 and p.loop[2, 2] == 1
    assert np.array_equal(np.flatnonzero(p.groove[:, 0]), [0, 2, 4, 16])
    store = PatternStore(path=tmp_path / "patterns.json")
    store.add(p)
    again = PatternStore(path=tmp_path / "patterns.json")
    assert again.names() == ["beat"]
    assert np.array_equal(again.get("beat").groove, p.groove) and np.allclose(again.get("beat").loop, p.loop, atol=1e-5)
    with pytest.raises(InputFileError, match="no bar 9"):
        pattern_from_midi(drums, bar=9)


def test_naming_patterns_is_always_heard(engine):
    grooves = np.stack([SIX, SIX])
    plain = engine.drumify_grooves(grooves, Settings()).loops
    s = Settings(pattern_a="four", pattern_b="six", interpolate=0.5)
    assert s.follow == 0.5 and s.follow_auto  # not given: halfway toward the patterns
    assert not np.array_equal(engine.drumify_grooves(grooves, s).loops, plain)
    # pattern B alone is both ends of the A-B line
    assert not np.array_equal(engine.drumify_grooves(grooves, Settings(pattern_b="four")).loops, plain)
    # the automatic follow survives changes and saving; a follow given is kept
    assert Settings().replace(pattern_a="four").follow == 0.5
    assert Settings.from_dict(s.to_dict()).replace(pattern_a=None, pattern_b=None).follow == 1.0
    assert s.replace(follow=0.8).replace(pattern_b=None).follow == 0.8


def test_settings_that_cannot_act_say_why(engine):
    assert Settings().inactive().keys() == {"follow", "interpolate", "fill_length"}
    s = Settings(pattern_a="four", pattern_b="six", interpolate=0.5, follow=1.0)
    why = s.inactive()
    assert {"pattern_a", "pattern_b", "interpolate"} <= why.keys() and "lower follow" in why["interpolate"]
    res = engine.drumify_grooves(np.stack([SIX]), s)
    # one reason, one line: the three settings it idles named together
    said = [m for m in res.messages if "no effect" in m]
    assert said == ["pattern A, pattern B and interpolate have no effect: follow is 1: the drums follow your groove "
                    "only; lower follow to hear pattern A/B"], said
    lone = engine.drumify_grooves(np.stack([SIX]), Settings(pattern_a="four", follow=1.0)).messages
    assert [m for m in lone if "no effect" in m] == [
        "pattern A has no effect: follow is 1: the drums follow your groove only; lower follow to hear pattern A/B"]
    assert not any("no effect" in m for m in engine.drumify_grooves(np.stack([SIX]), Settings()).messages)
    assert "follow" in Settings(follow=0.4).inactive() and "follow" not in Settings(follow=0.4, pattern_a="four").inactive()
    assert "fill_length" not in Settings(fill_every=4).inactive()
    assert "opening_crash" in Settings(voice_groups={"cymbals": False}).inactive()
    assert "voice_groups" in Settings(voice_groups={g: False for g in ("kick", "snare", "hats", "toms", "cymbals")}).inactive()


def test_phrase_options_on_the_command_line():
    import argparse

    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.options import add_settings_options, settings_from_args

    p = argparse.ArgumentParser()
    add_settings_options(p)
    s = settings_from_args(p.parse_args(["--fill-bars", "8,16,24", "--fill-length", "bar", "--no-opening-crash"]))
    assert (s.fill_bars, s.fill_length, s.opening_crash) == ((8, 16, 24), "bar", False)
    assert settings_from_args(p.parse_args([])).opening_crash
    with pytest.raises(ReaGrooveError, match="--fill-bars '8,x' is not a list of bar numbers"):
        settings_from_args(p.parse_args(["--fill-bars", "8,x"]))


def test_the_low_register_reaches_models_that_read_it_in_their_frame(make_midi):
    class BassModel(StubModel):
        def generate(self, grooves, z, cond):
            self.bass = cond.bass
            return super().generate(grooves, z, cond)

    model = BassModel()
    waltz = [(b, 40 if b % 3 == 0 else 72, 100, 0) for b in range(0, 12)]  # a bass note on each 3/4 downbeat
    res = Engine(model).drumify(read_midi(make_midi(waltz, time_signatures=[(0, 3, 4)])), Settings())
    assert model.bass.shape == (2, 32, 3)
    assert list(np.flatnonzero(model.bass[0, :, 0])) == [0, 16]  # bar 2's downbeat (beat 3) is the loop's bar 2
    assert len(res.loops) == 2
    assert Engine(StubModel()).drumify(read_midi(make_midi(waltz, time_signatures=[(0, 3, 4)])), Settings())


def test_two_stores_of_one_patterns_file_keep_each_others_patterns(tmp_path):
    """The editor, the docked panel's engine and the CLI each hold a store of patterns.json: a pattern saved
    by one was dropped when another, opened before, saved its own older list over the file; one removed
    elsewhere came back. A pattern added for one run only (--pattern-a FILE) is never written."""
    path = tmp_path / "patterns.json"
    groove = np.zeros((32, 3), np.float32)
    groove[::4, 0] = 1
    editor, engine_side = PatternStore(path=path), PatternStore(path=path)
    editor.add(Pattern("verse", groove))
    engine_side.add(Pattern("reaper-A", groove))
    assert PatternStore(path=path).names() == ["reaper-A", "verse"]
    engine_side.add(Pattern("take.mid", groove), save=False)
    editor.remove("reaper-A")
    engine_side.add(Pattern("chorus", groove))
    assert PatternStore(path=path).names() == ["chorus", "verse"]
    assert "take.mid" in engine_side.names()
