"""A ballad's held-pad outro (its last bars nothing but chords held from their downbeats, after bars that play a
rhythm) is let ring as a drummer lets it: a kick and a crash with its first chord, nothing under the held chords,
one hit with the band's last chord to end. A song of pads all through, or a long run of them, is played with."""

from test_sections import band, write_song
from test_stop_time import CRASH, KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.settings import Settings

BALLAD = (0.0, 1.5, 2.0, 3.0)  # a ballad's bass and keys: 1, the "and" of 2, 3 and 4


def test_the_drums_let_a_held_pad_outro_ring_and_end_on_its_last_chord(tmp_path, shipped):
    # bars 1-12 a ballad's rhythm, bars 13-16 one chord held through each bar to the end (the drums had played a
    # full groove, kick, backbeat and hats, under the pads to the end, with no last hit)
    notes = band(range(1, 13), BALLAD) + band(range(13, 17), (0.0,), 3.9)
    res = shipped.drumify(read_midi(write_song(tmp_path / "outro.mid", notes)), Settings())
    assert [(s.bar, s.back_bar, s.held) for s in res.stops] == [(13, 16, True), (16, None, True)]
    assert any("holds its chords from bar 13 to the end" in m for m in res.messages)
    assert bar_hits(res, 12)[:, SNARE].any()  # the groove up to the outro
    for bar in (13, 16):
        hits = bar_hits(res, bar)
        assert hits[0, KICK] and hits[0, CRASH], bar  # with the band's chord
        assert not hits[1:].any(), bar  # the cymbal rings
    assert not bar_hits(res, 14).any() and not bar_hits(res, 15).any()  # nothing under the held chords

    # two bars of pads end it: the first hit, then the last chord's
    notes = band(range(1, 15), BALLAD) + band(range(15, 17), (0.0,), 3.9)
    res = shipped.drumify(read_midi(write_song(tmp_path / "short.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops] == [(15, 16), (16, None)]


def test_pads_all_song_or_a_long_pad_ending_are_played_with(tmp_path, shipped):
    # a song of held chords from its first bar: the band's texture, the drums play along to the end
    res = shipped.drumify(read_midi(write_song(tmp_path / "pads.mid", band(range(1, 17), (0.0,), 3.9))), Settings())
    assert not [s for s in res.stops if s.held]
    # ... one of them with a passing chord on its 4th beat: still the band's pads, no outro after it
    notes = band(range(1, 17), (0.0,), 3.9) + band([12], (3.0,), 0.9)
    res = shipped.drumify(read_midi(write_song(tmp_path / "passing.mid", notes)), Settings())
    assert not [s for s in res.stops if s.held]
    # eight bars of pads after the rhythm: a section of its own, not an outro to let ring
    notes = band(range(1, 9), BALLAD) + band(range(9, 17), (0.0,), 3.9)
    res = shipped.drumify(read_midi(write_song(tmp_path / "long.mid", notes)), Settings())
    assert not [s for s in res.stops if s.held]
    assert any(bar_hits(res, bar)[1:].any() for bar in (12, 13, 14))
