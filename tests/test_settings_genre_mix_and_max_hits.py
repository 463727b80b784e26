"""Settings a producer types that played something other than asked, unsaid: `--genre funk=0` (no genre at all),
`--genre rock=1,rock=2` (the last kept), `--max-hits 0` (silent drums with no word, where muting every group
says so)."""

from __future__ import annotations

import pytest

from reagroove.core.settings import ignored_settings
from reagroove.core.settings import Settings, SettingsError, parse_genre_mix


@pytest.mark.parametrize("text, said", [
    ("funk=0", "are all 0"),
    ("funk=0,jazz=0", "are all 0"),
    ("rock=1,rock=2", "'rock' is given twice"),
    ("Hip-Hop,hiphop=0.5", "'hiphop' is given twice"),
])
def test_a_genre_mix_that_asks_nothing_or_one_genre_twice_is_refused(text, said):
    with pytest.raises(SettingsError, match=said):
        parse_genre_mix(text)


def test_a_genre_mix_with_some_weight_is_read():
    assert parse_genre_mix("funk=0.7,jazz=0") == {"funk": 0.7, "jazz": 0.0}
    assert Settings(genre=parse_genre_mix("funk=0.7,jazz=0")).genre == {"funk": 0.7}


def test_max_hits_0_for_every_voice_playing_says_the_drums_are_silent():
    said = ignored_settings(Settings(max_hits=(0,) * 9))
    assert any("the drums are silent" in line for line in said), said
    # the toms muted and every other voice kept to 0 hits: still silent
    groups = {"kick": True, "snare": True, "hats": True, "toms": False, "cymbals": True}
    assert any("silent" in line for line in ignored_settings(Settings(max_hits=(0, 0, 0, 0, 3, 3, 3, 0, 0),
                                                                     voice_groups=groups)))


def test_max_hits_leaving_one_voice_to_play_says_nothing_of_silence():
    assert not any("silent" in line for line in ignored_settings(Settings(max_hits=(4, 0, 0, 0, 0, 0, 0, 0, 0))))


def test_a_threshold_of_1_says_the_drums_are_silent_and_one_below_it_does_not(shipped, make_midi):
    """`--threshold 1` wrote drums silent but for the opening crash, with no word (--max-hits 0 said so)."""
    said = ignored_settings(Settings(threshold=(1.0,) * 9))
    assert any("the drums are silent" in line for line in said), said
    assert not any("silent" in line for line in ignored_settings(Settings(threshold=(0.95,) * 9)))
    assert not any("silent" in line for line in ignored_settings(Settings(threshold=(1.0,) * 9, density=0.5)))
    # and on the shipped model the drums are indeed silent but for crashes
    from reagroove.core.midi import read_midi
    from reagroove.core.groove import extract_windows

    wins = extract_windows(read_midi(make_midi([(b / 2, 40, 100, 0) for b in range(32)])))
    res = shipped.drumify_windows(wins, Settings(threshold=(1.0,) * 9))
    assert not res.loops[..., :7].any() and any("the drums are silent" in m for m in res.messages)


@pytest.mark.parametrize("option, text", [("threshold", "kick=0.3,kick=0.4"), ("max-hits", "kick=4, kick=8")])
def test_a_voice_given_twice_is_refused_as_a_genre_is(option, text):
    """`--threshold kick=0.3,kick=0.4` had kept the last without a word, where a genre given twice is refused."""
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.options import per_voice_option

    with pytest.raises(ReaGrooveError, match=f"--{option}: kick is given twice"):
        per_voice_option(text, option, float if option == "threshold" else int)
    assert per_voice_option("kick=0.3,ride=0.7", "threshold", float) == {"kick": 0.3, "ride": 0.7}
