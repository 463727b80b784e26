"""A selected item opening with notes too soft to hear (core/inaudible_notes.py): a pad struck at velocity 3 in
bars 1-8 before the bass comes in on bar 9. The command line drums that file from bar 9, the pad's bars read as
silence; REAPER's selection had found the part's first note on the pad and drummed bars 1-8 too."""

from fake_reaper import ProjectSpec
from test_reaper_empty_opening import riff, run


def pad(bars, velocity):
    """A chord a bar at `velocity` in bars 1..bars."""
    return [(b * 4.0, 3.5, p, velocity) for b in range(bars) for p in (60, 64, 67)]


def spec_with(pad_velocity):
    spec = ProjectSpec(bpm=100)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=64, selected=True, name="bass", notes=riff(9, 8))
    spec.add_midi_item(spec.add_track("Pad"), start_qn=0, length_qn=32, selected=True, name="pad",
                       notes=pad(8, pad_velocity))
    return spec


def test_a_pad_nobody_hears_before_the_bass_gets_no_drums_as_the_command_line_plays_it():
    messages, spans = run(spec_with(3))
    assert spans[0][0] == 32.0, spans  # bar 9, with the bass
    assert ("the selected items play nothing heard in bars 1-8 (their notes there are too soft to hear): the drums come "
            "in with their first note") in messages
    assert not any("pickup" in m for m in messages), messages


def test_a_pad_heard_before_the_bass_is_drummed_from_bar_1():
    _, spans = run(spec_with(70))
    assert spans[0][0] == 0.0, spans
