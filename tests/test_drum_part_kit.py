"""A drum part that plays a kit (a typed or played beat on MIDI channel 10) is re-drummed from its own pattern:
the drum-part network decodes the latent point that reproduces its loops (drum_parts.kit_target), so its kick and
snare stay where the producer put them, and its rests stay rests. A rhythm tapped on one pad is drumified from
its groove, as before."""

import numpy as np

from reagroove.core.groove import extract_windows
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE = 0, 1
BAR = 4 * STEPS_PER_BEAT


def typed_rock(bars: int, rest=()):
    """A rock beat typed at velocity 100 on the grid: kick on 1, 3 and the 'and' of 3, snare on 2 and 4, 8th hats;
    bars in `rest` empty."""
    notes = []
    for bar in range(bars):
        if bar in rest:
            continue
        b = 4.0 * bar
        notes += [(b + k * 0.5, 42, 100, 9) for k in range(8)]
        notes += [(b, 36, 100, 9), (b + 2, 36, 100, 9), (b + 2.5, 36, 100, 9), (b + 1, 38, 100, 9), (b + 3, 38, 100, 9)]
    return notes


def bar_hits(result, voice):
    """Per bar, the 16th steps the voice plays (the loops on their bars, 2 bars a loop)."""
    hits = np.asarray(result.loops)[..., voice] > 0.5
    return [set(np.flatnonzero(h[i * BAR:(i + 1) * BAR]).tolist()) for h in hits for i in range(2)]


def test_a_typed_rock_beat_keeps_its_kick_on_1_and_3_and_its_backbeat(shipped, make_midi):
    # (the drum-part network from the groove alone: kick on 2 and 4 with the snare, none on 1 or 3)
    result = shipped.drumify(read_midi(make_midi(typed_rock(8))), Settings())
    kicks, snares = bar_hits(result, KICK), bar_hits(result, SNARE)
    # the kick as typed, its "and" of 3 too (the decode of its point alone had dropped it), the backbeat as typed
    assert kicks == [{0, 8, 10}] * len(kicks), kicks
    assert snares == [{4, 12}] * len(snares), snares
    assert any("kick, snare and toms are kept" in m for m in result.messages), result.messages
    assert not any("typed at one velocity" in m for m in result.messages), result.messages
    # a genre asked moves them: jazz's comping, not the typed backbeat
    jazz = shipped.drumify(read_midi(make_midi(typed_rock(8))), Settings(genre={"jazz": 1.0}))
    assert bar_hits(jazz, SNARE) != snares and not any("are kept" in m for m in jazz.messages)


def test_a_crash_ridden_as_the_time_keeper_is_played_on_the_ride(shipped, make_midi):
    """A take riding the crash (quarters on it, as e1m1's does) had its crashes cleared where no phrase starts and
    nothing keeping time in their place: 26 of e1m1's bars had a kick on the 1 and no cymbal."""
    notes = []
    for bar in range(8):
        b = 4.0 * bar
        notes += [(b + k, 49, 100, 9) for k in range(4)]
        notes += [(b, 36, 100, 9), (b + 2, 36, 100, 9), (b + 1, 38, 100, 9), (b + 3, 38, 100, 9)]
    result = shipped.drumify(read_midi(make_midi(notes)), Settings())
    cymbals = bar_hits(result, 8)  # the ride
    assert all({0, 4, 8, 12} <= c for c in cymbals[1:]), cymbals


def test_a_kick_and_snare_sketch_gets_a_hand_keeping_time(shipped, make_midi):
    notes = [(4.0 * bar + beat, pitch, 100, 9) for bar in range(8) for beat, pitch in
             ((0, 36), (1, 38), (2, 36), (2.5, 36), (3, 38))]
    result = shipped.drumify(read_midi(make_midi(notes)), Settings())
    assert bar_hits(result, KICK) == [{0, 8, 10}] * 8 and bar_hits(result, SNARE) == [{4, 12}] * 8
    hands = (np.asarray(result.loops)[..., [2, 3, 8]] > 0.5).any(-1).reshape(-1, BAR)
    assert (hands[:, ::2].sum(1) >= 4).all(), "no cymbal keeps time over a kick-and-snare sketch"


def test_a_drum_parts_rest_is_kept_and_said(shipped, make_midi):
    result = shipped.drumify(read_midi(make_midi(typed_rock(12, rest=range(4, 8)))), Settings())
    hits = np.asarray(result.loops)[..., :9] > 0.5
    assert not hits[2].any(), "bars 5-6 of the drum part rest: so do its drums"
    assert hits[0].any() and hits[4].any()
    assert any("where the drums rest with it" in m for m in result.messages), result.messages


def test_its_variations_and_seeds_move_from_its_own_pattern(shipped, make_midi):
    song = read_midi(make_midi(typed_rock(8)))
    one = shipped.drumify(song, Settings(seed=1)).loops
    two = shipped.drumify(song, Settings(seed=2)).loops
    assert not np.array_equal(one, two), "seeds 1 and 2 give the same drums"  # (a take: hits or levels)
    versions = shipped.variations_of(shipped.drumify(song, Settings()), Settings(), 3)
    assert not np.array_equal(versions[0], versions[1]) and not np.array_equal(versions[1], versions[2])
    for v in versions:  # each a version of this beat: its kick and backbeat kept
        assert (np.asarray(v)[..., SNARE] > 0.5).sum() == (np.asarray(versions[0])[..., SNARE] > 0.5).sum()
        assert ((np.asarray(v)[..., KICK] > 0.5) == (np.asarray(versions[0])[..., KICK] > 0.5)).all()


def test_a_rhythm_tapped_on_one_pad_is_drumified_from_its_groove(shipped, make_midi):
    taps = [(4.0 * bar + k * 0.5, 38, 100 if k % 2 == 0 else 60, 9) for bar in range(8) for k in range(8)]
    wins = extract_windows(read_midi(make_midi(taps)))
    assert wins.drum_part and wins.kit is None
    result = shipped.drumify_windows(wins, Settings())
    hits = np.asarray(result.loops)[..., :9] > 0.5
    assert hits[..., KICK].any(), "a tap on the snare pad is drums for its rhythm, the kick among them"


def test_muted_groups_and_a_cap_hold_over_the_kept_drums(shipped, make_midi):
    """The kept drums were laid after the mute and the cap: `--mute kick` kept the typed kicks, `--max-hits kick=2`
    kept 6 a loop, and a sketch with `--mute hats` got its 8ths on the hats."""
    song = read_midi(make_midi(typed_rock(8)))
    muted = shipped.drumify(song, Settings(voice_groups={"kick": False}))
    assert not (np.asarray(muted.loops)[..., KICK] > 0.5).any()
    capped = shipped.drumify(song, Settings(max_hits={"kick": 2}))
    assert ((np.asarray(capped.loops)[..., KICK] > 0.5).sum((1)) <= 2).all()
    sketch = [(4.0 * bar + beat, pitch, 100, 9) for bar in range(8) for beat, pitch in ((0, 36), (1, 38), (3, 38))]
    ridden = shipped.drumify(read_midi(make_midi(sketch, name="sketch.mid")), Settings(voice_groups={"hats": False}))
    loops = np.asarray(ridden.loops)
    assert not (loops[..., [2, 3]] > 0.5).any() and (loops[..., 8] > 0.5).sum() >= 8 * 6  # the ride keeps time


def test_a_drum_parts_own_map_reads_its_kit(shipped, make_midi, tmp_path):
    """Pads whose hats sit on pitch 45 (a drum map's closed hat) were read as General MIDI's mid tom: the kept
    'toms' played every 8th."""
    from reagroove.core.drummap import load_drum_map

    path = tmp_path / "pads.toml"
    path.write_text('name = "Pads"\n[voices.closed_hat]\noutput = 45\ninput = [45]\n'
                    '[voices.low_tom]\noutput = 41\ninput = [41, 43]\n')
    notes = [(4.0 * bar + k * 0.5, 45, 100, 9) for bar in range(8) for k in range(8)]
    notes += [(4.0 * bar + beat, pitch, 100, 9) for bar in range(8) for beat, pitch in ((0, 36), (1, 38), (2, 36), (3, 38))]
    song = read_midi(make_midi(notes))
    result = shipped.drumify(song, Settings(), drum_map=load_drum_map(path))
    loops = np.asarray(result.loops)
    assert not (loops[..., 4:7] > 0.5).any(), "the hats on 45 read as toms"
    assert bar_hits(result, KICK)[1:] == [{0, 8}] * 7


def test_a_typed_beat_in_half_time_is_still_told_it_is_typed(shipped, make_midi):
    # (half time plays a drum part from its groove: the typed beat's warning stands there)
    result = shipped.drumify(read_midi(make_midi(typed_rock(8))), Settings(feel="half"))
    assert any("typed at one velocity" in m for m in result.messages), result.messages
    assert not any("are kept" in m for m in result.messages)


def test_a_drum_part_opening_with_a_pickup_keeps_its_toms(shipped, make_midi):
    """A take opening with a pickup (GMD's funk take 102 of drummer 1) had its windows read as not 4/4 and every
    tom stroke played on the snare (0 of 23 kept)."""
    notes = [(3.0, 50, 100, 9), (3.5, 47, 100, 9)]  # a pickup into bar 2 on the toms
    notes += [(n[0] + 4.0, *n[1:]) for n in typed_rock(8)]
    toms = [(4.0 * 5 + 2 + k * 0.25, 50 if k < 2 else 45, 100, 9) for k in range(4)]  # a fill ending bar 6
    notes = [n for n in notes if not (4.0 * 5 + 2 <= n[0] < 4.0 * 6 and n[1] == 42)] + toms
    result = shipped.drumify(read_midi(make_midi(sorted(notes))), Settings())
    assert any("pickup" in m for m in result.messages), result.messages
    from reagroove.core.groove import loops_from_notes
    kit, _ = loops_from_notes(read_midi(make_midi(sorted(notes), name="again.mid")).notes, result.starts)
    theirs, ours = kit[1:, ..., 4:7] > 0.5, np.asarray(result.loops)[1:, ..., 4:7] > 0.5
    assert theirs.sum() == 4 and (ours[theirs]).all(), (int(theirs.sum()), int((ours & theirs).sum()))
    # (over the pickup the drums play their lead-in on the toms, as into any part)
    assert (np.asarray(result.loops)[0, 28:, 4:7] > 0.5).any()


def test_every_version_keeps_time_where_the_part_does_and_two_hands(shipped, make_midi):
    """Versions of a take keeping time on the open hat every beat had kept it with one ride stroke a bar, or hats
    on 2 and 4; and a typed tom figure under 8th hats got a hat over snare and tom (three hands)."""
    notes = []
    for bar in range(8):
        b = 4.0 * bar
        notes += [(b + k, 46, 100, 9) for k in range(4)]
        notes += [(b, 36, 100, 9), (b + 2.5, 36, 100, 9), (b + 1, 38, 100, 9), (b + 3, 38, 100, 9)]
        notes += [(b + 3.25, 48, 100, 9), (b + 3.5, 45, 100, 9)]  # a tom figure on 4's 'e' and 'and'
    song = read_midi(make_midi(notes))
    versions = np.asarray(shipped.variations_of(shipped.drumify(song, Settings()), Settings(), 4))
    cymbals = (versions[..., [2, 3, 7, 8]] > 0.5).any(-1)  # (k, W, 32)
    assert cymbals[..., ::4].all(), cymbals[..., ::4].sum((1, 2))
    hands = (versions[..., 1:9] > 0.5).sum(-1)
    assert (hands <= 2).all(), np.argwhere(hands > 2)[:5]


def test_a_snare_figure_of_the_part_keeps_both_hands_on_the_drum(shipped, make_midi):
    """e1m1's 'XXXX' on beat 4 (its open hat on the beat only) at 165 BPM lost a stroke: the network's hat on the
    'and' left one hand for the snare, and the one-hand rule thinned its 16ths."""
    notes = []
    for bar in range(8):
        b = 4.0 * bar
        notes += [(b + k * 0.5, 46, 100, 9) for k in range(7)]  # 8ths, beat 4's on the beat only
        notes += [(b, 36, 100, 9), (b + 2, 36, 100, 9), (b + 1, 38, 100, 9)]
        notes += [(b + 3 + k * 0.25, 38, 100, 9) for k in range(4)]
    result = shipped.drumify(read_midi(make_midi(notes, tempos=((0, 165.0),))), Settings())
    snares = bar_hits(result, SNARE)
    assert all({12, 13, 14, 15} <= s for s in snares[1:-1]), snares
    cymbals = (np.asarray(result.loops)[..., [2, 3, 8]] > 0.5).reshape(-1, BAR, 3).any(-1)
    assert not cymbals[1:-1, 13:].any(), "a hat under the snare figure"


def test_a_takes_own_fills_stand_where_no_fill_is_asked(shipped, make_midi):
    """A typed tom run ending bar 8 had been replaced by the form's fill (a lone ride stroke, doubled toms, nothing
    on 4), and a fill laid into the comeback after the take's rest. With --fill-every, the fills asked are laid."""
    notes = [n for n in typed_rock(8) if not (28 + 2 <= n[0] < 32 and n[1] in (38, 42, 36))]
    notes += [(30 + k * 0.25, (48, 48, 47, 47, 45, 45, 43, 43)[k], 100, 9) for k in range(8)]  # bar 8's tom run
    notes += [(n[0] + 48, *n[1:]) for n in typed_rock(4)]  # back after a 4-bar rest, bars 13-16
    song = read_midi(make_midi(sorted(notes)))
    result = shipped.drumify(song, Settings())
    toms = (np.asarray(result.loops)[..., 4:7] > 0.5).reshape(-1, BAR, 3).any(-1)
    assert [sorted(np.flatnonzero(t)) for t in toms[7:8]] == [list(range(8, 16))], toms[7]
    assert not (np.asarray(result.loops)[..., :9] > 0.5).reshape(-1, BAR, 9)[8:12].any(), "a fill into its rest"
    asked = shipped.drumify(song, Settings(fill_every=2))  # fills ending bars 4, 8, 12, 16
    drums = (np.asarray(asked.loops)[..., [1, 4, 5, 6]] > 0.5).reshape(-1, BAR, 4)
    assert drums[3, 12:].any(-1).sum() >= 2, "the fill asked in bar 4"


def test_fills_asked_leave_the_takes_own_fill_into_a_section(shipped, make_midi):
    """--fill-bars 4 had let the section's fill into bar 9 replace the take's own tom run ending bar 8 again (1 tom
    of 8 left): only the fills asked are laid over the take."""
    notes = [n for n in typed_rock(16) if not (28 + 2 <= n[0] < 32 and n[1] in (38, 42, 36))]
    notes += [(30 + k * 0.25, (50, 50, 48, 48, 45, 45, 43, 43)[k], 100, 9) for k in range(8)]
    song = read_midi(make_midi(sorted(notes)))
    result = shipped.drumify(song, Settings(fill_bars=(4,)), section_bars=[9])
    toms = (np.asarray(result.loops)[..., 4:7] > 0.5).reshape(-1, BAR, 3).any(-1)
    assert toms[7, 8:].sum() == 8, toms[7]  # its own run, ending bar 8
    assert toms[3, 12:].any(), "the fill asked in bar 4"


def test_a_swung_sketchs_hats_swing_as_it_does(shipped, make_midi):
    """A kick-and-snare sketch typed swung had its added hats on the straight 'and' under its kick on the swung one."""
    from test_swing_asked import off_beats

    notes = [(4.0 * bar + beat, pitch, 100, 9) for bar in range(8) for beat, pitch in
             ((0, 36), (1, 38), (2, 36), (2 + 2 / 3, 36), (3, 38), (3 + 2 / 3, 38))]
    loops = np.asarray(shipped.drumify(read_midi(make_midi(notes)), Settings()).loops)
    hats = loops.copy()
    hats[..., [v for v in range(9) if v != 2]] = 0.0
    assert np.allclose(off_beats(hats), 0.67, atol=0.03), sorted(set(np.round(off_beats(hats), 2)))


def test_a_pattern_set_at_follow_1_leaves_the_kit_as_played(shipped, make_midi):
    # a pattern set in the panels (Set pattern A) is not heard at Follow 1: the typed beat keeps its kick and
    # backbeat, as with none set (it had been re-drummed from the groove alone: the kick's "and" of 3 lost)
    song = read_midi(make_midi(typed_rock(8)))
    plain = shipped.drumify(song, Settings())
    at_1 = shipped.drumify(song, Settings(pattern_a="funk", follow=1.0))
    assert bar_hits(at_1, KICK) == bar_hits(plain, KICK) and bar_hits(at_1, SNARE) == bar_hits(plain, SNARE)
    assert any("kick, snare and toms are kept" in m for m in at_1.messages), at_1.messages
    heard = shipped.drumify(song, Settings(pattern_a="funk", follow=0.5))
    assert not any("are kept" in m for m in heard.messages)
