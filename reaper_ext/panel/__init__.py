"""ReaGroove's control panel: a Qt window beside REAPER (or on its own) that steers the engine.

    reagroove panel                    # connects to REAPER when it is there, else works on MIDI files and ports
    reagroove panel --standalone song.mid

Modules, lightest first (command, store, blend and controller import no Qt):
  command.py     the `panel` subcommand; imports neither Qt nor torch until it runs
  lock.py        one editor linked to REAPER at a time, from any entry point (a lock file in the data folder)
  store.py       state, layout, presets and the settings.json shared with the docked panel (atomic writes)
  blend.py       the pad's triangle and which controls take effect (plain Python; the docked panel uses it too)
  transport.py   REAPER's tempo, bar and beat, and the live-follow figures (plain Python)
  input_groove.py  what the drums follow: windows of a file, of REAPER's selection or of live input
  kept_edits.py  hand edits kept with their part between sessions (hand_edits.json in the user data folder)
  note_words.py  the engine's notes in the panels' words ("A ↔ B has no effect", not "interpolate"); no Qt
  controller.py  the panel's logic without Qt: settings edits, undo, patterns, presets, preview drums, exports
  events.py      Hooks, calls into the UI thread, and a guard for PySide6 6.12 on Python < 3.12
  workers.py     background threads: coalescing preview, the REAPER link, live play on MIDI ports
  pad.py         the latent pad over the A / B / groove triangle
  pianoroll.py   the pyqtgraph piano roll of the input groove and the generated loop
  controls.py    sliders, genre mixer, voice toggles, seed with dice
  per_voice.py   the Advanced section's per-voice thresholds and hit limits, under column headings
  sections.py    the window's docks and their widgets (a mixin of the window)
  wiring.py      actions, shortcuts, big buttons, toolbar and menus (a mixin)
  modes.py       REAPER / MIDI files / MIDI ports: mode-dependent actions, live follow, link reports (a mixin)
  persistence.py the layout, quick view and options saved and restored, hand edits kept and put back (a mixin)
  files.py       opening a part or a pattern file, exporting the drums (a mixin)
  app.py         the main window: settings <-> widgets, input and preview, files, presets, persistence
"""
