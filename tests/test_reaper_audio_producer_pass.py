"""Audio items as a producer leaves them, one more pass: a take sped up by half with its pitch going with it (and
shifted 3 semitones more), trimmed into its file; a loop of a source shorter than the item, started mid-file; a
reversed take. The drums land where the notes are heard, or the item is named in one line saying what to do.

Uses tests/test_reaper_audio_items.py's rendered bass take (8ths at 100 BPM, every third left out).
"""

import numpy as np
import pytest
from fake_reaper import reapy_inside
from stub_model import StubModel
from test_reaper import PURGE
from test_reaper_audio_items import BEAT_S, LEAD_S, assert_kicks_on, bass, drumify, heard_qn, kicks, one_take  # noqa: F401

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError


def test_a_take_at_playrate_1_5_pitched_up_is_followed_as_heard(bass):  # noqa: F811
    """Rate 1.5 without 'preserve pitch' and D_PITCH +3: the pitch says nothing of where the notes fall; the rate
    and the start offset (a beat into the file) do."""
    spec, tr = one_take()
    offs, rate, length_qn = LEAD_S + BEAT_S, 1.5, 12
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=length_qn, startoffs=offs, playrate=rate,
                        selected=True, name="fast", loop=False)
    with reapy_inside(spec, purge=PURGE) as s:
        take = s.rpr.RPR_GetActiveTake(s.rpr.RPR_GetSelectedMediaItem(0, 0))
        s.rpr.RPR_SetMediaItemTakeInfo_Value(take, "B_PPITCH", 0.0)
        s.rpr.RPR_SetMediaItemTakeInfo_Value(take, "D_PITCH", 3.0)
        _res, items = drumify(s)
        assert_kicks_on(kicks(items), heard_qn(8, offs, rate, length_qn * BEAT_S))


def test_a_loop_started_mid_file_repeats_from_the_file_s_start(bass):  # noqa: F811
    """'Loop source' on an item longer than its file, its take started 2 beats in: the first pass plays the file
    from there, each later pass the whole file."""
    spec, tr = one_take()
    offs, length_qn = LEAD_S + 2 * BEAT_S, 40
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=length_qn, startoffs=offs, selected=True,
                        name="loop", loop=True)
    with reapy_inside(spec, purge=PURGE) as s:
        _res, items = drumify(s)
        found = kicks(items)
        expected = heard_qn(8, offs, 1.0, length_qn * BEAT_S, loop_s=bass["length"])
        first = expected[expected < 8 + (bass["length"] - offs) / BEAT_S - 0.5]  # the first pass, from mid-file
        assert len(first) > 16
        assert_kicks_on(found[found < first[-1] + 0.2], first)
        assert all(np.abs(expected - q).min() < 0.13 for q in found)  # no kick where nothing plays


def test_a_reversed_take_is_one_line_saying_what_to_do(bass):  # noqa: F811
    spec, tr = one_take()
    spec.add_audio_item(tr, bass["mono"], start_qn=8, length_qn=8, selected=True, name="swells",
                        section=(0.0, bass["length"], True))
    with reapy_inside(spec, purge=PURGE):
        with pytest.raises(ReaperError) as err:
            actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
    line = str(err.value)
    assert "\n" not in line and "'swells'" in line and "reversed" in line and "render it to a new take" in line
