"""Code review C8's bugs, as a producer meets them: variations' hats turned to a section's 8ths that stop under a
fill bar's or leave a hole where the hat opens, a jazz bridge replaced by a whole-song Drumify without a word, a live
session saying it leans toward a pattern it does not play (and 50% swing as swing), a DAW's loop region hiding the
drums coming in again, a bass stem's last level held past its file's end, and several muted items said as one."""

import mido
import numpy as np
from fake_reaper import reapy_inside
from stub_model import StubModel
from test_live_session_lines import session  # noqa: F401 (the fixture: `reagroove live` on in-memory ports)
from test_live_transport import ClockRig
from test_reaper import PURGE, engine
from test_reaper_arranging import drum_items, time_selection
from test_reaper_arranging_drum_items import song
from test_variation_figures import EIGHTHS, QUARTERS, band, figures, loops_of

from reagroove.core.engine import Engine
from reagroove.core.limbs import CLOSED_HAT, HIGH_TOM, OPEN_HAT
from reagroove.core.live import LiveSession
from reagroove.core.live_lines import summary_line
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.part_versions import held_pulse
from reagroove.core.patterns import Pattern, PatternStore
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.audio_item_bands import mixed
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.kept_lines import kept_bars


def test_a_bar_turned_to_the_sections_eighths_plays_them_through_not_a_fill_bars_hats():
    """Variations: a section on 8th hats, one bar on quarters (bar 6) turned to 8ths from the bar in its place in the
    loop before it, bar 4, whose second half is a fill (toms, no hat): bar 6 played 8ths for 2 beats, then quarters."""
    loops = loops_of([EIGHTHS, EIGHTHS, EIGHTHS, range(0, 8, 2), EIGHTHS, QUARTERS, EIGHTHS, EIGHTHS])
    fills = np.zeros((4, STEPS), bool)
    fills[1, 24:32] = True
    loops[1, 24:32:2, HIGH_TOM], loops[1, 24:32:2, N_VOICES + HIGH_TOM] = 1.0, 0.8
    held_pulse(loops, np.zeros(4, int), np.ones(4, bool), fills, band(4), None)
    hats = loops[2, 16:32, CLOSED_HAT] > 0.5
    assert np.flatnonzero(hats).tolist() == list(EIGHTHS), figures(loops)


def test_a_bar_turned_to_eighths_where_the_section_opens_the_hat_on_the_and_of_4_has_no_hole_there():
    """A section playing "x-x-x-x-x-x-x-O-" (the open hat its 8th on the "and" of 4), one bar on quarters: turned to
    8ths, it had no stroke at all on the "and" of 4 (the closed hat's silence there copied, not the open hat)."""
    open8 = [s for s in EIGHTHS if s != 14]
    loops = loops_of([open8] * 5 + [QUARTERS] + [open8] * 2, opens=[(i, 14) for i in range(8) if i != 5])
    held_pulse(loops, np.zeros(4, int), np.ones(4, bool), np.zeros((4, STEPS), bool), band(4), None)
    bar = loops[2, 16:32, :N_VOICES] > 0.5
    assert np.flatnonzero(bar[:, CLOSED_HAT] | bar[:, OPEN_HAT]).tolist() == list(EIGHTHS)
    assert bar[14, OPEN_HAT] and not bar[14, CLOSED_HAT]  # as the section plays it
    assert figures(loops) == [8] * 8


def test_a_bridge_drummed_as_jazz_alone_then_the_whole_song_drummed_says_the_jazz_bars_were_replaced():
    """Bars 7-8 drummed as jazz from a time selection, nothing else drummed yet, then the whole song at the defaults:
    the jazz bars turned rock without a word (one setting replaced was taken for a take replaced whole). Drummed
    again as jazz for the whole song and then at the defaults, it is a take replaced whole: nothing said."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        time_selection(rpr, 24.0, 32.0)
        actions.drumify_selection(bridge, engine(), Settings(genre={"jazz": 1.0}, seed=1))
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0, 0, False)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=1))
        assert all(name == "ReaGroove · seed 1" for *_span, name, _m in drum_items(rpr))
        assert [m for m in res["messages"] if "other settings" in m] == [
            "bars 7-8 (jazz 1.0 · seed 1) had drums written with other settings: replaced with these (Undo, Ctrl+Z, "
            "brings them back; lock or edit a drum item to keep it through a Drumify)"]
        actions.drumify_selection(bridge, engine(), Settings(genre={"jazz": 1.0}, seed=1))
        res = actions.drumify_selection(bridge, engine(), Settings(seed=1))
        assert res["written"] and not [m for m in res["messages"] if "other settings" in m]


def _first_line(session, capsys, argv):  # noqa: F811
    """`reagroove live --bpm 96 ARGV`'s first line, with a pattern 'funk' saved."""
    beat = np.zeros((32, 3), np.float32)
    beat[::4] = [1, 0.9, 0.0]
    session(["--bpm", "96", *argv], [], 0.1, engine=Engine(StubModel(), PatternStore({"funk": Pattern("funk", beat)})))
    return next(line for line in capsys.readouterr().out.splitlines() if line.startswith("playing at"))


def test_live_does_not_say_it_leans_toward_a_pattern_follow_1_leaves_unheard(session, capsys):  # noqa: F811
    """`reagroove live --pattern-a funk --follow 1`: the drums follow the player only (the CLI says the pattern has
    no effect), yet the first line said "the drums play with a lean toward funk"."""
    first = _first_line(session, capsys, ["--pattern-a", "funk", "--follow", "1", "--genre", "rock"])
    assert first == ("playing at 96 BPM: Keystation 88 -> FluidSynth; the drums play Rock; they come in when you "
                     "play; Ctrl-C stops"), first
    first = _first_line(session, capsys, ["--pattern-a", "funk", "--follow", "0.5", "--genre", "rock"])
    assert "the drums play Rock with a lean toward funk;" in first, first  # heard: said, as before


def test_live_says_swing_50_as_straight_time(session, capsys):  # noqa: F811
    """--swing 50 is straight time (REAPER's undo names say "straight"); live's first line said "50% swing"."""
    first = _first_line(session, capsys, ["--swing", "50"])
    assert "; the drums play with no swing (straight); they come in" in first, first
    assert "with 62% swing;" in _first_line(session, capsys, ["--swing", "62"])


def test_drums_coming_in_again_after_a_daws_loop_region_came_round_while_they_were_silent_are_said_twice():
    """--clock-in --stop-after 2 under an 8-bar loop region: the player plays 4 bars, the drums end after them, the
    region comes round twice while they are silent, and the player comes in again: the drums came in twice, but the
    summary said they came in once (any jump of the song position had joined the next drums to the last run)."""
    rig = ClockRig(LiveSession(Engine(StubModel()), stop_after=2))
    rig.send(mido.Message("start"))
    rig.send(mido.Message("clock"))
    for played in (True, False, True):  # the region's passes: the player in, silent, in again
        for beat in range(32):
            if played and beat < 16:
                rig.send(mido.Message("note_on", note=40, velocity=100))
            rig.pulses(24 if beat < 31 else 23)
        rig.send(mido.Message("songpos", pos=0))  # the region's end: back to its bar 1
        rig.send(mido.Message("clock"))
    stats = rig.player.stats
    line = summary_line(48.0, notes=stats.sent, bars=stats.bars, runs=stats.runs, loops=0, late=0, late_ms=0,
                        slowest_ms=0)
    assert stats.runs == 2 and "the drums came in twice" in line, line


def test_a_bass_stem_whose_file_ends_before_its_item_is_not_heard_past_the_files_end():
    """A guitar over bars 1-16 at -30 dB and a bass stem at -20 dB whose item runs to bar 16 but whose file (not
    looped) ends at bar 8: REAPER plays silence there, but the mix's levels held the bass's last frame over bars
    9-16 (-19.6 dB where the guitar alone plays)."""
    q_gtr, q_bass = np.arange(0, 64, 0.25), np.arange(0, 32, 0.25)
    gtr = {"bands": (q_gtr, np.full((len(q_gtr), 4), -30.0, np.float32)), "start_qn": 0.0, "end_qn": 64.0}
    bass = {"bands": (q_bass, np.full((len(q_bass), 4), -20.0, np.float32)), "start_qn": 0.0, "end_qn": 64.0}
    q, db = mixed([gtr, bass])
    assert np.allclose(db[q >= 32.5], -30.0, atol=0.01)
    assert np.allclose(db[q < 32.0], 10 * np.log10(10 ** -3 + 10 ** -2), atol=0.01)  # both, to the file's end


def test_two_muted_drum_items_kept_apart_are_said_as_items():
    """Bars 5 and 9 kept for drum items the producer muted: "bar 5 and bar 9 keep the drums they had: a drum item
    there was muted by you (move or delete it ...)" spoke of one item."""
    project = {"time_signatures": [(0.0, 4, 4)], "measure_offset": 0}
    written = {"kept_edited": [[16.0, 20.0], [32.0, 36.0]], "kept_why": [["muted"], ["muted"]]}
    assert kept_bars(project, written) == [
        "bar 5 and bar 9 keep the drums they had: drum items there were muted by you (move or delete them to redrum "
        "them)"]
