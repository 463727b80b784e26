"""A hand's speed: at a fast tempo the hi-hat and ride play no long runs of 16ths (core/hand_speed.py), from a
file, in a part's versions and live."""

import numpy as np
from helpers import live_rig, play_live

from reagroove.core import read_midi
from reagroove.core.hand_speed import FAST_BPM, at_tempo, longest_run
from reagroove.core.midi import tempo_at
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, RIDE = 0, 1, 2, 3, 8


def chug(bars=4):
    """A guitar's 16ths, lightly accented on 1, the "and" of 2 and 4 (a metal riff played with one weight: the
    network plays 16th hats under it; accents far louder are a riff's for the kick, core/riff_accents.py)."""
    return [(b * 4.0 + i / 4, p, 100 if i in (0, 6, 12) else 88, 0)
            for b in range(bars) for i in range(16) for p in (40, 47)]


def longest_hand_run(loops):
    """The longest run of 16ths on the hat (closed and open as one) or on the ride in any loop."""
    best = 0
    for line in (loops[..., CLOSED_HAT] + loops[..., OPEN_HAT] > 0.5, loops[..., RIDE] > 0.5):
        for row in line.reshape(len(loops), -1):
            run = 0
            for hit in row:
                run = run + 1 if hit else 0
                best = max(best, run)
    return best


def test_a_fast_sixteenth_riff_gets_hats_one_hand_can_play(shipped, make_midi):
    fast = read_midi(make_midi(chug(), tempos=((0, 160.0),), length=0.2))
    res = shipped.drumify(fast, Settings())
    assert longest_hand_run(res.loops) <= 4
    hats = res.loops[..., CLOSED_HAT].reshape(-1, 16) > 0.5
    assert hats[:, 0::2].sum() >= 6 * len(hats)  # the 8ths stay: time is kept
    assert any("160 BPM" in m and "8ths" in m for m in res.messages)  # and the producer is told why
    for version in shipped.variations_of(res, Settings(), 3)[1:]:
        assert longest_hand_run(version) <= 4
    # REAPER's overdubbed versions come from the windows, and with a seed version 0 is a seeded take of its own:
    # it had kept a hat on every 16th of the part
    from reagroove.core.groove import extract_windows

    for version in shipped.variations_of(extract_windows(fast), Settings(seed=5), 3):
        assert longest_hand_run(version) <= 4
    # the same riff at a tempo a hand plays 16ths at keeps the network's 16th hats, and says nothing
    slow = shipped.drumify(read_midi(make_midi(chug(), name="slow.mid", tempos=((0, 100.0),), length=0.2)),
                           Settings())
    assert longest_hand_run(slow.loops) > 4
    assert not any("BPM" in m for m in slow.messages)


def test_live_at_a_fast_tempo_plays_no_long_runs_of_sixteenths(shipped):
    bpm = 160.0
    player, clock = live_rig(shipped, bpm)
    sixteenth = 60.0 / bpm / 4
    notes = [(i * sixteenth, 40, 110 if i % 16 in (0, 6, 12) else 80) for i in range(16 * 8)]
    sent = play_live(player, clock, notes, until_s=len(notes) * sixteenth)
    hat_steps = sorted({round(t / sixteenth) for t, m in sent
                        if m.type == "note_on" and m.velocity > 0 and m.note in (42, 46, 51)})
    assert len(hat_steps) >= 16  # the drums came in and keep time
    run = best = 1
    for a, b in zip(hat_steps, hat_steps[1:]):
        run = run + 1 if b - a == 1 else 1
        best = max(best, run)
    assert best <= 4, hat_steps


def test_at_tempo_plays_a_long_run_as_its_eighths():
    loops = np.zeros((2, 32, 27), np.float32)
    loops[:, 0:16, CLOSED_HAT] = 1.0  # bar 1: a 16-step run
    loops[:, 0:16, 9 + CLOSED_HAT] = 0.7
    loops[:, 0:16, 18 + CLOSED_HAT] = 0.1
    loops[:, 19:22, RIDE] = 1.0  # bar 2: a run of three on the ride
    loops[:, 4::8, SNARE] = loops[:, :, KICK] = 1.0  # a kick on every 16th (two feet may), the backbeat
    out, thinned = at_tempo(loops, np.array([150.0, 190.0]))
    assert thinned
    assert np.flatnonzero(out[0, :16, CLOSED_HAT]).tolist() == list(range(0, 16, 2))
    assert (out[0, 1:16:2, 9 + CLOSED_HAT] == 0).all() and (out[0, 1:16:2, 18 + CLOSED_HAT] == 0).all()
    assert (out[0, 0:16:2, 9 + CLOSED_HAT] == np.float32(0.7)).all()  # the 8ths keep their feel
    assert np.flatnonzero(out[0, :, RIDE]).tolist() == [19, 20, 21]  # three in a row at 150: a hand plays them
    assert np.flatnonzero(out[1, :, RIDE]).tolist() == [20]  # at 190 not
    assert (out[..., [KICK, SNARE]] == loops[..., [KICK, SNARE]]).all()  # feet and the other hand as they were
    assert loops[0, 1, CLOSED_HAT] == 1.0  # the input is not changed
    # below FAST_BPM, or with no tempo known, the loops themselves
    assert at_tempo(loops, FAST_BPM - 1)[0] is loops and at_tempo(loops, None) == (loops, False)


def test_hand_speed_reads_the_tempo_map_at_each_window():
    assert longest_run(120.0) is None and longest_run(FAST_BPM) == 4 and longest_run(200.0) == 2
    tempos = [(0.0, 120.0), (8.0, 150.0), (17.0, 90.0)]
    assert tempo_at(tempos, np.array([0.0, 8.0, 16.0, 24.0])).tolist() == [120.0, 150.0, 150.0, 90.0]
    assert tempo_at(tempos, 7.99) == 120.0 and tempo_at(tempos, 8.0 - 1e-12) == 150.0  # a float for one beat
    assert tempo_at([], 3.0) == 120.0 and tempo_at(None, np.zeros(2)).tolist() == [120.0, 120.0]


def test_live_follow_in_reaper_plays_at_the_projects_tempo():
    # the follower's loops are thinned at the tempo where REAPER's cursor is (a MIDI port's: its clock's, above)
    from fake_reaper import ProjectSpec, reapy_inside
    from stub_model import StubModel
    from test_reaper_live_bass import PURGE, armed_follower

    from reagroove.core.engine import Engine

    spec = ProjectSpec(bpm=172)
    spec.add_track("Guitar", selected=True)
    with reapy_inside(spec, purge=PURGE) as s:
        follower = armed_follower(s, Engine(StubModel()))
        assert follower.session.bpm == 172
        follower.close()


def test_the_evaluation_plays_each_song_at_its_own_tempo(tmp_path, shipped):
    # `reagroove evaluate` scores what the engine writes: a window's tempo reaches the hands there too
    from helpers import write_band_song

    from reagroove.core.bandset import load_band_windows
    from reagroove.models.evaluate_band import play_parts

    write_band_song(tmp_path / "fast.mid", bars=4, bpm=172)
    write_band_song(tmp_path / "slow.mid", bars=4, bpm=96)
    bw = load_band_windows(tmp_path)
    assert sorted(set(np.round(bw.bpm, 2).tolist())) == [96.0, 172.0]  # (a MIDI tempo is in microseconds a beat)
    grooves = np.zeros((len(bw), 32, 3), np.float32)
    grooves[:, :, 0], grooves[:, :, 1] = 1.0, np.where(np.arange(32) % 4 == 0, 0.9, 0.6)  # a part in 16ths
    takes = np.zeros(len(bw), np.int64)
    plain = play_parts(grooves, bw.file_index, takes)
    played = play_parts(grooves, bw.file_index, takes, bpm=bw.bpm)
    fast = bw.bpm >= FAST_BPM
    assert longest_hand_run(plain[fast]) > 4  # the network runs the part's 16ths on the hat
    assert longest_hand_run(played[fast]) <= 2  # at 172 BPM a hand plays them as 8ths
    np.testing.assert_array_equal(played[~fast], plain[~fast])


def test_a_snare_run_beside_the_hats_is_kept_short_at_a_fast_tempo():
    """At 180 BPM, beside 8th hats (the other hand), a density's ghost figure ran 4 snare 16ths on beat 4: one
    hand at 12 strokes a second. It plays its 8ths; a roll with the hat hand free (a fill), or at 120, stays."""
    loop = np.zeros((3, 32, 27), np.float32)
    loop[:, ::2, CLOSED_HAT] = 1.0  # 8th hats
    loop[:, [12, 13, 14, 15], SNARE] = 1.0  # a run of 4 16ths on beat 4 of bar 1
    loop[2, :, CLOSED_HAT] = 0.0  # the third: a fill, no hats
    loop[2, [28, 29, 30, 31], SNARE] = 1.0
    loop[..., 9:18] = loop[..., :9] * 0.8
    fast, thinned = at_tempo(loop, 180.0)
    assert thinned
    for row in fast[:2]:
        assert np.flatnonzero(row[:, SNARE] > 0.5).tolist() == [12, 14]
        assert not row[[13, 15], 9 + SNARE].any()  # its velocity goes with it
    assert np.array_equal(fast[2], loop[2])  # both hands free for the roll
    one_hat = loop[2:3].copy()
    one_hat[0, 28, CLOSED_HAT], one_hat[0, 28, 9 + CLOSED_HAT] = 1.0, 0.8  # a hat on the roll's downbeat only
    assert np.array_equal(at_tempo(one_hat, 180.0)[0], one_hat)  # the other hand is still free
    assert np.array_equal(at_tempo(loop, 120.0)[0], loop)
