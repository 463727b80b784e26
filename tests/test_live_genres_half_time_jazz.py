"""`reagroove live --genre jazz --feel half` comps on the snare as `drumify --genre jazz --feel half` does
(core/half_time_genres.py): live's half time had laid its genres without the part's grooves, so jazz's left hand
never answered the part (the snare silent in every other bar where drumify comps), and the comp notes it had came
in a 2-bar cycle where drumify's run over the phrase's 4 bars. On the shipped model, through the rig `reagroove
live` assembles, compared with drumify of the same notes bar by bar (tests/test_live_half_time_shuffle.py)."""

from test_live_half_time_shuffle import BARS, TWELFTHS, drumified, live, roll

from reagroove.core.settings import Settings

# a funk bass riff at 100, one bar (beat, pitch, velocity): it rests on the "and" of 1 and of 3
FUNK = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 45, 95)]
VOICES = ("snare", "kick", "ride", "pedal_hat")


def test_jazz_in_half_time_comps_live_bar_by_bar_as_drumify(shipped, make_midi):
    jazz = Settings(genre={"jazz": 1.0}, feel="half")
    heard, offline = live(shipped, FUNK, 100.0, jazz), drumified(shipped, make_midi, FUNK, 100.0, jazz)
    played = [bar for bar in range(2, BARS + 1) if bar in heard]
    assert len(played) >= BARS - 2, roll(heard, VOICES)
    comped = 0
    for bar in played:
        snares = sorted(heard[bar].get("snare", []))
        # quiet notes on the "and"s, no backbeat on the 3
        assert all(at % TWELFTHS == TWELFTHS // 2 for at in snares), f"bar {bar}\n{roll(heard, VOICES)}"
        comped += bool(snares)
        for voice in VOICES:
            assert sorted(heard[bar].get(voice, [])) == sorted(offline[bar].get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, VOICES)}\ndrumify:\n{roll(offline, VOICES)}"
    assert comped >= len(played) / 2, roll(heard, VOICES)
