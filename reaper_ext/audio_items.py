"""A selection's audio items read as onsets on the project's beats, as REAPER plays them: a take's start offset,
playrate, section, loop and stretch markers followed, a count-in's clicks left out, an item that cannot be read
(offline, reversed, a video) left out and said. reaper_ext/actions.py reads the selection with it."""

from __future__ import annotations

import os

import numpy as np

from .audio_item_bands import file_frames
from .audio_item_tempo import file_tempo, tempo_line

# An onset found up to this long before an audio item's start (the item cut
# right on an attack, which the detector may place a few ms early) counts as
# played at the item's start; one found this close to its end is the attack
# of the note the next item (a split on the one) plays, not this item's.
ITEM_START_TOLERANCE_S = 0.015


def _audio_project_times(entry: dict, onsets) -> tuple[np.ndarray, np.ndarray]:
    """Onsets of an audio item's file heard in the item: (project seconds, velocity 0..1).

    REAPER's model: source second u of the take plays at D_POSITION +
    (u - D_STARTOFFS) / D_PLAYRATE, for u inside the item's visible span; a
    section source plays [offset, offset + length) of its file; a looped
    item repeats its source.
    """
    from reagroove.core.audio import onsets_to_beats

    a = entry["audio"]
    rate = playrate(a)
    offs, pos, length = float(a["startoffs"]), float(a["position"]), float(a["length"])
    times = np.asarray(onsets.times, np.float64) - float(a.get("section_offset") or 0.0)
    vel = np.asarray(onsets.velocity, np.float64)
    period = a.get("section_length")
    period = float(period) if period else max(float(onsets.duration_s) - float(a.get("section_offset") or 0.0), 0.0)
    inside = (times >= -1e-9) & (times < period)
    times, vel = times[inside], vel[inside]
    lo, hi = offs - ITEM_START_TOLERANCE_S * rate, offs + (length - ITEM_START_TOLERANCE_S) * rate
    if a.get("loop") and period > 0:
        ks = np.arange(np.floor(lo / period), np.ceil(hi / period) + 1)
        times = (times[None, :] + ks[:, None] * period).ravel()
        vel = np.tile(vel, len(ks))
    times = _unstretched(times, a.get("stretch"), offs)
    keep = (times >= lo) & (times < hi)
    order = np.argsort(times[keep], kind="stable")
    src, vel = times[keep][order], vel[keep][order]
    project = onsets_to_beats(src, pos, offs, rate, lambda t: t)  # identity map: project seconds
    return np.maximum(project, pos), vel


# REAPER's source types (GetMediaSourceType) that name a file holding no sound ReaGroove reads.
NOT_AUDIO_FILES = {"RPP_PROJECT": "a subproject", "VIDEO": "a video", "VIDEOEFFECT": "a video processor",
                   "CLICK": "a click source", "LTC": "a timecode source"}


def playrate(a: dict) -> float:
    """The take's playback rate (1 where REAPER sends none or 0)."""
    return float(a["playrate"]) if float(a["playrate"]) > 0 else 1.0


def marker_points(markers, offs: float):
    """An item's stretch markers [(pos, srcpos)] as (pos, src) arrays, sorted, the item start at the take's start
    offset `offs` where no marker is there; None where there are none or they cross (no even stretch to follow)."""
    if not markers:
        return None
    pts = sorted((float(p), float(q)) for p, q in markers)
    if pts[0][0] > 1e-9:
        pts.insert(0, (0.0, offs))
    pos, src = np.array([p for p, _ in pts]), np.array([q for _, q in pts])
    return None if (np.diff(src) <= 0).any() else (pos, src)


def _unstretched(times: np.ndarray, markers, offs: float) -> np.ndarray:
    """Source seconds -> where a take without stretch markers would play them (a take tightened to the grid
    with stretch markers: the drums follow the audio as it is heard). A marker's pos is seconds into the item
    times the rate, its srcpos the source's; between markers the source is stretched evenly (a marker's slope
    is not followed), before the first the item start plays the take's start offset, after the last the rate
    is the take's."""
    points = marker_points(markers, offs)
    if points is None:
        return times
    pos, src = points
    out = np.interp(times, src, pos)
    out = np.where(times < src[0], pos[0] + times - src[0], np.where(times > src[-1], pos[-1] + times - src[-1], out))
    return offs + out


def _outside_its_file(a: dict, duration_s: float) -> str:
    """Why an item that does not loop its source plays none of its file (a start offset dragged past the
    file's end, or an item slid far left of it), in the producer's words; '' when it plays some."""
    if a.get("loop"):
        return ""
    rate = playrate(a)
    offs, length = float(a["startoffs"]), float(a["length"])
    file_s = float(a["section_length"]) if a.get("section_length") else \
        max(float(duration_s) - float(a.get("section_offset") or 0.0), 0.0)
    if offs >= file_s:
        return f"it starts {offs:.1f} s into its {file_s:.1f} s file, past its end: only silence plays (its take's start offset)"
    if offs + length * rate <= 0:
        return "it ends before its file starts: only silence plays (its take's start offset)"
    return ""


def audio_rows(bridge, items: list[dict], messages: list[str], again: str = "drumify again") -> list[str]:
    """Fill each audio item's "notes" with its onsets, "bass_notes" with its low bands' onsets and "bands" with its
    band levels' frames ((QN, dB): audio_item_bands.py), in project QN (one more round trip for them all). An item whose file cannot be read (offline, moved,
    damaged) is left out, said in `messages`, so the others still get their drums; returns those errors.
    An item heard at another tempo than the project's is said first in `messages` (audio_item_tempo.py; `again`:
    what to do once the tempos agree)."""
    from reagroove.core.audio import BASS_ONSET_PITCH, ONSET_PITCH, onset_envelope, pick_bass_onsets, pick_onsets
    from dataclasses import replace

    from reagroove.core.audio_floor import without_count_in
    from reagroove.core.errors import InputFileError

    cache: dict[str, tuple] = {}
    found, unreadable = [], {}
    for entry in items:
        a = entry["audio"]
        label = entry.get("name") or a["path"]
        if a.get("reversed"):
            # its attacks play as swells ending in a cut: the file's onsets are not where they are heard
            messages.append(f"left out '{label}': it plays its audio reversed (render it to a new take, "
                            "Item > Apply track/take FX to items, to drum to it as heard)")
            continue
        if a.get("type") in NOT_AUDIO_FILES:  # no file of sound to read here: the others still get their drums
            messages.append(f"left out '{label}': {NOT_AUDIO_FILES[a['type']]}, whose sound is not read "
                            "(render it to a new take to drum to it)")
            continue
        if a["path"] in unreadable:
            continue
        key = a["path"], tuple(a.get("channels") or ())
        if key not in cache:
            try:
                # a take playing one side of a stereo file (its channel mode) hears that side only; the band levels
                # from the same read (the file decoded once: audio_item_bands.py)
                env = onset_envelope(a["path"], channels=a.get("channels"), bands=True)
            except InputFileError as exc:
                # alone, its line is the run's: with what to do when REAPER has the file offline (moved, deleted)
                relink = "" if os.path.exists(a["path"]) else (
                    ", offline in REAPER: give it its file again in the item's properties (F2) > Choose new file")
                unreadable[a["path"]] = f"{exc} (the audio of the selected item '{label}'{relink})"
                messages.append(f"left out '{label}': {exc}")
                continue
            # a count-in's clicks are no part of the groove (the project's grid places bar 1 here)
            heard = pick_onsets(env)
            onsets, clicks = without_count_in(heard, env.level, env.fps)
            low = pick_bass_onsets(env)
            if clicks:
                messages.append(f"'{label}': a count-in ({clicks} clicks) left out of the groove")
                # ... and out of the bass, as the CLI's read_audio leaves it out (the low bands hear the clicks too: a
                # time selection had its drums over them): from halfway between the last click and the part on
                after = (float(heard.times[clicks - 1]) + float(onsets.times[0])) / 2 if len(onsets.times) else np.inf
                keep = low.times >= after
                low = replace(low, times=low.times[keep], strength=low.strength[keep], velocity=low.velocity[keep])
            # (its band levels: a new layer coming in starts a section, as in a file; those of the side it plays)
            side = [c for c in a.get("channels") or () if c < env.channels]  # (as onset_envelope picks them)
            side = side if 0 < len(side) < env.channels else None
            cache[key] = onsets, low, file_tempo(env, onsets), file_frames(a["path"], env.duration_s,
                                                                                           env.bands, side)
            # a damaged or clipping file is read as far as it goes: the producer hears why the drums stop or stray
            messages.extend(f"'{label}': {note}" for note in env.notes)
        onsets, low, bpm, frames = cache[key]
        outside = _outside_its_file(a, onsets.duration_s)
        if outside:  # REAPER plays silence there: said, not a bare "no onsets"
            messages.append(f"left out '{label}': {outside}")
            continue
        for key, pitch, det in (("notes", ONSET_PITCH, onsets), ("bass_notes", BASS_ONSET_PITCH, low)):
            times, vel = _audio_project_times(entry, det)
            found.append((entry, key, pitch, times, vel, bpm))
        if frames is not None:  # (the levels ride in the pitch's place, each frame's index in the velocity's)
            found.append((entry, "bands", frames[1], *_audio_project_times(entry, frames[0]), bpm))
    read = {id(e) for e, *_ in found}
    for entry in items:  # said above: it sets no bars of drums (a video under the whole song)
        entry["left_out"] = id(entry) not in read
    every = [float(t) for *_, times, _, _ in found for t in times]
    qns = bridge.call("times_to_qn", every) if every else []
    k, off_tempo = 0, []
    for entry, key, pitch, times, vel, bpm in found:
        q = np.asarray(qns[k : k + len(times)], np.float64)
        k += len(times)
        v = np.clip(np.round(vel * 127), 1, 127)
        ok = (q >= entry["start_qn"] - 1e-6) & (q < entry["end_qn"] - 1e-9)
        if key == "bands":  # each frame heard in the item: (QN, its levels)
            entry[key] = q[ok], pitch[vel[ok].astype(np.int64)]
            continue
        entry[key] = [[max(float(a), entry["start_qn"]), float(a) + 0.25, pitch, int(b), 0] for a, b in zip(q[ok], v[ok])]
        if key == "notes":  # never drums silently off the item's beat: the tempo to set said first
            off_tempo.append(tempo_line(entry.get("name") or entry["audio"]["path"], bpm, entry["audio"],
                                        times[ok], q[ok], entry["end_qn"] - entry["start_qn"], again))
    messages[:0] = [line for line in dict.fromkeys(off_tempo) if line]
    return list(unreadable.values())
