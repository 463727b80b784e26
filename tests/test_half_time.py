"""Half-time feel (`--feel half`): a trap producer's 808 line at 140 BPM in 4/4 gets the kick on each bar's 1, the
backbeat on its 3 (not on 2 and 4) and the hats on at least the bar's 8ths, on the shipped model; fills and crashes
stay on the song's bars; the setting is saved with the others; a bad value is one clear line."""

import json
from pathlib import Path

import numpy as np
import pytest
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.cli import main
from reagroove.core.errors import InputFileError
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings, SettingsError

BASS = str(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid")
KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
TIME = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
# an 808 line, each bar: the 1, the "and-a" of 2, the "and" of 3, beat 4 (/tmp/s62/h7/parts/trap_140.mid's)
TRAP_BAR = ((0.0, 110), (1.5, 90), (1.75, 100), (2.5, 100), (3.0, 80))
BARS = 16


@pytest.fixture
def trap(make_midi):
    notes = [(4 * bar + beat, 36, vel, 0) for bar in range(BARS) for beat, vel in TRAP_BAR]
    return read_midi(make_midi(notes, "trap_140.mid", tempos=((0, 140.0),), length=0.2))


def song_bars(result) -> dict[int, np.ndarray]:
    """The song's bar number -> its 16 steps of drums (16, 27) on the real grid."""
    return {int(bar) + k: loop[16 * k:16 * (k + 1)] for bar, loop in zip(result.bars, result.loops) for k in (0, 1)
            if int(bar) + k <= BARS}


def test_trap_in_half_time_keeps_the_kick_on_one_the_backbeat_on_three_and_the_hats_on_the_eighths(shipped, trap):
    normal = song_bars(shipped.drumify(trap, Settings()))
    assert all(steps[4, SNARE] > 0.5 and steps[12, SNARE] > 0.5 for steps in normal.values())  # the network's 2 and 4
    half = song_bars(shipped.drumify(trap, Settings(feel="half")))
    assert sorted(half) == list(range(1, BARS + 1))
    for bar, steps in half.items():
        assert steps[0, KICK] > 0.5, bar
        assert steps[8, SNARE] > 0.5, bar  # the backbeat on 3 ...
        assert steps[4, SNARE] < 0.5 and steps[12, SNARE] < 0.5, bar  # ... and not on 2 or 4
        assert steps[8, 9 + SNARE] >= steps[:, 9 + KICK].max() - 0.05, bar  # the loudest hit of the bar, as a backbeat
        time = steps[:, TIME].max(1) > 0.5
        assert time[::2].all(), bar  # the hats keep the bar's 8ths at 140, not the quarters of the loop's 8ths


def test_half_time_fills_and_crashes_stay_on_the_songs_bars(shipped, trap):
    result = shipped.drumify(trap, Settings(feel="half", fill_every=2))  # phrases of 4 bars; none after bar 16
    bars = song_bars(result)
    assert "half-time feel" in " ".join(result.messages)
    crashes = sorted((bar, int(step)) for bar, steps in bars.items() for step in np.flatnonzero(steps[:, CRASH] > 0.5))
    assert crashes == [(1, 0), (5, 0), (9, 0), (13, 0)]
    filled = {bar for bar, steps in bars.items() if (steps[:, TOMS] > 0.5).any()}
    assert filled == {4, 8, 12}
    for bar in filled:  # the fill is the bar's last half note, after its backbeat's beat
        assert not (bars[bar][:8, TOMS] > 0.5).any(), bar
        # the hands on the toms from the fill's first: no hat between its strokes (folded back in, it had
        # played low tom, hat, low tom, hat)
        first = int(np.flatnonzero((bars[bar][:, TOMS] > 0.5).any(1))[0])
        assert not (bars[bar][first:, TIME] > 0.5).any(), bar


def test_the_feel_is_saved_with_the_settings(stub_engine, tmp_path):  # noqa: F811
    saved = tmp_path / "half.json"
    assert main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--feel", "half", "--save-settings", str(saved),
                 "--quiet"]) == 0
    assert Settings.load(saved).feel == "half"
    Settings().save(tmp_path / "plain.json")  # the default is left out: any ReaGroove reads the file
    assert "feel" not in json.loads((tmp_path / "plain.json").read_text())["settings"]
    assert Settings.load(tmp_path / "plain.json").feel == "normal"
    again = tmp_path / "again.json"  # --feel normal undoes a saved half
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(saved), "--feel", "normal",
                 "--save-settings", str(again), "--quiet"]) == 0
    assert Settings.load(again).feel == "normal"


def test_a_bad_feel_is_one_clear_line(stub_engine, tmp_path, capsys):  # noqa: F811
    with pytest.raises(SystemExit) as exited:  # the option parser's own one line
        main(["drumify", BASS, "-o", str(tmp_path / "a.mid"), "--feel", "triple"])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "--feel" in err and "half" in err and "Traceback" not in err
    with pytest.raises(SettingsError, match="feel must be one of normal, half, got 'triple'"):
        Settings(feel="triple")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "reagroove-settings", "version": 1, "settings": {"feel": "quarter"}}))
    with pytest.raises(InputFileError, match="feel must be one of normal, half"):
        Settings.load(bad)
    assert main(["drumify", BASS, "-o", str(tmp_path / "b.mid"), "--settings", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "feel must be one of normal, half" in err


def test_a_part_playing_sixteenths_gets_sixteenth_hats_in_half_time(shipped):
    bars = song_bars(shipped.drumify(read_midi(BASS), Settings(feel="half")))  # the funk bass plays 16ths
    for bar, steps in bars.items():
        assert (steps[:, TIME].max(1) > 0.5).all(), bar
        assert steps[8, SNARE] > 0.5 and steps[4, SNARE] < 0.5 and steps[12, SNARE] < 0.5, bar


def test_interpolate_says_it_plays_the_normal_feel(stub_engine, tmp_path, capsys):  # noqa: F811
    assert main(["interpolate", BASS, BASS.replace("funk_bass", "shuffle_blues"), "--steps", "2", "-o", str(tmp_path / "path.mid"), "--feel", "half",
                 "--quiet"]) == 0
    assert "--feel half plays in drumify" in capsys.readouterr().err


def test_reaper_names_half_time_drums_so():
    # an item written in half time was named as any other ("ReaGroove · seed 0"): which take is which unsaid
    from reagroove.reaper_ext.actions import settings_label

    assert settings_label(Settings(feel="half")) == "ReaGroove · half-time · seed 0"
    assert "half" not in settings_label(Settings())


HANDS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom", "closed_hat", "open_hat", "ride", "crash")]
DRUMS = [KICK, SNARE, *TOMS]


def test_a_half_time_fill_plays_the_songs_sixteenths_over_the_bars_3_and_4(shipped, trap):
    """A drummer in half time fills at the song's speed: the default fill (`half`) plays the song's 16ths over the
    bar's 3 and 4 (strokes between its 8ths too), its toms up to the next bar's crash, each step two hands' strokes
    at most. At half speed a fill's 16ths had been the bar's 8ths: a few tom strokes on 3 and 4, as broad as a
    70 BPM fill under a band at 140."""
    bars = song_bars(shipped.drumify(trap, Settings(feel="half", fill_every=2)))
    between = 0
    for bar in (4, 8, 12):
        steps = bars[bar]
        drums = (steps[:, DRUMS] > 0.5).any(1)
        assert not (steps[:8, TOMS] > 0.5).any() and (steps[8:, TOMS] > 0.5).any(), bar  # the bar's 3 and 4
        between += int(drums[9:16:2].sum())  # on the bar's 16ths between its 8ths
        assert ((steps[:, HANDS] > 0.5).sum(1) <= 2).all(), bar  # two hands
        assert bars[bar + 1][0, CRASH] > 0.5, bar
    assert between >= 3, between


def test_a_beat_fill_in_half_time_fills_the_bars_4_after_its_backbeat_on_3(shipped, trap):
    """`--fill-length beat` in half time: the fill on the bar's 4 (the song's beat, its 16ths), the backbeat on the
    bar's 3 played before it; its half-note beat had made the fill the bar's last half note, the snare on 3 gone."""
    bars = song_bars(shipped.drumify(trap, Settings(feel="half", fill_every=2, fill_length="beat")))
    for bar in (4, 8, 12):
        steps = bars[bar]
        assert steps[0, KICK] > 0.5 and steps[8, SNARE] > 0.5, bar  # the bar's 1 and its backbeat on 3
        toms = np.flatnonzero((steps[:, TOMS] > 0.5).any(1))
        assert len(toms) and toms.min() >= 12, bar  # the fill on 4
        assert ((steps[:, HANDS] > 0.5).sum(1) <= 2).all(), bar
        assert bars[bar + 1][0, CRASH] > 0.5, bar


def test_a_held_half_time_part_fills_at_the_songs_speed_too(shipped, trap):
    """`--hold` plays each section's one loop: its fills as drumify's, at the song's speed (a held part's windows
    are laid on their bars after they are played once: half speed would have come back there)."""
    plain = song_bars(shipped.drumify(trap, Settings(feel="half", fill_every=2, fill_length="beat")))
    held = song_bars(shipped.drumify(trap, Settings(feel="half", fill_every=2, fill_length="beat", hold=True)))
    for bar in (4, 8, 12):
        toms = np.flatnonzero((held[bar][:, TOMS] > 0.5).any(1))
        assert len(toms) and toms.min() >= 12 and held[bar][8, SNARE] > 0.5, bar
    assert (held[4][12:, DRUMS] > 0.5).any() and (plain[4][12:, DRUMS] > 0.5).any()
