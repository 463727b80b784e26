"""A take whose tempo jumps by more than a sixth between sections (a verse at 90 BPM, the chorus at 120, no click):
the drums follow both sections, and where they cannot, the take's notes leaving their grid are said.

Before: the sections' tempi were sought within 16% of the whole take's, so the other section read as an alias
(90 BPM as 135 beside a chorus at 120) and the take was drummed at one tempo, a whole section off, with nothing
said: of 15 rendered takes jumping 17-35% (`long_take(change_to=)`, 80-125 BPM), none was followed; now 12 are,
and the other 3 are said. The takes are rendered at 11.025 kHz, as tests/test_audio_tempo_change.py's.
"""

import pytest
from test_audio_tempo_change import assert_drums_follow, read_changing_take

SAID = "off the drums' grid"


@pytest.mark.parametrize("kind,bpm,after,seed", [("band", 90.0, 120.0, 13), ("strum", 110.0, 88.0, 4)])
def test_drums_follow_a_jump_of_a_third_between_sections(tmp_path, kind, bpm, after, seed):
    content, played = read_changing_take(tmp_path, kind, bpm, after, seed)
    assert_drums_follow(content, played, bpm, after, 0.03)
    assert not any(SAID in w for w in content.warnings)


@pytest.mark.parametrize("kind,bpm,after,seed,section", [("keys", 84.0, 105.0, 2, (40.0, 60.0)),
                                                          ("band", 120.0, 92.0, 5, (5.0, 35.0))])
def test_a_jump_the_drums_do_not_follow_is_said_with_where(tmp_path, kind, bpm, after, seed, section):
    """A 5:4 jump (84 -> 105 BPM: each section's windows read the other's tempo as well as their own) and a slowing
    from 120 to 92 (the faster section's windows blur): drummed at one tempo, and the stretch off it is said."""
    content, _ = read_changing_take(tmp_path, kind, bpm, after, seed)
    said = [w for w in content.warnings if SAID in w]
    assert len(said) == 1 and "drum each part" in said[0]
    lo, hi = (float(x) for x in said[0].split("from about ")[1].split(" s:")[0].split(" s to "))
    assert lo <= section[0] and hi >= section[1]  # the stretch played at the other tempo, within its windows


def test_a_steady_take_is_not_said_to_leave_its_grid(tmp_path):
    content, _ = read_changing_take(tmp_path, "band", 97.0, None, 1, seconds=60.0)
    assert len(content.tempos) == 1 and not any(SAID in w for w in content.warnings)
