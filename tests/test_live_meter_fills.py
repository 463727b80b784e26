"""A live fill in 3/4 or 7/8 is laid over the loop's steps drumify lays it over (core/live_bars.loop_phrase): one run
from its first beat's loop step to its last's, as phrases._mark_phrases marks it. A waltz's last two beats play from
the loop's beats 2 and 4, and live had marked them as two runs, each laid with the fill's last beat: with
`--fill-every 4bars` piano_waltz's bar 4 fill was toms from beat 2 live, drumify's snare 16ths on beat 3. A bar fill
keeps the beats within one loop bar, as drumify's (live_bars.within_a_loop_bar): in 5/4 live's had been all five."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.live import LiveSession
from reagroove.core.live_bars import loop_phrase, window_bars, window_phrase
from reagroove.core.loop import STEPS, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.phrases import plan_phrases
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


@pytest.mark.parametrize("meter", [(3, 4), (6, 8), (7, 8), (5, 4), (9, 8), (12, 8)])
@pytest.mark.parametrize("fill_length", ["beat", "half", "bar"])
@pytest.mark.parametrize("feel", ["normal", "half"])
def test_a_windows_fills_and_crashes_go_on_drumifys_loop_steps(meter, fill_length, feel):
    settings = Settings(fill_bars=(1, 2), fill_length=fill_length, opening_crash=False, feel=feel)
    bars = window_bars(meter, feel)
    drumify = plan_phrases(settings, np.array([1]), [bars])  # the window from bar 1: a fill ends bars 1 and 2
    # live's phrase of the window's loop heard whole (live_section_cue.session_phrase), onto the loop's steps
    crash, fill = loop_phrase(*window_phrase(settings, meter, bars, first=0, heard=STEPS, at=0, opening=None), bars)
    assert fill.any() and np.array_equal(fill, drumify.fill_steps[0]), np.flatnonzero(fill)
    assert np.array_equal(crash, drumify.crash_steps[0])


def heard_live_in(engine, notes, bpm, settings, meter, origin, end) -> np.ndarray:
    """(T, 27) steps a LiveSession in `meter` (its bar 1 at `origin`, as a project's time signature marker puts it)
    plays, 16th by 16th until `end`, fed `notes` (beat, pitch, velocity, channel) as they come."""
    s = LiveSession(engine, settings, beats_per_bar=meter)
    s.bpm = bpm
    s.set_meter(meter, at_beat=origin)
    s.start(0.0)
    rows, i = [], 0
    for k in range(int(round(end * 4))):
        beat = k / 4
        while i < len(notes) and notes[i][0] <= beat + 1e-9:
            s.feed(notes[i][0], notes[i][2], pitch=notes[i][1], channel=notes[i][3])
            i += 1
        s.advance(beat)
        sched = s.loop_at(beat)
        rows.append(np.zeros(27, np.float32) if sched is None else
                    sched.loop[int(round((beat - sched.window_start) * 4)) % STEPS])
    return np.array(rows)


def test_a_live_waltz_plays_drumifys_fill(shipped):
    song = read_midi(EXAMPLES / "piano_waltz.mid")  # a beat's pickup, then 3/4
    (origin, *meter), n = song.time_signatures[-1], song.notes
    notes = sorted(zip(n.start.tolist(), n.pitch.tolist(), n.velocity.tolist(), n.channel.tolist()))
    settings = Settings(fill_every=2)  # a fill ends bar 4
    bar, bars = 3.0, 5
    live = heard_live_in(shipped, notes, song.bpm, settings, tuple(meter), origin, origin + bars * bar)
    result = shipped.drumify(song, settings)
    drumify = np.zeros_like(live)
    for start, span, loop in zip(result.starts, result.spans, result.loops):
        steps = np.arange(int(round(span * 4)))
        at = int(round(start * 4)) + steps
        drumify[at[(at >= 0) & (at < len(live))]] = loop[steps[(at >= 0) & (at < len(live))]]
    toms = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
    for b in range(3, bars + 1):  # the bars after the drums came in, bar 4's fill too, hit for hit
        rows = slice(int((origin + (b - 1) * bar) * 4), int((origin + b * bar) * 4))
        assert (live[rows, :len(VOICES)] > 0.5).tolist() == (drumify[rows, :len(VOICES)] > 0.5).tolist(), b
    fill = slice(int((origin + 3 * bar + 1) * 4), int((origin + 4 * bar) * 4))
    assert (live[fill][:, toms] > 0.5).any() or (live[fill][:, VOICES.index("snare")] > 0.5).sum() > 2
