"""A MIDI file whose notes sit on a tick grid its own beat does not fit (freedoom's d_map19: 89 ticks a beat at
95 BPM, its notes on multiples of 15 ticks: 4/4 at about 141 BPM) is said so when drums are made for it; files on
their own beat's grid (triplets included) are said nothing."""

from __future__ import annotations

import mido

from reagroove.core import extract_windows, read_midi

# a bar of the band's figure on 16 steps: bass on 1, the "a" of 2 and 3; chords on 2 and 4 (d_map19-like)
BASS_STEPS = (0, 7, 8, 11)
CHORD_STEPS = (4, 12)


def _band_file(path, ticks_per_beat: int, step_ticks: int, bpm: float, bars: int = 24) -> str:
    """A band (bass and chords) repeating a 1-bar figure of 16 steps of `step_ticks`, no time signature."""
    mf = mido.MidiFile(type=1, ticks_per_beat=ticks_per_beat)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm), time=0)])
    mf.tracks.append(meta)
    for channel, steps, pitches in ((0, BASS_STEPS, (40,)), (1, CHORD_STEPS, (60, 64, 67))):
        events = []
        for bar in range(bars):
            for s in steps:
                on = (bar * 16 + s) * step_ticks
                for p in pitches:
                    events += [(on, 1, p), (on + step_ticks - 1, 0, p)]
        track, now = mido.MidiTrack(), 0
        for tick, is_on, p in sorted(events, key=lambda e: (e[0], e[1])):
            track.append(mido.Message("note_on" if is_on else "note_off", channel=channel, note=p,
                                      velocity=96 if is_on else 0, time=tick - now))
            now = tick
        mf.tracks.append(track)
    mf.save(str(path))
    return str(path)


def _grid_notes(path) -> list[str]:
    return [m for m in extract_windows(read_midi(path)).messages if "tick grid" in m]


def test_notes_on_a_grid_the_files_beat_does_not_fit_are_said_with_the_tempo_they_play_at(tmp_path):
    path = _band_file(tmp_path / "qmus.mid", 89, 15, 95.0)  # as QMUS2MID wrote d_map19
    said = _grid_notes(path)
    assert len(said) == 1
    line = said[0]
    assert line.startswith("qmus.mid: its notes sit on a 15-tick grid")
    assert "95 BPM beat (89 ticks) does not fit" in line
    assert "4/4 at about 141 BPM (60 ticks a beat)" in line  # 95 * 89 / 60 = 140.9


def test_files_on_their_own_beats_grid_are_said_nothing(tmp_path):
    # the same band written on its own beat (60 ticks a beat at 141 BPM), on a 96-tick file's 16ths, and on
    # a 96-tick file's triplet 16ths (a 16-tick grid that its 16ths do not fit either, but its beats do)
    for name, tpb, step, bpm in (("own.mid", 60, 15, 141.0), ("sixteenths.mid", 96, 24, 95.0),
                                 ("triplets.mid", 96, 16, 95.0)):
        assert _grid_notes(_band_file(tmp_path / name, tpb, step, bpm)) == [], name
