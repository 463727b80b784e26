"""`reagroove live --mute GROUPS` and `--max-hits VOICE=0` hold over the genres' own rules as drumify's do
(test_caps_hold_over_genre_rules.py: muted_voices.as_asked): live passed the cymbals switch alone to the genres'
half time (a ride capped at 0 still rode jazz's and latin's time) and capped or muted nothing after them. Through
the rig `reagroove live` assembles (in-memory ports), on the shipped model: no hit of a silenced voice is sent. Before, over 8 bars of a piano waltz at 120 latin's
bell rode 24 times under ride=0, disco laid 14 snares and jazz 5 under snare=0; in half time over 6 bars jazz rode
40 times under ride=0, latin's clave laid 12 snares, jazz 6 and reggae's drop 5 under snare=0. Mutes did not leak
(the genres' rules read the group switches). Where live is compared with drumify bar by bar, a capped genre too."""

import pytest
from helpers import live_rig, play_live
from test_live_genre_density import ONE, PARTS, assert_same_bars, drumified, played_live
from test_live_half_time_shuffle import VOICE_OF

from reagroove.core.loop import VOICES
from reagroove.core.muted_voices import silenced_voices
from reagroove.core.settings import Settings

ASKED = {"mute cymbals": dict(voice_groups={"cymbals": False}), "mute snare": dict(voice_groups={"snare": False}),
         "ride=0": dict(max_hits={"ride": 0}), "snare=0": dict(max_hits={"snare": 0}),
         "kick=0": dict(max_hits={"kick": 0})}


# a piano waltz at 120: the bass on the 1, chords on 2 and 3
WALTZ = [(3 * bar + beat, pitch, 96 if beat == 0 else 72) for bar in range(8) for beat, pitch in
         ((0, 43), (1, 67), (1, 71), (2, 67), (2, 71))]


def sent_live(engine, notes, bpm, beats, until_beat, settings, meter=4.0):
    """[(beat, voice)] of the drums `reagroove live` sends along with `notes` [(beat, pitch, velocity)]."""
    at = [(ONE + beat * 60.0 / bpm, pitch, vel) for beat, pitch, vel in notes]
    player, clock = live_rig(engine, bpm, settings=settings, beats_per_bar=meter)
    return [((t - ONE) * bpm / 60.0, VOICE_OF[msg.note]) for t, msg in
            play_live(player, clock, at, ONE + until_beat * 60.0 / bpm) if msg.type == "note_on" and msg.velocity]


def settings_for(genre, asked, **more):
    kw = dict(ASKED[asked])
    if "voice_groups" in kw:
        kw["voice_groups"] = {**Settings().voice_groups, **kw["voice_groups"]}
    if "max_hits" in kw:
        kw["max_hits"] = tuple(kw["max_hits"].get(v, 32) for v in VOICES)
    return Settings(genre={genre: 1.0}, **kw, **more)


CASES = [("jazz", "4/4"), ("latin", "4/4"), ("reggae", "4/4"), ("disco", "4/4"), ("latin", "waltz"),
         ("jazz", "waltz"), ("disco", "waltz"), ("jazz", "half"), ("latin", "half"), ("reggae", "half")]


@pytest.mark.parametrize("asked", list(ASKED))
@pytest.mark.parametrize("genre, part", CASES)
def test_live_sends_no_hit_of_a_voice_muted_or_capped_at_0(shipped, genre, part, asked):
    settings = settings_for(genre, asked, **({"feel": "half"} if part == "half" else {}))
    if part == "waltz":
        sent = sent_live(shipped, WALTZ, 120.0, 3, 24, settings, (3, 4))
    else:
        notes, bpm, bars = PARTS["jazz" if genre == "disco" else genre]
        sent = sent_live(shipped, notes, bpm, 4, 4 * min(bars, 6), settings)
    silent = {VOICES[v] for v in silenced_voices(settings)}
    assert len(sent) > 20  # (the drums play)
    leaked = [(round(beat, 2), voice) for beat, voice in sent if voice in silent]
    assert not leaked, f"{genre} {part} {asked}: {leaked}"


@pytest.mark.parametrize("genre, asked, feel", [("latin", {"snare": 2}, "normal"), ("reggae", {"snare": 0}, "normal"),
                                               ("jazz", {"ride": 0}, "half"), ("reggae", {"snare": 0}, "half")])
def test_live_plays_a_capped_genre_as_drumify_bar_by_bar(shipped, make_midi, genre, asked, feel):
    notes, bpm, bars = PARTS[genre]
    settings = Settings(genre={genre: 1.0}, max_hits=tuple(asked.get(v, 32) for v in VOICES), feel=feel)
    heard = played_live(shipped, notes, bpm, bars, settings)
    assert_same_bars(heard, drumified(shipped, make_midi, notes, bpm, settings), bars)
