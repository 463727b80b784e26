"""`reagroove live` with a keyboard player who rolls their chords (each chord's notes 15-40 ms apart, low to high), as
pianists and organists do: through the rig `reagroove live` assembles, in-memory ports and the shipped model."""

import mido
import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live_recording import Recording

KICK, SNARE = GM_DRUM_MAP.output[:2]
START, BARS = 1.0, 12
COMP = [(0, 90), (1.5, 75), (2, 90), (3.5, 75)]  # (beat, velocity): a chord on 1, the 'and' of 2, 3 and the 'and' of 4
CHORD = (48, 55, 60, 64)


def _keys(apart_s, bpm):
    """Rolled chords, `apart_s` between their notes, over a bass note on 1 and 3; each chord up to 6 ms off."""
    rng, notes = np.random.default_rng(0), []

    def _seconds(beat):
        return START + beat * 60.0 / bpm

    for bar in range(BARS):
        for beat, velocity in COMP:
            t = _seconds(bar * 4 + beat) + rng.uniform(-0.006, 0.006)
            notes += [(t + k * apart_s, pitch, velocity) for k, pitch in enumerate(CHORD)]
            if beat in (0, 2):
                notes.append((_seconds(bar * 4 + beat), 40, 100))
    return notes


@pytest.mark.parametrize("apart_s, bpm", [(0.03, 100.0), (0.04, 100.0), (0.04, 90.0)])
def test_rolled_chords_are_one_onset_each_to_the_drums(shipped, tmp_path, apart_s, bpm):
    """Chords rolled 30-40 ms a note (90-120 ms low to high) over a bass on 1 and 3: the followers took notes within
    40 ms of the last onset as one chord, so each roll's top notes were onsets of their own on the next 16th, and the
    drums played a snare on the 'e' after nearly every chord (steps 7, 9, 15 of the bar) and lost the kick on 3. A
    drummer hears each roll as the chord it is: the snare keeps to the backbeat, the kick to 1 and 3, as under the
    same chords played block. At 90 with `--bpm 100` the rolls' top notes also pulled the tempo read to 88: the drums
    come in at the player's 90. The recording keeps each roll as it was played."""
    record = Recording()
    player, clock = live_rig(shipped, 100.0, record=record)
    said = []
    player.say = said.append
    sent = play_live(player, clock, _keys(apart_s, bpm), START + BARS * 4 * 60.0 / bpm)
    steps = {KICK: [], SNARE: []}
    for t, m in sent:
        if m.type == "note_on" and m.velocity and m.note in steps:
            steps[m.note].append(round((t - START) * bpm / 60.0 * 4))  # the player's 16ths
    after_chords = {(s + 1) % 16 for s in (0, 6, 8, 14)}
    stray = sorted(s for s in steps[SNARE] if s % 16 in after_chords and s >= 16)
    assert not stray, f"snares on the 16th after a chord: steps {stray}"
    kicks_on_3 = sum(any(s == bar * 16 + 8 for s in steps[KICK]) for bar in range(1, BARS))
    assert kicks_on_3 >= (BARS - 1) * 0.8, f"a kick on 3 in {kicks_on_3} of {BARS - 1} bars"
    assert said[0].startswith(f"the drums come in at {bpm:.0f} BPM") and abs(player.clock.bpm - bpm) < 1.5
    record.release_all_input(player.clock.beat(clock[0]))
    record.save(tmp_path / "take.mid", bpm)
    tops = [msg for msg in mido.MidiFile(tmp_path / "take.mid").tracks[1] if msg.type == "note_on" and msg.velocity]
    assert len(tops) == BARS * (len(COMP) * len(CHORD) + 2)  # every note of every roll kept


@pytest.mark.parametrize("grace_s, bpm", [(0.08, 100.0), (0.06, 125.0)])
def test_a_bass_line_with_grace_notes_into_1_and_3_keeps_its_kicks(shipped, grace_s, bpm):
    """A bass player slides into each 1 and 3 from a soft grace note a whole step below, 60-80 ms early (a
    half of a 16th at 100-125), under chords on 1, the 'and' of 2, 3 and the 'and' of 4. Each grace note was an
    onset of its own on the 16th before its note, and the drums, hearing a busier part, dropped the kicks of the
    'and' of 2 and of 3 for the whole song: the kick on 1 alone. The grace note is heard as the note it leads into:
    from bar 4 on, the kicks are the ones the same part played without grace notes gets."""

    def part(grace):
        rng, notes = np.random.default_rng(0), []
        for bar in range(BARS):
            for beat, velocity in COMP:
                t = START + (bar * 4 + beat) * 60.0 / bpm + rng.uniform(-0.006, 0.006)
                notes += [(t, pitch, velocity) for pitch in CHORD]
                if beat in (0, 2):
                    notes.append((t, 40, 100))
                    if grace:
                        notes.append((t - grace_s, 38, 70))
        return notes

    kicks = []
    for grace in (False, True):
        player, clock = live_rig(shipped, bpm)
        sent = play_live(player, clock, part(grace), START + BARS * 4 * 60.0 / bpm)
        kicks.append(sorted({round((t - START) * bpm / 60.0 * 4) for t, m in sent
                             if m.type == "note_on" and m.velocity and m.note == KICK and t > START + 12 * 60.0 / bpm}))
    plain, graced = kicks
    missing = sorted(set(plain) - set(graced))
    assert len(missing) <= len(plain) // 10, f"kicks of the part played plain missing with grace notes: 16ths {missing}"
