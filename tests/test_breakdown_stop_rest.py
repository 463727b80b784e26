"""A stop's rest is no breakdown of the bars beside it (core/breakdowns.py): a band at 110 BPM stopping dead on the
downbeat of bar 5 and back in bar 9 shared a section with its full bars 3-4 (onsets 15, 1 and 0 a window); judged by
their average the section was a breakdown, said as "drops to a few parts in bars 3-8", and the drums under the full
band in bars 3-4 fell to a kick on each downbeat. A section is judged by the windows the band plays in; a band
thinning out (a bass note a bar for eight bars) is still a breakdown, on audio as on MIDI."""

import numpy as np
import soundfile as sf
from audio_synth import make_part, render_notes
from test_engine_song_form import KICK, SNARE, bar_hits

from reagroove.core.audio import read_audio
from reagroove.core.breakdowns import breakdown_windows
from reagroove.core.loop import STEPS
from reagroove.core.settings import Settings

SR, BPM = 22050, 110.0
BAR_S = 4 * 60 / BPM


def grooves_with(onsets) -> np.ndarray:
    """(W, 32, 3) grooves with each window's onsets spread over its steps (its first `n` even steps, then odd)."""
    out = np.zeros((len(onsets), STEPS, 3), np.float32)
    order = [*range(0, STEPS, 2), *range(1, STEPS, 2)]
    for w, n in enumerate(onsets):
        out[w, order[:n], 0] = 1.0
        out[w, order[:n], 1] = 0.8
    return out


def test_a_stops_rest_sharing_a_section_with_full_windows_is_no_breakdown():
    # R5's trace of the band at 110 with bars 5-8 silent: sections [0,1,1,1,2,2,2], onsets [15,15,1,0,15,20,17]
    where = breakdown_windows(grooves_with([15, 15, 1, 0, 15, 20, 17]), np.array([0, 1, 1, 1, 2, 2, 2]))
    assert not where.any(), np.flatnonzero(where)


def test_a_band_thinning_out_before_its_stop_is_still_a_breakdown():
    # the section thins to 3 onsets a window and then stops dead: judged by its played windows, a breakdown still
    where = breakdown_windows(grooves_with([15, 15, 3, 3, 1, 0, 16, 18, 17]), np.array([0, 0, 1, 1, 1, 1, 2, 2, 2]))
    assert list(np.flatnonzero(where)) == [2, 3, 4, 5]


def band_song(tmp_path, keep) -> tuple[str, float]:
    """The band at 110 BPM (bass with keys or guitar, R5's seed), 50 s, with only the notes keep(bar, note) keeps."""
    audio, downbeat, notes = make_part("band", BPM, lead_s=0.5, seconds=50, seed=13, with_notes=True)
    bar = lambda t: int(np.floor((t - downbeat) / BAR_S + 0.02)) + 1  # noqa: E731  (a note's bar, 1 from the downbeat)
    kept = [n for n in notes if keep(bar(n[0]), n, downbeat)]
    path = tmp_path / "band.wav"
    sf.write(path, render_notes(kept, sr=SR, duration_s=len(audio) / SR, seed=1), SR)
    return str(path), downbeat


def test_the_drums_keep_their_groove_beside_the_bands_stop_on_audio(tmp_path, shipped):
    # R5's take: the band's audio silenced from the downbeat of bar 5 to that of bar 9
    audio, downbeat = make_part("band", BPM, lead_s=0.5, seconds=30, seed=13)
    audio = audio.copy()
    audio[int((downbeat + 4 * BAR_S) * SR):int((downbeat + 8 * BAR_S) * SR)] = 0.0
    sf.write(tmp_path / "gap.wav", audio, SR)
    res = shipped.drumify(read_audio(str(tmp_path / "gap.wav")), Settings())
    assert any("stops dead on the downbeat of bar 5 and comes back in bar 9" in m for m in res.messages), res.messages
    assert not [m for m in res.messages if "(a breakdown)" in m], res.messages
    for bar in (3, 4):  # the full band: its groove, not a kick on the downbeat alone (the breakdown's)
        hits = bar_hits(res, bar)
        assert hits[1:, KICK].any() and hits[4, SNARE] and hits[12, SNARE], bar


def test_a_bass_note_a_bar_between_the_full_band_is_still_a_breakdown_on_audio(tmp_path, shipped):
    def keep(bar, note, downbeat):  # bars 9-16: the bass alone, its note on each downbeat
        on_downbeat = abs((note[0] - downbeat) / BAR_S - round((note[0] - downbeat) / BAR_S)) * BAR_S < 0.03
        return not 9 <= bar <= 16 or (note[2] == "bass" and on_downbeat)

    path, _ = band_song(tmp_path, keep)
    res = shipped.drumify(read_audio(path), Settings())
    assert any("(a breakdown)" in m and "bars 9-16" in m for m in res.messages), res.messages
    for bar in range(9, 15):  # (bars 15-16 may hold the fill out of it)
        assert not bar_hits(res, bar)[1:, KICK].any(), bar
