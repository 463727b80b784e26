"""The loop a live session plays for the grooves it heard (`input_loop`), as drumify plays a part's windows
(played_part.py, Engine.play_part): the take's grooves beside their bass laid into the model's frame, one latent
point each, the phrase's fills and crashes, its swing, and a seed's take drawn as drumify's (takes.py); latin's clave
kept through the session (live_clave.py) and jazz's comping in each window's places in the phrase (live_comping.py);
the caps and mutes asked holding over the genres' own time last, as drumify's (muted_voices.as_asked: a waltz's
latin under --max-hits ride=0 had ridden its bell live, half-time reggae's drop sounded under snare=0)."""

from __future__ import annotations

import numpy as np

from . import takes, trap_kicks
from .dynamics import part_levels
from .feel import half_time_sixteenths
from .fill_runs import runs_heard
from .half_time import half_time_window
from .half_time_fills import genre_fills
from .half_time_genres import JAZZ, LEADS, genre_half_time
from .half_time_swing import bar_swing, follows_part, straightened, swung_bars
from .hand_speed import at_tempo
from .live_bars import loop_phrase
from .live_clave import on_the_clave
from .live_comping import comped_in_window
from .live_kit import LiveKitPlay, take_kit
from .live_take import take_as_played
from .loop import STEPS
from .meter import grooves_to_loop
from .meter_read import plays_sixteenths
from .muted_voices import as_asked, plays
from .phrases import PhrasePlan
from .settings import Settings
from .swing import part_swing
from .swing_asked import kept_feel, played_at_asked

LIVE_TAKE = 4  # the grooves of the last loops made from input, played with the new one as one take


def input_loop(session, grooves: np.ndarray, phrase: tuple[np.ndarray, np.ndarray] | None,
               settings: Settings | None = None, window: int = 0) -> np.ndarray:
    """The loop of a LiveSession (live.py) for the last of `grooves` ((n, 32, 6): each beside its bass; the take
    before it), with the phrase's fills and crashes as drumify plays them (Engine.play_part: each fill spliced over
    its beats, crashes only where phrases open) and its bass as drumify hears a file's (played_part.played_part);
    under `settings` (default: the session's). window: the loop's window counted from the session's origin."""
    n, drum_part, bars = len(grooves), session.drum_part, session.window_bars
    settings = session.settings if settings is None else settings
    # the take's steps not played yet when their loops were made, as played since (drumify's windows: as played)
    take, grooves = grooves, take_as_played(session, grooves)
    # pads playing a kit: each window's drums as heard (live_kit.py), kept as drumify keeps a drum part's
    kit_take = take_kit(session, take, grooves) if drum_part else None
    # a drum part has no bass (drumify's reads none on channel 10); no bass heard is an unknown one
    grooves, lows = grooves[..., :3], (None if drum_part or not grooves[..., 3].any() else grooves[..., 3:])
    plan, meters, bass = PhrasePlan.empty(n), None if bars is None else [bars] * n, lows
    # a swung part in half time: heard straight on its bars at half speed, played swung on them (half_time_swing.py)
    kept = kept_feel(settings, drum_part)  # (a drum part's feel, its own unless a swing is asked)
    on_bars = bar_swing(grooves, meters, kept) if follows_part(settings) else None
    grooves, lows = straightened(grooves, meters, on_bars), straightened(lows, meters, on_bars)
    # jazz's half-time comping answers the part on its bars' own steps, as drumify's (Engine._play: part.heard)
    heard = grooves if plays(settings, "snare") else None  # (a voice capped at 0: as switched off, as drumify's)
    # a part playing 16ths inside its dotted beats (6/8's, 12/8's) gets 16th hats, as drumify's; in half time unless
    # fewer hits are asked (feel.py)
    sixteenths = plays_sixteenths(grooves, meters)
    if half_time_window(bars):
        sixteenths = half_time_sixteenths(sixteenths, settings.density)
    if bars is not None:  # the input into the model's 4/4 frame, its loops onto the bars (as drumify's)
        grooves = grooves_to_loop(grooves, bars)
        lows = None if lows is None else grooves_to_loop(lows, bars)
        plan = PhrasePlan(plan.crash_steps, plan.fill_steps, *(np.zeros((n, STEPS), bool) for _ in range(2)))
    if phrase is not None:
        if bars is None:
            plan.crash_steps[-1], plan.fill_steps[-1] = phrase
        else:
            plan.crash_real[-1], plan.fill_real[-1] = phrase
            plan.crash_steps[-1], plan.fill_steps[-1] = loop_phrase(*phrase, bars)
    engine = session.engine
    level = part_levels(grooves)  # the part's own, which its beats keep where a pattern steers (dynamics.band_accents)
    kit = LiveKitPlay(engine, kit_take, settings, grooves, meters)  # (from its own loops' point, its drums kept)
    z, g, lows = kit.target(settings, grooves, bass=lows, drum_part=drum_part)
    swing = part_swing(g, kept)
    on_bars = None if swing is not None else on_bars  # (a swing the loop's frame reads plays instead)
    own = swing or on_bars  # a swing asked (swing_asked.py) plays instead of the part's, heard straight
    g, lows, swing, on_bars = played_at_asked(settings, g, lows, swing, on_bars, half_time_window(bars))
    # the kick against the bass's attacks, as drumify's (trap_kicks.py): half time's onto the bass's 16ths, and off a
    # trap 808's sustain where its notes' ends are told (a port's note-offs: the last groove's, the one played)
    ringing, sounding = session.bass_ringing(), None
    if ringing is not None:
        sounding = np.zeros((n, STEPS), np.float32)
        sounding[-1] = ringing
    low = trap_kicks.bass_line(bass, sounding, meters, None if session.bpm is None else np.array([session.bpm]),
                               drum_part, own or swing or on_bars)
    fills = plan.fill_steps if bars is None else plan.fill_real
    # latin's clave: the session's one, heard before it is played (live_clave.py), not the take's reading
    clave_steps = session._clave.side(session, settings, bars is None, swing is not None)
    # the fills' runs follow the session's fills heard, as a part's follow its fills before (live_runs.py): each
    # draw's memory of its own, the one played remembered
    fill_runs, laid = session._landings.runs, {}
    # the decode's rules at the session's tempo, as drumify's at the part's (a fill's landing two hands play at it)
    tempo = None if session.bpm is None else np.full(n, session.bpm, np.float32)
    # each window's first bar in the session (hip-hop's open hat placed in its phrases, as drumify's in the song's: each
    # loop decoded alone as bar 0 had opened it every second bar or never)
    song_bar = 2 * (window - (n - 1) + np.arange(n))

    def play(seed=None, temperature=None) -> np.ndarray:
        memory = laid[seed, temperature] = fill_runs.before(fills[-1], window, session.bpm)
        with runs_heard(memory):
            loops = engine.play_part(g, z, settings, plan, meters, drum_part=drum_part, bass=lows,
                                     take=np.zeros(n, np.int64), swing=swing, seed=seed, temperature=temperature,
                                     sixteenths=sixteenths, bpm=tempo, song_bar=song_bar, part_level=level)
        if clave_steps is not None:
            loops = on_the_clave(loops, g, lows, clave_steps, settings, seed, fills[-1])
        if bars is None:  # jazz's comping in the window's places in the phrase (live_comping.py)
            loops = comped_in_window(loops, g, settings, seed, window, fills[-1], swing)
        # half time as the leading genre's drummer plays it (reggae's one drop, jazz's ride) and its fills (jazz's
        # triplets, latin's timbales: half_time_fills.py), then the shuffle's swing
        loops = half_time_in_window(loops, meters, settings, on_bars is not None, heard, window)
        loops = genre_fills(loops, meters, settings, plan, seed, tempo, on_bars is not None)
        loops = kit.keep(swung_bars(loops, meters, on_bars), fills)
        trap_kicks.kick_with_bass(loops, low, meters, fills)
        # (last: the caps and mutes asked hold over the genres' own time, as drumify's played_part.as_written)
        return at_tempo(as_asked(loops, meters, settings, fills), session.bpm)[0]

    if not takes.draws_take(settings):
        loop = play()[-1]
        fill_runs.heard(laid[None, None], window, n - 1)
        return loop
    first, judged = None, 0
    if session._draw is not None and session._draw[0] is settings and session._draw[1] == drum_part:
        first, judged = session._draw[2:4], session._draw[4]
        if judged > session._take.maxlen:  # (the session's LIVE_TAKE: the take formed)
            loop = play(*first)[-1]
            fill_runs.heard(laid[first], window, n - 1)
            return loop
    loops, seed, temperature = takes.draw_take(play, settings, first, apart=True)  # as drumify: kept from its neighbours
    session._draw = (settings, drum_part, seed, temperature, judged + 1)
    fill_runs.heard(laid[seed, temperature], window, n - 1)
    return loops[-1]


def half_time_in_window(loops: np.ndarray, meters, settings: Settings, swung: bool, heard: np.ndarray | None,
                        window: int) -> np.ndarray:
    """genre_half_time of a take's loops (n, 32, 27) beside their grooves `heard` (n, 32, 3: None, no comping), the
    last one's comping in its bars' places in the phrase (comping.comp: loop i's bars 2i and 2i + 1): those of its
    `window` from the origin, as drumify's windows count from the part's first. Held at the take's place, every
    window had comped as the one before (drumify's four bars' 1, 2, 1 and no note heard as 1, 2, 1, 2)."""
    mix = settings.genre_weights()
    lead = (window - (len(loops) - 1)) % 2 if heard is not None and mix[JAZZ] >= LEADS else 0
    # loop i's first bar counted as bar 2 (i + lead) of the phrase: the last loop's window in its place
    counts = 2 * (np.arange(len(loops)) + lead)
    return genre_half_time(loops, meters, mix, swung, heard, plays(settings, "ride"), counts=counts,
                           density=settings.density_cells)  # (the ride capped at 0: as the cymbals off, as drumify's)


def warm_up(session) -> None:
    """A LiveSession's first loop made once on a made groove and thrown away, before the first note: the one-off
    costs it had (numpy loading numpy.ma for the bass reading's np.unique and numpy.random for a seed's draw, the
    model's first calls) came out of the look-ahead of the take's first loop."""
    import numpy.ma  # noqa: F401  (low_register.bass_notes: loaded on np.unique's first use)
    import numpy.random  # noqa: F401

    groove = np.zeros((1, STEPS, 6), np.float32)  # 8ths, no bass heard
    groove[0, ::2, :2] = (1.0, 0.8)
    kept = session._draw  # (a seed's take drawn here is not the player's)
    input_loop(session, groove, None, Settings())  # (no pattern: a name no store holds is said at the first loop)
    session._draw = kept
