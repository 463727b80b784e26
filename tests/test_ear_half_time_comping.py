"""Jazz's comping in half time answers the part where it rests, on the bars' own steps.

In half time the loop frame holds the part at half speed (funk_bass's real bar `x--xx-xx--xx--x-` reads
`xxxx-x-x-x-x-x-x` there), and the comping had been laid against those grooves: with `--genre jazz --feel half` on
funk_bass none of its notes fell where the bass rests."""

import numpy as np
from test_ear_clave_comping import comp_notes, funk  # noqa: F401 (the fixture)
from test_half_time_by_ear import song_bars

from reagroove.core.settings import Settings


def test_half_time_jazz_comping_answers_the_part_where_it_rests(shipped, funk):  # noqa: F811
    result = shipped.drumify(funk, Settings(genre={"jazz": 1.0}, feel="half"))
    part = song_bars(result.grooves, result.bars)
    on_rest = [not part[b][s, 0] > 0.5 for b, _, steps, _ in comp_notes(result) for s in steps]
    assert on_rest and np.mean(on_rest) > 0.6, on_rest
