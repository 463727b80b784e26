"""A REAPER-side function for the fixture's own tests: it does all its work
inside the (simulated) REAPER and is called over reapy's socket in one request,
the pattern ReaGroove's REAPER-side module uses. Importing this module does
not import reaper_python or reapy, so the client side can import it too (to
encode the function as ``{"__callable__": ..., "module_name", "name"}``)."""


def selected_notes():
    """[[item position, [[start_ppq, end_ppq, chan, pitch, vel], ...]], ...] of the selected items."""
    import reaper_python as rpr

    out = []
    for i in range(rpr.RPR_CountSelectedMediaItems(0)):
        item = rpr.RPR_GetSelectedMediaItem(0, i)
        take = rpr.RPR_GetActiveTake(item)
        n = rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]
        notes = [list(rpr.RPR_MIDI_GetNote(take, j, 0, 0, 0, 0, 0, 0, 0)[5:]) for j in range(n)]
        out.append([rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"), notes])
    return out
