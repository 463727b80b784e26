"""A ReaGroove settings file given to --drum-map says what it is and where it goes, as a drum map given to
--settings does: it was 'expected a voices table', which left the producer guessing."""

from __future__ import annotations

import json

import pytest

from reagroove.core.drummap import load_drum_map
from reagroove.core.errors import DrumMapError


@pytest.mark.parametrize("doc", [{"format": "reagroove-settings", "version": 1, "settings": {"density": 0.5}},
                                 {"density": 0.5, "seed": 3}], ids=["saved document", "bare settings"])
def test_settings_given_as_a_drum_map_say_to_give_them_to_settings(tmp_path, doc):
    path = tmp_path / "verse.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DrumMapError, match="looks like ReaGroove settings, not a drum map: give it to --settings"):
        load_drum_map(path)


def test_a_file_that_is_nothing_of_reagrooves_still_asks_for_the_voices_table(tmp_path):
    path = tmp_path / "kit.json"
    path.write_text(json.dumps({"name": "my kit"}))
    with pytest.raises(DrumMapError, match="expected a 'voices' table"):
        load_drum_map(path)
