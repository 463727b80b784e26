"""A voice muted (`--mute kick`) or capped at no hits (`--max-hits kick=0`) plays in no fill (core/muted_voices.py).

`reagroove drumify core/examples/shuffle_blues.mid --genre jazz --fill-every 2 --mute kick` had played two kicks in
bar 8's fill (the jazz fill's "hand, hand, foot" and its set-up into the 1: fill_jazz.let_kicks, fill_runs._set_up),
the funk bass one in bar 4; asked for half time, reggae's fill bars had kept their kick under a cap of 0."""

from pathlib import Path

import pytest

from reagroove.core import read_midi
from reagroove.core.loop import N_VOICES, VOICE_GROUPS, VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
# (example, genre, feel): the fill paths: jazz's runs (fill_runs, its kicks), over half time (half_time_fills),
# reggae's fill bars and landings (fill_landings), a waltz's fills (fill_meters), rock's network fills
PARTS = [("shuffle_blues", "jazz", "normal"), ("funk_bass", "jazz", "normal"), ("shuffle_blues", "jazz", "half"),
         ("funk_bass", "reggae", "half"), ("piano_waltz", "reggae", "normal"), ("piano_waltz", None, "normal"),
         ("funk_bass", None, "normal")]
MUTED = [("group", "kick"), ("group", "hats"), ("group", "cymbals"), ("group", "toms"), ("cap", "kick"),
         ("cap", "closed_hat")]


def settings_muting(how: str, what: str, genre, feel) -> tuple[Settings, list[int]]:
    """Settings with a fill every phrase muting a group or capping a voice at 0, and the voices never to play."""
    asked = dict(genre={genre: 1.0} if genre else {}, fill_every=2, feel=feel)
    if how == "group":
        return Settings(voice_groups={what: False}, **asked), [VOICES.index(v) for v in VOICE_GROUPS[what]]
    caps = [32] * N_VOICES
    caps[VOICES.index(what)] = 0
    return Settings(max_hits=tuple(caps), **asked), [VOICES.index(what)]


@pytest.mark.parametrize("example, genre, feel", PARTS)
def test_a_muted_voice_plays_in_no_fill(shipped, example, genre, feel):
    song = read_midi(EXAMPLES / f"{example}.mid")
    for how, what in MUTED:
        settings, silent = settings_muting(how, what, genre, feel)
        result = shipped.drumify(song, settings)
        assert result.loops.any()
        played = result.loops[..., silent] > 0.5
        assert not played.any(), (how, what, [(int(result.bars[w]), int(t)) for w, t, _ in zip(*played.nonzero())])


def test_versions_of_a_jazz_part_with_the_kick_muted_play_no_kick(shipped):
    """The versions drawn of it (drumify --variations) too: each lays its own jazz fills."""
    settings, silent = settings_muting("group", "kick", "jazz", "normal")
    result = shipped.drumify(read_midi(EXAMPLES / "shuffle_blues.mid"), settings)
    assert not (shipped.variations_of(result, settings, 3)[..., silent] > 0.5).any()
