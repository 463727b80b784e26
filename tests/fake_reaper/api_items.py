"""Simulated API: media items (creation, selection, info values, moving, MIDI extents)."""

from .api_common import _api, _changed, _cstr, _item, _proj, _track
from .api_tracks import _string_param
from .project import PPQ


# --------------------------------------------------------------------------
# items
# --------------------------------------------------------------------------


@_api
def _CreateNewMIDIItemInProj(R, tr, start, end, qn_in):
    # "Create a new MIDI media item, containing no MIDI events. Time is in
    # seconds unless qn is set." DOC UNCLEAR: selection of the new item is not
    # documented; the simulation leaves it unselected and the take unnamed.
    t = _track(R, tr, "CreateNewMIDIItemInProj")
    if t is None or t.is_master:
        return 0
    p = t.project
    if qn_in.get(0):
        start, end = p.qn_to_time(start), p.qn_to_time(end)
    if end < start:
        return 0
    return R.create_midi_item(t, start, end).ptr


@_api
def _AddMediaItemToTrack(R, tr):
    t = _track(R, tr, "AddMediaItemToTrack")
    if t is None or t.is_master:
        return 0
    return R.create_item(t).ptr


@_api
def _CountMediaItems(R, proj):
    p = _proj(R, proj, "CountMediaItems")
    return len(p.all_items()) if p else 0


@_api
def _GetMediaItem(R, proj, idx):
    p = _proj(R, proj, "GetMediaItem")
    items = p.all_items() if p else []
    return items[idx].ptr if 0 <= idx < len(items) else 0


@_api
def _CountSelectedMediaItems(R, proj):
    p = _proj(R, proj, "CountSelectedMediaItems")
    return len(p.selected_items()) if p else 0


@_api
def _GetSelectedMediaItem(R, proj, idx):
    p = _proj(R, proj, "GetSelectedMediaItem")
    items = p.selected_items() if p else []
    return items[idx].ptr if 0 <= idx < len(items) else 0


@_api
def _SetMediaItemSelected(R, item, selected):
    it = _item(R, item, "SetMediaItemSelected")
    if it is not None:
        it.values["B_UISEL"] = 1.0 if selected else 0.0


@_api
def _IsMediaItemSelected(R, item):
    it = _item(R, item, "IsMediaItemSelected")
    return bool(it and it.values["B_UISEL"])


@_api
def _SelectAllMediaItems(R, proj, selected):
    p = _proj(R, proj, "SelectAllMediaItems")
    for it in (p.all_items() if p else []):
        it.values["B_UISEL"] = 1.0 if selected else 0.0


_ITEM_RO = {"IP_ITEMNUMBER", "P_TRACK", "B_MUTE_ACTUAL", "C_LANEPLAYS"}


@_api
def _GetMediaItemInfo_Value(R, item, parm):
    it = _item(R, item, "GetMediaItemInfo_Value")
    if it is None:
        return 0.0
    name = _cstr(parm) or ""
    if name == "IP_ITEMNUMBER":
        return float(it.track.sorted_items().index(it))
    if name == "I_CURTAKE":
        return float(it.active)
    if name == "P_TRACK":
        return float(it.track.ptr)
    if name == "B_MUTE_ACTUAL":
        return float(bool(it.values["B_MUTE"]))
    if name == "C_LANEPLAYS":
        # read-only, from the track's lane: meaningful only in fixed-lane mode (0 elsewhere, as REAPER's doc
        # gives no other value for free tracks; DOC UNCLEAR)
        if it.track.values.get("I_FREEMODE") != 2.0:
            return 0.0
        return float(it.track.values.get(f"C_LANEPLAYS:{int(it.values['I_FIXEDLANE'])}", 0.0))
    return float(it.values.get(name, 0.0))


@_api
def _SetMediaItemInfo_Value(R, item, parm, value):
    it = _item(R, item, "SetMediaItemInfo_Value")
    name = _cstr(parm) or ""
    if it is None or name in _ITEM_RO:
        return False
    if name == "I_CURTAKE":
        if not 0 <= int(value) < len(it.takes):
            return False
        it.active = int(value)
    elif name in it.values:
        if name.startswith(("I_", "B_", "C_")):
            value = float(int(value))
        if name == "D_LENGTH" and value < 0:
            return False
        it.values[name] = value
    else:
        return False
    _changed(it)
    return True


@_api
def _SetMediaItemLength(R, item, length, refresh):
    return _set_item_value(R, item, "D_LENGTH", length)


@_api
def _SetMediaItemPosition(R, item, position, refresh):
    return _set_item_value(R, item, "D_POSITION", position)


def _set_item_value(R, item, name, value):
    it = _item(R, item, name)
    if it is None or value < 0:
        return False
    it.values[name] = float(value)
    _changed(it)
    return True


@_api
def _GetSetMediaItemInfo_String(R, item, parm, buf, is_set):
    it = _item(R, item, "GetSetMediaItemInfo_String")
    if it is None:
        return False
    return _string_param(R, it, _cstr(parm), buf, is_set, {"P_NOTES": "notes_text"})


@_api
def _DeleteTrackMediaItem(R, tr, item):
    t = _track(R, tr, "DeleteTrackMediaItem")
    it = _item(R, item, "DeleteTrackMediaItem")
    if t is None or it is None or it.track is not t:
        return False
    return R.delete_item(it)


@_api
def _GetMediaItemTrack(R, item):
    it = _item(R, item, "GetMediaItemTrack")
    return it.track.ptr if it else 0


@_api
def _GetMediaItem_Track(R, item):
    it = _item(R, item, "GetMediaItem_Track")
    return it.track.ptr if it else 0


@_api
def _MoveMediaItemToTrack(R, item, tr):
    it = _item(R, item, "MoveMediaItemToTrack")
    t = _track(R, tr, "MoveMediaItemToTrack")
    if it is None or t is None or t.is_master:
        return False
    it.track.items.remove(it)
    it.track = t
    t.items.append(it)
    _changed(it)
    return True


@_api
def _GetItemProjectContext(R, item):
    it = _item(R, item, "GetItemProjectContext")
    return it.track.project.ptr if it else 0


@_api
def _MIDI_SetItemExtents(R, item, start_qn, end_qn):
    # DOC UNCLEAR: "Set the start/end positions of a media item that contains a
    # MIDI take." The simulation keeps the events at their project positions
    # and makes the source as long as the item.
    it = _item(R, item, "MIDI_SetItemExtents")
    if it is None or end_qn < start_qn:
        return False
    p = it.track.project
    for tk in it.takes:
        if tk.is_midi:
            shift = (p.take_source_start_qn(tk) - start_qn) * PPQ
            for n in tk.notes:
                n.start += shift
                if n.end is not None:
                    n.end += shift
            for c in tk.ccs:
                c.pos += shift
            for x in tk.texts:
                x.pos += shift
            tk.values["D_STARTOFFS"] = 0.0
            tk.length_qn = end_qn - start_qn
            tk.change_count += 1
    it.values["D_POSITION"] = p.qn_to_time(start_qn)
    it.values["D_LENGTH"] = p.qn_to_time(end_qn) - it.values["D_POSITION"]
    _changed(it)
    return True
