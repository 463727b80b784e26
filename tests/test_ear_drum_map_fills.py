"""A drum map writing the backbeat as a cross-stick (the snare on 37) keeps a fill's snare strokes on the head (38),
as a drummer lifts the stick off the rim to fill: the map had written the fill's snare on 37 too."""

import numpy as np
import pytest

from reagroove.core.drummap import GM_DRUM_MAP, drum_map_from_dict, fill_strokes, load_drum_map
from reagroove.core.errors import DrumMapError
from reagroove.core.loop import VOICES

KICK, SNARE, CLOSED, LOW, MID, HIGH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "low_tom", "mid_tom",
                                                                 "high_tom"))


def groove_and_fill() -> np.ndarray:
    """Two 4/4 bars (32, 9): hats, the kick on 1 and 3, the backbeat on 2 and 4 with a ghost note; the second bar's
    beats 3 and 4 a fill: snare 16ths into the toms, a snare stroke with the floor tom at its end."""
    hits = np.zeros((32, len(VOICES)), bool)
    hits[0:24:2, CLOSED] = True
    hits[[0, 8, 16], KICK] = True
    hits[[4, 11, 12, 20], SNARE] = True
    hits[[24, 25, 26], SNARE] = True
    hits[27, HIGH] = hits[28, HIGH] = hits[29, MID] = hits[30, LOW] = hits[31, LOW] = True
    hits[31, SNARE] = True
    return hits


@pytest.fixture
def cross_stick(tmp_path):
    path = tmp_path / "kit.toml"
    path.write_text('name = "brushes"\n[voices.snare]\noutput = 37\n')
    return load_drum_map(path)


def test_a_cross_stick_backbeat_fills_on_the_snare_head(cross_stick):
    hits = groove_and_fill()
    pitch = cross_stick.pitches(hits)
    snare = {int(t): int(pitch[t, SNARE]) for t in np.flatnonzero(hits[:, SNARE])}
    assert snare == {4: 37, 11: 37, 12: 37, 20: 37, 24: 38, 25: 38, 26: 38, 31: 38}, snare
    assert [int(pitch[t, v]) for t, v in zip(*np.nonzero(hits)) if v != SNARE] == \
        [cross_stick.output[v] for _, v in zip(*np.nonzero(hits)) if v != SNARE]  # the other voices as mapped


def test_a_map_names_the_fill_pitch_or_keeps_it(tmp_path):
    named = drum_map_from_dict({"voices": {"snare": {"output": 37, "fill": 40}}})
    assert named.pitches(groove_and_fill())[24, SNARE] == 40
    # 38 written by another voice: the fill's snare stays on the cross-stick (one pitch, one voice)
    taken = drum_map_from_dict({"voices": {"snare": {"output": 37}, "mid_tom": {"output": 38}}})
    assert taken.pitches(groove_and_fill())[24, SNARE] == 37
    # the General MIDI map and a map leaving the snare on 38 write every snare on 38
    for kit in (GM_DRUM_MAP, drum_map_from_dict({"voices": {"kick": 35}})):
        assert set(kit.pitches(groove_and_fill())[groove_and_fill()[:, SNARE], SNARE].tolist()) == {38}


def test_the_fill_pitch_survives_the_map_stored_with_a_drum_track(cross_stick):
    again = drum_map_from_dict(cross_stick.to_dict())
    assert again.fill == cross_stick.fill and again.fill[SNARE] == 38
    assert again.voice_of_pitch()[38] == SNARE and again.voice_of_pitch()[37] == SNARE  # both read back as the snare


def test_a_bad_fill_pitch_is_one_line():
    with pytest.raises(DrumMapError, match="voice 'snare': pitch 'D1' is not a MIDI note number"):
        drum_map_from_dict({"voices": {"snare": {"output": 37, "fill": "D1"}}})


def test_a_backbeat_alone_is_no_fill():
    hits = groove_and_fill()[:24]  # the groove and the fill's snare lead-in without its toms
    assert not fill_strokes(hits).any()


def test_the_written_file_fills_on_the_head_under_a_cross_stick_backbeat(tmp_path, cross_stick):
    # through the file a producer gets: drumify's fills every 4 bars, written with the brushes map
    import mido

    from reagroove.core.cli import main

    kit = tmp_path / "kit.toml"
    kit.write_text('name = "brushes"\n[voices.snare]\noutput = 37\n')
    out = tmp_path / "drums.mid"
    assert main(["drumify", "core/examples/funk_bass.mid", "-o", str(out), "--fill-every", "4bars",
                 "--drum-map", str(kit)]) == 0
    beats_of: dict[int, list[float]] = {37: [], 38: []}
    for track in mido.MidiFile(str(out)).tracks:
        now = 0
        for msg in track:
            now += msg.time
            if msg.type == "note_on" and msg.velocity and msg.note in beats_of:
                beats_of[msg.note].append(now / 480)
    backbeats = [b for b in beats_of[37] if abs(b % 2 - 1) < 0.1]  # beats 2 and 4
    assert len(backbeats) >= 12, beats_of[37]  # the groove's backbeat on the cross-stick
    assert beats_of[38], "no fill stroke on the snare's head"
    assert all(b % 16 >= 12 for b in beats_of[38]), beats_of[38]  # only in the fills' bars (4, 8)


def test_live_drums_fill_on_the_head_under_a_cross_stick_backbeat(shipped, cross_stick):
    # `reagroove live --drum-map kit.toml`: the cued section's fill (core/live_section_cue.py) on the head, the
    # groove's backbeat on the cross-stick, as the written file
    from helpers import live_rig, play_live
    from test_live_part_change import RIFF

    bpm, start, bars = 100.0, 1.0, 8
    beat = 60.0 / bpm
    notes = [(start + (bar * 4 + b) * beat, p, v) for bar in range(bars) for b, p, v in RIFF]
    player, clock = live_rig(shipped, bpm, regenerate="bar")
    player.drum_map = cross_stick
    sent = play_live(player, clock, notes, start + 4 * bars * beat,
                     actions=[(start + 13.0 * beat, lambda p: p.session.cue_section())])
    bar_of = {37: set(), 38: set()}
    for t, m in sent:
        if m.type == "note_on" and m.velocity and m.note in bar_of:
            bar_of[m.note].add(int(round((t - start) / beat * 4)) // 16 + 1)
    assert bar_of[38] and bar_of[38] <= {5}, bar_of  # the fill into bar 6 only
    assert {3, 4, 6, 7} <= bar_of[37], bar_of  # the groove's backbeat on the cross-stick


def test_the_backbeat_before_a_fill_on_its_and_stays_on_the_cross_stick(cross_stick):
    # the fill starts on the "and" of 4 (toms from step 30): the backbeat on 4 (step 28) is the groove's last stroke
    hits = np.zeros((32, len(VOICES)), bool)
    hits[0:28:2, CLOSED] = True
    hits[[4, 12, 20, 28], SNARE] = True
    hits[30, HIGH] = hits[31, LOW] = True
    pitch = cross_stick.pitches(hits)
    assert [int(pitch[t, SNARE]) for t in (4, 12, 20, 28)] == [37, 37, 37, 37]
    # a backbeat with a 16th straight after it starts the fill: snare 16ths into the toms, on the head
    hits[29, SNARE] = True
    pitch = cross_stick.pitches(hits)
    assert [int(pitch[t, SNARE]) for t in (20, 28, 29)] == [37, 38, 38]


def test_a_producers_fill_on_the_cross_stick_survives_the_stored_map():
    # `fill = 37`: fills on the rim too. Stored with the drum track and read back, it had become the default 38
    kit = drum_map_from_dict({"voices": {"snare": {"output": 37, "fill": 37}}})
    again = drum_map_from_dict(kit.to_dict())
    assert again.pitches(groove_and_fill())[24, SNARE] == 37
    assert drum_map_from_dict(again.to_dict()).to_dict() == kit.to_dict()


@pytest.mark.parametrize("voices, words", [
    ({"snare": {"output": 37, "fill": 36}}, "fill pitch 36 is the output of 'kick'"),
    ({"kick": {"fill": 35}}, "only the snare and the toms play a fill"),
])
def test_a_fill_pitch_that_cannot_be_played_is_one_line(voices, words):
    with pytest.raises(DrumMapError) as err:
        drum_map_from_dict({"voices": voices}, "kit.toml")
    assert words in str(err.value) and "kit.toml" in str(err.value) and "\n" not in str(err.value)


def test_a_swung_fill_strikes_the_head_from_its_first_stroke(tmp_path):
    # shuffle_blues' fill: snare on 3 and its swung "and" (3 steps on), then the toms: the stroke on 3 had stayed on
    # the rim (a gap of two empty 16ths split the run)
    import mido

    from reagroove.core.cli import main

    kit = tmp_path / "kit.toml"
    kit.write_text('name = "brushes"\n[voices.snare]\noutput = 37\n')
    out = tmp_path / "drums.mid"
    assert main(["drumify", "core/examples/shuffle_blues.mid", "-o", str(out), "--fill-every", "4bars",
                 "--drum-map", str(kit), "--quiet"]) == 0
    notes, now = [], 0
    for msg in mido.merge_tracks(mido.MidiFile(str(out)).tracks):
        now += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note in (37, 38):
            notes.append((now / 480, msg.note))
    fill_bar = [(beat, note) for beat, note in notes if 12 <= beat < 16]  # bar 4: beats 12-16
    first_fill_stroke = min(beat for beat, _ in fill_bar if beat >= 14)  # from its 3
    assert dict(fill_bar)[first_fill_stroke] == 38, fill_bar
    assert dict(fill_bar)[13.0] == 37, fill_bar  # the backbeat on 2 stays on the rim


def test_jazzs_hat_foot_is_written_on_the_pedal_hat(tmp_path):
    # `--genre jazz`: the right hand rides, the foot closes the hat on 2 and 4 (core/comping.ride_time); written as
    # the closed hat (42) it sounded as a stick on the hat, not the foot's "chick" (GM's pedal hat, 44)
    import mido

    from reagroove.core.cli import main

    def notes_of(path):
        out, now = [], 0
        for msg in mido.merge_tracks(mido.MidiFile(str(path)).tracks):
            now += msg.time
            if msg.type == "note_on" and msg.velocity:
                out.append((now / 480, msg.note))
        return out

    jazz, rock = tmp_path / "jazz.mid", tmp_path / "rock.mid"
    assert main(["drumify", "core/examples/shuffle_blues.mid", "-o", str(jazz), "--genre", "jazz", "--quiet"]) == 0
    assert main(["drumify", "core/examples/funk_bass.mid", "-o", str(rock), "--quiet"]) == 0
    feet = [beat for beat, note in notes_of(jazz) if note == 44]
    assert len(feet) >= 8 and all(round(beat) % 2 == 1 for beat in feet), feet  # 2 and 4
    ride = {round(beat, 2) for beat, note in notes_of(jazz) if note == 51}
    assert all(round(beat, 2) in ride for beat in feet)  # each under the ride's stroke
    assert 44 not in {note for _, note in notes_of(rock)}  # the hats played by hand stay on 42


def test_a_hat_the_hands_play_stays_on_the_closed_hat_beside_the_ride():
    # hats on every 8th, the ride on the beats: a hat struck on its own too is the hands', not the foot's
    ride = VOICES.index("ride")
    hits = np.zeros((32, len(VOICES)), bool)
    hits[0::2, CLOSED] = True
    hits[0::4, ride] = True
    assert set(GM_DRUM_MAP.pitches(hits)[hits[:, CLOSED], CLOSED].tolist()) == {42}
    hits[2::4, CLOSED] = False  # now only under the ride's beats: the foot
    assert set(GM_DRUM_MAP.pitches(hits)[hits[:, CLOSED], CLOSED].tolist()) == {44}
