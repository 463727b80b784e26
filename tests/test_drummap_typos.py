"""A drum map with a typo names what was probably meant, as options and genres do."""

from __future__ import annotations

import pytest

from reagroove.core.drummap import load_drum_map
from reagroove.core.errors import DrumMapError


@pytest.mark.parametrize("text, said", [
    ("[voices.closed_hatt]\noutput = 42\n", "unknown voice 'closed_hatt': did you mean 'closed_hat'?"),
    ("[voices.kick]\noutptu = 36\n", "voice 'kick': unknown key 'outptu': did you mean 'output'?"),
    ("[voice.kick]\noutput = 36\n", "unknown table 'voice': did you mean 'voices'?"),
])
def test_a_typo_in_a_drum_map_says_what_it_meant(tmp_path, text, said):
    path = tmp_path / "kit.toml"
    path.write_text(text)
    with pytest.raises(DrumMapError) as e:
        load_drum_map(path)
    assert said in str(e.value) and "\n" not in str(e.value)


def test_a_voice_near_nothing_lists_the_voices_without_a_guess(tmp_path):
    path = tmp_path / "kit.toml"
    path.write_text("[voices.cowbell]\noutput = 56\n")
    with pytest.raises(DrumMapError) as e:
        load_drum_map(path)
    assert "did you mean" not in str(e.value) and "voices are: kick" in str(e.value)
