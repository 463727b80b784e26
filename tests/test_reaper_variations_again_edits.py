"""Variations pressed again with the editor's hand edits (reaper_ext/editor_edits.py wraps the engine in an
EditedEngine): sets drawn from other seeds (more_variations.other_versions) are not the drums the edits were made
on, so version k's edits stay off their k-th version. They had been put there, on other drums, unsaid."""

import numpy as np

from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings
from reagroove.reaper_ext.more_variations import other_versions
from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits

TOM = VOICES.index("high_tom")


class SeededDrums:
    """An engine whose versions are empty loops (2 windows) marked by the seed on the kick of step 0 of each."""

    def variations_of(self, result, settings, n):
        versions = np.zeros((n, 2, 32, 27), np.float32)
        versions[:, :, 0, 0] = 1.0
        versions[:, :, 1 + (settings.seed or 0) % 30, 0] = 1.0
        versions[np.arange(n), :, 2 + np.arange(n) % 28, 1] = 1.0  # each version its own snare
        return versions


class Part:
    bars = np.array([1, 3])


def specs_of(version) -> list:
    """Item specs of a version as REAPER's side would write them (notes at their 16th, pitch 36 + voice)."""
    return [{"notes": [[w * 8 + s / 4, w * 8 + s / 4 + 0.1, 36 + int(v), 100]
                       for w in range(2) for s, v in zip(*np.nonzero(version[w, :, :9]))],
             "start_qn": 0.0, "end_qn": 16.0}]


def test_other_seeds_versions_get_no_hand_edits():
    from reagroove.core.settings import MAX_VARIATIONS
    from reagroove.reaper_ext.variation_hits import hits_of, spans_of

    edited = EditedEngine(SeededDrums(), HandEdits(), {2: HandEdits().set(1, 6, TOM, 0.8)})
    # every version the seed's own set can draw is on a variation track already: those kept come from other seeds
    own = SeededDrums().variations_of(Part(), Settings(seed=0), MAX_VARIATIONS)
    existing = [(f"ReaGroove Var {k + 1}", hits_of([n for i in specs_of(v) for n in i["notes"]],
                                                    spans_of(specs_of(v)))) for k, v in enumerate(own)]
    kept, _ = other_versions(edited, Part(), Settings(seed=0), 2, own[:2], existing, specs_of)
    assert len(kept) == 2
    for version in kept:
        assert not version[:, 1, 0].any(), "a version of the seed's own set kept"  # drawn from other seeds
        assert not version[..., TOM].any(), "version 2's hand edit put on another seed's drums"
