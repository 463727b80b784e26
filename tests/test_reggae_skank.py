"""A reggae skank as a producer hands it over: told no genre, the drums say the reggae genre plays its one drop
(core/style_tips.py); asked for reggae, the drop is a cross-stick at a drummer's level with the kick, and the song's
first downbeat is the one drop's open 1 under the crash (core/one_drop.py, clave_rim.drop_rim_steps). R10's skank
had got a funk-rock beat and no word, and with --genre reggae its drop on the snare's head at 119-120 every bar."""

from pathlib import Path

import mido
import numpy as np

from reagroove.core.cli import main
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.one_drop import one_drop_loops
from reagroove.core.settings import Settings
from reagroove.core.style_tips import SKANK_TIP, skank_bars

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
MIX = np.eye(len(GENRES), dtype=np.float32)[[GENRES.index("reggae")]]  # reggae alone


def skank(bars=8):
    """R10's p4: Am-Dm chords on every "and" at 75 BPM, the bass resting on each bar's 1."""
    keys = [(b * 4.0 + beat + 0.5, p, 85 if beat % 2 else 72, 0) for b in range(bars) for beat in range(4)
            for p in (57, 60, 64)]
    bass = [(b * 4.0 + t, p, 92, 1) for b in range(bars) for t, p in ((0.5, 33), (1.0, 33), (2.0, 40), (3.0, 45))]
    return sorted(keys + bass)


def reggae_band(bars=8):
    """test_styles_offbeat_bass's: the bass on the "and" of every beat, the keys' chop on 2 and 4."""
    bass = [(b * 4.0 + beat + 0.5, 43, 90, 1) for b in range(bars) for beat in range(4)]
    keys = [(b * 4.0 + beat, p, 80, 0) for b in range(bars) for beat in (1.0, 3.0) for p in (62, 66, 69)]
    return sorted(bass + keys)


def oom_pah(bars=8, bpm=90.0):
    """A country two-beat: the bass on 1 and 3, the chords on 2 and 4: no skank."""
    bass = [(b * 4.0 + beat, 40, 90, 1) for b in range(bars) for beat in (0.0, 2.0)]
    keys = [(b * 4.0 + beat, p, 80, 0) for b in range(bars) for beat in (1.0, 3.0) for p in (60, 64, 67)]
    return sorted(bass + keys)


def test_a_skank_told_no_genre_is_told_the_reggae_genre_plays_its_one_drop(shipped, make_midi):
    for name, notes in (("p4", skank()), ("band", reggae_band())):
        part = read_midi(make_midi(notes, name=f"{name}.mid", tempos=((0, 75.0),), length=0.2))
        assert SKANK_TIP in shipped.drumify(part, Settings()).messages, name
        for genre in ("reggae", "funk"):  # (a genre asked: the producer has chosen)
            assert SKANK_TIP not in shipped.drumify(part, Settings(genre={genre: 1.0})).messages, (name, genre)


def test_no_skank_tip_for_parts_that_are_not_a_skank(make_midi):
    for path in sorted(EXAMPLES.glob("*.mid")):
        assert skank_bars(read_midi(path)) == 0, path.name
    assert skank_bars(read_midi(make_midi(oom_pah(), name="two.mid", tempos=((0, 90.0),), length=0.2))) == 0
    # house's off-beat chords run faster than a skank
    assert skank_bars(read_midi(make_midi(skank(), name="house.mid", tempos=((0, 124.0),), length=0.2))) == 0
    assert skank_bars(read_midi(make_midi(skank(2), name="short.mid", tempos=((0, 75.0),), length=0.2))) == 0
    # an oom-pah in 8ths (the bass on every beat, the chords on every "and") is no skank (C6's review)
    polka = [(b * 4.0 + beat, 40, 90, 1) for b in range(8) for beat in range(4)]
    polka += [(b * 4.0 + beat + 0.5, p, 80, 0) for b in range(8) for beat in range(4) for p in (60, 64, 67)]
    assert skank_bars(read_midi(make_midi(sorted(polka), name="polka.mid", tempos=((0, 104.0),), length=0.2))) == 0


def drops(path) -> list[tuple[float, int, int]]:
    """(beat, pitch, velocity) of each kick, snare-family and crash note in a drum file."""
    mid, tick, out = mido.MidiFile(path), 0, []
    for msg in mido.merge_tracks(mid.tracks):
        tick += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note in (36, 37, 38, 49):
            out.append((round(tick / mid.ticks_per_beat * 4) / 4, msg.note, msg.velocity))
    return out


def test_the_one_drop_is_a_cross_stick_with_the_kick_at_a_drummer_s_level(make_midi, tmp_path):
    src = make_midi(skank(), tempos=((0, 75.0),), length=0.2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(src), "-o", str(out), "--quiet", "--genre", "reggae"]) == 0
    notes = drops(out)
    rims = [(b, v) for b, p, v in notes if p == 37]
    assert not [n for n in notes if n[1] == 38]  # no drop on the snare's head
    assert [b % 4 for b, _ in rims] == [2.0] * 8  # every bar's 3, on the rim
    kicks = {b for b, p, _ in notes if p == 36}
    assert all(b in kicks for b, _ in rims)  # the kick with it
    levels = [v for _, v in rims]
    assert 64 <= min(levels) and max(levels) <= 100 and len(set(levels)) > 1, levels  # a cross-stick's, breathing
    # the song's first downbeat: the crash alone, the one drop's open 1 (the bass rests there)
    assert (0.0, 49) in {(b, p) for b, p, _ in notes} and (0.0, 36) not in {(b, p) for b, p, _ in notes}


def test_a_crash_keeps_its_kick_where_the_bass_plays_the_1():
    loop = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    loop[0, [0, 16], KICK], loop[0, [0, 16], N_VOICES + KICK] = 1.0, 0.7
    loop[0, 0, CRASH], loop[0, 0, N_VOICES + CRASH] = 1.0, 0.9
    loop[0, [4, 12, 20, 28], SNARE], loop[0, [4, 12, 20, 28], N_VOICES + SNARE] = 1.0, 0.9
    bass = np.zeros((1, 32, 3), np.float32)
    alone = one_drop_loops(loop, MIX, np.ones(1, bool))
    assert alone[0, 0, CRASH] > 0.5 and alone[0, 0, KICK] < 0.5 and alone[0, 16, KICK] < 0.5
    bass[0, 0, 0] = 1.0  # the band hits the 1 together
    together = one_drop_loops(loop, MIX, np.ones(1, bool), bass=bass)
    assert together[0, 0, KICK] > 0.5 and together[0, 16, KICK] < 0.5
    assert 0.5 < together[0, 8, N_VOICES + SNARE] < 0.8  # the drop at a cross-stick's level, not the head's 0.9


def test_a_drum_map_giving_37_to_another_drum_plays_the_side_stick_strokes_on_its_snare():
    # the writer had put 37 on any map: a kit with 37 on its low tom played reggae's drop (and latin's clave) there
    from reagroove.core.drum_part_cross_stick import CROSS_STICK, cross_stick_pitches
    from reagroove.core.drummap import GM_DRUM_MAP, drum_map_from_dict

    hits = np.zeros((16, 9))
    hits[8, 1] = 1.0  # the drop on 3
    sticks = np.zeros(16, bool)
    sticks[8] = True
    toms = drum_map_from_dict({"voices": {"low_tom": {"output": 37, "input": [37]}, "snare": {"input": [38, 40]}}})
    # a map reading 37 as no drum keeps the side stick there (C6's review: its snare inputs listed without 37)
    unread = drum_map_from_dict({"voices": {"snare": {"input": [38, 40]}}})
    for kit, want in ((GM_DRUM_MAP, CROSS_STICK), (toms, toms.output[1]), (unread, CROSS_STICK)):
        pitches = np.tile(np.asarray(kit.output), (16, 1))
        assert cross_stick_pitches(pitches, hits, sticks, kit)[8, 1] == want, kit.name


def test_reaper_s_drumify_tells_a_skank_of_the_reggae_genre_too(shipped):
    # REAPER drums its selection through drumify_windows, which the CLI's tip did not reach (C6's review)
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    spec = ProjectSpec(bpm=75)
    keys = [(b * 4.0 + beat + 0.5, 0.2, p, 80) for b in range(8) for beat in range(4) for p in (57, 60, 64)]
    bass = [(b * 4.0 + t, 0.4, p, 92) for b in range(8) for t, p in ((0.5, 33), (1.0, 33), (2.0, 40), (3.0, 45))]
    spec.add_midi_item(spec.add_track("Keys"), start_qn=0, length_qn=32, selected=True, name="keys", notes=keys)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=32, selected=True, name="bass", notes=bass)
    with reapy_inside(spec, purge=PURGE):
        said = actions.drumify_selection(LocalBridge(), shipped, Settings())["messages"]
        assert said.count(SKANK_TIP) == 1, said
        said = actions.drumify_selection(LocalBridge(), shipped, Settings(genre={"reggae": 1.0}))["messages"]
        assert SKANK_TIP not in said, said
        # Variations say it too, as `drumify --variations 3` does (C7's review)
        said = actions.variations_of_selection(LocalBridge(), shipped, Settings(), 2)["messages"]
        assert said.count(SKANK_TIP) == 1, said
