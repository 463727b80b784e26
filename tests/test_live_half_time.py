"""Half time live (`reagroove live --feel half`, the panel's Half time in ports mode, REAPER's live follow): a trap
producer's 808 riff at 140 played on a MIDI port gets the kick on each bar's 1 and the snare on its 3, as drumify's
`--feel half` plays it; fills and crashes stay on the player's bars; the feel turned on or off while playing is heard
from the next bar line. Live play had kept the normal feel (snare on 2 and 4) and said so. On the shipped model,
through the rig `reagroove live` assembles (in-memory ports, a scripted clock)."""

from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

BPM, ONE = 140.0, 0.4  # the player's beat 1 at 0.4 s
# an 808 line, each bar: the 1, the "and-a" of 2, the "and" of 3, beat 4 (tests/test_half_time.py's)
TRAP_BAR = ((0.0, 110), (1.5, 90), (1.75, 100), (2.5, 100), (3.0, 80))
VOICE_OF = {pitch: VOICES[v] for pitch, v in enumerate(GM_DRUM_MAP.voice_of_pitch()) if v >= 0}  # 44: the hat foot
TOMS = ("low_tom", "mid_tom", "high_tom")
HATS = ("closed_hat", "open_hat", "ride")


def seconds(beat: float) -> float:
    return ONE + beat * 60.0 / BPM


def play_trap(engine, settings, bars, changes=(), riff=TRAP_BAR, **session):
    """The riff played live for `bars` bars (each bar: (beat, velocity)); changes: [(player's beat, Settings)] handed to the session then (the
    panel's update_settings). Returns {bar (1-based): {voice: {16th step of the bar}}} of the drums heard."""
    notes = [(seconds(4 * bar + beat), 36, vel) for bar in range(bars) for beat, vel in riff]
    actions = [(seconds(beat), lambda p, s=new: p.session.update_settings(s)) for beat, new in changes]
    player, clock = live_rig(engine, BPM, settings=settings, **session)
    sent = play_live(player, clock, notes, seconds(4 * bars), 0.005, actions=actions)
    heard: dict[int, dict[str, set[int]]] = {}
    for t, msg in sent:
        if msg.type == "note_on" and msg.velocity:
            step = int(round((t - ONE) * BPM / 60.0 * 4))
            heard.setdefault(step // 16 + 1, {}).setdefault(VOICE_OF[msg.note], set()).add(step % 16)
    return heard


def roll(heard) -> str:
    """The drums as a drummer reads them, bar by bar (shown when a test fails)."""
    return "\n".join(f"bar {bar:2d} {v:10s} " + "".join("x" if k in heard[bar][v] else "." for k in range(16))
                     for bar in sorted(heard) for v in VOICES if v in heard[bar])


def is_half_time(bar: dict[str, set[int]]) -> bool:
    """Kick on 1, snare on 3 and not on 2 or 4, the hats (or ride) on every 8th."""
    snare, time = bar.get("snare", set()), set().union(*(bar.get(v, set()) for v in HATS))
    return 0 in bar.get("kick", set()) and 8 in snare and not {4, 12} & snare and set(range(0, 16, 2)) <= time


def is_normal(bar: dict[str, set[int]]) -> bool:
    """The network's own 4/4: the snare on 2 and 4, not on 3."""
    snare = bar.get("snare", set())
    return {4, 12} <= snare and 8 not in snare


def test_a_trap_riff_played_live_in_half_time_gets_the_kick_on_one_and_the_snare_on_three(shipped):
    heard = play_trap(shipped, Settings(feel="half"), 10)
    assert sorted(heard) == list(range(2, 11)), roll(heard)  # the drums come in on bar 2, as in the normal feel
    for bar in range(2, 11):
        assert is_half_time(heard[bar]), f"bar {bar}\n{roll(heard)}"
    normal = play_trap(shipped, Settings(), 6)  # the normal feel is the network's backbeat on 2 and 4, as before
    assert all(is_normal(normal[bar]) for bar in range(2, 7)), roll(normal)


def test_a_riff_playing_sixteenths_gets_sixteenth_hats_in_half_time_as_drumifys(shipped):
    # tests/test_live_tour.py's funk riff: 16ths between its 8ths (drumify's half time plays them on the hats)
    funk = ((0, 110), (0.75, 80), (1.5, 90), (2, 105), (2.5, 70), (3.25, 85), (3.5, 95))
    heard = play_trap(shipped, Settings(feel="half"), 6, riff=funk)
    for bar in range(2, 7):
        assert is_half_time(heard[bar]) and heard[bar]["closed_hat"] == set(range(16)), f"bar {bar}\n{roll(heard)}"


def test_half_time_fills_and_crashes_fall_on_the_players_bars(shipped):
    heard = play_trap(shipped, Settings(feel="half", fill_every=2), 12)  # phrases of 4 bars
    crashes = sorted((bar, step) for bar, voices in heard.items() for step in voices.get("crash", ()))
    assert crashes == [(2, 0), (5, 0), (9, 0)], roll(heard)  # the drums coming in, then each phrase's first bar
    filled = {bar for bar, voices in heard.items() if any(voices.get(t) for t in TOMS)}
    assert filled == {4, 8, 12}, roll(heard)
    for bar in filled:  # the fill is the bar's last half note, after the groove's half-time first half
        assert min(min(heard[bar].get(t, {16})) for t in TOMS) >= 8, f"bar {bar}\n{roll(heard)}"
        assert 0 in heard[bar]["kick"] and not {4} & heard[bar].get("snare", set()), f"bar {bar}\n{roll(heard)}"
    for bar in set(range(2, 13)) - filled:
        assert is_half_time(heard[bar]), f"bar {bar}\n{roll(heard)}"


def test_half_time_turned_on_and_off_while_playing_is_heard_from_the_next_bar_line(shipped):
    """Loops made every beat (`--every beat`): turned on during bar 5's beat 2 and off during bar 9's beat 3, the
    feel changes at bars 6 and 10, never mid-bar (a half-time loop from beat 3 put the backbeat under the player's 3
    and dropped the 4)."""
    on, off = Settings(feel="half"), Settings()
    heard = play_trap(shipped, off, 12, changes=[(16 + 1.5, on), (32 + 2.5, off)], regenerate="beat")
    for bar in (2, 3, 4, 5, 10, 11, 12):
        assert is_normal(heard[bar]), f"bar {bar}\n{roll(heard)}"
    for bar in (6, 7, 8, 9):
        assert is_half_time(heard[bar]), f"bar {bar}\n{roll(heard)}"


def test_live_says_no_more_that_it_plays_the_normal_feel_and_says_where_half_time_has_no_effect(monkeypatch, capsys):
    from helpers import MemoryInput, MemoryOutput
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.cli import main
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--feel", "half"]) == 0
    said = capsys.readouterr()
    assert "normal feel" not in said.err + said.out and "no effect" not in said.err + said.out
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--feel", "half", "--meter", "6/8"]) == 0
    err = capsys.readouterr().err
    assert "note: --feel half has no effect in 6/8" in err and err.count("\n") == 1


def test_a_beat_fill_in_half_time_takes_the_bars_4_after_its_backbeat_as_drumifys_does(shipped):
    """`--fill-length beat` in half time fills the bar's 4 at the song's speed, the snare on 3 played before it, as
    drumify's does, in loops made every beat too (the half-note beat had made it the bar's last half note, the
    backbeat on 3 gone, its strokes on the bar's 8ths)."""
    heard = play_trap(shipped, Settings(feel="half", fill_every=2, fill_length="beat"), 9, regenerate="beat")
    for bar in (4, 8):
        toms = set().union(*(heard[bar].get(t, set()) for t in TOMS))
        # the fill's first stroke on 4 (a tom, or the snare of a landing varied from the last fill's)
        fill = toms | (heard[bar].get("snare", set()) - {8})
        assert toms and min(fill) == 12 and 8 in heard[bar]["snare"], f"bar {bar}\n{roll(heard)}"
        assert 0 in heard[bar + 1]["crash"], f"bar {bar}\n{roll(heard)}"


def test_a_half_time_fill_heard_live_plays_the_songs_sixteenths(shipped):
    """The default fill live, as drumify's: the song's 16ths over the bar's 3 and 4 (strokes between its 8ths),
    not the bar's 8ths of a fill at half speed."""
    heard = play_trap(shipped, Settings(feel="half", fill_every=2), 9)
    between = 0
    for bar in (4, 8):
        drums = set().union(*(heard[bar].get(v, set()) for v in ("kick", "snare", *TOMS)))
        assert min(set().union(*(heard[bar].get(t, {16}) for t in TOMS))) >= 8, f"bar {bar}\n{roll(heard)}"
        between += len(drums & {9, 11, 13, 15})
    assert between >= 2, roll(heard)


def test_reaper_live_follow_writes_half_time_drums(shipped):
    """REAPER's Live follow with Half time on: each bar written has its snare on the 3 only (an 8th-note line)."""
    from fake_reaper import reapy_inside
    from test_reaper import PURGE, bass_project
    from test_reaper_runtime import play_bars

    from reagroove.reaper_ext import live_follow
    from reagroove.reaper_ext.bridge import LocalBridge

    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bass = s.rpr.RPR_GetTrack(0, 0)
        s.rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        s.rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        follower = live_follow.LiveFollower(LocalBridge(), shipped, Settings(feel="half"), memory=0.9)
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, 6, 120)
        s.rpr.RPR_OnStopButton()
        follower.poll()
        items = LocalBridge().call("drum_track_items")["items"]
    snare = GM_DRUM_MAP.output[VOICES.index("snare")]
    bars = {int(it["start_qn"] // 4): [round(on % 4 * 4) / 4 for on, _, pitch, *_ in it["notes"] if pitch == snare]
            for it in items if it["end_qn"] - it["start_qn"] == 4.0 and it["end_qn"] <= 24.0}  # played (stop: QN 24)
    assert len(bars) >= 5 and all(beats == [2.0] for beats in bars.values()), bars
