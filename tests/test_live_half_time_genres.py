"""Half time live as the leading genre's drummer plays it, as drumify does (core/half_time_genres.py): reggae's one
drop (kick with the snare on the bar's 3, the 1 left open). Live had played hip hop's half time under a reggae band
with reggae asked: the kick on the 1, the snare alone on the 3."""

from test_live_half_time_shuffle import BARS, TWELFTHS, drumified, live, roll

from reagroove.core.settings import Settings

# a reggae band at 75 played on one keyboard: the bass leaves the 1 empty, the organ's chords on the beats (with a
# skank on every "and" live hears the "and"s as the beats, before and after stop 65: see its closing note)
BASS = [(0.5, 43, 95), (1.0, 43, 90), (1.5, 47, 85), (2.5, 50, 95), (3.0, 47, 85), (3.5, 45, 80)]
SKANK = [(beat, p, 90 if beat % 2 == 0 else 75) for beat in range(4) for p in (55, 59, 62)]


def test_reggae_played_live_in_half_time_plays_the_one_drop_as_drumify(shipped, make_midi):
    one_drop = Settings(genre={"reggae": 1.0}, feel="half")
    part = sorted(BASS + SKANK)
    heard, offline = live(shipped, part, 75.0, one_drop), drumified(shipped, make_midi, part, 75.0, one_drop)
    played = [bar for bar in range(3, BARS + 1) if bar in heard and "snare" in heard[bar]]
    assert len(played) >= BARS - 3, roll(heard, ("kick", "snare"))
    for bar in played:
        kicks, snares = heard[bar].get("kick", []), heard[bar]["snare"]
        assert 2 * TWELFTHS in snares and 2 * TWELFTHS in kicks, f"bar {bar}\n{roll(heard, ('kick', 'snare'))}"
        assert not [at for at in kicks if at < 2 * TWELFTHS and "crash" not in heard[bar]], \
            f"bar {bar}: a kick before the drop\n{roll(heard, ('kick', 'snare'))}"
        assert sorted(kicks) == sorted(offline[bar].get("kick", [])), \
            f"bar {bar}\nlive:\n{roll(heard, ('kick',))}\ndrumify:\n{roll(offline, ('kick',))}"
