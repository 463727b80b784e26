"""A drummer's fills land in more than one way: with a fill every few bars, a fill that would land as the fill before
it (or the one before that) plays its last beat as another landing (down the toms, snare 16ths, snare and floor
tom together, floor tom and kick, a stop on the "and"), its earlier beats as they were, climbing into the crash.
At seed 0 every tom fill of a pop song had ended on the floor tom on 4 and its "and" (17 of 17); over three songs,
3 seeds and 4 versions, 59% of the fills had landed as the one before."""

import numpy as np
import pytest
from conftest import build_midi
from test_ear_song_section_fills import POP, write_song

from reagroove.core import phrase_laying, read_midi
from reagroove.core.fill_landings import DRUMS, LANDINGS, SMALL_LANDING, landing_figure, last_beats, vary_landings
from reagroove.core.half_time import song_quarters
from reagroove.core.limbs import HANDS
from reagroove.core.loop import N_VOICES
from reagroove.core.meter import bars_beats
from reagroove.core.settings import Settings

SNARE, LOW, MID, HIGH = DRUMS


def bar_last_beats(result) -> dict[int, tuple[int, int, int]]:
    """The song's bar -> (window, first step, end step) of its last beat on the real grid, as phrases count beats."""
    out = {}
    for w, first in enumerate(result.bars):
        bars = None if result.meters is None else result.meters[w]
        for m, beats in enumerate(bars_beats(bars)):
            beats = song_quarters(bars[m], beats) if bars is not None and m < len(bars) else beats
            out.setdefault(int(first) + m, (w, beats[-1].start, beats[-1].start + beats[-1].length))
    return out


def landings(result, loops, fill_bars) -> list[tuple[int, bytes]]:
    """(bar, landing figure) of each fill bar whose last beat plays the drums."""
    where = bar_last_beats(result)
    return [(bar, landing_figure(loops[where[bar][0]], *where[bar][1:])) for bar in fill_bars
            if (loops[where[bar][0], where[bar][1]:where[bar][2], DRUMS] > 0.5).any()]


def without_landings(monkeypatch):
    monkeypatch.setattr(phrase_laying, "vary_landings", lambda out, *a, **k: out, raising=False)


def as_the_network_draws(monkeypatch):
    """Fills as the network draws them: no landings varied and no thin 4/4 fill played as a run (fill_runs.py, laid
    before the landings; raising=False: the code before it has none)."""
    without_landings(monkeypatch)
    monkeypatch.setattr(phrase_laying, "fill_out", lambda out, *a, **k: out, raising=False)


def assert_fills_land_apart(result, plain, fill_bars, least: int, least_changed: int | None = None):
    """Each fill lands unlike the fill before it, in `least` ways or more over the part; where it was changed only
    its last beat differs from the fill as drawn (`plain`: the same part without landings), its drums climbing;
    least_changed (None: a third) of them changed."""
    figures = landings(result, result.loops, fill_bars)
    assert len(figures) >= 4
    for (bar, fig), (_, before) in zip(figures[1:], figures):
        assert fig != before, bar
    assert len({fig for _, fig in figures}) >= least, figures
    where = bar_last_beats(result)
    changed = 0
    for bar in fill_bars:
        w, lo, hi = where[bar]
        same = np.isclose(result.loops[w], plain.loops[w]).all(1)
        if same.all():
            continue
        changed += 1
        assert same[:lo].all() and same[hi:].all(), bar  # the fill's own earlier beats and the beat after
        beat = result.loops[w, lo:hi]
        loudness = [float(beat[t, N_VOICES:2 * N_VOICES][DRUMS][beat[t, DRUMS] > 0.5].max())
                    for t in range(hi - lo) if (beat[t, DRUMS] > 0.5).any()]
        assert loudness == sorted(loudness), (bar, loudness)  # a crescendo into the crash
        assert (np.add.reduce(beat[:, HANDS] > 0.5, 1) <= 2).all(), bar  # two hands
    assert changed >= (len(figures) // 3 if least_changed is None else least_changed)  # (alike until changed)


@pytest.fixture
def pop(tmp_path):
    return read_midi(write_song(tmp_path / "pop.mid", POP))


def test_a_pop_songs_fills_land_unlike_the_fill_before_in_every_version(shipped, pop, monkeypatch):
    settings = Settings(fill_every=2, genre={"pop": 1.0})
    result = shipped.drumify(pop, settings)
    fill_bars = sorted({*range(4, 68, 4), *(s - 1 for s in result.section_bars if s > 1)})
    versions = shipped.variations_of(result, settings, 3)
    without_landings(monkeypatch)
    plain = shipped.drumify(pop, settings)
    # (the network's thin fills are played as runs since fill_runs.py, each landing unlike the last two already:
    # the landings vary few of them, and the network's own fills are what land alike)
    assert_fills_land_apart(result, plain, fill_bars, least=4, least_changed=0)
    as_the_network_draws(monkeypatch)
    drawn = shipped.drumify(pop, settings)
    alike = landings(drawn, drawn.loops, fill_bars)
    assert 3 * sum(fig == before for (_, fig), (_, before) in zip(alike[1:], alike)) >= len(alike), alike
    for version in versions[1:]:  # each version's landings its own, as varied (where one fits: most)
        figures = landings(result, version, fill_bars)
        assert 8 * sum(fig == before for (_, fig), (_, before) in zip(figures[1:], figures)) <= len(figures)
    assert landings(result, versions[1], fill_bars) != landings(result, versions[2], fill_bars)


def test_a_six_eight_riffs_fills_land_on_its_last_dotted_quarter(shipped, tmp_path, monkeypatch):
    # a 6/8 bass riff, a fill every 2 bars: the landing is the bar's last dotted quarter (6 16ths), not a quarter
    notes = [(3 * bar + beat, pitch, 100, 0) for bar in range(16) for beat, pitch in ((0, 40), (1.5, 43), (2.0, 45))]
    song = read_midi(build_midi(tmp_path / "six_eight.mid", notes, tempos=((0, 100.0),),
                                time_signatures=((0, 6, 8),), length=0.4))
    settings = Settings(fill_every=1)
    result = shipped.drumify(song, settings)
    assert {hi - lo for _, lo, hi in bar_last_beats(result).values()} == {6}
    without_landings(monkeypatch)
    assert_fills_land_apart(result, shipped.drumify(song, settings), list(range(2, 16, 2)), least=3, least_changed=0)


def test_half_time_fills_land_on_the_songs_last_quarter(shipped, tmp_path, monkeypatch):
    # an 808 line at 140 played half time, a fill every 2 bars: the landing is the song's last quarter (its fill is
    # played at the song's speed), not the half-time bar's last half note
    notes = [(4 * bar + beat, 36, vel, 0) for bar in range(16)
             for beat, vel in ((0.0, 110), (1.5, 90), (1.75, 100), (2.5, 100), (3.0, 80))]
    song = read_midi(build_midi(tmp_path / "trap.mid", notes, tempos=((0, 140.0),), length=0.2))
    settings = Settings(feel="half", fill_every=1)
    result = shipped.drumify(song, settings)
    assert {hi - lo for _, lo, hi in bar_last_beats(result).values()} == {4}
    without_landings(monkeypatch)
    assert_fills_land_apart(result, shipped.drumify(song, settings), list(range(2, 16, 2)), least=3, least_changed=0)


def tom_fill(level: float = 0.7) -> np.ndarray:
    """A 4/4 loop (32, 27) whose second bar ends in a fill: snare 16ths on 3, the floor tom on 4 and its "and"."""
    loop = np.zeros((32, 3 * N_VOICES), np.float32)
    for t, v in ((16, 0), (20, SNARE), (24, SNARE), (25, SNARE), (26, SNARE), (27, SNARE), (28, LOW), (30, LOW)):
        loop[t, [v, N_VOICES + v]] = (1.0, level)
    return loop


def laid(n: int, seed, bpm=None, bigger=None) -> np.ndarray:
    out = np.stack([tom_fill() for _ in range(n)])
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 24:32] = True
    return vary_landings(out, np.arange(n), fill_at, None, Settings(seed=0), seed, bpm, bigger)


def test_the_fill_into_a_section_takes_the_biggest_landing_and_others_are_drawn_from_the_seed():
    into = laid(2, 0, bigger=np.array([False, True]))
    assert (into[0] == tom_fill()).all()  # the first fill lands as drawn
    # the landing with the most snare and tom strokes (snare and floor tom together on 4, its "and" and "a")
    biggest = max(sum(v in DRUMS for step in make(4) for v in step) for make in LANDINGS)
    assert int((into[1, 28:32, DRUMS] > 0.5).sum()) == biggest > int((tom_fill()[28:32, DRUMS] > 0.5).sum())
    # a phrase fill landing as the one before lands with no more strokes than its own or SMALL_LANDING
    phrase = laid(2, 0)[1]
    assert not (phrase == tom_fill()).all() and int((phrase[28:32, DRUMS] > 0.5).sum()) <= SMALL_LANDING
    drawn = {landing_figure(laid(2, seed)[1], 28, 32) for seed in range(12)}
    assert len(drawn) >= 3  # another seed, another landing
    assert (laid(3, 5) == laid(3, 5)).all()  # the same seed, the same landings
    figures = [landing_figure(loop, 28, 32) for loop in laid(6, 7)]
    assert all(f not in figures[max(0, i - 2):i] for i, f in enumerate(figures))  # nor as the two before


def test_a_landing_two_hands_cannot_play_at_the_tempo_is_not_taken():
    # both hands on the two 16ths before the landing (snare and high tom): at 200 BPM no hand plays a third 16th in
    # a row, so the fill into a section takes no landing with both hands on its first 16th (snare and floor tom
    # together); at 120 BPM it does
    def first_strokes(bpm):
        out = np.stack([tom_fill() for _ in range(2)])
        out[:, 26:28, [HIGH, N_VOICES + HIGH]] = (1.0, 0.7)
        fill_at = np.zeros((2, 32), bool)
        fill_at[:, 24:32] = True
        vary_landings(out, np.arange(2), fill_at, None, Settings(), 0, np.full(2, bpm), np.array([False, True]))
        assert not (out[1, 28:32] == out[0, 28:32]).all()  # a bigger landing all the same
        return int((out[1, 28, HANDS] > 0.5).sum())

    assert first_strokes(200.0) == 1
    assert first_strokes(120.0) == 2


def test_last_beats_are_the_beats_phrases_count():
    assert last_beats(None)[-1] == (28, 32)
    assert [hi - lo for lo, hi in last_beats(((0.0, 6, 8), (3.0, 6, 8)))] == [6, 6, 6, 6]
