"""Pads played live that play a kit (every note on MIDI channel 10, kick or snare and another drum, 4/4) keep their
kit, as drumify keeps a drum part's (core/live_kit.py, drum_parts.keep_the_kit): live had drummed them from their
groove alone, a typed rock beat's kick on 2 and 4 with the snare where drumify kept it on 1, 3 and the 3's "and"."""

import numpy as np
import pytest
from conftest import GMD_DIR
from test_drum_part_kit import typed_rock
from test_live_take import heard_live

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BARS = 8
KIT = [VOICES.index(v) for v in ("kick", "snare")] + [4, 5, 6]  # kick, snare and the toms (drum_parts.KIT_DRUMS)


def drums(rows, b):
    """The kick, snare and toms of bar b (1-based) of steps (T, 27), as one tuple of (16,) hit rows."""
    return (rows[16 * (b - 1):16 * b, KIT] > 0.5).T.tolist()


def live_and_drumify(engine, make_midi, notes, bpm, settings, bars=BARS):
    live = heard_live(engine, [(b, p, v, c, b + 0.1) for b, p, v, c in notes], bpm, settings, bars)
    part = read_midi(make_midi(notes, tempos=((0, bpm),)))
    return live, engine.drumify(part, settings).loops.reshape(-1, live.shape[1])


def test_a_typed_rock_beat_on_pads_keeps_its_kick_live_as_drumify_does(shipped, make_midi):
    live, drumify = live_and_drumify(shipped, make_midi, typed_rock(BARS), 120.0, Settings())
    # from bar 2 (the drums come in on the bar line after the first note) every bar's drums are drumify's: the kick
    # on 1, 3 and the 3's "and", the backbeat as typed
    for b in range(2, BARS + 1):
        assert drums(live, b) == drums(drumify, b), b
        assert np.flatnonzero(live[16 * (b - 1):16 * b, 0] > 0.5).tolist() == [0, 8, 10], b
    # --mute kick keeps no typed kick live either
    muted = heard_live(shipped, [(b, p, v, c, b + 0.1) for b, p, v, c in typed_rock(BARS)], 120.0,
                       Settings(voice_groups={"kick": False}), BARS)
    assert not (muted[:, 0] > 0.5).any()


def test_the_players_own_tom_fill_is_not_played_back_a_window_later(shipped, make_midi):
    """Live plays the pass heard: kept as played, a tom fill at the end of bar 4 had come back at the end of bar 6;
    there the drums play the beat, as drumify does."""
    notes = [n for n in typed_rock(BARS) if not 15.0 <= n[0] < 16.0]
    notes += [(15.0 + k / 4, pitch, 100, 9) for k, pitch in enumerate((38, 50, 47, 43))]
    live, drumify = live_and_drumify(shipped, make_midi, notes, 120.0, Settings())
    toms = lambda rows, b: (rows[16 * (b - 1):16 * b, 4:7] > 0.5).any(1)  # noqa: E731
    assert toms(drumify, 4)[12:].any()  # (the fill drumify keeps where it was played)
    for b in range(5, BARS + 1):
        assert not toms(live, b).any(), b
        assert drums(live, b) == drums(drumify, b), b


def test_a_played_gmd_beat_live_keeps_the_drums_of_the_bars_heard(shipped, make_midi):
    """A drummer's take: each live bar plays drumify's drums of the bar it heard, the window before (live plays from
    the last pass; drumify knows the bars ahead)."""
    path = GMD_DIR / "drummer6" / "session3" / "2_rock_100_beat_4-4.mid"
    if not path.is_file():
        pytest.skip(f"Groove MIDI Dataset take not found at {path}")
    song = read_midi(path)
    n = song.notes
    keep = np.flatnonzero(n.start < 4 * BARS - 0.1)
    notes = [(float(n.start[k]), int(n.pitch[k]), int(n.velocity[k]), 9) for k in keep]
    live, drumify = live_and_drumify(shipped, make_midi, notes, float(song.bpm), Settings())
    for b in range(3, BARS + 1):
        assert drums(live, b) == drums(drumify, b - 2), b


def test_pads_are_read_as_a_kit_by_the_sessions_drum_map(shipped):
    """A producer's kit (kick on 24, snare on 26) on the pads: read by the session's map (a MIDI player's own:
    livemidi.LivePlayer), its kick is a kick; by General MIDI's those notes are no drum and no kit is kept."""
    from reagroove.core.drummap import drum_map_from_dict
    from reagroove.core.live import LiveSession
    from reagroove.core.live_kit import heard_kit

    kit = drum_map_from_dict({"name": "kit", "voices": {"kick": {"output": 24}, "snare": {"output": 26}}}, "kit.json")
    for drum_map, kicks in ((kit, [0, 8, 10, 16, 24, 26]), (None, None)):
        s = LiveSession(shipped, Settings())
        s.drum_map = drum_map
        s.start(0.0)
        for b, p, v, c in typed_rock(2):
            s.feed(b, v, pitch={36: 24, 38: 26}.get(p, p), channel=c)
        s.advance(7.9)
        heard = heard_kit(s, s.groove())
        if kicks is None:
            assert heard is None
        else:
            assert np.flatnonzero(heard[:, 0] > 0.5).tolist() == kicks
            assert np.flatnonzero(heard[:, 1] > 0.5).tolist() == [4, 12, 20, 28]
