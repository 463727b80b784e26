"""The panel's logic without Qt: modes, settings edits, undo, patterns, presets, the preview's drums, exports.

The Qt window (app.py) turns each user gesture into one call here and then
redraws from `controller.settings`; everything below is plain Python and
numpy, so it is tested and reused without a screen.

The latent pad's geometry and the rules for which controls take effect are
in blend.py (plain Python, shared with the docked panel); the input groove in
input_groove.py, REAPER's transport (tempo, bar and beat, live figures) in
transport.py.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np

from reagroove.core.engine import Engine
from reagroove.core.errors import ReaGrooveError
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES, Loop
from reagroove.core.midi_write import write_loops
from reagroove.core.named_sections import lift_choruses, named_pairs
from reagroove.core.patterns import Pattern, load_patterns, pattern_from_file
from reagroove.core.phrases import crash_inside
from reagroove.core.settings import Settings, parse_fill_bars
from reagroove.core.wording import counted

from .edits import EditsOn, HandEdits, count_text
from .blend import PAD_VERTICES, blend_to_pad, inactive_controls, pad_to_blend
# the input groove and REAPER's transport have modules of their own; the names still imported from here stay
from .input_groove import InputGroove, first_window_with_content, input_from_midi, input_from_selection, live_input
from .note_words import in_panel_words
from .store import PanelStore
from .transport import bar_and_beat

HISTORY = 200  # settings edits Undo goes back through
DRAG_GAP_S = 0.5  # a drag's moves closer together than this are one Undo step
TYPING = "typing"  # a gesture: one entry typed in a field (its digits, each taken as typed, are one step)
MAX_PRESET_NAME = 64  # a longer name fits no menu and turns the status line's messages into walls of text

# ---------------------------------------------------------------- modes

REAPER = "reaper"  # connected to REAPER: actions work on the selected items
FILES = "files"  # standalone: the input is a MIDI file, drums are exported as MIDI
PORTS = "ports"  # standalone, playing live on MIDI ports


def mode_text(mode: str, *, standalone: bool = False, detail: str = "") -> str:
    """What the mode badge says."""
    if mode == REAPER:
        text = "REAPER · connected"
    elif mode == PORTS:
        text = "Standalone · MIDI ports"
    elif standalone:
        text = "Standalone · MIDI files"
    else:
        text = "Standalone · MIDI files (REAPER not connected)"
    return f"{text} · {detail}" if detail else text


class PreviewLoop(np.ndarray):
    """A previewed loop with the engine's notes on the part's drums (a fill bar the music does not reach, its
    swing...): they travel with it from the worker thread to the status line, as the CLI prints them."""
    notes: tuple[str, ...] = ()


def noted(loop, messages) -> PreviewLoop:
    """`loop` as a PreviewLoop with the engine's `messages` (a part's DrumifyResult.messages) on it, once each."""
    loop = np.asarray(loop).view(PreviewLoop)
    loop.notes = tuple(dict.fromkeys(messages))
    return loop


# ---------------------------------------------------------------- the controller


def _same_inputs(a: tuple, b: tuple) -> bool:
    """The same generate inputs, (settings, objects, values): equal settings, the very same part (arrays,
    patterns: objects), equal values."""
    return a[0] == b[0] and all(x is y for x, y in zip(a[1], b[1])) and a[2] == b[2]


def lifted(result, section_names, time_signatures, settings):
    """`result` with each chorus the names name on the ride, as Drumify writes it (Engine.drumify for a file,
    song_phrases.selection_drums for REAPER's selection: the same lift_choruses; itself where none is a chorus); the
    preview had kept the hats."""
    return lift_choruses(result, named_pairs(section_names), list(time_signatures or ()), settings)


def edits_written_note(by_version: dict, n: int) -> str:
    """What a Variations line says of the hand edits: which versions have them, which are past the count."""
    with_edits = sorted(k for k, e in by_version.items() if len(e))
    kept = [k for k in with_edits if k <= n]
    past = [k for k in with_edits if k > n]
    text = f" (hand edits on v{', v'.join(map(str, kept))})" if kept else ""
    if past:
        text += (f"; note: hand edits on version{'s' if len(past) > 1 else ''} {', '.join(map(str, past))} "
                 f"not written (Variations makes {n}: raise the count)")
    return text


def variation_paths(path: str | os.PathLike, n: int) -> list[Path]:
    """The files n variations are written to: NAME_v1.mid .. NAME_vN.mid beside `path`."""
    base = Path(path)
    return [base.with_name(f"{base.stem}_v{i + 1}{base.suffix or '.mid'}") for i in range(n)]


class PanelController:
    """The panel's state (settings, input, patterns, presets, options) and its operations."""

    def __init__(self, engine: Engine, store: PanelStore, settings: Settings | None = None):
        self.engine = engine
        self.store = store
        self.settings = settings or Settings()
        self.input: InputGroove | None = None
        self.presets: dict[str, Settings] = store.load_presets()
        self.edits = HandEdits()  # hits added and removed on the piano roll, over the generated drums (version 1's)
        # the hand edits made on Variations' versions 2.. (version -> HandEdits): each version keeps its own, as
        # a producer who fixed a hit on version 3 expects to find it there again, and Variations writes them
        self.version_edits: dict[int, HandEdits] = {}
        self.edits_stepped: int | None = None  # the version whose hand edits the last Undo/Redo put back
        self.step_said = ""  # ... what that edit was ("added kick at bar 1, beat 2"), and the bars it changed
        self.step_bars: list[int] = []
        self._undo: list = []  # the settings (or hand edits) before each edit, the latest last
        self._redo: list = []
        self._gesture, self._gesture_at = None, 0.0
        # the last part drummed by generate (its inputs, then the result): another window of it under the same
        # settings is read from there; the whole part was drummed again for each (a second on 200 bars)
        self._drummed: tuple | None = None

    # ------------------------------------------------------------ undo

    def remember(self, before: Settings, gesture=None, now: float = 0.0) -> None:
        """`before`: the settings an edit replaced, for Undo. The moves of one drag (the same `gesture`, each
        within DRAG_GAP_S of the last) are one step: Undo puts back where the drag started."""
        if before == self.settings:
            return
        paused = now - self._gesture_at > DRAG_GAP_S and gesture is not None and gesture[0] != TYPING
        if gesture is None or gesture != self._gesture or paused:
            self._undo.append(before)
            del self._undo[:-HISTORY]
        self._gesture, self._gesture_at = gesture, now
        self._redo.clear()

    def edits_on(self, version: int = 1) -> HandEdits:
        """The hand edits of version `version` (1: the plain drums Export and Drumify write)."""
        return self.edits if version <= 1 else self.version_edits.get(int(version), HandEdits())

    def set_edits_on(self, version: int, edits: HandEdits) -> None:
        if version <= 1:
            self.edits = edits
        elif len(edits):
            self.version_edits[int(version)] = edits
        else:
            self.version_edits.pop(int(version), None)

    def all_edits(self) -> dict[int, HandEdits]:
        """version -> its hand edits, for the versions that have some."""
        return {k: e for k, e in {1: self.edits, **self.version_edits}.items() if len(e)}

    def remember_edits(self, before: HandEdits, version: int = 1, gesture=None, now: float = 0.0,
                       what: str = "") -> None:
        """`before`: the hand edits of `version` a click replaced: one Undo step each, on the settings' stack;
        `what`: what the click did, said by Undo. The notches of one turn of the wheel on a hit (the same `gesture`,
        each within DRAG_GAP_S of the last) are one step, as a drag is: each was one, and Ctrl+Z took back a notch
        at a time."""
        if before == self.edits_on(version):
            return
        going_on = gesture is not None and gesture == self._gesture and now - self._gesture_at <= DRAG_GAP_S
        if not going_on:
            self._undo.append(EditsOn(max(int(version), 1), before, what))
            del self._undo[:-HISTORY]
        elif self._undo and self._undo[-1] == EditsOn(max(int(version), 1), self.edits_on(version)):
            self._undo.pop()  # wheeled back where the turn started: nothing for Ctrl+Z to take back
        self._gesture, self._gesture_at = gesture, now
        self._redo.clear()

    def drop_edits(self) -> int:
        """Another input: its bars are not the edits' (Undo does not bring them back either); how many went."""
        n = sum(len(e) for e in self.all_edits().values())
        self.edits, self.version_edits = HandEdits(), {}
        self._undo = [e for e in self._undo if not isinstance(e, (HandEdits, EditsOn))]
        self._redo = [e for e in self._redo if not isinstance(e, (HandEdits, EditsOn))]
        return n

    def undo(self) -> Settings | None:
        """The settings before the last edit (None: nothing to undo)."""
        return self._step(self._undo, self._redo)

    def redo(self) -> Settings | None:
        return self._step(self._redo, self._undo)

    def _step(self, source: list, target: list) -> Settings | None:
        if not source:
            return None
        self.edits_stepped = None
        if isinstance(source[-1], (HandEdits, EditsOn)):
            step = source.pop()
            version, edits = (step.version, step.edits) if isinstance(step, EditsOn) else (1, step)
            self.step_said = getattr(step, "what", "")
            self.step_bars = edits.bars_changed(self.edits_on(version))
            target.append(EditsOn(version, self.edits_on(version), self.step_said))
            self.set_edits_on(version, edits)
            self.edits_stepped, self._gesture = version, None
            return self.settings
        target.append(self.settings)
        self.settings, self._gesture = source.pop(), None
        self.drop_missing_patterns()  # a pattern deleted since is not brought back as a name that plays nothing
        return self.settings

    @property
    def variations(self) -> int:
        """How many versions Variations makes: a setting (Settings.variations), shared with the docked panel."""
        return self.settings.variations

    @variations.setter
    def variations(self, n: int) -> None:
        self.update(variations=n)

    def tuned_thresholds(self) -> tuple[float, ...]:
        """The model's per-voice thresholds (Engine.tuned_thresholds: its own, else 0.5 each)."""
        return self.engine.tuned_thresholds()

    # ------------------------------------------------------------ settings edits

    def update(self, **changes) -> Settings:
        """Change settings fields (validated by Settings); returns the new settings."""
        self.settings = self.settings.replace(**changes)
        return self.settings

    def set_genre_weight(self, genre: str, weight: float) -> Settings:
        mix = dict(self.settings.genre)
        mix[genre] = round(float(weight), 3)
        return self.update(genre=mix)

    def solo_genre(self, genre: str | None) -> Settings:
        """One genre at full weight, or None for no preference."""
        return self.update(genre={genre: 1.0} if genre else {})

    def set_voice_group(self, group: str, on: bool) -> Settings:
        return self.update(voice_groups={**self.settings.voice_groups, group: bool(on)})

    def set_pad(self, x: float, y: float) -> Settings:
        t, f = pad_to_blend(x, y, self.settings.interpolate)
        return self.update(interpolate=t, follow=f)

    def set_custom_thresholds(self, on: bool) -> Settings:
        return self.update(threshold=self.tuned_thresholds() if on else None)

    def set_threshold(self, voice: int, value: float) -> Settings:
        values = list(self.settings.threshold or self.tuned_thresholds())
        values[voice] = round(float(value), 3)
        return self.update(threshold=tuple(values))

    def set_hit_limits(self, on: bool) -> Settings:
        return self.update(max_hits=(STEPS,) * N_VOICES if on else None)

    def set_max_hits(self, voice: int, hits: int) -> Settings:
        values = list(self.settings.max_hits or (STEPS,) * N_VOICES)
        values[voice] = int(hits)
        return self.update(max_hits=tuple(values))

    def set_fill_bars(self, text: str) -> Settings:
        """Bars that end in a fill, as typed: "8, 16, 24" (commas and/or spaces, as --fill-bars); nothing typed = none."""
        bars = parse_fill_bars(text)
        if any(b < 1 for b in bars):  # Settings would name its field and print a tuple
            raise ReaGrooveError(f"fill bars '{str(text).strip()}': bars count from 1, e.g. 8, 16, 24")
        return self.update(fill_bars=bars)

    def fills_past_end(self) -> str | None:
        """What to say of fill bars past the input's last bar (taken without a word, no fill was heard)."""
        last = None if self.input is None else self.input.last_bar
        past = [b for b in self.settings.fill_bars or () if last is not None and b > last]
        if not past:
            return None
        return (f"fill bar{'s' if len(past) > 1 else ''} {', '.join(map(str, past))} past the part's last bar "
                f"({last}): no fill there")

    def new_seed(self, rng: random.Random | None = None) -> Settings:
        """The dice: a new take. At a temperature set to 0 every seed plays the most likely loop, so the
        temperature goes back to its default (Settings: the take temperature for any seed but 0)."""
        seed = (rng or random).randrange(0, 2**31 - 1)
        if self.settings.temperature == 0.0 and not self.settings.temperature_auto:
            return self.update(seed=seed, temperature=None)
        return self.update(seed=seed)

    # ------------------------------------------------------------ patterns A and B

    def pattern_names(self) -> list[str]:
        return self.engine.patterns.names()

    def set_pattern(self, slot: str, name: str | None) -> Settings:
        if name is not None:
            self.engine.patterns.get(name)  # unknown names fail here, listing the known ones
        return self.update(**{f"pattern_{slot.lower()}": name})

    def add_pattern(self, pattern: Pattern, slot: str) -> Settings:
        """A new pattern (from a MIDI file or REAPER's selection) saved and set as A or B (the store reads the file
        again before writing it, so patterns saved elsewhere since stay)."""
        self.engine.patterns.add(pattern)
        return self.set_pattern(slot, pattern.name)

    def add_pattern_from_midi(self, path: str | os.PathLike, slot: str, warnings: list[str] | None = None) -> Settings:
        """A MIDI or audio file's first 2-bar window as pattern A or B (audio: tempo and bar 1 estimated, said in
        `warnings`), saved under the file's name: "verse (2)" where that name is a built-in pattern or the other
        slot's (B from another song's verse.mid would replace A's verse), once more from the same file updates it."""
        base = " ".join("".join(c if c.isprintable() else " " for c in Path(path).stem).split()) or "pattern"
        other = getattr(self.settings, "pattern_b" if slot.upper() == "A" else "pattern_a")
        name, k = base, 1
        while name in self.engine.patterns.defaults or name == other:
            k += 1
            name = f"{base} ({k})"
        return self.add_pattern(pattern_from_file(path, name, warnings=warnings), slot)

    def pattern(self, slot: str) -> Pattern | None:
        name = getattr(self.settings, f"pattern_{slot.lower()}")
        if name is None:
            return None
        try:
            return self.engine.patterns.get(name)
        except ReaGrooveError:
            return None

    def reload_patterns(self) -> None:
        """Patterns saved to the patterns file by another process since this one read it: the docked panel's
        ←item (the engine saves the REAPER item as reaper-A), `reagroove patterns add`."""
        store = self.engine.patterns
        path = getattr(store, "path", None)
        if path is None or not Path(path).is_file():
            return
        try:
            store.user.update(load_patterns(path))
        except (ReaGrooveError, OSError):
            pass  # unreadable now: the names it would hold are reported missing, as before

    def drop_missing_patterns(self) -> list[str]:
        """Forget A/B names the pattern store does not have (after loading saved settings, the other panel's
        or a preset's), once the patterns file is read again for those saved since."""
        if {self.settings.pattern_a, self.settings.pattern_b} - {None} - set(self.pattern_names()):
            self.reload_patterns()
        known, dropped = set(self.pattern_names()), []
        for slot in ("a", "b"):
            name = getattr(self.settings, f"pattern_{slot}")
            if name is not None and name not in known:
                dropped.append(name)
                self.settings = self.settings.replace(**{f"pattern_{slot}": None})
        return dropped

    # ------------------------------------------------------------ presets

    def preset_names(self) -> list[str]:
        return sorted(self.presets)

    def save_preset(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise ReaGrooveError("a preset needs a name")
        if len(name) > MAX_PRESET_NAME:
            raise ReaGrooveError(f"a preset name can have at most {MAX_PRESET_NAME} characters: choose a shorter one")
        self._write_presets({**self.presets, name: self.settings}, f"preset '{name}' not saved")

    def _write_presets(self, presets: dict[str, Settings], what: str) -> None:
        """Keep `presets` only once they are on disk: a preset listed but never written would be gone next run."""
        try:
            self.store.save_presets(presets)
        except OSError as exc:  # a read-only or full config folder (OutputFileError says which file and why)
            raise ReaGrooveError(f"{what}: {exc}; free some space or start with a writable --config-dir") from None
        self.presets = presets

    def load_preset(self, name: str) -> Settings:
        if name not in self.presets:
            raise ReaGrooveError(f"no preset named '{name}'")
        self.settings = self.presets[name]
        dropped = self.drop_missing_patterns()
        if dropped:
            raise ReaGrooveError(f"preset '{name}' loaded without pattern {', '.join(dropped)} (not saved here)")
        return self.settings

    def delete_preset(self, name: str) -> None:
        if name in self.presets:
            self._write_presets({n: p for n, p in self.presets.items() if n != name}, f"preset '{name}' not deleted")

    # ------------------------------------------------------------ generation and exports

    def generate(self, settings: Settings, groove: np.ndarray, **inputs) -> np.ndarray:
        """The loop for one groove: what the piano roll previews (called off the UI thread); the keywords as
        InputGroove.model_inputs gives them (drum_part's)."""
        result, window = self.drum_part(settings, groove, **inputs)
        return noted(result.loops[window], result.messages)

    def drum_part(self, settings: Settings, groove: np.ndarray, *, part: np.ndarray | None = None, window: int = 0,
                 bass: np.ndarray | None = None, drum_part: bool = False, meters: list | None = None,
                 bars: np.ndarray | None = None, section_bars=(), phrase_start: int | None = None,
                 starts: np.ndarray | None = None, end: float = float("inf"), sounding: np.ndarray | None = None,
                 opens_part: bool = True, bar_shift: int = 0, tempos=None, song_end: bool = True,
                 inside: bool = False, parts: np.ndarray | None = None,
                 bass_sounding: np.ndarray | None = None, kit: np.ndarray | None = None,
                 lows: np.ndarray | None = None, whole_items=None, section_names=(), time_signatures=None,
                 band_levels=None) -> tuple:
        """(the part drummed, the window shown in it) for one groove; the keywords as
        InputGroove.model_inputs gives them. The groove plays as window `window` of the input's windows
        (part; bass, meters, bars: theirs) and the whole part is drummed as an export drums it
        (Engine.drumify_grooves: its sections and phrases, takes, held pattern, fills and crashes), so the
        preview is, bit for bit, what an export writes on that window's bars (the same model calls on the
        same batches: a part decoded in smaller batches can differ in the last bit of a velocity). A time selection
        clipping REAPER's items (whole_items) plays their whole drums in its bars, as Drumify writes them. A chorus
        the file's markers or REAPER's regions name (section_names: (beat, name); time_signatures: the input's) plays
        on the ride as Drumify writes it (named_sections.lift_choruses; a time selection's: its items' project's)."""
        groove = np.asarray(groove, np.float32)
        if whole_items is not None and part is not None and np.array_equal(groove, part[window]):
            return self._whole_items_drums(settings, whole_items), window
        if inside and bars is not None and phrase_start is not None:  # a time selection inside a part, as Drumify
            settings = crash_inside(settings, int(bars[0]), phrase_start, section_bars, bar_shift)
        # what the part's drums depend on: settings, patterns and arrays (compared as objects), plain values
        inputs = (settings, (*self._patterns_of(settings), part, bass, meters, bars, starts, sounding, parts,
                             bass_sounding, kit, lows, band_levels),
                  (tuple(int(b) for b in section_bars), phrase_start, float(end), bool(drum_part), bool(opens_part),
                   int(bar_shift), None if tempos is None else tuple(map(tuple, tempos)), bool(song_end),
                   named_pairs(section_names), None if time_signatures is None else tuple(map(tuple, time_signatures))))
        whole = part is not None and np.array_equal(groove, part[window])  # the part as it is: cached, looked up
        drummed = self._drummed  # read once: the UI thread may drop it meanwhile
        if whole and drummed is not None and _same_inputs(drummed[0], inputs):
            return drummed[1], window
        grooves = groove[None].copy() if part is None else np.array(part, np.float32)
        if part is None:
            window, meters, bars, starts, end, sounding, tempos, parts = 0, None, None, None, float("inf"), None, None, None
            bass_sounding = kit = lows = band_levels = None
        grooves[window] = groove
        # starts and end as the export has them: where the band stops dead and the song's last chord (the
        # drums' last hit) are found on the windows' beats, so the preview's last bar is the export's
        result = self.engine.drumify_grooves(grooves, settings, starts=starts, bars=bars,
                                             meters=list(meters) if meters else None, section_bars=section_bars,
                                             phrase_start=phrase_start, bass=bass, drum_part=drum_part, end=end,
                                             sounding=sounding, opens_part=opens_part, bar_shift=bar_shift,
                                             tempos=tempos, song_end=song_end, parts=parts,
                                             bass_sounding=bass_sounding,  # a trap 808's sustain, as drumify's
                                             kit=kit,  # a drum part's own pattern, as drumify's
                                             lows=lows,  # (a new riff starts a section, as drumify hears it)
                                             band_levels=band_levels)  # (a new layer in an audio take: one too)
        if part is not None and bars is not None:  # (one groove alone has no song bars a name could fall on)
            result = lifted(result, section_names, time_signatures, settings)
        if whole:
            self._drummed = (inputs, result)
        return result, window

    def _whole_items_drums(self, settings: Settings, whole_items):
        """selection_range.WholeItems.preview under `settings`, the last one kept as drum_part keeps its part's."""
        inputs = (settings, (*self._patterns_of(settings), whole_items), ())
        drummed = self._drummed
        if drummed is not None and _same_inputs(drummed[0], inputs):
            return drummed[1]
        result = whole_items.preview(self.engine, settings)
        items = whole_items.items  # (actions.Selection: the project's names, as song_phrases.selection_drums reads)
        result = lifted(result, items.project.get("section_names") or (), items.content.time_signatures, settings)
        self._drummed = (inputs, result)
        return result

    def _patterns_of(self, settings: Settings) -> tuple:
        """The A and B patterns the settings name (objects: a pattern read again from its file is another)."""
        found = []
        for name in (settings.pattern_a, settings.pattern_b):
            try:
                found.append(None if name is None else self.engine.patterns.get(name))
            except ReaGrooveError:
                found.append(None)
        return tuple(found)

    def _file_input(self, source: InputGroove | None = None) -> InputGroove:
        src = self.input if source is None else source
        if src is None or src.content is None:
            raise ReaGrooveError("open a MIDI file first (the drums are written for the whole file)")
        return src

    def export_drums(self, path: str | os.PathLike, settings: Settings, source: InputGroove | None = None,
                     edits: HandEdits | None = None) -> str:
        """Drums for the whole input file written as a drum MIDI file, lined up with it; `source`: the input
        when the export was asked for (a job runs later: another file opened meanwhile is not the one drummed);
        `edits`: the hand edits then (None: the ones now), on top, as the piano roll shows them."""
        src = self._file_input(source)
        self._refuse_overwriting_input(path, src)
        result = self.engine.drumify(src.content, settings)
        edits = self.edits if edits is None else edits
        loops = edits.apply_all(result.loops, result.bars)
        write_loops(path, [Loop.from_hvo(h) for h in loops], tempos=src.content.tempos, time_signatures=src.content.time_signatures,
                    starts=result.starts, spans=result.spans, cross_sticks=result.cross_sticks)
        # the engine's notes as the CLI prints them (the preview says them too): once each
        notes = dict.fromkeys(list(getattr(src.content, "warnings", [])) + list(result.messages))
        mine = f", with your {count_text(len(edits))}" if len(edits) else ""  # said: the file is not the engine's alone
        return (f"wrote {path}: {counted(len(result.loops), 'loop')}{mine}"
                + "".join(f"; note: {in_panel_words(m)}" for m in notes))

    def write_variations(self, path: str | os.PathLike, n: int, settings: Settings,
                         source: InputGroove | None = None, edits: HandEdits | dict | None = None) -> str:
        """n versions of the whole drum part as NAME_v1.mid .. NAME_vN.mid (`source` as export_drums'); each with
        the hand edits made on it, as the editor shows it (versions.py): `edits` version -> HandEdits (a
        HandEdits: version 1's alone; None: the ones now)."""
        src = self._file_input(source)
        paths = variation_paths(path, n)
        for p in paths:
            self._refuse_overwriting_input(p, src)
        result = self.engine.drumify(src.content, settings)
        versions = list(self.engine.variations_of(result, settings, n))
        # version 1 is the export's drums bit for bit (variations_of decodes n at once: a velocity's last bit
        # can differ), so the editor's v1, its preview, is what is written
        by_version = self.all_edits() if edits is None else {1: edits} if isinstance(edits, HandEdits) else edits
        versions[0] = result.loops
        for k, on in by_version.items():
            if 1 <= k <= n:
                versions[k - 1] = on.apply_all(versions[k - 1], result.bars)
        for p, loops in zip(paths, versions):
            write_loops(p, [Loop.from_hvo(h) for h in loops], tempos=src.content.tempos,
                        time_signatures=src.content.time_signatures, starts=result.starts, spans=result.spans,
                        cross_sticks=result.cross_sticks)
        text = (f"wrote 1 variation: {paths[0].name}" if n == 1  # "wrote 1 variations: x_v1.mid .. x_v1.mid" was said
                else f"wrote {n} variations: {paths[0].name} .. {paths[-1].name}")
        return text + edits_written_note(by_version, n)

    @staticmethod
    def _refuse_overwriting_input(path, src: InputGroove) -> None:
        if src.path and Path(path).resolve() == Path(src.path).resolve():
            raise ReaGrooveError(f"{path}: refusing to overwrite the input file")


__all__ = [
    "FILES", "GENRES", "PAD_VERTICES", "PORTS", "REAPER", "VOICES", "InputGroove",
    "PanelController", "bar_and_beat", "blend_to_pad", "first_window_with_content", "inactive_controls", "input_from_midi", "input_from_selection", "live_input",
    "mode_text", "pad_to_blend",
]
