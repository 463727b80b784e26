"""A version keeps one time-keeper rate through a section (part_versions.held_pulse): a pop-rock guitar part's
3rd version (`--variations 3`) had played quarter hats in bars 1-2, 5-6 and 9-16 and 8ths in 3-4 and 7-8 under a
guitar playing the same 8ths throughout; a drummer keeps one ride figure through a section."""

import random

import mido
import numpy as np

from reagroove.core.limbs import CLOSED_HAT, KICK, OPEN_HAT, SNARE
from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

QUARTERS, EIGHTHS = range(0, 16, 4), range(0, 16, 2)


def loops_of(bar_hats, opens=()):
    """Loops (W, 32, 27), 2 bars each, with kick on 1 and 3, snare on 2 and 4 and the closed hat on the steps of
    each bar's `bar_hats` (a list of step ranges, one per bar); opens: (bar, step) with an open hat."""
    loops = np.zeros((len(bar_hats) // 2, STEPS, HVO_WIDTH), np.float32)
    for i, hats in enumerate(bar_hats):
        w, b = divmod(i, 2)
        for step, voice in [(0, KICK), (8, KICK), (4, SNARE), (12, SNARE)] + [(s, CLOSED_HAT) for s in hats]:
            loops[w, 16 * b + step, voice], loops[w, 16 * b + step, N_VOICES + voice] = 1.0, 0.7
    for i, step in opens:
        w, b = divmod(i, 2)
        loops[w, 16 * b + step, OPEN_HAT], loops[w, 16 * b + step, N_VOICES + OPEN_HAT] = 1.0, 0.8
    return loops


def band(windows):
    """The same guitar 8ths in every bar: grooves (W, 32, 3)."""
    g = np.zeros((windows, STEPS, 3), np.float32)
    g[:, ::2, 0], g[:, ::2, 1] = 1.0, 0.8
    return g


def rate(bar):
    """4, 8 or None: a bar's (16, 9) hats (the open hat's strokes with the closed hat's) on the beats alone, or on
    every 8th, with at most two 16ths between."""
    line = bar[:, CLOSED_HAT] | bar[:, OPEN_HAT]
    if line[1::2].sum() > 2 or line[::4].sum() < 3:
        return None
    return 8 if line[2::4].sum() >= 3 else 4 if line[2::4].sum() <= 1 else None


def figures(loops):
    hits = loops[..., :N_VOICES] > 0.5
    return [rate(hits[w, 16 * b:16 * b + 16]) for w in range(len(loops)) for b in (0, 1)]


def held_pulse(*args):
    from reagroove.core.part_versions import held_pulse as held

    return held(*args)


def test_a_section_of_quarters_keeps_them_where_the_hats_had_gone_to_eighths_every_other_window():
    bars = [QUARTERS] * 2 + [EIGHTHS] * 2 + [QUARTERS] * 2 + [EIGHTHS] * 2 + [QUARTERS] * 8
    loops = loops_of(bars)
    held_pulse(loops, np.zeros(8, int), np.ones(8, bool), np.zeros((8, STEPS), bool), band(8), None)
    assert figures(loops) == [4] * 16
    hits = loops[..., :N_VOICES] > 0.5
    assert hits[..., KICK].sum() == 32 and hits[..., SNARE].sum() == 32  # the kick and snare as they were


def test_each_section_keeps_its_own_rate():
    """Verse on quarters, chorus on 8ths (two takes): a drummer changes figure where the section does."""
    bars = [QUARTERS] * 8 + [EIGHTHS] * 8
    loops = loops_of(bars)
    held_pulse(loops, np.repeat([0, 1], 4), np.ones(8, bool), np.zeros((8, STEPS), bool), band(8), None)
    assert figures(loops) == [4] * 8 + [8] * 8


def test_open_hats_on_the_off_beats_are_the_hats_eighths():
    """Quarters on the closed hat with the open hat on every "and" are 8ths (a disco bar), not quarters to turn."""
    bars = [QUARTERS, EIGHTHS] * 4
    loops = loops_of(bars, opens=[(i, s) for i in range(0, 8, 2) for s in (2, 6, 10, 14)])
    before = loops.copy()
    held_pulse(loops, np.zeros(4, int), np.ones(4, bool), np.zeros((4, STEPS), bool), band(4), None)
    np.testing.assert_array_equal(loops, before)


def pop_rock(path):
    """16 bars of a strummed guitar's 8ths at 120 BPM (E, B, C#m, A), accents on 2 and 4, played by hand (+-10 ms,
    +-6 velocity), ending on a held chord in bar 17 (R10's p1)."""
    rnd, tpq = random.Random(0), 480
    ms = tpq * 120 / 60000.0
    notes = []
    for bar in range(16):
        root, minor = [(52, 0), (59, 0), (61, 1), (57, 0)][bar % 4]
        chord = [root, root + 4 - minor, root + 7, root + 12]
        for e in range(8):
            vel = 105 if e in (2, 6) else 80 if e % 2 == 0 else 62
            notes += [(bar * 4 + e * 0.5 + i * 0.008, 0.4, p, vel) for i, p in enumerate(chord)]
    notes += [(64, 4, p, 100) for p in (52, 56, 59, 64)]
    events = []
    for start, length, pitch, vel in notes:
        j = rnd.uniform(-10, 10) * ms
        on = max(0, round(start * tpq + j))
        events += [(on, 1, pitch, max(1, min(127, int(vel + rnd.uniform(-6, 6))))),
                   (max(on + 10, round((start + length) * tpq + j / 2)), 0, pitch, 0)]
    mf = mido.MidiFile(ticks_per_beat=tpq)
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)),
                            mido.Message("program_change", program=25)])
    t = 0
    for tick, on, pitch, vel in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(mido.Message("note_on" if on else "note_off", note=pitch, velocity=vel, time=tick - t))
        t = tick
    mf.tracks.append(track)
    mf.save(path)
    return path


def test_versions_of_a_steady_guitar_keep_one_hat_rate(shipped, tmp_path):
    res = shipped.drumify(read_midi(pop_rock(tmp_path / "guitar.mid")), Settings())
    versions = shipped.variations_of(res, Settings(), 3)
    for v, loops in enumerate(versions):
        rates = [f for f in figures(loops[:8]) if f is not None]  # bars 1-16, the guitar's one section
        assert len(set(rates)) <= 1, (v, figures(loops[:8]))


def test_a_bar_turned_to_the_sections_16ths_plays_them_through_not_a_fill_bars_hats():
    # section_time.held_figure: a bar of 8ths in a section of 16ths takes its "e"s and "a"s from a bar judged on all
    # of them; a fill bar's hats stop under its fill, and copied from it the bar played 16ths for 2 beats, then 8ths
    from reagroove.core.limbs import HIGH_TOM
    from reagroove.core.section_time import held_figure

    sixteens, eighths = range(16), range(0, 16, 2)
    loops = loops_of([sixteens, sixteens, sixteens, range(8), sixteens, eighths, sixteens, sixteens])
    fills = np.zeros((4, STEPS), bool)
    fills[1, 24:32] = True  # window 1's second bar fills its last 2 beats (toms, no hats)
    loops[1, 24:32:2, HIGH_TOM] = 1.0
    loops[1, 24:32:2, N_VOICES + HIGH_TOM] = 0.8
    held_figure(loops, np.zeros(4, int), np.ones(4, bool), fills, band(4), None)
    assert np.flatnonzero(loops[2, 16:32, CLOSED_HAT] > 0.5).tolist() == list(range(16))
