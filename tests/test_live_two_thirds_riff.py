"""`reagroove live`, the bundled funk bass (a two-bar riff at 96) begun from its 'a' of 2 (bar 2) with --bpm 90: its
loud notes on the 'and' of 3, the 1 and the 'and' of 2 are 1.5 beats apart, and the first twelve onsets read as the
beats of 64 (2/3 of 96), every 8th of 96 a triplet of 64. The drums came in at 64 and stayed there to the end. A
drummer hears the riff come round in two bars of 96: by its second repeat the drums are at 96, on the player's 16ths.
A riff at 64 in triplets that repeats every bar of 64 stays at 64."""

from test_live_mid_riff_start import _clock_after, followed_at_96


def test_the_funk_riff_read_at_two_thirds_of_its_tempo_is_followed_at_its_own(shipped):
    """From the 'a' of 2 with --bpm 90 (the drums came in at 64): by the riff's second repeat (four bars of 96 from
    the first note) and to the end the drums are at 96, the player's notes of the last two bars within a 32nd of the
    drums' 16ths, and the player told "following you at 96 BPM"."""
    said = followed_at_96(shipped, 19, 90)
    came = [s for s in said if s.startswith("the drums come in at")]
    assert came, said
    if not came[0].startswith(("the drums come in at 95", "the drums come in at 96", "the drums come in at 97")):
        assert any(s.startswith(("following you at 95", "following you at 96", "following you at 97"))
                   for s in said), said


def test_a_triplet_riff_repeating_every_bar_of_its_tempo_stays():
    """A riff at 64 on its beats and triplets (1, its first and second triplets; all on 96's 8ths), a bar of 64
    long and repeating: its own bar repeats it, so the drums stay at 64."""
    beat = 60.0 / 64
    riff = [(0, 110), (1 / 3, 70), (2 / 3, 80), (1, 100), (2, 95), (2 + 1 / 3, 75), (3, 100), (3 + 2 / 3, 85)]
    notes = [(1.0 + (bar * 4 + b) * beat, 40, v) for bar in range(6) for b, v in riff]
    clock = _clock_after(notes, 64.0, 1.0 + 2 * beat + 0.01)
    assert abs(clock.bpm - 64) < 2, clock.bpm
