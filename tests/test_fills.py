"""Fills and phrases: a fill at the end of each phrase that keeps the pulse going into it, a crash opening the next.

The stand-in model's fill is a tom roll over the whole loop with no kick or
snare (what an untrained fill sounds like), so where toms land shows what
the engine kept of it.
"""

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.phrases import phrase_starts, plan_phrases
from reagroove.core.sections import section_bars_at
from reagroove.core.settings import Settings, SettingsError

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"

FOUR = groove_with(range(0, 32, 4))
SIX = groove_with([0, 3, 6, 10, 16, 19, 22, 26], vel=0.5, off=0.1)
GROOVES = np.stack([FOUR, SIX] * 4)  # 8 windows = 16 bars
KICK, SNARE, TOM, CRASH = 0, 1, 4, 7


def steps(loops, voice):
    """{window: [steps]} where `voice` plays."""
    return {w: list(np.flatnonzero(loop[:, voice])) for w, loop in enumerate(loops) if loop[:, voice].any()}


@pytest.fixture
def engine():
    return Engine(StubModel())


def test_fill_every_4_ends_bars_8_and_16_with_a_half_bar_fill(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_every=4))
    plain = engine.drumify_grooves(GROOVES, Settings()).loops
    assert steps(res.loops, TOM) == {3: list(range(24, 32)), 7: list(range(24, 32))}  # the last half of bars 8, 16
    for w in (3, 7):
        # the beat keeps time into the fill: kick and snare as the plain beat up to it
        np.testing.assert_array_equal(res.loops[w, :24], plain[w, :24])
        assert res.loops[w, :24, KICK].any() and res.loops[w, :24, SNARE].any()
    same = [0, 1, 2, 4, 5, 6]
    np.testing.assert_array_equal(res.loops[same, :, :7], plain[same, :, :7])  # other windows: the plain beat
    # a crash opens the part and the phrase after each fill (bar 9), nowhere else
    assert steps(res.loops, CRASH) == {0: [0], 4: [0]}
    assert steps(plain, CRASH) == {0: [0]}


@pytest.mark.parametrize("length, first", [("beat", 28), ("half", 24), ("bar", 16)])
def test_fill_length(engine, length, first):
    res = engine.drumify_grooves(GROOVES, Settings(fill_every=2, fill_length=length))
    assert steps(res.loops, TOM) == {1: list(range(first, 32)), 3: list(range(first, 32)),
                                     5: list(range(first, 32)), 7: list(range(first, 32))}


def test_phrases_count_from_the_bar_the_input_starts_on(engine, make_midi):
    # the part starts in bar 2 (a rest in bar 1): windows start at bars 2, 4, ..., and the phrases count from bar 2,
    # where the music comes in (they had counted from the silent bar 1: fills ending bars 8 and 16, mid-phrase)
    notes = [(4 + b * 0.5, 40, 100, 0) for b in range(8 * 16)]
    res = engine.drumify(read_midi(make_midi(notes)), Settings(fill_every=4))
    assert list(res.bars[:4]) == [2, 4, 6, 8]
    # bar 9 is the second bar of the window at bar 8: its last half bar is steps 24..31; bar 17 ends the song
    assert steps(res.loops, TOM) == {3: list(range(24, 32))}
    # crashes: the part's first downbeat (bar 2) and bar 10, the window at bar 10
    assert steps(res.loops, CRASH) == {0: [0], 4: [0]}


def test_after_a_pickup_the_opening_crash_is_on_bar_1(engine, make_midi):
    notes = [(b * 0.5, 40, 100, 0) for b in range(2 + 8 * 9)]  # a beat of pickup, then 9 bars
    res = engine.drumify(read_midi(make_midi(notes, time_signatures=[(0, 1, 4), (1, 4, 4)])), Settings(fill_every=2))
    assert list(res.bars[:3]) == [0, 1, 3]
    assert steps(res.loops, CRASH) == {1: [0], 3: [0], 5: [0]}  # bar 1, then bars 5 and 9
    assert sorted(steps(res.loops, TOM)) == [0, 2, 4]  # the pickup leads in with a fill; bars 4 and 8 end in fills
    # the pickup plays its one beat (a fill into bar 1), not a loop from 8 beats before bar 1
    assert steps(res.loops, TOM)[0] == [28, 29, 30, 31] and not res.loops[0, :28].any()


def test_a_range_from_a_songs_phrase_fills_and_crashes_on_the_songs_phrases(engine, make_midi):
    # bars 5-20 count the song's phrases from bar 1 (test_cli_bars_phrases.py); bar 5 opens one of them
    notes = [(b * 0.5, 40, 100, 0) for b in range(8 * 24)]
    res = engine.drumify(read_midi(make_midi(notes)), Settings(fill_every=2), bars=(5, 20))
    assert res.bars[0] == 5
    assert sorted(steps(res.loops, TOM)) == [1, 3, 5, 7]  # bars 8, 12, 16, 20 end in fills
    assert sorted(steps(res.loops, CRASH)) == [0, 2, 4, 6]


def test_fill_bars_and_sections(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_bars=(4, 11)))
    assert steps(res.loops, TOM) == {1: list(range(24, 32)), 5: list(range(8, 16))}
    assert steps(res.loops, CRASH) == {0: [0], 2: [0], 5: [16]}
    sections = engine.drumify_grooves(GROOVES, Settings(opening_crash=False), section_bars=[9])
    assert steps(sections.loops, TOM) == {3: list(range(24, 32))} and steps(sections.loops, CRASH) == {4: [0]}
    assert phrase_starts(Settings(fill_every=4), 1, 40, 1) == [9, 17, 25, 33, 41]
    assert phrase_starts(Settings(fill_every=4, fill_bars=(12,)), 5, 20, 5) == [13, 21]


def test_section_starts_from_marker_positions():
    # markers at the start, just before bar 9 and on bar 5 of a 3/4 stretch after 8 bars of 4/4
    sigs = [(0.0, 4, 4), (32.0, 3, 4)]
    assert section_bars_at([0.0, 31.9, 44.0], sigs) == [1, 9, 13]
    assert section_bars_at([], sigs) == []


def test_fills_in_3_4_take_its_last_beat():
    waltz = [((0.0, 3, 4), (3.0, 3, 4))] * 8
    plan = plan_phrases(Settings(fill_every=4, fill_length="beat"), np.arange(8) * 2 + 1, waltz)
    # bar 8 is the second bar of window 3; its last beat plays the loop's beat 8
    assert np.flatnonzero(plan.fill_steps[3]).tolist() == [28, 29, 30, 31] and plan.fills.sum() == 2
    res = Engine(StubModel()).drumify_grooves(np.stack([FOUR] * 8), Settings(fill_every=4, fill_length="beat"),
                                              starts=np.arange(8) * 6.0, meters=waltz)
    assert steps(res.loops, TOM)[3] == [20, 21, 22, 23]  # the real last beat of bar 8 (3/4: steps 20..23)


def test_model_without_the_crash_flag_still_gets_phrase_crashes_only():
    class OldModel(StubModel):
        def generate(self, grooves, z, cond):  # a model that ignores the crash flag
            return super().generate(grooves, z, dataclasses.replace(cond, crash=None))

    res = Engine(OldModel()).drumify_grooves(GROOVES, Settings(fill_every=4))  # the stub alone crashes on every bar
    assert steps(res.loops, CRASH) == {0: [0], 4: [0]}
    muted = Engine(OldModel()).drumify_grooves(GROOVES, Settings(fill_every=4, voice_groups={"cymbals": False}))
    assert not muted.loops[..., CRASH].any()


def test_held_pattern_and_variations_keep_the_phrases(engine):
    s = Settings(fill_every=2, hold=True, temperature=0.8, seed=4)
    held = engine.drumify_grooves(GROOVES, s).loops
    assert all(np.array_equal(held[2], held[w]) for w in (4, 6))  # one beat (bar 5, 9, 13 open phrases)
    assert all(np.array_equal(held[1], held[w]) for w in (3, 5, 7))  # one fill
    v = engine.drumify_variations(GROOVES, Settings(fill_every=4), 3)
    np.testing.assert_array_equal(v[0], engine.drumify_grooves(GROOVES, Settings(fill_every=4)).loops)
    assert all(steps(v[i], CRASH) == {0: [0], 4: [0]} for i in range(3))


def test_phrase_settings_are_checked():
    for bad, msg in [(dict(fill_bars=[0]), "fill_bars"), (dict(fill_bars="8"), "fill_bars"),
                     (dict(fill_length="long"), "fill_length must be one of beat, half, bar")]:
        with pytest.raises(SettingsError, match=msg):
            Settings(**bad)
    assert Settings(fill_bars=[16, 8, 8]).fill_bars == (8, 16)
    assert Settings.from_dict(Settings(fill_bars=(8,), fill_length="bar").to_dict()).fill_bars == (8,)


torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def song():
    """The bundled funk bass line, three times over: 24 bars."""
    from pathlib import Path

    from reagroove.core.midi import MidiContent, Notes

    c = read_midi(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid")
    n = c.notes
    k = np.arange(3).repeat(len(n))
    notes = Notes.from_lists(np.tile(n.start, 3) + 32.0 * k, np.tile(n.pitch, 3), np.tile(n.velocity, 3),
                             end=np.tile(n.end, 3) + 32.0 * k)
    return MidiContent("song.mid", notes, c.ticks_per_beat, c.tempos, c.time_signatures, 96.0, [])


def test_shipped_model_fills_end_each_phrase_and_crashes_open_the_next(shipped, song):
    res = shipped.drumify(song, Settings(fill_every=2))
    plain = shipped.drumify(song, Settings()).loops
    assert len(res.loops) == 12
    fills = np.arange(12) % 2 == 1  # windows ending bars 4, 8, ...: the last half bar is the fill's
    # up to the fill the beat keeps time, as it would without fills (crashes aside)
    np.testing.assert_allclose(res.loops[fills, :24, :7], plain[fills, :24, :7], atol=1e-6)
    assert all(res.loops[w, 16:24, :2].any() for w in np.flatnonzero(fills))  # kick or snare into the fill
    np.testing.assert_allclose(res.loops[~fills, :, :7], plain[~fills, :, :7], atol=1e-6)
    # the fill is there: the fill's place plays otherwise than the beat, with more toms and snare
    ends = res.loops[fills, 24:, :]
    assert not np.array_equal(ends, plain[fills, 24:, :])
    fill_voices = lambda x: x[..., [1, 4, 5, 6]].sum()  # noqa: E731
    assert fill_voices(ends) > fill_voices(plain[fills, 24:, :])
    # a crash on the downbeat of every phrase (and the first), none elsewhere
    crashes = {w: list(np.flatnonzero(loop[:, CRASH])) for w, loop in enumerate(res.loops) if loop[:, CRASH].any()}
    assert crashes == {w: [0] for w in range(0, 12, 2)}


def test_a_files_section_markers_bring_a_fill_and_a_crash(engine, tmp_path):
    """A DAW's markers in a MIDI file (verse, chorus) start sections: the bar before ends in a fill,
    the section opens with a crash, in drumify and in its variations alike."""
    import mido

    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(100), time=0))
    track.append(mido.MetaMessage("marker", text="Verse", time=0))
    events = [(480 * 32 - 20, mido.MetaMessage("marker", text="Chorus"))]  # a hair before bar 9
    for q in range(64):  # 16 bars of quarter notes on a bass
        events.append((480 * q, mido.Message("note_on", channel=1, note=40, velocity=90)))
        events.append((480 * q + 200, mido.Message("note_off", channel=1, note=40, velocity=0)))
    now = 0
    for t, msg in sorted(events, key=lambda e: e[0]):
        track.append(msg.copy(time=t - now))
        now = t
    mid.tracks.append(track)
    mid.save(tmp_path / "song.mid")
    content = read_midi(tmp_path / "song.mid")
    assert content.markers == pytest.approx([0.0, 32 - 20 / 480])
    res = engine.drumify(content, Settings(opening_crash=False))
    assert res.section_bars == (1, 9)
    assert steps(res.loops, TOM) == {3: list(range(24, 32))}  # the last half of bar 8
    assert steps(res.loops, CRASH) == {4: [0]}  # bar 9
    # the marker on bar 1 opens the song (nothing to fill from): the one on bar 9 is the section said
    assert [m for m in res.messages if "section marker" in m] == [
        "1 section marker in the file: a fill before its section, a crash on its first beat"]
    versions = engine.variations_of(res, Settings(opening_crash=False), 2)
    assert all(steps(v, CRASH) == {4: [0]} for v in versions)


def test_a_bar_longer_than_a_loop_crashes_on_its_downbeat_and_fills_at_its_end():
    """4/1: each bar spans two loops (both labelled with its number). The crash is on the bar's downbeat,
    in its first loop, not halfway through it; the fill ends the bar, in its last loop."""
    bars = np.array([1, 1, 2, 2, 3, 3, 4, 4])
    plan = plan_phrases(Settings(fill_every=1), bars, None)
    crashes = [(w, s) for w, s in zip(*np.nonzero(plan.crash_steps))]
    assert crashes == [(0, 0), (4, 0)]  # bar 1 (the opening) and bar 3 (a new phrase)
    fills = sorted(set(np.nonzero(plan.fill_steps)[0]))
    assert fills == [3, 7] and plan.fill_steps[3, -1] and plan.fill_steps[7, -1]


def _level(loop):
    """The loop's mean hit velocity, its crash left out."""
    hit = loop[:, :9] > 0.5
    hit[:, CRASH] = False
    return loop[:, 9:18][hit].mean()


def test_a_phrase_opens_with_an_accent(shipped):
    """The step that opens a phrase is accented as GMD's drummers accent it: the crash well above the loop's
    level (it had taken the loudest hit on its step, no louder than the hats) and the kick under it louder
    than the loop's other downbeat kicks. Humanize 0 (flat hits) adds no accent."""
    part = read_midi(EXAMPLES / "funk_bass.mid")
    loops = shipped.drumify(part, Settings(fill_every=2)).loops
    crashed = [w for w in range(len(loops)) if loops[w, 0, CRASH] > 0.5]
    assert len(crashed) >= 2  # bar 1 and bar 5 open phrases
    for w in crashed:
        loop = loops[w]
        assert loop[0, 9 + CRASH] >= 1.2 * _level(loop)
        assert loop[0, 9 + CRASH] > loop[:, 9:18].max(0)[[2, 3, 8]].max()  # louder than every hat and ride
        if loop[0, KICK] > 0.5 and loop[16, KICK] > 0.5:
            assert loop[0, 9 + KICK] > loop[16, 9 + KICK]
    flat = shipped.drumify(part, Settings(fill_every=2, humanize=0.0)).loops
    for w in crashed:
        assert flat[w, 0, 9 + CRASH] == pytest.approx(_level(flat[w]), abs=0.01)


def test_a_crash_placed_mid_loop_is_accented_too(engine):
    """A phrase that opens mid-loop (a section marker) gets a crash it was not played with: it is accented
    like the model's own on a downbeat, and the hat hand leaves it."""
    s = Settings(fill_every=4)
    res = engine.drumify_grooves(GROOVES, s, section_bars=(4,))  # bar 4: the second bar of window 1
    w, t = next((w, t) for w, t in zip(*np.nonzero(res.loops[..., CRASH] > 0.5)) if t > 0)
    loop = res.loops[w]
    assert loop[t, 9 + CRASH] >= 1.2 * _level(loop)
    assert not (loop[t, [2, 3, 8]] > 0.5).any()


def test_the_beat_plays_on_up_to_a_fills_first_snare_or_tom():
    """A half-bar fill whose drawn loop has one ride stroke on beat 3 and its toms on beat 4: laid over the
    groove, beat 3 is the groove's (kick, hats), not a lone ride stroke (a producer heard the groove stop a beat
    early); from the first tom the fill's own hits play, the hands off the hats."""
    from reagroove.core.fills import fill_part
    from reagroove.core.loop import N_VOICES, VOICES

    kick, hat, ride, low_tom = (VOICES.index(v) for v in ("kick", "closed_hat", "ride", "low_tom"))
    fill = np.zeros((32, 3 * N_VOICES), np.float32)
    fill[24, [ride, N_VOICES + ride]] = 1.0, 0.9
    for t in (28, 30):
        fill[t, [low_tom, N_VOICES + low_tom]] = 1.0, 0.9
    beat = np.zeros((8, 3 * N_VOICES), np.float32)
    for t in range(0, 8, 2):
        beat[t, [hat, N_VOICES + hat]] = 1.0, 0.6
    beat[0, [kick, N_VOICES + kick]] = 1.0, 0.8
    laid = fill_part(fill, 8, beat) > 0.5
    assert laid[0, kick] and laid[[0, 2], hat].all() and not laid[:4, ride].any()
    assert laid[[4, 6], low_tom].all() and not laid[4:, hat].any()
    assert (fill_part(fill, 8)[:, :N_VOICES] > 0.5)[0, ride]  # read alone (fill_faults), the fill is as drawn


def test_a_three_beat_pickup_inside_a_whole_first_bar_leads_into_bar_2(engine, make_midi):
    """A bass run on beats 2-4 of bar 1, the band from bar 2: bar 1 had a whole groove with a crash on its silent
    downbeat, a beat before anyone played, and the phrases counted from it (fills a bar early). A run into a louder
    downbeat is a pickup now: a lead-in over its beats, the crash on bar 2, phrases from bar 2. A riff resting on its
    1 in every bar (a reggae skank from beat 2) is no pickup: its first bar is the song's."""
    from reagroove.core.groove import bar_grid
    from reagroove.core.pickups import pickup_bar

    run = [(1.0 + 0.5 * k, 40 + k, 85, 0) for k in range(6)]
    band = [(4.0 + b * 0.5, 40, 110 if b % 2 == 0 else 90, 0) for b in range(8 * 16)]  # louder into bar 2
    song = read_midi(make_midi(run + band, name="run.mid"))
    assert pickup_bar(bar_grid(song.time_signatures, song.end_beat), song.notes) == 1
    res = engine.drumify(song, Settings(fill_every=4))
    assert res.bars[1] == 2 and any("pickup into bar 2" in m for m in res.messages), res.messages
    crashes = steps(res.loops, CRASH)
    assert 0 not in crashes and crashes.get(1) == [0], crashes  # no crash before bar 2
    skank = read_midi(make_midi([(bar * 4.0 + beat, 60, 90, 0) for bar in range(8) for beat in (1.0, 3.0)],
                                name="skank.mid"))
    assert pickup_bar(bar_grid(skank.time_signatures, skank.end_beat), skank.notes) is None
    # a riff that only starts late (bar 1 is bar 2 but its low, loud downbeat): its bar 1 is the song's too
    riff = [(0.0, 36, 110), (1.0, 43, 90), (2.0, 45, 90), (3.0, 47, 90)]
    late = read_midi(make_midi([(bar * 4.0 + t, p, v, 0) for bar in range(8) for t, p, v in riff if bar or t],
                               name="late.mid"))
    assert pickup_bar(bar_grid(late.time_signatures, late.end_beat), late.notes) is None
