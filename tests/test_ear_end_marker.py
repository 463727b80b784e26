"""A file's end marker (one note at velocity 10 on the bar line after the final chord has died away, as openmsx's
chuggachugga and ttsong_iv have) is no music: the song still ends on its final chord, the drums hit it with the
band and rest, where they had grooved on through that chord's bar and the marker's. An audible last note, a soft
part's notes and a drum part's last ghost note stay music."""

import numpy as np
import pytest

from reagroove.core.end_marker import end_marker_beat
from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BARS = 8  # the band plays bars 1-7 (bass on each beat, a chord on each 1), the final chord on bar 8's 1
LAST = 4.0 * (BARS - 1)


def band(make_midi, marker_velocity=10, name="song.mid", velocity=100, channel=0):
    notes = [(4 * b + t, 40 + 2 * (t % 2 == 1), velocity, channel) for b in range(BARS - 1) for t in range(4)]
    notes += [(4 * b, p, velocity - 20, 1) for b in range(BARS - 1) for p in (60, 64, 67)]
    notes += [(LAST, p, velocity, c) for p, c in ((40, channel), (60, 1), (64, 1), (67, 1))]  # the final chord
    if marker_velocity:
        notes.append((LAST + 4, 69, marker_velocity, 2))  # on the next bar line, after the chord has died away
    return read_midi(make_midi(sorted(notes), name, tempos=((0, 120.0),), length=0.9))


def played_after(result, beat: float) -> list[float]:
    """Beats after `beat` where the drums play."""
    out = []
    for start, loop in zip(np.asarray(result.starts, np.float64), result.loops):
        hits = np.flatnonzero((loop[:, :N_VOICES] > 0.5).any(1))
        out += [start + s / 4 for s in hits if start + s / 4 > beat + 1e-6]
    return out


def test_the_drums_end_on_the_final_chord_not_through_the_marker(shipped, make_midi):
    marked = shipped.drumify(band(make_midi), Settings())
    assert not played_after(marked, LAST), "drums after the final chord"
    assert any("end marker" in m and "bar 9" in m for m in marked.messages)
    # as the same song without its marker ends
    plain = shipped.drumify(band(make_midi, marker_velocity=0, name="plain.mid"), Settings())
    np.testing.assert_array_equal(marked.loops[:len(plain.loops)], plain.loops)


@pytest.mark.parametrize("velocity", [60, 100])
def test_an_audible_last_note_is_music(make_midi, velocity):
    assert end_marker_beat(band(make_midi, velocity).notes) is None


def test_a_soft_part_and_a_drum_part_keep_their_last_note(make_midi):
    assert end_marker_beat(band(make_midi, marker_velocity=12, velocity=40).notes) is None  # 12 of a part at 20-40
    drums = [(b * 0.5, 42, 90, 9) for b in range(15)] + [(8.0, 38, 12, 9)]  # a ghost note after the loop's last hit
    assert end_marker_beat(read_midi(make_midi(drums, "drums.mid", length=0.1)).notes) is None
    assert end_marker_beat(band(make_midi).notes) == pytest.approx(LAST + 4)


def test_a_soft_last_onset_of_an_audio_take_is_heard(make_midi):
    """Audio onsets are what was heard: a soft last one (a chord's tail, a pick noise) is no sequencer's marker."""
    from dataclasses import replace

    from reagroove.core.groove import extract_windows

    content = band(make_midi)
    audio = replace(content, bass_part=content.notes.select(content.notes.pitch < 48))  # as audio.py reads a take
    assert not any("end marker" in m for m in extract_windows(audio).messages)
    assert any("end marker" in m for m in extract_windows(content).messages)
