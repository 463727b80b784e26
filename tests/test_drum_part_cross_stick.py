"""A drum part's cross-stick (GM 37, the side stick) stays a cross-stick where its kit is kept: a ballad's backbeat
on 37 at velocity 70 had come back as a full snare (38) at 91 (drum_part_cross_stick.py)."""

import mido
import numpy as np

from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS, STEPS_PER_BEAT, Loop
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

SNARE = 1


def ballad(bars: int, fill_bar: int | None = None):
    """A played ballad: 8th hats, kick on 1 and the "and" of 2 and 3, the backbeat on the cross-stick at 70; in
    fill_bar, a fill on the snare's head (38) over beat 4."""
    notes = []
    for bar in range(bars):
        b = 4.0 * bar
        notes += [(b + k * 0.5, 42, 84 if k % 2 == 0 else 62, 9) for k in range(8)]
        notes += [(b, 36, 96, 9), (b + 1.5, 36, 80, 9), (b + 2, 36, 92, 9), (b + 1, 37, 70, 9), (b + 3, 37, 72, 9)]
        if bar == fill_bar:
            notes = [n for n in notes if not (n[0] == b + 3 and n[1] == 37)]
            notes += [(b + 3 + k * 0.25, 38, 80 + 6 * k, 9) for k in range(4)]
    return notes


def written(path):
    """(beat, pitch, velocity) of a drum file's note-ons."""
    mid, now, out = mido.MidiFile(path), 0, []
    for msg in mid.tracks[1]:
        now += msg.time
        if msg.type == "note_on" and msg.velocity:
            out.append((now / mid.ticks_per_beat, msg.note, msg.velocity))
    return out


def test_the_part_s_cross_sticks_are_read_on_its_own_steps(make_midi):
    from reagroove.core.drum_part_cross_stick import cross_stick_steps
    from reagroove.core.groove import extract_windows

    song = read_midi(make_midi(ballad(4, fill_bar=3)))
    wins = extract_windows(song)
    sticks = cross_stick_steps(song.notes, wins.starts)
    bar = 4 * STEPS_PER_BEAT
    per_bar = [set(np.flatnonzero(s[i * bar:(i + 1) * bar]).tolist()) for s in sticks for i in range(2)]
    # the backbeat on 2 and 4, and on 2 alone where beat 4 is the fill on the head
    assert per_bar == [{4, 12}, {4, 12}, {4, 12}, {4}], per_bar
    assert (wins.kit[..., SNARE][sticks] > 0.5).all()  # the kit's own snare strokes there
    assert cross_stick_steps(read_midi(make_midi([(b, 38, 90, 9) for b in range(8)] + [(0, 36, 90, 9)],
                                                 name="head.mid")).notes, wins.starts) is None


def test_a_ballad_s_cross_stick_backbeat_is_written_on_the_cross_stick(shipped, make_midi, tmp_path):
    from reagroove.core.drum_part_cross_stick import cross_stick_steps
    from reagroove.core.midi_write import write_loops

    song = read_midi(make_midi(ballad(8, fill_bar=7)))
    result = shipped.drumify(song, Settings())
    sticks = cross_stick_steps(song.notes, result.starts)
    out = tmp_path / "drums.mid"
    write_loops(out, [Loop.from_hvo(h) for h in result.loops], starts=result.starts, spans=result.spans,
                cross_sticks=sticks)
    notes = written(out)
    backbeat = [(beat, pitch) for beat, pitch, _ in notes if pitch in (37, 38) and round(beat * 4) % 8 == 4
                and beat < 4 * 7 + 3]
    fill = [(beat, pitch) for beat, pitch, _ in notes if pitch in (37, 38) and beat > 4 * 7 + 3]
    assert len(backbeat) == 15 and all(pitch == 37 for _, pitch in backbeat), backbeat
    assert fill and all(pitch == 38 for _, pitch in fill), fill  # the fill on the head stays on the head
    # none written where the part played no cross-stick, and a file without the masks is as before
    plain = tmp_path / "plain.mid"
    write_loops(plain, [Loop.from_hvo(h) for h in result.loops], starts=result.starts, spans=result.spans)
    assert [n for n in written(plain) if n[1] == 37] == []
    assert [(b, v) for b, p, v in written(plain)] == [(b, v) for b, p, v in notes]


def test_a_kept_cross_stick_plays_at_the_part_s_own_level():
    from reagroove.core.drum_parts import keep_the_kit

    kit = np.zeros((1, STEPS, HVO_WIDTH), np.float32)
    for step, level in ((4, 70 / 127), (12, 72 / 127), (20, 100 / 127), (28, 100 / 127)):
        kit[0, step, SNARE], kit[0, step, N_VOICES + SNARE] = 1.0, level
    kit[0, ::2, 2], kit[0, ::2, N_VOICES + 2] = 1.0, 0.6  # 8th hats
    loops = kit.copy()
    loops[0, [4, 12, 20, 28], N_VOICES + SNARE] = 0.72  # the network's full snare
    sticks = np.zeros((1, STEPS), bool)
    sticks[0, [4, 12]] = True  # bar 1's backbeat on the cross-stick, bar 2's on the head
    out = keep_the_kit(loops, kit, np.zeros((1, STEPS), bool), cross_sticks=sticks)
    assert np.allclose(out[0, [4, 12], N_VOICES + SNARE], [70 / 127, 72 / 127])
    assert np.allclose(out[0, [20, 28], N_VOICES + SNARE], 0.72)  # the head's level stays the network's


def test_a_fill_laid_over_the_part_plays_on_the_head_and_its_own_ghosts_leave_its_cross_sticks(make_midi, tmp_path):
    """A fill ReaGroove lays over the part (--fill-bars) plays its strokes on the snare's head, the part's
    cross-stick step among them (one had come out as a side-stick click, the run's loudest); outside it the part's
    cross-sticks stay cross-sticks even beside its own ghost strokes on the head (a ghost a 16th after beat 4 had
    turned that cross-stick into a soft snare)."""
    from reagroove.core.cli import main

    notes = ballad(8)
    notes += [(4.0 * bar + 3.25, 38, 30, 9) for bar in range(8)]  # a ghost on the head after each beat-4 click
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(make_midi(notes)), "-o", str(out), "--quiet", "--fill-bars", "2,4",
                 "--fill-length", "bar"]) == 0
    played = written(out)
    in_fills = [(b, p) for b, p, _ in played if p in (37, 38) and (4 <= b < 8 or 12 <= b < 16)]
    assert in_fills and all(p == 38 for _, p in in_fills), in_fills
    fours = [(b, p) for b, p, _ in played if p in (37, 38) and b % 4 == 3 and not (4 <= b < 8 or 12 <= b < 16)]
    assert len(fours) >= 5 and all(p == 37 for _, p in fours), fours
    ghosts = [(b, p) for b, p, _ in played if p in (37, 38) and abs(b % 4 - 3.25) < 0.05]
    assert ghosts and all(p == 38 for _, p in ghosts), ghosts