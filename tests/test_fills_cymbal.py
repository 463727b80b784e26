"""Through the engine on the shipped model: a fill keeps the cymbal the beat keeps time on. The model's fills
often start on the other one (a ride stroke with the snare on beat 3 of a punk beat on the hats, a hat
stroke at the start of a ballad's fill ridden on the ride): the hand jumped cymbals for one stroke."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

HATS, RIDE = [VOICES.index("closed_hat"), VOICES.index("open_hat")], VOICES.index("ride")


def punk(bar):
    """Straight 8ths of bass and a power chord, at 190 BPM."""
    root = (40, 40, 43, 45, 40, 40, 47, 45)[bar % 8]
    return [(bar * 4 + e / 2, p, 100, c) for e in range(8) for p, c in ((root, 0), (root + 12, 1), (root + 19, 1))]


def ballad(bar):
    """A held pad, a bass note a bar and two piano notes or one, at 68 BPM."""
    root = (48, 45, 41, 43)[bar % 4]
    notes = [(bar * 4, root + 12 + i, 50, 1) for i in (0, 4, 7)] + [(bar * 4, root - 12, 70, 0)]
    return notes + ([(bar * 4, root + 24, 70, 2), (bar * 4 + 2, root + 28, 65, 2)] if bar % 2 == 0
                    else [(bar * 4 + 1.5, root + 31, 60, 2)])


def cymbals(hits):
    """The time-keeping cymbals (hats, ride) that (steps, 9) hits play on."""
    return {name for name, voices in (("hats", HATS), ("ride", [RIDE])) if hits[:, voices].any()}


def test_a_fill_stays_on_the_cymbal_the_beat_keeps_time_on(make_midi, shipped):
    songs = [(make_midi(sorted(n for b in range(16) for n in punk(b)), "punk.mid", tempos=((0, 190.0),)), 1),
             (make_midi(sorted(n for b in range(16) for n in ballad(b)), "ballad.mid", tempos=((0, 68.0),),
                        length=1.5), 2)]
    strays = []
    for path, every in songs:
        for seed in range(4):
            res = shipped.drumify(read_midi(path), Settings(fill_every=every, seed=seed))
            for w, loop in enumerate(res.loops):
                hits = loop[:, :9] > 0.5
                if not hits[24:, 4:7].any():  # no fill in this loop's second bar
                    continue
                beat = cymbals(hits[:24])
                if len(beat) == 1 and not cymbals(hits[24:]) <= beat:
                    strays.append((path.name, seed, w, beat, cymbals(hits[24:])))
    assert not strays
