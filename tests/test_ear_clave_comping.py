"""Latin and jazz asked for over a band part, as a drummer of each style plays them (`--genre latin`, `--genre jazz`).

Latin: the son clave on the snare's rim (3-2 or 2-3, one for the whole part) and the kick with the bass's tumbao (the
"and" of 2 and beat 4). The network, asked for latin over the bundled funk bass, had played a samba's snare figure
(9 snares a bar) over a kick on 8 of the bar's 16ths, and no clave.

Jazz: the left hand comps quietly on the snare, on the "and"s (the swung 8th where the part swings), answering the
part where it rests, no two bars of a phrase alike, in normal time and in half time. The network had played the
ride, the hat foot and a feathered kick, and no snare in any bar."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_half_time_shuffle import shuffle  # noqa: F401 (a fixture: a walking shuffle bass at 120)
from test_half_time_by_ear import song_bars

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, RIDE, CLOSED = (VOICES.index(v) for v in ("kick", "snare", "ride", "closed_hat"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
THREE_SIDE, TWO_SIDE = [0, 6, 12], [4, 8]  # the son clave's two bars, in 16ths
BARS = 8


@pytest.fixture
def funk():
    return read_midi(FUNK_BASS)


@pytest.fixture
def son(make_midi):
    """A son band at 100: the bass's tumbao (the "and" of 2, beat 4) and a piano montuno on the 8ths."""
    notes = [(4 * bar + t, p, 100, 0) for bar in range(BARS) for t, p in ((1.5, 43), (3.0, 50))]
    notes += [(4 * bar + k / 2, 67 + (k % 3) * 4, 85 if k % 2 else 95, 1, 1) for bar in range(BARS) for k in range(8)]
    return read_midi(make_midi(sorted(notes), "son_100.mid", tempos=((0, 100.0),), length=0.2))


def beat_bars(result) -> list[tuple[int, np.ndarray]]:
    """(bar, hits (16, 9)) of the song's bars that play a beat (no fill's toms)."""
    bars = ((b, bar[:, :N_VOICES] > 0.5) for b, bar in sorted(song_bars(result.loops, result.bars).items()))
    return [(b, h) for b, h in bars if h.any() and not h[:, TOMS].any()]


@pytest.mark.parametrize("part", ["funk", "son"])
def test_latin_plays_the_son_clave_on_the_snare_and_the_tumbao_on_the_kick(shipped, part, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"latin": 1.0}))
    bars = beat_bars(result)
    assert len(bars) >= 6, len(bars)
    sides = set()
    for b, h in bars:
        snare = np.flatnonzero(h[:, SNARE]).tolist()
        assert snare in (THREE_SIDE, TWO_SIDE), f"bar {b}: snare on steps {snare}, not a clave's bar"
        sides.add((b % 2, snare == THREE_SIDE))  # one clave for the part: each side on bars of one parity
        kick = np.flatnonzero(h[:, KICK]).tolist()
        assert {6, 12} <= set(kick) and len(kick) <= 5, f"bar {b}: kick on steps {kick}, not the tumbao"
    assert len(sides) == 2, f"the clave turned round inside the part: {sides}"


def test_latin_takes_the_clave_side_the_part_plays(shipped, make_midi):
    """A part accenting the 2-3 clave's steps gets the 2-3 clave (its first bar the 2 side)."""
    notes = [(8 * pair + beat, 45, 100, 0) for pair in range(BARS // 2) for beat in (1.0, 2.0, 4.0, 5.5, 7.0)]
    result = shipped.drumify(read_midi(make_midi(notes, "two_three.mid", tempos=((0, 100.0),), length=0.2)),
                             Settings(genre={"latin": 1.0}))
    firsts = [np.flatnonzero(h[:, SNARE]).tolist() for b, h in beat_bars(result) if b % 2 == 1]
    assert firsts and all(s == TWO_SIDE for s in firsts), firsts


def comp_notes(result, genre="jazz"):
    """Per riding bar: (bar, hits (16, 9), the snare's steps, their velocities)."""
    out = []
    for b, bar in sorted(song_bars(result.loops, result.bars).items()):
        h = bar[:, :N_VOICES] > 0.5
        if max(h[:, RIDE].sum(), h[:, CLOSED].sum()) >= 4 and not h[:, TOMS].any():
            steps = np.flatnonzero(h[:, SNARE])
            out.append((b, h, steps.tolist(), bar[steps, N_VOICES + SNARE]))
    return out


@pytest.mark.parametrize("feel", ["normal", "half"])
@pytest.mark.parametrize("part, and_step", [("funk", 2), ("shuffle", 3)])  # the "and": straight, swung (the "a")
def test_jazz_comps_quietly_on_the_snare_on_the_ands(shipped, part, and_step, feel, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"jazz": 1.0}, feel=feel))
    bars = comp_notes(result)
    assert len(bars) >= 6, len(bars)
    comped = [(b, steps, vel) for b, _, steps, vel in bars if steps]
    assert len(comped) >= len(bars) / 2, f"the snare comps in {len(comped)} of {len(bars)} riding bars"
    for b, steps, vel in comped:
        assert len(steps) <= 2 and all(s % 4 == and_step for s in steps), f"bar {b}: snare on steps {steps}"
        assert (vel < 0.4).all(), f"bar {b}: comping at velocities {vel.round(2).tolist()}, not quiet"
    patterns = {tuple(steps) for _, _, steps, _ in bars}
    assert len(patterns) >= 3, f"every bar comps alike: {patterns}"


def test_jazz_comping_answers_the_part_where_it_rests(shipped, funk):
    """Over the funk bass, which rests on few "and"s, the comp notes fall mostly where it rests."""
    result = shipped.drumify(funk, Settings(genre={"jazz": 1.0}))
    part = {b: g for b, g in song_bars(result.grooves, result.bars).items()}
    on_rest = [not part[b][s, 0] > 0.5 for b, _, steps, _ in comp_notes(result) for s in steps]
    assert on_rest and np.mean(on_rest) > 0.6, on_rest


@pytest.mark.parametrize("genre", [{}, {"rock": 1.0}, {"funk": 1.0}])
def test_other_genres_get_no_clave_or_comping(shipped, funk, genre):
    """The rules play only where latin or jazz leads: asked for rock or funk, or nothing, the snare keeps its
    backbeat on 2 and 4."""
    result = shipped.drumify(funk, Settings(genre=genre))
    bars = beat_bars(result)
    assert np.mean([h[4, SNARE] and h[12, SNARE] for _, h in bars]) > 0.8, genre


@pytest.mark.parametrize("genre, muted", [("latin", "kick,snare"), ("latin", "snare"), ("jazz", "snare")])
def test_a_voice_switched_off_gets_no_clave_or_comping(shipped, funk, genre, muted):
    groups = {g: g not in muted.split(",") for g in ("kick", "snare", "hats", "toms", "cymbals")}
    result = shipped.drumify(funk, Settings(genre={genre: 1.0}, voice_groups=groups))
    hits = result.loops[..., :N_VOICES] > 0.5
    for voice in muted.split(","):
        assert not hits[..., VOICES.index(voice)].any(), f"{voice} plays, switched off"
