"""The settings path (issue 13): Settings -> Conditioning -> DrumModel, one saved settings format, light core imports.

Settings checks and normalises once; the engine hands the model one
Conditioning built from it, in the model's units; every program saves
settings as one versioned document and still reads the older forms.
"""

import json
import subprocess
import sys

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core.conditioning import Conditioning
from reagroove.core.engine import Engine
from reagroove.core.errors import InputFileError
from reagroove.core.genres import GENRES
from reagroove.core.settings import DENSITY_CELLS, Settings, SettingsError
from reagroove.reaper_ext.panel.store import PanelStore, SharedSettings

GROOVE = groove_with(range(0, 32, 4))


class RecordingModel(StubModel):
    def generate(self, grooves, z, cond):
        self.cond = cond
        return super().generate(grooves, z, cond)


# ---------------------------------------------------------------- Settings -> Conditioning -> model


def test_the_model_gets_the_settings_as_arrays_in_its_own_units():
    model = RecordingModel()
    s = Settings(genre={"funk": 3, "jazz": 1}, density=0.5, voice_groups={"toms": False}, threshold={"kick": 0.3},
                 max_hits=4, temperature=0.6, seed=9)
    Engine(model).generate(np.stack([GROOVE, GROOVE]), s)
    cond = model.cond
    assert isinstance(cond, Conditioning) and len(cond) == 2
    assert cond.genre.shape == (2, len(GENRES)) and cond.genre.sum(1) == pytest.approx([1.0, 1.0])
    assert cond.genre[0, GENRES.index("funk")] == pytest.approx(0.75)
    assert list(cond.voice_groups) == [1, 1, 1, 0, 1]  # kick, snare, hats, toms, cymbals
    assert cond.density == pytest.approx([sum(DENSITY_CELLS) / 2] * 2)  # the control's middle, in hits per cell
    assert cond.threshold[0] == pytest.approx(0.3) and cond.threshold[1] == pytest.approx(0.5)
    assert list(cond.max_hits) == [4] * 9
    assert list(cond.seed) == [9, 9] and cond.temperature == pytest.approx([0.6, 0.6])
    Engine(model).generate(GROOVE[None], Settings())
    assert model.cond.density is None and model.cond.threshold is None  # left to the model


def test_the_density_control_spans_the_models_range():
    assert Settings(density=0.0).density_cells == pytest.approx(DENSITY_CELLS[0])
    assert Settings(density=1.0).density_cells == pytest.approx(DENSITY_CELLS[1])
    assert Settings().density_cells is None


def test_plain_arguments_follow_the_same_rules_as_settings():
    from_settings = Engine(StubModel()).conditioning(Settings(genre={"funk": 2, "rock": 2}, voice_groups={"snare": False},
                                                              threshold=[0.4] * 9), 3)
    plain = Conditioning.of(3, genre={"funk": 2, "rock": 2}, voice_groups={"snare": False}, threshold=0.4)
    np.testing.assert_allclose(plain.genre, from_settings.genre)
    np.testing.assert_array_equal(plain.voice_groups, from_settings.voice_groups)
    np.testing.assert_allclose(plain.threshold, from_settings.threshold)
    # {voice: value}: the voices not named keep the model's tuned thresholds when they are given
    tuned = np.linspace(0.2, 0.6, 9)
    np.testing.assert_allclose(Conditioning.of(1, threshold={"kick": 0.9}, tuned_thresholds=tuned).threshold,
                               [0.9, *tuned[1:]], rtol=1e-6)
    for bad, words in [(dict(genre={"polka": 1}), "unknown genre 'polka'"),
                       (dict(voice_groups={"cowbell": False}), "unknown voice group"),
                       (dict(threshold={"kick": 1.5}), "threshold for kick"),
                       (dict(max_hits=[1, 2]), "one value per voice"),
                       (dict(temperature=4), "temperature"),
                       (dict(density=2.0), "density"),
                       (dict(genre={"funk": float("inf")}), "genre weight for funk")]:  # --genre funk=1e400
        with pytest.raises(SettingsError, match=words):
            Conditioning.of(2, **bad)


def test_one_threshold_under_a_density_is_said_to_do_nothing_because_it_does_nothing():
    from pathlib import Path

    from reagroove.core import read_midi

    content = read_midi(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid")
    engine = Engine(StubModel())
    loops = [engine.drumify(content, Settings(density=0.5, threshold=[t] * 9)).loops for t in (0.2, 0.7)]
    np.testing.assert_array_equal(*loops)  # density ranks the cells: one shift for every voice ranks nothing anew
    said = Settings(density=0.5, threshold=[0.4] * 9).inactive()
    assert "density sets how many hits play" in said["threshold"]
    assert "threshold" not in Settings(threshold=[0.4] * 9).inactive()  # without a density it sets the count
    assert "threshold" not in Settings(density=0.5, threshold=[0.9] + [0.4] * 8).inactive()  # per voice: it ranks


# ---------------------------------------------------------------- one saved format


def test_settings_are_saved_as_one_versioned_document(tmp_path):
    s = Settings(genre={"latin": 1}, density=0.3, fill_every=4)
    s.save(tmp_path / "cli.json")  # what --save-settings writes
    SharedSettings(tmp_path / "settings.json").write(s)  # what both panels write
    store = PanelStore(tmp_path / "config")
    store.save_presets({"Latin": s})
    docs = [json.loads((tmp_path / "cli.json").read_text()), json.loads((tmp_path / "settings.json").read_text()),
            json.loads(store.presets_path.read_text())["presets"]["Latin"]]
    for doc in docs:
        assert (doc["format"], doc["version"]) == ("reagroove-settings", 1) and doc["settings"]["density"] == 0.3
    assert Settings.load(tmp_path / "settings.json") == s and PanelStore(tmp_path / "config").load_presets() == {"Latin": s}


def test_older_settings_files_still_load(tmp_path):
    s = Settings(follow=0.4, pattern_a="rock", seed=3)
    bare = tmp_path / "bare.json"  # --save-settings before the versioned document
    bare.write_text(json.dumps(s.to_dict()))
    panel = tmp_path / "panel.json"  # the Qt panel's state file, with its settings inside
    panel.write_text(json.dumps({"format": "reagroove-panel", "version": 1, "settings": s.to_dict(), "options": {}}))
    assert Settings.load(bare) == s and Settings.load(panel) == s
    config = tmp_path / "config"
    config.mkdir()
    (config / "presets.json").write_text(json.dumps({"format": "reagroove-panel-presets", "version": 1,
                                                     "presets": {"Old": s.to_dict()}}))
    store = PanelStore(config)
    assert store.load_presets() == {"Old": s} and not store.problems


@pytest.mark.parametrize("doc, problem", [
    ({"format": "reagroove-settings", "version": 2, "settings": {}}, "version 2 is newer than this ReaGroove reads"),
    ({"format": "reagroove-settings", "version": "one", "settings": {}}, "version must be a whole number"),
    # a patterns file is said as what it is (hunt 34c); any other format is no settings file
    ({"format": "reagroove-patterns", "patterns": []}, "a ReaGroove patterns file, not settings"),
    ({"format": "other-app", "data": []}, "not a ReaGroove settings file"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"speed": 1}}, "unknown setting 'speed'"),
    ([1, 2], "settings must be a JSON object"),
    ({"format": "reagroove-settings", "version": 1}, 'has no "settings" entry'),
    # hand-edited files: a word where true/false belongs must not read as "on"
    ({"format": "reagroove-settings", "version": 1, "settings": {"opening_crash": "no"}}, "opening_crash must be true or false"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"hold": "yes"}}, "hold must be true or false"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"voice_groups": {"toms": 0}}}, "voice group toms must be true or false"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"humanize": True}}, "humanize must be a number from 0 to 1"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"genre": ["funk"]}}, "genre must be a mapping"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"voice_groups": ["toms"]}}, "voice_groups must be a mapping"),
    ({"format": "reagroove-settings", "version": 1, "settings": {"pattern_a": 5}}, "pattern_a must be a pattern's name"),
])
def test_a_newer_or_broken_settings_file_is_one_line_naming_it(tmp_path, doc, problem):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InputFileError) as err:
        Settings.load(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: ") and problem in msg and "\n" not in msg


def test_the_cli_reads_a_file_the_panel_wrote(tmp_path):
    import argparse

    from reagroove.core.options import add_settings_options, settings_from_args

    store = PanelStore(tmp_path)
    store.shared.write(Settings(density=0.7, voice_groups={"toms": False}))
    store.shared.flush()
    p = argparse.ArgumentParser()
    add_settings_options(p)
    s = settings_from_args(p.parse_args(["--settings", str(store.shared.path), "--seed", "5"]))
    assert (s.density, s.voice_groups["toms"], s.seed) == (0.7, False, 5)
    with pytest.raises(SettingsError, match="unknown genre 'polka'"):  # checked once, by Settings
        settings_from_args(p.parse_args(["--genre", "funk=1,polka=2"]))


def test_a_newer_panel_file_means_defaults_with_a_problem(tmp_path):
    (tmp_path / "presets.json").write_text(json.dumps({"format": "reagroove-panel-presets", "version": 99, "presets": {}}))
    store = PanelStore(tmp_path)
    assert store.load_presets() == {} and "newer" in store.problems[0] and "presets.json" in store.problems[0]


# ---------------------------------------------------------------- light imports


def test_importing_a_light_core_module_loads_no_numpy():
    code = "import sys, reagroove.core.constants; print('numpy' in sys.modules, 'mido' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
    code = "from reagroove.core import Loop, read_midi; print(Loop.__module__, read_midi.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["reagroove.core.loop", "reagroove.core.midi"]
