"""A quiet intro the drums lay out in (core/intro_figure.py) against what the producer asks for: --no-opening-crash
drops only the crash on bar 1 (it had turned the intro off: a full backbeat under the keys alone), a --fill-bars bar
inside the intro plays (it had been dropped without a word), and the notes say what the drums play there (freedoom's
d_dm25 had said its rest's drums "keep time alone" and "lay out through the intro" both)."""

import numpy as np
import pytest
from test_intro_figure import CRASH, FREEDOOM, KICK, bar_hits

from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings


def keys_then_band():
    """Keys' chords on beats 1 and 3 for 8 bars alone, then the bass's 8ths and 16th keys from bar 9 (the band):
    a quiet intro the drums lay out in (test_intro_figure.py's)."""
    keys = [((b - 1) * 4.0 + t, p, 90, 1) for b in range(1, 9) for t in (0.0, 2.0) for p in (60, 64, 67)]
    keys += [((b - 1) * 4.0 + t / 4, (60, 64, 67, 72)[t % 4], 90, 1) for b in range(9, 17) for t in range(16)]
    bass = [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in range(9, 17) for t in range(8)]
    return sorted(keys + bass)


def test_no_opening_crash_drops_the_crash_and_keeps_the_intro_laid_out(shipped, make_midi):
    """--no-opening-crash asks for no crash on bar 1, nothing more: the drums had played their whole groove, a
    backbeat under the keys alone, through the intro; they lay out there as without it, and come in with the band
    (its crash on bar 9 stays)."""
    content = read_midi(make_midi(keys_then_band()))
    plain = shipped.drumify(content, Settings())
    res = shipped.drumify(content, Settings(opening_crash=False))
    assert any("lay out through the intro" in m for m in res.messages), res.messages
    assert not any(bar_hits(res, b).any() for b in range(1, 7)), [int(bar_hits(res, b).sum()) for b in range(1, 9)]
    assert bar_hits(res, 9)[0, CRASH] and bar_hits(res, 9)[0, KICK]
    np.testing.assert_array_equal(res.loops, plain.loops)  # (the plain part has no crash on bar 1 either)
    versions = shipped.variations_of(res, Settings(opening_crash=False), 2)
    assert not (versions[:, :3, :, :N_VOICES] > 0.5).any()  # bars 1-6 in every version


def test_bars_from_mid_song_still_read_no_intro_of_their_own(make_midi):
    """The separation's other side: drums for bars from mid-song (a later REAPER item, a time selection, --bars of a
    long file: Windows.opens_part False, crash_inside's settings without the opening crash) read no quiet intro in
    their first bars; the part opening the song reads one, with or without the opening crash."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.phrases import part_sections

    wins = extract_windows(read_midi(make_midi(keys_then_band())))

    def intro(settings, opens_part):
        return part_sections(settings, wins.grooves, wins.bass, wins.bars, wins.meters, (), (), wins.starts,
                             wins.end, None, opens_part, True, wins.tempos, wins.parts, wins.lows, wins.sounding).intro

    assert intro(Settings(), True) and intro(Settings(opening_crash=False), True)
    assert not intro(Settings(opening_crash=False), False) and not intro(Settings(), False)


def test_a_fill_bar_asked_inside_a_laid_out_intro_plays_there_and_is_said(shipped, make_midi):
    """--fill-bars 4 over the 8-bar intro the drums lay out in: the fill had been dropped without a word. The
    drummer plays it (the producer asked for it by bar), the crash on bar 5 that a fill bar leads to, and lays out
    again; the note names the bar."""
    res = shipped.drumify(read_midi(make_midi(keys_then_band())), Settings(fill_bars=(4,)))
    assert bar_hits(res, 4)[8:].any(), bar_hits(res, 4).sum(0)  # (a half-bar fill: its last two beats)
    assert not bar_hits(res, 4)[:8].any()
    assert bar_hits(res, 5)[0, CRASH]
    assert not bar_hits(res, 5)[1:].any() and not any(bar_hits(res, b).any() for b in (1, 2, 3, 6))
    assert bar_hits(res, 9)[0, CRASH]  # the band's entry as before
    said = [m for m in res.messages if "quiet intro" in m]
    assert said and "fill asked in bar 4 plays in it" in said[0], res.messages


@pytest.mark.skipif(not (FREEDOOM / "d_dm25.mid").is_file(), reason="freedoom-midi not here")
def test_a_rest_in_a_laid_out_intro_is_not_said_kept_in_time(shipped):
    """d_dm25's band (its drums left out) plays bars 1-3, rests 4-8 and comes in on bar 9: the drums lay out
    through bars 1-8 but for the fill into bar 9. The notes had said the drums "keep time alone" in bars 4-8 and
    "lay out through the intro": they say the rest, the fill into the band and the lay-out, nothing kept in time."""
    res = shipped.drumify(read_midi(FREEDOOM / "d_dm25.mid"), Settings())
    assert not any(bar_hits(res, b).any() for b in range(1, 8))  # (the piano roll: silent to the fill in bar 8)
    assert bar_hits(res, 8).any() and bar_hits(res, 9)[0, CRASH]
    assert any("lay out through the intro" in m for m in res.messages), res.messages
    rest = [m for m in res.messages if m.startswith("the music rests in bars 4-8")]
    assert rest == ["the music rests in bars 4-8 and comes back in bar 9: a fill into it, a crash on it"], res.messages
    assert not any("keep time alone" in m for m in res.messages)


def test_a_rest_the_drums_play_softer_through_still_says_they_keep_time():
    """Where the intro is played softer (not laid out), its rest's drums do keep time alone, and say so."""
    from reagroove.core.form_notes import form_notes
    from reagroove.core.phrases import PartSections, PhrasePlan

    form = PartSections({9: 5}, [], [9], True, PhrasePlan.empty(8), {}, {}, None)
    soft, out = (form_notes(form, [], int, softer=s, first_bar=1) for s in (True, False))
    assert any("rests in bars 4-8, where the drums keep time alone" in m for m in soft), soft
    assert any(m.startswith("the music rests in bars 4-8 and comes back") for m in out), out


def test_the_editors_hand_edits_go_onto_a_time_selection_through_the_engines_public_edited(monkeypatch):
    """selection_range.py put EditedEngine's edits on by its private `_edits`; EditedEngine.edited is the named
    way: a time selection's drums (the whole items' in its bars) get the edits as Drumify's own drums do."""
    from reagroove.core.drumify_result import DrumifyResult
    from reagroove.reaper_ext import selection_range
    from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits

    loops = np.zeros((2, 32, 27), np.float32)
    result = DrumifyResult(np.array([0.0, 8.0]), np.array([1, 3]), np.zeros((2, 32, 3), np.float32), loops, [])
    plain = type("Plain", (), {"drumify_windows": lambda self, *a, **k: result})()
    edits = HandEdits().set(3, 4, KICK, 0.5)
    engine = EditedEngine(plain, edits)
    expected = edits.apply_all(loops, result.bars)
    assert expected[1, 4, KICK] > 0
    np.testing.assert_array_equal(engine.edited(result).loops, expected)
    np.testing.assert_array_equal(engine.drumify_windows().loops, expected)

    class Whole:
        def drums(self, on, settings):
            assert on is plain  # drummed without the edits, which go on after
            return result

    monkeypatch.setattr(selection_range, "whole_items", lambda *a: Whole())
    got = selection_range.selection_drums(engine, None, None, None, (), 1, True, Settings())
    np.testing.assert_array_equal(got.loops, expected)
