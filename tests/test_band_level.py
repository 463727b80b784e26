"""No section of a band part is played softer because the band added softer notes over ones still ringing."""

import mido
import numpy as np

from reagroove.core import read_midi
from reagroove.core.dynamics import band_level, section_lift
from reagroove.core.groove import sounding_levels
from reagroove.core.midi import Notes
from reagroove.core.settings import Settings

SNARE = 1
TPB = 480
CHORDS = [(60, 64, 67), (57, 60, 64), (53, 57, 60), (55, 59, 62)] * 2


def ballad(make_tracks, arp_velocity=55):
    """8 bars at 76 BPM: whole-note chords and a bass at 80 throughout; from bar 5 a soft piano arpeggio in
    8ths (arp_velocity) joins them, as an arrangement builds."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(76)))]
    pad, arp = [], []
    for bar, chord in enumerate(CHORDS):
        start = bar * 4 * TPB
        for pitch, ch in [(p, 0) for p in chord] + [(chord[0] - 24, 1)]:
            pad += [(start, mido.Message("note_on", note=pitch, velocity=80, channel=ch)),
                    (start + 4 * TPB - 20, mido.Message("note_off", note=pitch, velocity=0, channel=ch))]
        if bar >= 4:
            for i in range(8):
                t = start + i * TPB // 2
                arp += [(t, mido.Message("note_on", note=chord[i % 3] + 12, velocity=arp_velocity, channel=2)),
                        (t + TPB // 2 - 10, mido.Message("note_off", note=chord[i % 3] + 12, velocity=0, channel=2))]
    order = lambda evs: sorted(evs, key=lambda e: (e[0], e[1].type == "note_on"))  # noqa: E731
    return make_tracks([meta, order(pad), order(arp)], name="ballad.mid")


def backbeat_velocity(loops, bars):
    """Mean velocity of the snares on beats 2 and 4 of the listed 1-based bars (2-bar windows from bar 1)."""
    vel = []
    for bar in bars:
        w, half = divmod(bar - 1, 2)
        for step in (4, 12):
            cell = loops[w, 16 * half + step]
            if cell[SNARE] > 0.5:
                vel.append(cell[9 + SNARE])
    assert vel, f"no backbeat in bars {bars}"
    return float(np.mean(vel))


def test_a_soft_arpeggio_joining_held_chords_does_not_make_the_drums_quieter(shipped, make_tracks):
    # The drums' velocities follow the band's: a soft arpeggio starting on the backbeat's steps over chords
    # still ringing had dropped the backbeat from 105 to 75 (the kick 71 to 50) as the ballad built.
    res = shipped.drumify(read_midi(ballad(make_tracks)), Settings())
    before, after = backbeat_velocity(res.loops, [1, 2, 3]), backbeat_velocity(res.loops, [6, 7, 8])
    assert after >= 0.9 * before, (before, after)
    kicks = res.loops[..., 0] > 0.5
    assert res.loops[2:, ..., 9][kicks[2:]].mean() >= 0.9 * res.loops[:2, ..., 9][kicks[:2]].mean()
    # the versions an arranger overdubs play at the part's level too (each a drawn take with accents of its own;
    # before the change they fell as drumify's did, to 0.71 of their opening bars)
    for version in shipped.variations_of(res, Settings(), 3)[1:]:
        assert backbeat_velocity(version, [6, 7, 8]) >= 0.85 * backbeat_velocity(version, [1, 2, 3])


def test_a_louder_band_still_gets_louder_drums(shipped, make_tracks):
    soft = shipped.drumify(read_midi(ballad(make_tracks, arp_velocity=40)), Settings())
    loud = shipped.drumify(read_midi(ballad(make_tracks, arp_velocity=120)), Settings())
    assert backbeat_velocity(loud.loops, [6, 7, 8]) > backbeat_velocity(soft.loops, [6, 7, 8]) + 0.1


def test_sounding_levels_are_the_loudest_note_still_ringing():
    # beats: a chord at 100 held over bar 1, a soft note at 40 on beat 2 held into bar 2, nothing in bar 2's end
    notes = Notes(start=np.array([0.0, 1.0, 1.0]), end=np.array([4.0, 1.5, 6.0]), pitch=np.array([60, 72, 48], np.int16),
                  velocity=np.array([100, 40, 40], np.int16), channel=np.array([0, 0, 1], np.int16),
                  track=np.zeros(3, np.int16))
    level = sounding_levels(notes, np.array([0.0]))[0] * 127
    assert np.allclose(level[:16], 100)  # the chord rings over the soft notes
    assert np.allclose(level[16:24], 40)  # then the held soft note alone, to beat 6
    assert not level[24:].any()  # then nothing


def level(loops, grooves, sounding, take):
    return band_level(loops, section_lift(grooves, sounding, take))


def test_band_level_raises_a_section_whose_added_soft_notes_lowered_its_onsets_and_nothing_else():
    grooves = np.zeros((4, 32, 3), np.float32)
    grooves[:2, 0::16, :2] = (1.0, 0.8)  # section 1 (windows 0-1): a chord at 0.8 on each downbeat
    grooves[2:, 0::2, :2] = (1.0, 0.4)  # section 2: soft 8ths join it...
    grooves[2:, 0::16, 1] = 0.8
    sounding = np.full((4, 32), 0.8, np.float32)  # ...under the chord, ringing throughout
    take = np.array([0, 0, 1, 1])
    loops = np.zeros((4, 32, 27), np.float32)
    loops[:, [0, 16], 0] = loops[:, [4, 12], 1] = 1.0
    loops[:, [0, 16], 9], loops[:, [4, 12], 10] = (0.5, 0.5), (0.5, 0.4)
    out = level(loops, grooves, sounding, take)
    gap = 0.8 - (2 * 0.8 + 14 * 0.4) / 16  # section 2's sounding level over its mean onset velocity
    assert np.allclose(out[:2], loops[:2])  # section 1 as the network played it
    hits = loops[2:, :, :9] > 0
    assert np.allclose(out[2:, :, 9:18][hits], loops[2:, :, 9:18][hits] + gap)  # every hit alike
    assert (out[..., :9] == loops[..., :9]).all() and not out[..., 9:18][loops[..., :9] == 0].any()
    # one texture throughout (the same in both sections), audio (no lengths), or one section: left alone
    assert (level(loops, np.repeat(grooves[2:3], 4, 0), sounding, take) == loops).all()
    assert level(loops, grooves, None, take) is loops
    assert (level(loops, grooves, sounding, np.zeros(4, np.int64)) == loops).all()
    # a window on its own (a pickup bar) is no reference that raises the sections after it
    pickup = np.concatenate([np.zeros((1, 32, 3), np.float32), grooves[2:]])
    pickup[0, 0, :2] = (1.0, 0.8)
    assert (level(loops[:3], pickup, sounding[:3], np.array([-1, 1, 1])) == loops[:3]).all()


def test_humanize_0_keeps_a_ballads_drums_flat_at_the_bands_level(shipped, make_tracks):
    # Humanize 0 plays every hit of a loop at one velocity; the raise for the section comes after it
    res = shipped.drumify(read_midi(ballad(make_tracks)), Settings(humanize=0.0))
    for loop in res.loops[2:]:
        vel = loop[..., 9:18][loop[..., :9] > 0.5]
        assert np.ptp(vel) < 1e-5, vel
    plain = shipped.drumify(read_midi(ballad(make_tracks)), Settings())
    for flat, shaped in zip(res.loops[2:], plain.loops[2:]):  # at the loop's own level
        assert np.isclose(flat[..., 9:18][flat[..., :9] > 0.5].mean(), shaped[..., 9:18][shaped[..., :9] > 0.5].mean(),
                          atol=0.02)
