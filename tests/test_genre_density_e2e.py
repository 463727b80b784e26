"""End to end, once core/idioms.py passes cond.density to comp, clave and one_drop_loops (the patch in K3's report):
--density under latin and reggae over the bundled funk bass."""

from test_genre_density import CLOSED_HAT, CRASH, DROP, KICK, OPEN_HAT, RIDE, SNARE, bars_at, per_bar, steps

DENSITIES = (0.1, None, 0.9)  # sparse, the input's own, busy


def test_reggae_hats_follow_the_density_over_the_one_drop(shipped):
    """Reggae's hats: quarters when sparse, 16ths when busy, more at each step up; the one drop in every bar."""
    sparse, default, busy = (bars_at(shipped, "reggae", d) for d in DENSITIES)
    hats = [per_bar(bars, CLOSED_HAT, OPEN_HAT) for bars in (sparse, default, busy)]
    assert hats[0] < hats[1] < hats[2], hats
    assert hats[0] <= 4 and hats[2] >= 12, hats
    for bar in sparse + default + busy:
        assert steps(bar, SNARE) == [DROP], steps(bar, SNARE)
        assert all(s == DROP or bar[s, CRASH] > 0.5 for s in steps(bar, KICK)), steps(bar, KICK)


def test_latin_kick_and_time_follow_the_density_under_the_clave(shipped):
    """Latin: more kick when busy (the tumbao's "and" of 2 and 4 kept), the time on the quarters when sparse, the
    clave the same at every density."""
    sparse, default, busy = (bars_at(shipped, "latin", d) for d in DENSITIES)
    assert per_bar(busy, KICK) > per_bar(default, KICK), (per_bar(busy, KICK), per_bar(default, KICK))
    assert all({6, 12} <= set(steps(bar, KICK)) for bar in busy)
    time = [per_bar(bars, CLOSED_HAT, OPEN_HAT, RIDE) for bars in (sparse, default)]
    assert time[0] < time[1] and time[0] <= 5, time
    claves = [sorted({tuple(steps(bar, SNARE)) for bar in bars}) for bars in (sparse, default, busy)]
    assert claves[0] == claves[1] == claves[2], claves


