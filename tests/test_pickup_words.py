"""A pickup said in a producer's words and bar numbers: which beat the music starts on, and, for a file opening
with a short bar, that bars count from the first whole bar while a DAW's ruler numbers it one more. It had said
"a lead-in over its beats" and "its notes end the window before bar 1"."""

from reagroove.core.cli import main

RIFF = [(4.0 + bar * 4.0 + b, 40 if b % 2 else 45, 100, 0) for bar in range(4) for b in (0, 1, 2, 3)]


def _notes(out: str) -> list[str]:
    return [line.strip()[len("note: "):] for line in out.splitlines() if line.strip().startswith("note: ")]


def test_a_pickup_on_beat_4_is_said_with_its_beat_and_bar(make_midi, tmp_path, capsys):
    src = make_midi([(3.0, 43, 100, 0)] + RIFF, name="pickup.mid")  # beat 4 of bar 1, into bar 2
    assert main(["groove", str(src)]) == 0
    said = [n for n in _notes(capsys.readouterr().out) if "pickup" in n]
    assert said == ["the music opens with a pickup into bar 2 (from beat 4 of bar 1): its notes are shown on their "
                    "own, as 'pickup', before bar 2"], said
    for n in said:
        assert "window" not in n and "lead-in over" not in n


def test_a_short_pickup_bar_says_how_bars_are_counted(make_midi, capsys):
    notes = [(0.0, 43, 100, 0)] + [(b + 1.0 - 4.0, p, v, c) for b, p, v, c in RIFF[:8]]
    src = make_midi(notes, name="short.mid", time_signatures=((0, 1, 4), (1, 4, 4)))
    assert main(["groove", str(src)]) == 0
    said = [n for n in _notes(capsys.readouterr().out) if "pickup" in n]
    assert len(said) == 1 and "short 1/4 bar" in said[0] and "ruler calls that bar 2" in said[0], said
    assert "window" not in said[0]


def test_drums_over_a_pickup_are_said_to_lead_in_and_come_in_on_its_bar(make_midi):
    from reagroove.core.groove import extract_windows
    from reagroove.core.midi import read_midi

    src = make_midi([(2.0, 43, 100, 0), (3.0, 45, 100, 0)] + RIFF, name="walk.mid")  # beats 3 and 4 of bar 1
    said = [m for m in extract_windows(read_midi(src)).messages if "pickup" in m]
    assert said == ["the music opens with a pickup into bar 2 (from beat 3 of bar 1): the drums play a lead-in "
                    "under it and come in fully on bar 2"], said
    said = [m for m in extract_windows(read_midi(src), bars=(1, 3)).messages if "pickup" in m]
    assert said == ["the music opens with a pickup into bar 2 (from beat 3 of bar 1): the drums come in on bar 2 "
                    "(the pickup's 2 notes left out)"], said
