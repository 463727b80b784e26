"""The pad and interpolate between a pattern and a part's own point, on the shipped model: a point a hair
off the part's own (follow 1) plays nearly the drums drumify plays for it, and a path between two parts
starts and ends on them. A pattern's point is decoded as it is only for the share of it that is a drum
loop's (Conditioning.prior_share); a blended groove's hits play at their share of the velocity."""

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.loop import VOICES
from reagroove.core.patterns import pattern_from_file
from reagroove.core.settings import Settings
from reagroove.core.takes import hit_change

EXAMPLES = "core/examples"
KEYS = [(b * 4.0 + t, p, 80, 0) for b in range(4) for t in (0.0, 2.0) for p in (60, 64, 67)]  # chords on 1 and 3
ARPEGGIO = [(b * 4.0 + i / 2, p, 90 if i % 4 == 0 else 70, 0) for b in range(4)
            for i, p in enumerate((60, 64, 67, 72, 67, 64, 60, 64))]


def example(name):
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / EXAMPLES / name


@pytest.mark.parametrize("pattern", ["rock", "funk"])
def test_a_hair_off_the_parts_own_point_plays_nearly_its_drums(shipped, pattern):
    # follow 1 -> 0.98 toward a genre pattern had changed a fifth of the funk bass's hits and played its backbeat
    # at a third of its velocity (the next 0.05 changes 6%); now as little as any other step of the pad
    content = read_midi(example("funk_bass.mid"))
    own, near = (shipped.drumify(content, Settings(pattern_a=pattern, follow=f)).loops for f in (1.0, 0.98))
    a, b = own[..., :9] > 0.5, near[..., :9] > 0.5
    assert hit_change(a, b) <= 0.1
    assert np.abs(own[..., 9:18] - near[..., 9:18])[a & b].mean() <= 0.1
    far = shipped.drumify(content, Settings(pattern_a=pattern, follow=0.5)).loops[..., :9] > 0.5
    assert hit_change(a, far) >= 0.15  # the pattern is still heard where the pad is moved toward it


@pytest.mark.parametrize("ends", [("keys", "funk_bass"), ("arpeggio", "keys"), ("funk_bass", "shuffle_blues")])
def test_a_path_between_two_parts_starts_and_ends_on_their_drums(shipped, make_midi, ends):
    # reagroove interpolate A B: its first loop is the drums drumify plays for A's bars, its last B's (the path's
    # ends had been the network's raw guess: keys -> funk bass started 12% and ended 55% away from them; a
    # path from a straight part to a shuffle played the shuffle's end straight, 73% away)
    files = {"keys": make_midi(KEYS, name="keys.mid"), "arpeggio": make_midi(ARPEGGIO, name="arp.mid"),
             "funk_bass": example("funk_bass.mid"), "shuffle_blues": example("shuffle_blues.mid")}
    a, b = (files[e] for e in ends)

    # (at Humanize 0: drumify's touch over a part entered on the grid, humanize_quantized.py, varies each bar)
    path = shipped.interpolate(pattern_from_file(a), pattern_from_file(b), 4, Settings(humanize=0.0))
    for loop, f in ((path[0], a), (path[-1], b)):
        drums = shipped.drumify(read_midi(f), Settings(opening_crash=False, humanize=0.0)).loops[0]
        hits, own = loop[:, :8] > 0.5, drums[:, :8] > 0.5
        assert hit_change(hits, own) <= 0.1, f  # the crash left out
        assert np.abs(loop[:, 18:26] - drums[:, 18:26])[hits & own].mean() <= 0.05, f  # and at its swing


def test_a_path_from_a_straight_part_to_a_shuffle_swings_a_little_more_at_each_step(shipped):
    # the path's swung 8th moves from the straight part's "and" to the shuffle's as its groove does
    path = shipped.interpolate(pattern_from_file(example("funk_bass.mid")),
                               pattern_from_file(example("shuffle_blues.mid")), 5, Settings())
    hat = VOICES.index("closed_hat")  # where each loop plays the hat's 8th after beat 1, in 16ths from the beat
    where = []
    for loop in path:
        step = next(s for s in (2, 3) if loop[s, hat] > 0.5)
        where.append(step + loop[step, 18 + hat])
    assert where[0] == pytest.approx(2.0, abs=0.1) and where[-1] == pytest.approx(8 / 3, abs=0.15)
    assert all(b - a >= 0.05 for a, b in zip(where, where[1:])), where



def test_reagroove_interpolate_to_a_shuffle_says_so_and_writes_the_path_swinging_more_at_each_step(tmp_path, capsys):
    import mido

    from reagroove.core.cli import main

    out = tmp_path / "build.mid"
    assert main(["interpolate", str(example("funk_bass.mid")), str(example("shuffle_blues.mid")), "--steps", "3",
                 "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "B swings (its off-beat 8ths at 67% of the beat) and A plays straight: each step of the path swings" in said
    mid = mido.MidiFile(out)
    tpb, now, hats = mid.ticks_per_beat, 0, []
    for msg in mido.merge_tracks(mid.tracks):
        now += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note == 42:  # the closed hat (GM)
            hats.append(now / tpb)
    # the hat after each loop's first beat: on the "and" in loop 1, at 2/3 of the beat in loop 3, between in 2
    after_one = [next(h - 8 * i for h in hats if 8 * i + 0.3 < h < 8 * i + 0.9) for i in range(3)]
    assert after_one[0] == pytest.approx(0.5, abs=0.03) and after_one[2] == pytest.approx(2 / 3, abs=0.03)
    assert 0.53 < after_one[1] < 0.64
