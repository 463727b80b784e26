"""A section cued live (LiveSession.cue_section, core/live_section_cue.py) in 3/4, 6/8 and 7/8: the fill into it
takes the end of the bar before as drumify's fill into a section does (phrases.half_bar: a waltz's half fill is its
last two beats, not the last one as `--fill-length beat`; 6/8's beat a dotted quarter), and the crash its 1. The
stand-in model's fill is a tom roll (tests/stub_model.py)."""

import numpy as np
import pytest
from stub_model import StubModel
from test_live_phrases import CRASH, TOM, drumified, fill_spans, voice_beats

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.settings import Settings


def cued(settings, meter, bars, cue_beat, every):
    """(the cued bar line in beats, beats, (N, 27) loop steps heard) over `bars` bars of an 8th-note line in `meter`,
    the next section cued at `cue_beat`."""
    s = LiveSession(Engine(StubModel()), settings, beats_per_bar=meter, regenerate=every)
    bar = s.beats_per_bar
    s.start(0.0)
    line, beats, rows = None, [], []
    for k in range(int(round(bars * bar * 4))):
        beat = k / 4
        if k % 2 == 0:
            s.feed(beat, 100)
        if line is None and beat >= cue_beat:
            line = s.cue_section()
        s.advance(beat)
        sched = s.loop_at(beat)
        beats.append(beat)
        rows.append(sched.loop[int(round((beat - sched.window_start) * 4)) % 32])
    return line, np.array(beats), np.array(rows)


@pytest.mark.parametrize("every", ["bar", "beat"])
@pytest.mark.parametrize("fill_length", ["beat", "half", "bar"])
@pytest.mark.parametrize("meter", [(3, 4), (6, 8), (7, 8)])
def test_a_cued_sections_fill_takes_the_bar_end_drumify_fills_into_a_section(meter, fill_length, every):
    num, den = meter
    bar = num * 4 / den
    settings = Settings(fill_length=fill_length, opening_crash=False)
    line, beats, rows = cued(settings, meter, 10, 3 * bar + 0.5, every)
    section = int(round(line / bar)) + 1  # the section's bar (1-based)
    assert 4 <= section <= 7, f"the section cued on beat {line}"
    want = drumified(Settings(fill_bars=(section - 1,), fill_length=fill_length, opening_crash=False), meter, 10)
    got_tom = voice_beats(beats, rows, TOM)
    assert want[TOM] and fill_spans(got_tom, bar) == fill_spans(want[TOM], bar), \
        f"fill (bar: beat it starts) {fill_spans(got_tom, bar)}, drumify's {fill_spans(want[TOM], bar)}"
    assert voice_beats(beats, rows, CRASH) == [line] == want[CRASH]
