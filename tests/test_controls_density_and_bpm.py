"""Controls on the shipped model, read bar by bar as a drummer would: a sparse part keeps its kick on the
downbeat, a held part keeps its backbeat, and --bpm is one range on every path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "core" / "examples").glob("*.mid"))
KICK, SNARE = 0, 1


def full_bars(result):
    """(hits (steps, 9) bool, beats) of each whole bar the part plays (a pickup bar shorter than its meter's
    bar, or a bar cut short at the end, left out), on the real 16th grid."""
    out = []
    for loop, bars in zip(result.loops, result.meters_played):
        for start, num, den in bars:
            beats = num * 4 / den
            lo, hi = round(start * 4), round((start + beats) * 4)
            if hi - lo >= 8 and hi <= loop.shape[0]:
                out.append((loop[lo:hi, :9] > 0.5, beats))
    return out


def drumify(engine, path, **settings):
    return engine.drumify(read_midi(path), Settings(**settings), bars=(1, 8))


def test_the_examples_are_there():
    assert {p.name for p in EXAMPLES} >= {"funk_bass.mid", "shuffle_blues.mid", "piano_waltz.mid"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("genre", [None, "funk", "jazz", "reggae"])
def test_density_0_thins_the_part_but_keeps_a_kick_in_every_bar(shipped, path, genre):
    """--density 0 with or without a genre: the band network had left whole parts without a kick (funk_bass
    with --genre funk); a sparse drummer still plays the downbeat."""
    g = {} if genre is None else {"genre": {genre: 1.0}}
    sparse = drumify(shipped, path, density=0.0, **g)
    default = drumify(shipped, path, **g)
    bars = full_bars(sparse)
    assert bars
    without = [i for i, (hits, _) in enumerate(bars) if not hits[:, KICK].any()]
    assert not without, f"bars with no kick: {without}"
    assert sum(h.sum() for h, _ in bars) < sum(h.sum() for h, _ in full_bars(default))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_density_still_adds_hits_as_it_rises(shipped, path):
    counts = [int((drumify(shipped, path, density=d).loops[..., :9] > 0.5).sum()) for d in (0.0, 0.5, 1.0)]
    assert counts[0] < counts[1] < counts[2], counts


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_density_0_keeps_the_time_keepers_pulse_in_every_bar(shipped, path):
    """The hats a sparse part keeps play the same beats in every bar: at density 0 the count cut the
    funk bass's hats on 2 and 4 to beat 2 alone every second bar, a hole a drummer never leaves."""
    hats = [tuple(np.flatnonzero(hits[:, 2] | hits[:, 3] | hits[:, 8])) for hits, _ in
            full_bars(drumify(shipped, path, density=0.0))]
    assert all(len(h) >= 2 for h in hats), hats


def test_a_lone_time_keeper_beat_plays_the_other_bars_pulse():
    from reagroove.core.limbs import steady_hands

    hits = np.zeros((1, 32, 9), bool)
    hits[0, [4, 12, 20], 2] = True  # closed hat on 2 and 4, then on 2 alone
    hits[0, [0, 16], 0] = True
    hits[0, [4, 12, 20, 28], 1] = True
    out = steady_hands(hits)
    assert np.flatnonzero(out[0, :, 2]).tolist() == [4, 12, 20, 28]
    lone = np.zeros((1, 32, 9), bool)
    lone[0, [4, 20], 2] = True  # one beat in each bar: a pulse of its own, left
    assert np.array_equal(steady_hands(lone), lone)


def write_verse(path):
    """8 bars at 100 BPM: a bass on 1, the "and" of 2, 3 and the "and" of 4, keys on every beat (QA's verse)."""
    import mido

    from helpers import save_events

    events, roots, chords = [], [36, 33, 29, 31], [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]

    def note(beat, pitch, ch, vel, dur):
        events.append((int(beat * 480), mido.Message("note_on", channel=ch, note=pitch, velocity=vel)))
        events.append((int((beat + dur) * 480), mido.Message("note_off", channel=ch, note=pitch, velocity=0)))

    for bar in range(8):
        b0, r = bar * 4, roots[bar % 4]
        for beat, pitch, dur in ((0, r, 1.5), (1.5, r, 0.5), (2, r + 7, 1), (3.5, r, 0.5)):
            note(b0 + beat, pitch, 1, 85, dur)
        for q in range(4):
            for pitch in chords[bar % 4]:
                note(b0 + q, pitch, 0, 75, 0.8)
    return save_events(path, events, 480, 100)


@pytest.mark.parametrize("density", [0.1, 0.2, 0.3])
def test_a_sparser_part_keeps_one_hat_pulse_through_the_loop(shipped, tmp_path, density):
    """--density 0.2 on a verse played 8th hats in a loop's first bar and quarters in its second, bar after
    bar: a drummer keeps one subdivision. Every bar's time-keeper plays the same steps."""
    res = drumify(shipped, write_verse(tmp_path / "verse.mid"), density=density)
    hats = {tuple(np.flatnonzero(hits[:, 2] | hits[:, 3] | hits[:, 8])) for hits, _ in full_bars(res)}
    assert len(hats) == 1, sorted(hats)


def test_even_pulse_plays_quarters_when_fewer_hits_were_asked_and_8ths_otherwise():
    from reagroove.core.limbs import even_pulse

    hits = np.zeros((1, 32, 9), bool)
    hits[0, 0:16:2, 2] = True  # 8ths in bar 1
    hits[0, 16:32:4, 2] = True  # quarters in bar 2
    hits[0, 14, 3], hits[0, 14, 2] = True, False  # an open hat on the "and" of 4: an accent, kept
    hits[0, [4, 12, 20, 28], 1] = True
    lighter = even_pulse(hits, lighter=True)
    assert np.flatnonzero(lighter[0, :, 2]).tolist() == [0, 4, 8, 12, 16, 20, 24, 28]
    assert lighter[0, 14, 3]
    fuller = even_pulse(hits, lighter=False)
    assert np.flatnonzero(fuller[0, 16:, 2]).tolist() == list(range(0, 16, 2))
    assert np.array_equal(even_pulse(hits, np.array([False])), hits)  # a fill's loop: left as it is
    steady = np.zeros((1, 32, 9), bool)
    steady[0, ::2, 2] = True  # 8ths in both bars: nothing to do
    assert np.array_equal(even_pulse(steady), steady)


def test_a_muted_kick_stays_muted_at_density_0(shipped):
    res = drumify(shipped, EXAMPLES[0], density=0.0, genre={"funk": 1.0}, voice_groups={"kick": False})
    assert not res.loops[..., KICK].any() and res.loops[..., :9].any()


# ---------------------------------------------------------------- a held groove keeps its backbeat

def backbeat_kept(bar: np.ndarray, beats: float) -> bool:
    """A bar (steps, 9+) with its snare on the backbeat (beats 2 and 4; in 3/4 beats 2 and 3) and no snare on
    the other beats (1, and 3 in 4/4) as loud as it (ghost notes and the 16ths in between are the drummer's)."""
    hit, vel = bar[:, SNARE] > 0.5, bar[:, 9 + SNARE]
    back, other = ([4, 12], [0, 8]) if beats == 4 else ([4, 8], [0])
    if not hit[back].all():
        return False
    return not (hit[other] & (vel[other] > 0.6 * vel[back].max())).any()


def test_a_held_groove_keeps_the_backbeat_and_one_drummers_limbs(shipped):
    """--hold on shuffle_blues.mid put the snare on beats 2, 3 and 4 of every bar: the held point was decoded
    as an explicit latent, without the average drummer and steady pulse every other drumify gets. Every
    bundled example, several seeds: the backbeat in most bars, one drummer's limbs, one pattern held."""
    from reagroove.core.limbs import limb_report

    weak = {}
    for path in EXAMPLES:
        for seed in (0, 1, 2, 7):
            res = drumify(shipped, path, hold=True, seed=seed)
            bars = [loop[round(start * 4):round((start + num * 4 / den) * 4)]
                    for loop, meters in zip(res.loops, res.meters_played) for start, num, den in meters]
            kept = np.mean([backbeat_kept(bar, len(bar) / 4) for bar in bars if len(bar) >= 12])
            if kept < 0.75:
                weak[path.stem, seed] = kept
            report = limb_report(res.loops)
            assert report["hat_clash"] == 0 and report["over_two_hands"] == 0, (path.stem, seed, report)
            beat = res.loops[:, :, :9] > 0.5  # held: every window plays one pattern (the crash opens the part)
            beat[:, :, 7] = False
            assert all(np.array_equal(beat[0], w) for w in beat[1:len(beat) - 1]), (path.stem, seed)
    assert not weak, f"share of bars keeping the backbeat: {weak}"


# ---------------------------------------------------------------- one tempo range for every --bpm

def _bpm_commands(tmp_path):
    ex = str(EXAMPLES[0])
    out = str(tmp_path / "out.mid")
    return {"drumify": ["drumify", ex, "-o", out], "interpolate": ["interpolate", ex, ex, "-o", out],
            "live": ["live", "--in", "keys", "--out", "synth"], "patterns add": ["patterns", "add", "riff", ex],
            "groove": ["groove", ex]}


@pytest.mark.parametrize("bpm", ["19.9", "401", "500", "960", "0", "-120", "nan", "inf", "fast"])
def test_every_bpm_option_refuses_a_tempo_outside_one_range_in_one_line(tmp_path, monkeypatch, capsys, bpm):
    """drumify took --bpm 500 for an audio file that the audio reader then refused, and live took 1..960 at the
    parser but only 20..400 when it started: every --bpm now says the same line before anything runs."""
    from reagroove.core.cli import main
    from reagroove.core.settings import MAX_BPM, MIN_BPM, SettingsError, check_bpm

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    with pytest.raises(SettingsError) as said:
        check_bpm(bpm)
    expected = str(said.value)
    assert expected == (f"'{bpm}' is not a tempo in BPM" if bpm == "fast"
                        else f"tempo {float(bpm):g} BPM is outside {MIN_BPM:g}..{MAX_BPM:g} BPM")
    for name, args in _bpm_commands(tmp_path).items():
        with pytest.raises(SystemExit) as stop:
            main([*args, "--bpm", bpm])
        err = capsys.readouterr().err.strip()
        assert stop.value.code == 2 and len(err.splitlines()) == 1, (name, err)
        assert f"argument --bpm: {expected}" in err, (name, err)
    assert not (tmp_path / "out.mid").exists()


@pytest.mark.parametrize("bpm", ["20", "400", "96.5"])
def test_every_bpm_option_takes_the_range_and_every_path_plays_it(tmp_path, bpm):
    """The edges of the range are taken by every parser, and by what they hand the tempo to: the live
    clock and the audio reader (which refuse what the parsers refuse)."""
    from reagroove.core.audio import read_audio
    from reagroove.core.cli import build_parser
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.livemidi import InternalClock
    from reagroove.core.settings import MAX_BPM, MIN_BPM

    for name, args in _bpm_commands(tmp_path).items():
        assert build_parser(args[0]).parse_args([*args, "--bpm", bpm]).bpm == float(bpm), name
    assert InternalClock(float(bpm)).bpm == float(bpm)
    with pytest.raises(ReaGrooveError) as err:  # a tempo taken: the reader goes on to the (missing) file
        read_audio(tmp_path / "none.wav", bpm=float(bpm))
    assert "BPM" not in str(err.value)
    for outside in (MIN_BPM - 0.1, MAX_BPM + 0.1):
        with pytest.raises(ReaGrooveError, match=f"{MIN_BPM:g}..{MAX_BPM:g} BPM"):
            InternalClock(outside)
        with pytest.raises(ReaGrooveError, match=f"{MIN_BPM:g}..{MAX_BPM:g} BPM"):
            read_audio(tmp_path / "none.wav", bpm=outside)


def test_live_defaults_to_120_bpm(tmp_path):
    from reagroove.core.cli import build_parser

    assert build_parser("live").parse_args(_bpm_commands(tmp_path)["live"]).bpm == 120.0
