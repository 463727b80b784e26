"""A quiet intro played as a drummer plays one (core/intro_figure.py): keys alone before the bass comes in with the
band, the drums lay out and come in with it (a fill into its entry, a crash on it); a bass already playing its line
in the intro keeps the groove, softer.

Freedoom's 26 quiet intros (the engine's reading, their drums left out), per song a bar's hits per voice group
(kick, snare and cross-stick, toms, hats and ride, crash) summed |engine - drummer|, and the groups played where
the drummer rests or the other way (of 5):
    bass comes in with the band (15):  before 11.55 hits, 2.07 groups   now 9.58, 1.93  (7 of the drummers lay out)
    bass already in the intro (11):    9.02, 1.18 both (unchanged)
measured with /tmp/I/measure.py and /tmp/I/eval.py (the engine's loops in the intro windows against channel 10's
notes in the same bars)."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

FREEDOOM = Path(__file__).resolve().parents[2] / "shared" / "data" / "freedoom-midi"
KICK, SNARE, CRASH = 0, 1, 7


def bar_hits(res, bar, steps_per_bar=16):
    """(steps, 9) hits of one bar of a drumify result (2-bar windows)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return np.asarray(res.loops)[w, steps_per_bar * m:steps_per_bar * (m + 1), :N_VOICES] > 0.5


def keys_then_band(bass_in_intro: bool):
    """Keys' chords on beats 1 and 3 (C4-E4-G4) for 16 bars; a bass in 8ths on E2 from bar 9 with 16th keys over it
    (the band), or (bass_in_intro) the bass's 8ths from bar 1 and the 16th keys from bar 9."""
    keys = [((b - 1) * 4.0 + t, p, 90, 1) for b in range(1, 9) for t in (0.0, 2.0) for p in (60, 64, 67)]
    keys += [((b - 1) * 4.0 + t / 4, (60, 64, 67, 72)[t % 4], 90, 1) for b in range(9, 17) for t in range(16)]
    first = 1 if bass_in_intro else 9
    bass = [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in range(first, 17) for t in range(8)]
    return sorted(keys + bass)


def test_keys_alone_before_the_band_the_drums_lay_out_and_come_in_with_it(shipped, make_midi):
    """8 bars of keys alone, the bass and busier keys from bar 9: the drums had played their groove (kick, backbeat,
    hats) softer from bar 1; a drummer lays out there. Silent in bars 1-6, at most a fill in bars 7-8 (no backbeat
    under the keys), the crash and the groove with the band on bar 9, said; its variations lay out too."""
    settings = Settings()
    res = shipped.drumify(read_midi(make_midi(keys_then_band(False))), settings)
    assert any("quiet intro" in m for m in res.messages), res.messages
    assert not any(bar_hits(res, b).any() for b in range(1, 7)), [bar_hits(res, b).sum() for b in range(1, 9)]
    assert bar_hits(res, 9)[0, CRASH] and bar_hits(res, 9)[0, KICK]
    assert sum(bar_hits(res, b)[[4, 12], SNARE].sum() for b in (9, 10, 11, 12)) >= 6  # the backbeat with the band
    assert any("lay out through the intro" in m for m in res.messages), res.messages
    assert not any("play it softer" in m for m in res.messages), res.messages
    # the band's entry said once, in the intro's line (a review read three lines of it: the intro's crash, the band
    # changing what it plays, the drums laying out until it)
    entry = [m for m in res.messages if "bar 9" in m and not m.startswith("bar 9 ends")]
    assert len(entry) == 1 and "a crash on it" in entry[0] and "fewer notes or parts" in entry[0], res.messages
    versions = shipped.variations_of(res, settings, 3)
    w = int(np.flatnonzero(res.bars <= 5)[-1])  # the windows of bars 1-6
    assert not (versions[:, :w + 1, :, :N_VOICES] > 0.5).any()
    assert (versions[:, w + 2:, :, :N_VOICES] > 0.5).any(axis=(1, 2, 3)).all()


def test_a_bass_playing_its_line_under_the_keys_from_bar_1_is_the_band_not_an_intro(shipped, make_midi):
    """The bass's 8ths from bar 1 under the keys, busier keys from bar 9: the band's own riff from bar 1
    (intro_reading.py: freedoom's drummers play on there), so the drums play their groove from bar 1, with its
    crash, and lay nothing out."""
    res = shipped.drumify(read_midi(make_midi(keys_then_band(True))), Settings())
    assert not any("quiet intro" in m or "lay out through the intro" in m for m in res.messages), res.messages
    early = np.stack([bar_hits(res, b) for b in range(1, 7)])
    assert early[:, :, KICK].any() and early[:, :, SNARE].any()
    assert bar_hits(res, 1)[0, CRASH]


def test_the_bass_coming_in_with_the_band_is_read_from_its_onsets():
    from reagroove.core.intro_figure import laid_out_intro, lay_out

    intro = np.array([True, True, False, False, False])
    bass = np.zeros((5, 32, 3), np.float32)
    bass[2:, ::2, 0] = 1.0  # the bass's 8ths from the band's entry
    assert laid_out_intro(intro, bass).tolist() == intro.tolist()
    bass[:2, 0, 0] = 1.0  # a note every other bar before (a pedal), still coming in with the band
    assert laid_out_intro(intro, bass) is not None
    bass[:2, ::8, 0] = 1.0  # a note every two beats (4 of 16, 0.25): the bass playing, if sparser (BASS_BARS_SHARE)
    assert laid_out_intro(intro, bass) is None
    bass[:2, ::2, 0] = 1.0  # its line already there: the groove stays
    assert laid_out_intro(intro, bass) is None
    assert laid_out_intro(intro, None) is None and laid_out_intro(np.zeros(5, bool), bass) is None
    loops = np.ones((5, 32, 27), np.float32)
    fills = np.zeros((5, 32), bool)
    fills[0, 28:] = fills[1, 28:] = True  # a phrase's fill mid-intro, and the one into the band
    out = lay_out(loops, intro, fills)
    assert not out[0].any() and out[1, 28:].all() and not out[1, :28].any() and (out[2:] == 1).all()


@pytest.mark.skipif(not (FREEDOOM / "d_e1m8.mid").is_file(), reason="freedoom-midi not here")
def test_freedoom_e1m8s_rhodes_intro_the_drums_lay_out_as_its_drummer(shipped):
    """d_e1m8 (3/4): a Rhodes alone for 8 bars, its drummer silent; the bass and the band on bar 9. The drums had
    played hats, kick and backbeat there; now bars 1-6 are silent, a fill at most in 7-8, the crash on 9."""
    res = shipped.drumify(read_midi(FREEDOOM / "d_e1m8.mid"), Settings())
    assert not any(bar_hits(res, b, 12).any() for b in range(1, 7))
    assert bar_hits(res, 9, 12)[0, CRASH]
    assert (np.stack([bar_hits(res, b, 12) for b in (9, 10, 11, 12)])[..., SNARE]).sum() >= 4


def test_an_odd_length_intro_has_no_groove_before_the_fill_into_the_band(shipped, make_midi):
    """7 bars of keys alone, the bass and busier keys from bar 8: the intro's 2-bar windows end on bar 6, and bars
    7-8 are one window. The drums had laid out through bar 6, then played bar 7's groove (kick, backbeat, hats)
    before the fill, a bar early under the keys alone; a drummer laying out comes in with the fill into bar 8."""
    keys = [((b - 1) * 4.0 + t, p, 90, 1) for b in range(1, 8) for t in (0.0, 2.0) for p in (60, 64, 67)]
    keys += [((b - 1) * 4.0 + t / 4, (60, 64, 67, 72)[t % 4], 90, 1) for b in range(8, 17) for t in range(16)]
    bass = [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in range(8, 17) for t in range(8)]
    res = shipped.drumify(read_midi(make_midi(sorted(keys + bass))), Settings())
    assert any("lay out through the intro" in m for m in res.messages), res.messages
    assert not any(bar_hits(res, b).any() for b in range(1, 7))
    seventh = bar_hits(res, 7)
    first = int(np.flatnonzero(seventh.any(1))[0]) if seventh.any() else 16
    assert first >= 8, seventh.astype(int).T  # at most a fill over the bar's second half
    assert bar_hits(res, 8)[0, CRASH] and bar_hits(res, 8)[0, KICK]  # in with the band


def test_laying_out_ends_at_the_fill_into_a_band_coming_in_mid_window():
    from reagroove.core.intro_figure import lay_out

    loops = np.ones((4, 32, 27), np.float32)
    loops[:, :, CRASH] = 0.0
    loops[1, 16, CRASH] = 1.0  # the band's entry on the window's second bar (a crash)
    fills = np.zeros((4, 32), bool)
    fills[1, 8:16] = True  # the fill into it
    out = lay_out(loops, np.array([True, False, False, False]), fills)
    assert not out[0].any() and not out[1, :8].any() and (out[1, 8:] == loops[1, 8:]).all()
    assert (out[2:] == 1 - (np.arange(27) == CRASH)).all()
    # the band on the window's first bar (its crash there): the fill at its end leads into a later section
    loops[1, 0, CRASH], fills[1] = 1.0, False
    fills[1, 24:] = True
    assert (lay_out(loops, np.array([True, False, False, False]), fills)[1] == loops[1]).all()
