"""Bars drummed again (the CLI's --bars, a REAPER time selection) play the genre's figures the whole song's run plays
there (core/song_bars.py).

Latin's son clave and jazz's comping count bars (the clave's two, comping's 4-bar phrase), and had counted from the
first window drummed: `drumify part.mid --bars 4-7 --genre latin` put the clave's 3 side on bars 4 and 6, where
the whole song's run plays it on 1, 3, 5 and 7, so the rim turned round against the drums around it; jazz's comp
notes moved to other bars of the phrase. The side (3-2 or 2-3) was read from the bars drummed alone, not from the
whole part. Judged on the snare (rim and comp notes), which these rules play: the network's other voices follow
the windows they are given."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from reagroove.core.groove import bar_grid
from reagroove.core.limbs import RIDE, SNARE
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.song_bars import SongBars, bar_counts

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
FUNK_BASS = EXAMPLES / "funk_bass.mid"
RANGES = ((4, 7), (2, 5), (3, 8))


def snare_beats(result, content, first: int, last: int, voice: int = SNARE) -> list[float]:
    """The beats of the snare's notes (rim, comp notes; or another voice's) in bars first..last of a drumify result,
    as written."""
    grid = bar_grid(content.time_signatures, content.end_beat)
    lines = grid.lines[grid.first_bar:]
    lo, hi = lines[first - 1], lines[last] if last < len(lines) else np.inf
    beats = [start + step / 4 for start, loop in zip(result.starts, result.loops)
             for step in np.flatnonzero(loop[:, voice] > 0.5)]
    return sorted(round(float(b), 3) for b in beats if lo - 1e-6 <= b < min(hi, result.end) - 1e-6)


@pytest.fixture
def quarters(make_midi):
    """An 8-bar bass on the quarters at 100: on neither clave's side (the son clave's 3-2 plays)."""
    notes = [(bar * 4.0 + q, 40, 90, 0) for bar in range(8) for q in range(4)]
    return read_midi(make_midi(notes, "quarters.mid", tempos=((0, 100.0),), length=0.4))


@pytest.fixture
def two_three(make_midi):
    """8 bars at 100: a son band's bass on the 2-3 clave's strokes in bars 1-4, the quarters from bar 5 (on neither
    side: those bars alone read as 3-2)."""
    clave = (1.0, 2.0, 4.0, 5.5, 7.0)  # 2-3 over two bars: 2, 3 | 1, the "and" of 2, 4
    notes = [(pair * 8.0 + b, 40, 100, 0) for pair in range(2) for b in clave]
    notes += [(bar * 4.0 + q, 40, 90, 0) for bar in range(4, 8) for q in range(4)]
    return read_midi(make_midi(sorted(notes), "two_three.mid", tempos=((0, 100.0),), length=0.4))


@pytest.mark.parametrize("genre", ["latin", "jazz"])
@pytest.mark.parametrize("part", ["quarters", "funk"])
def test_bars_drummed_again_play_the_songs_clave_and_comping(shipped, request, genre, part):
    content = request.getfixturevalue("quarters") if part == "quarters" else read_midi(FUNK_BASS)
    for seed in (0, 1):
        settings = Settings(genre={genre: 1.0}, seed=seed)
        song = shipped.drumify(content, settings)
        for first, last in RANGES:
            again = shipped.drumify(content, settings, bars=(first, last))
            assert snare_beats(again, content, first, last) == snare_beats(song, content, first, last), \
                (genre, part, seed, first, last)


@pytest.mark.parametrize("genre", ["latin", "jazz"])
def test_bars_drummed_again_in_half_time_play_the_songs_clave_and_comping(shipped, quarters, genre):
    # half time lays the clave and comping on the song's bars (core/half_time_genres.py), counted so too
    settings = Settings(genre={genre: 1.0}, feel="half")
    song = shipped.drumify(quarters, settings)
    for first, last in RANGES:
        again = shipped.drumify(quarters, settings, bars=(first, last))
        assert snare_beats(again, quarters, first, last) == snare_beats(song, quarters, first, last), (first, last)


def test_a_waltz_drummed_again_keeps_the_songs_bell_and_comping(shipped):
    # the waltz's bell plays its two bars' halves on the song's bars, comping its phrase (core/meter_genres.py);
    # the bundled waltz opens with a pickup, its window counted as the song's first
    waltz = read_midi(EXAMPLES / "piano_waltz.mid")
    for genre, voice in (("latin", RIDE), ("jazz", SNARE)):
        settings = Settings(genre={genre: 1.0})
        song = shipped.drumify(waltz, settings)
        for first, last in ((4, 7), (2, 5)):
            again = shipped.drumify(waltz, settings, bars=(first, last))
            assert snare_beats(again, waltz, first, last, voice) == snare_beats(song, waltz, first, last, voice), \
                (genre, first, last)


def test_a_latin_redrum_keeps_the_songs_side_and_its_versions_too(shipped, two_three):
    settings = Settings(genre={"latin": 1.0})
    song = shipped.drumify(two_three, settings)
    rims = snare_beats(song, two_three, 5, 8)
    assert 16.0 + 1.0 in rims and 16.0 not in rims  # the song's 2-3: bar 5 opens on its 2 side (2, 3)
    again = shipped.drumify(two_three, settings, bars=(5, 8))
    assert snare_beats(again, two_three, 5, 8) == rims
    # its variations count the song's bars and play its side as drumify did (each version's clave is the song's)
    versions = shipped.variations_of(again, settings, 3)
    for loops in versions:
        assert snare_beats(replace(again, loops=loops), two_three, 5, 8) == rims


def test_windows_are_counted_as_the_songs_run_counts_them():
    # the song's windows from bar 1: bars 4 and 6 are the second bars of its windows 3-4 and 5-6
    assert bar_counts([4, 6], SongBars(np.array([1, 3, 5, 7]))).tolist() == [3, 5]
    # a pickup's window before bar 1 is the song's first: bar 2 is its second window's second bar
    assert bar_counts([2, 4], SongBars(np.array([0, 1, 3, 5]))).tolist() == [3, 5]
    # no song around them: the part's own windows, moved on by the bars its first phrase started before them
    assert bar_counts([5, 7]).tolist() == [0, 2]
    assert bar_counts([5, 7], phrase_start=2).tolist() == [3, 5]


def test_a_reaper_time_selection_from_an_even_bar_keeps_the_songs_clave_and_comping(shipped):
    """REAPER: bars 4-7 of an 8-bar bass selected with the time selection: the rim and the comp notes where
    drumifying the whole item put them (the selection's phrases are the item's: reaper_ext/actions.song_context)."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    def drumify(settings, lo_bar=None, hi_bar=None):
        spec = ProjectSpec(bpm=120)
        spec.add_midi_item(spec.add_track("Bass"), start_qn=0.0, length_qn=32.0, selected=True, name="bass",
                           notes=[(b * 4 + q, 0.3, 40, 100) for b in range(8) for q in range(4)])
        with reapy_inside(spec, purge=PURGE) as s:
            if lo_bar is not None:
                s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (lo_bar - 1) * 2.0, hi_bar * 2.0, False)
            bridge = LocalBridge()
            actions.drumify_selection(bridge, shipped, settings)
            notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
        return sorted(round(n[0], 3) for n in notes if n[2] == 38 and 12.0 <= n[0] < 28.0)  # bars 4-7's snare

    for genre in ("latin", "jazz"):
        settings = Settings(genre={genre: 1.0})
        assert drumify(settings, 4, 7) == drumify(settings), genre
