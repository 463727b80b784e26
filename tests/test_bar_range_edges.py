"""Bars drummed again at the edges of a song (core/bar_range.py): a range or time selection from an empty bar 1, a
pickup's lead-in in bar 1, razor edits whose unmarked part plays the marked part's onsets, and a range inside a chorus
said by its two ends. Each is the whole song's drums there, and what the song says of those bars."""

from __future__ import annotations

from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_named_sections import HatsKeepTime, marked_song
from test_reaper import PURGE
import test_reaper_razor_edits
from test_reaper_razor_edits import deselect_all

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SPQ = 0.5  # seconds per quarter note at 120 BPM
razor = test_reaper_razor_edits.razor  # (the simulated razor edits, a fixture here)
RIDE, TPB = 8, 480


def riffs(first: int) -> list[tuple[float, int, int, int]]:
    """A bass riff from bar `first` to 8, another with keys in bars 9-16, the bass alone again in 17-24."""
    notes = [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(first, 9) for t in (0.0, 1.5, 2.0, 3.5)]
    notes += [((b - 1) * 4.0 + t, 45, 100, 0) for b in range(9, 17) for t in (0.0, 0.75, 1.5, 2.5, 3.0)]
    notes += [((b - 1) * 4.0 + t, p, 80, 1) for b in range(9, 17) for t in (0.5, 1.5, 2.5, 3.5) for p in (60, 64, 67)]
    return sorted(notes + [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(17, 25) for t in (0.0, 2.0)])


def test_bars_from_an_empty_bar_1_are_the_whole_songs_drums(make_midi):
    """A band coming in on bar 2 (an empty bar 1, as a DAW exports from the project's start): `--bars 1-16` was
    drummed alone, its windows phased 1-2, 3-4 against the song's 2-3, 4-5, and drums in the empty bar."""
    song = read_midi(make_midi(riffs(2), "late.mid"))
    engine = Engine(StubModel())
    whole = engine.drumify(song, Settings())
    part = engine.drumify(song, Settings(), bars=(1, 16))
    assert part.written_hits() == whole.written_hits(0.0, 16 * 4.0)
    assert not part.written_hits(0.0, 4.0)  # nothing before the band, as the song plays it
    assert part.written_hits() == engine.drumify(song, Settings(), bars=(2, 16)).written_hits()


def test_bars_over_a_long_silent_opening_still_get_the_drum_intro_asked_for(make_midi):
    """Eight empty bars asked for before the band are a drum intro over them, as before (not the song's silence)."""
    song = read_midi(make_midi([n for n in riffs(1) if n[0] >= 32.0], "intro.mid"))
    part = Engine(StubModel()).drumify(song, Settings(), bars=(1, 14))
    assert part.written_hits(0.0, 32.0)


def pickup_song(make_midi):
    """A bass walk-up on beats 3-4 of bar 1 (a pickup), the riff from bar 2, keys joining on bar 10."""
    notes = [(2.0, 40, 90, 0), (3.0, 43, 90, 0), (3.5, 45, 90, 0)]
    notes += [((b - 1) * 4.0 + t, 40 + (b % 4) * 2, 100, 0) for b in range(2, 19) for t in (0.0, 1.5, 2.0, 3.5)]
    notes += [((b - 1) * 4.0 + t, p, 80, 1) for b in range(10, 19) for t in (0.5, 2.5) for p in (60, 64, 67)]
    return read_midi(make_midi(sorted(notes), "pickup.mid"))


def test_bars_from_bar_1_keep_the_songs_lead_in_over_its_pickup(make_midi):
    """`--bars 1-8` came in on bar 2, without the lead-in the whole song (and `--bars 1-1`) plays over the pickup."""
    song = pickup_song(make_midi)
    engine = Engine(StubModel())
    whole = engine.drumify(song, Settings())
    part = engine.drumify(song, Settings(), bars=(1, 8))
    lead_in = whole.written_hits(0.0, 4.0)
    assert lead_in and part.written_hits() == whole.written_hits(0.0, 32.0)
    assert any("drums play a lead-in" in m for m in part.messages)
    assert not any("left out)" in m for m in part.messages)  # (not "its 3 notes left out": they are heard)
    assert not engine.drumify(song, Settings(), bars=(2, 9)).written_hits(0.0, 4.0)  # bar 1 not asked: none


def marked_chorus(path, chorus=(9, 25), bars=32):
    """A 4/4 band (bass on 1 and 3, 8th chords) with a chorus marked over bars chorus[0] to chorus[1] - 1."""
    return marked_song(path, [(1, "Verse 1"), (chorus[0], "Chorus 1"), (chorus[1], "Verse 2")], bars)


def test_bars_inside_a_marked_chorus_say_it_moves_the_hats_to_the_ride(tmp_path):
    """`--bars 13-20` inside the chorus of bars 9-24 plays it on the ride, and says why: the note names the chorus
    by its two ends (bar 9, bar 25), neither next to the range, and had been left out."""
    engine = Engine(HatsKeepTime())
    content = read_midi(marked_chorus(tmp_path / "chorus.mid"))
    said = "bar 9, 'Chorus 1': the hats move to the ride, the hats again from bar 25"
    assert said in engine.drumify(content, Settings()).messages
    part = engine.drumify(content, Settings(), bars=(13, 20))
    assert (part.loops[..., RIDE] > 0.5).any() and said in part.messages
    assert said not in engine.drumify(content, Settings(), bars=(1, 4)).messages  # (a range far before it: not)
    # a range just before or just after the chorus plays none of it: not said (bars 25-28 had said it, no ride there)
    for bars in ((1, 8), (25, 28)):
        part = engine.drumify(content, Settings(), bars=bars)
        assert not (part.loops[..., RIDE] > 0.5).any() and said not in part.messages, bars


def reaper_drums(spec, sel=None):
    """{(QN to 1/16, pitch, velocity)} Drumify writes for the project (sel: a time selection in QN), its messages."""
    with reapy_inside(spec, purge=PURGE) as s:
        if sel is not None:
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, sel[0] * SPQ, sel[1] * SPQ, False)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings(seed=3))
        items = bridge.call("drum_track_items")["items"]
        return {(round(n[0] * 4) / 4, n[2], n[3]) for i in items for n in i["notes"]}, res["messages"]


def test_a_time_selection_from_an_empty_bar_1_plays_the_items_drums_there():
    """A bass item from bar 1 that plays from bar 2, time-selected over bars 1-16: it was drummed alone, drums in the
    empty bar 1 (the shipped model's: 330 notes off the item's, the fill into bar 17 and its message lost); now the
    item's drums there, and said why bar 1 has none."""
    def late():
        spec = ProjectSpec(bpm=120)
        notes = [(q, 0.3, p, v) for q, p, v, _ in riffs(2)]
        spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=96.0, selected=True, name="bass",
                           notes=notes)
        return spec

    whole, _ = reaper_drums(late())
    clip, said = reaper_drums(late(), (0.0, 64.0))
    assert clip == {n for n in whole if n[0] < 64.0}
    assert not any(n[0] < 4.0 for n in clip)
    assert "the selected items play nothing in bar 1: the drums come in with their first note" in said


def test_razor_edits_leave_out_an_unmarked_part_on_the_marked_parts_beats(razor):
    """The bass marked in bars 1-4 and the keys in 5-8, the bass's roots on the keys' beats 1 and 3: the onsets of
    5-8 are the same with the bass or without, yet the drums there followed the unmarked bass (its kicks, no section
    on bar 5). They are the drums of the project whose bass stops at bar 4."""
    bar_s = 4 * SPQ

    def drums_after_bar_4(bass_bars: int):
        spec = ProjectSpec(bpm=120)
        riff = [((b - 1) * 4.0 + t, 1.5, 40 + b % 2 * 5, 100) for b in range(1, bass_bars + 1) for t in (0.0, 2.0)]
        spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=32.0, name="bass", notes=riff)
        spec.add_midi_item(spec.add_track("Keys"), start_qn=0.0, length_qn=32.0, name="keys",
                           notes=[(b * 4.0 + t, 1.5, p, 80) for b in range(8) for t in (0.0, 2.0)
                                  for p in (60, 64, 67)])
        with reapy_inside(spec, purge=PURGE) as s:
            deselect_all(s.rpr)
            razor(s, {"Bass": f'0 {4 * bar_s:.14f} ""', "Keys": f'{4 * bar_s:.14f} {8 * bar_s:.14f} ""'})
            res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings(seed=3))
            items = LocalBridge().call("drum_track_items")["items"]
            drums = {(round(n[0] * 4) / 4, n[2], n[3]) for i in items for n in i["notes"] if n[0] >= 16.0}
            return drums, res["messages"]

    unmarked, said = drums_after_bar_4(8)
    assert (unmarked, said) == drums_after_bar_4(4)
