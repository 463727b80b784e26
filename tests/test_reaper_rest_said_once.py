"""Two items far apart, the first a loop cut on bar 5's line whose last note is bar 5's downbeat played a hair early:
REAPER's console said the same rest twice, and differently ("bars 5-100 have no notes ..." and "the music rests in
bars 6-100 ..."): the windows count that note as bar 5's, the rest line had counted it as bar 4's."""

from fake_reaper import ProjectSpec
from test_reaper_empty_opening import run


def riff_then_early_downbeat():
    """A bass riff in bars 1-4 and a last note 0.002 QN before bar 5, as a loop cut from a longer take has it."""
    return [(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(32)] + [(15.998, 0.002, 40, 90)]


def test_a_rest_after_an_early_downbeat_is_said_once():
    spec = ProjectSpec(bpm=96)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, length_qn=16, selected=True, name="verse", notes=riff_then_early_downbeat())
    spec.add_midi_item(bass, start_qn=400, length_qn=16, selected=True, name="outro", notes=riff_then_early_downbeat())
    messages, _ = run(spec)
    rests = [m for m in messages if "rests in bars" in m or "have no notes" in m]
    assert len(rests) == 1, messages
    assert rests[0].startswith("the music rests in bars 6-100"), rests
