"""Latin's clave keeps one side through a part that favours neither (core/clave.clave_of).

A rock band's part plays about as many notes on the 2-3 clave's steps as on the 3-2's (Freedoom's MAP01: 93 against
94), and the side had followed whichever had one more: live, whose last few loops are the part, turned the clave
round 10 times in 35 bars of MAP01 (a bar of its 2 side followed by another 2 side), and a section drummed on its
own could get the other side from its song. A clearly 2-3 part still gets 2-3 (tests/test_ear_clave_comping.py)."""

import numpy as np
from helpers import live_rig, play_live

from reagroove.core.clave import THREE_TWO, TWO_THREE, clave_of
from reagroove.core.settings import Settings

BPM = 115.0
BARS = 24
SIXTEENTH = 60.0 / BPM / 4


def band_part(seed: int = 3) -> list:
    """A rock band at 115 (seconds, pitch, velocity): a bass on the beats and some 16ths drawn at random, chords on
    2 and 4: on neither clave's side."""
    rng = np.random.default_rng(seed)
    notes = []
    for bar in range(BARS):
        for s in range(16):
            if s % 4 == 0 or rng.random() < 0.3:
                notes.append(((bar * 16 + s) * SIXTEENTH, 40, 100))
        for beat in (1, 3):
            notes += [((bar * 16 + 4 * beat) * SIXTEENTH, p, 80) for p in (64, 67, 71)]
    return notes


def test_a_live_band_on_neither_side_keeps_one_clave(shipped):
    player, clock = live_rig(shipped, BPM, settings=Settings(genre={"latin": 1.0}))
    sent = play_live(player, clock, band_part(), BARS * 16 * SIXTEENTH + 0.5, dt=0.01)
    on = [(t, m) for t, m in sent if m.type == "note_on" and m.velocity > 0]
    rims = [t for t, m in on if m.note == 38]
    start = min(t for t, _ in on)
    bars = {}
    for t in rims:
        step = round((t - start) / SIXTEENTH)
        bars.setdefault(step // 16, set()).add(step % 16)
    sides = ["3" if s == {0, 6, 12} else "2" if s == {4, 8} else "?" for _, s in sorted(bars.items())]
    played = [s for s in sides[1:-1] if s != "?"]  # (the first and last bars: the drums coming in, the end)
    assert len(played) >= 12, sides
    assert all(a != b for a, b in zip(played, played[1:])), " ".join(sides)


def test_a_part_on_neither_side_plays_3_2_and_a_clear_one_its_own():
    grooves = np.zeros((4, 32, 3), np.float32)
    grooves[:, THREE_TWO, 0] = 1.0
    grooves[:, TWO_THREE, 0] = 1.0
    grooves[1, THREE_TWO[1], 0] = 0.0  # one note fewer on the 3-2 side: a part on neither side still
    assert clave_of(grooves) is THREE_TWO
    clear = np.zeros((4, 32, 3), np.float32)
    clear[:, TWO_THREE, 0] = 1.0
    assert clave_of(clear) is TWO_THREE
