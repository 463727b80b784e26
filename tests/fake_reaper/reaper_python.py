"""Simulated ``reaper_python``: REAPER's Python ReaScript module, backed by an
in-memory REAPER (``fake_reaper.project``) instead of the REAPER executable.

It is built the way REAPER's own module is:

* ``_ft`` maps API function names to C function addresses (plain ints). Here
  every address is a ctypes ``CFUNCTYPE`` callback into the simulation, so
  code that calls REAPER "at the ctypes level" (``rpr_getfp(name)`` or
  ``_ft[name]`` + its own ``CFUNCTYPE`` prototype, as reapy's
  ``additional_api`` and ReaGroove's live input do) works unchanged.
* every ``RPR_Name`` wrapper is generated from the C declaration with REAPER's
  conventions: pointers travel as strings ``'(MediaItem*)0x00007F3A00001230'``
  packed by ``rpr_packp`` (looked up at call time, so reapy's replacement
  applies, as in REAPER); ``const char*`` arguments are encoded as UTF-8;
  ``char*`` output buffers are 4 MiB buffers decoded with ``str(buf.value.decode())``
  (so binary data is cut at the first NUL byte and bytes >= 0x80 that are not
  UTF-8 raise ``UnicodeDecodeError``, exactly like REAPER's wrapper); scalar
  pointer arguments (``int*``, ``double*``, ``bool*``) are passed by reference;
  a function with any output argument returns ``(retval, *all arguments)``
  with the outputs filled in (no retval for ``void`` functions); ``bool``
  results come back as the ints 0/1.
* ``RPR_defer(code)`` / ``RPR_atexit(code)`` take a string of Python code that
  runs later in the script's ``__main__`` namespace, as in REAPER's Python host.

Places where REAPER's documentation does not say what happens are marked
"DOC UNCLEAR" at the implementing function.
"""

import ctypes
import os
import re
import sys
import time
from ctypes import *  # noqa: F401,F403  (REAPER's module does the same)
from ctypes import CFUNCTYPE, c_byte, c_char_p, c_double, c_int, c_uint64, c_void_p  # noqa: F811

try:
    from fake_reaper import project as _fr
except ImportError:  # loaded as a top-level module from its own folder
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from fake_reaper import project as _fr

PPQ = _fr.PPQ

# lowercase rpr_ functions are for internal use (as in REAPER's module)

_ft = {}


def rpr_initft(ft):
    if len(_ft) == 0:
        _ft.update(ft)


def rpr_getfp(fn):
    return _ft[fn]


def rpr_packp(t, v):
    m = re.match(r'^\((\w+\*|HWND)\)0x([0-9A-F]+)$', str(v))
    if m is not None:
        (_t, _v) = m.groups()
        if _t == t or t == 'void*':
            a = int(_v[:8], 16)
            b = int(_v[8:], 16)
            p = c_uint64((a << 32) | b).value
            if RPR_ValidatePtr(p, t):
                return p
    return 0


def rpr_unpackp(t, v):
    if v is None:
        v = 0
    a = int(v >> 32)
    b = int(v & 0xFFFFFFFF)
    return '(%s)0x%08X%08X' % (t, a, b)


def rpr_packsc(v):
    return c_char_p(str(v).encode("UTF-8"))


def rpr_packs(v):
    MAX_STRBUF = 4 * 1024 * 1024
    return ctypes.create_string_buffer(str(v).encode("UTF-8"), MAX_STRBUF)


def rpr_unpacks(v):
    return str(v.value.decode())


def RPR_ValidatePtr(p, t):
    a = _ft['ValidatePtr']
    f = CFUNCTYPE(c_byte, c_uint64, c_char_p)(a)
    return f(c_uint64(p), rpr_packsc(t))


# --------------------------------------------------------------------------
# The API: C declarations (REAPER's names, argument order and types)
# --------------------------------------------------------------------------

_DECLS = r"""
bool ValidatePtr(void* pointer, const char* ctypename)
bool ValidatePtr2(ReaProject* proj, void* pointer, const char* ctypename)
ReaProject* EnumProjects(int idx, char* projfnOutOptional, int projfnOutOptional_sz)
ReaProject* GetCurrentProjectInLoadSave()
void SelectProjectInstance(ReaProject* proj)
void GetProjectName(ReaProject* proj, char* buf, int buf_sz)
void GetProjectPath(char* buf, int buf_sz)
void GetProjectPathEx(ReaProject* proj, char* buf, int buf_sz)
int GetProjectStateChangeCount(ReaProject* proj)
double GetProjectLength(ReaProject* proj)
void MarkProjectDirty(ReaProject* proj)
int IsProjectDirty(ReaProject* proj)
double GetSetProjectInfo(ReaProject* project, const char* desc, double value, bool is_set)
bool GetSetProjectInfo_String(ReaProject* project, const char* desc, char* valuestrNeedBig, bool is_set)
const char* GetAppVersion()
const char* GetResourcePath()
const char* GetExePath()
const char* get_ini_file()
const char* GetOS()
double time_precise()
void ShowConsoleMsg(const char* msg)
void ClearConsole()
int ShowMessageBox(const char* msg, const char* title, int type)
int MB(const char* msg, const char* title, int type)
void Main_OnCommand(int command, int flag)
void Main_OnCommandEx(int command, int flag, ReaProject* proj)
int NamedCommandLookup(const char* command_name)
const char* ReverseNamedCommandLookup(int command_id)
int AddRemoveReaScript(bool add, int sectionID, const char* scriptfn, bool commit)
int GetToggleCommandState(int command_id)
int GetToggleCommandStateEx(int section_id, int command_id)
bool SetToggleCommandState(int section_id, int command_id, int state)
void RefreshToolbar(int command_id)
void RefreshToolbar2(int section_id, int command_id)
void UpdateArrange()
void UpdateTimeline()
void TrackList_AdjustWindows(bool isMinor)
void PreventUIRefresh(int prevent_count)
void UpdateItemInProject(MediaItem* item)
const char* GetExtState(const char* section, const char* key)
void SetExtState(const char* section, const char* key, const char* value, bool persist)
bool HasExtState(const char* section, const char* key)
void DeleteExtState(const char* section, const char* key, bool persist)
int GetProjExtState(ReaProject* proj, const char* extname, const char* key, char* valOutNeedBig, int valOutNeedBig_sz)
int SetProjExtState(ReaProject* proj, const char* extname, const char* key, const char* value)
bool EnumProjExtState(ReaProject* proj, const char* extname, int idx, char* keyOutOptional, int keyOutOptional_sz, char* valOutOptional, int valOutOptional_sz)
void Undo_BeginBlock()
void Undo_BeginBlock2(ReaProject* proj)
void Undo_EndBlock(const char* descchange, int extraflags)
void Undo_EndBlock2(ReaProject* proj, const char* descchange, int extraflags)
const char* Undo_CanUndo2(ReaProject* proj)
const char* Undo_CanRedo2(ReaProject* proj)
int Undo_DoUndo2(ReaProject* proj)
int Undo_DoRedo2(ReaProject* proj)
void Undo_OnStateChange(const char* descchange)
void Undo_OnStateChange2(ReaProject* proj, const char* descchange)
void Undo_OnStateChangeEx(const char* descchange, int whichStates, int trackparm)
void Undo_OnStateChangeEx2(ReaProject* proj, const char* descchange, int whichStates, int trackparm)
int GetPlayState()
int GetPlayStateEx(ReaProject* proj)
double GetPlayPosition()
double GetPlayPosition2()
double GetPlayPositionEx(ReaProject* proj)
double GetPlayPosition2Ex(ReaProject* proj)
double GetCursorPosition()
double GetCursorPositionEx(ReaProject* proj)
void SetEditCurPos(double time, bool moveview, bool seekplay)
void SetEditCurPos2(ReaProject* proj, double time, bool moveview, bool seekplay)
void OnPlayButton()
void OnPlayButtonEx(ReaProject* proj)
void OnStopButton()
void OnStopButtonEx(ReaProject* proj)
void OnPauseButton()
void OnPauseButtonEx(ReaProject* proj)
void CSurf_OnPlay()
void CSurf_OnStop()
void CSurf_OnPause()
void CSurf_OnRecord()
int GetSetRepeat(int val)
int GetSetRepeatEx(ReaProject* proj, int val)
void GetSet_LoopTimeRange(bool isSet, bool isLoop, double* startOut, double* endOut, bool allowautoseek)
void GetSet_LoopTimeRange2(ReaProject* proj, bool isSet, bool isLoop, double* startOut, double* endOut, bool allowautoseek)
double Master_GetPlayRate(ReaProject* project)
double Master_GetPlayRateAtTime(double time_s, ReaProject* proj)
double Master_GetTempo()
void SetCurrentBPM(ReaProject* __proj, double bpm, bool wantUndo)
void GetProjectTimeSignature(double* bpmOut, double* bpiOut)
void GetProjectTimeSignature2(ReaProject* proj, double* bpmOut, double* bpiOut)
int CountProjectMarkers(ReaProject* proj, int* num_markersOut, int* num_regionsOut)
int EnumProjectMarkers2(ReaProject* proj, int idx, bool* isrgnOut, double* posOut, double* rgnendOut, const char** nameOut, int* markrgnindexnumberOut)
int CountTempoTimeSigMarkers(ReaProject* proj)
bool GetTempoTimeSigMarker(ReaProject* proj, int ptidx, double* timeposOut, int* measureposOut, double* beatposOut, double* bpmOut, int* timesig_numOut, int* timesig_denomOut, bool* lineartempoOut)
bool SetTempoTimeSigMarker(ReaProject* proj, int ptidx, double timepos, int measurepos, double beatpos, double bpm, int timesig_num, int timesig_denom, bool lineartempo)
bool AddTempoTimeSigMarker(ReaProject* proj, double timepos, double bpm, int timesig_num, int timesig_denom, bool lineartempochange)
bool DeleteTempoTimeSigMarker(ReaProject* project, int markerindex)
int FindTempoTimeSigMarker(ReaProject* project, double time)
double TimeMap2_timeToQN(ReaProject* proj, double tpos)
double TimeMap2_QNToTime(ReaProject* proj, double qn)
double TimeMap_timeToQN(double tpos)
double TimeMap_QNToTime(double qn)
double TimeMap_timeToQN_abs(ReaProject* proj, double tpos)
double TimeMap_QNToTime_abs(ReaProject* proj, double qn)
double TimeMap2_timeToBeats(ReaProject* proj, double tpos, int* measuresOutOptional, int* cmlOutOptional, double* fullbeatsOutOptional, int* cdenomOutOptional)
double TimeMap2_beatsToTime(ReaProject* proj, double tpos, const int* measuresInOptional)
void TimeMap_GetTimeSigAtTime(ReaProject* proj, double time, int* timesig_numOut, int* timesig_denomOut, double* tempoOut)
double TimeMap_GetMeasureInfo(ReaProject* proj, int measure, double* qn_startOut, double* qn_endOut, int* timesig_numOut, int* timesig_denomOut, double* tempoOut)
int TimeMap_QNToMeasures(ReaProject* proj, double qn, double* qnMeasureStartOutOptional, double* qnMeasureEndOutOptional)
double TimeMap2_GetDividedBpmAtTime(ReaProject* proj, double time)
double TimeMap_GetDividedBpmAtTime(double time)
double TimeMap2_GetNextChangeTime(ReaProject* proj, double time)
int CountTracks(ReaProject* proj)
MediaTrack* GetTrack(ReaProject* proj, int trackidx)
MediaTrack* GetMasterTrack(ReaProject* proj)
void InsertTrackAtIndex(int idx, bool wantDefaults)
void DeleteTrack(MediaTrack* tr)
bool GetTrackName(MediaTrack* track, char* bufOut, int bufOut_sz)
bool GetSetMediaTrackInfo_String(MediaTrack* tr, const char* parmname, char* stringNeedBig, bool setNewValue)
double GetMediaTrackInfo_Value(MediaTrack* tr, const char* parmname)
bool SetMediaTrackInfo_Value(MediaTrack* tr, const char* parmname, double newvalue)
int CountSelectedTracks(ReaProject* proj)
int CountSelectedTracks2(ReaProject* proj, bool wantmaster)
MediaTrack* GetSelectedTrack(ReaProject* proj, int seltrackidx)
MediaTrack* GetSelectedTrack2(ReaProject* proj, int seltrackidx, bool wantmaster)
void SetTrackSelected(MediaTrack* track, bool selected)
bool IsTrackSelected(MediaTrack* track)
void SetOnlyTrackSelected(MediaTrack* track)
void ClearAllRecArmed()
int GetTrackColor(MediaTrack* track)
void SetTrackColor(MediaTrack* track, int color)
int GetTrackDepth(MediaTrack* track)
MediaTrack* GetParentTrack(MediaTrack* track)
int GetTrackNumSends(MediaTrack* tr, int category)
int CreateTrackSend(MediaTrack* tr, MediaTrack* desttrInOptional)
bool RemoveTrackSend(MediaTrack* tr, int category, int sendidx)
double GetTrackSendInfo_Value(MediaTrack* tr, int category, int sendidx, const char* parmname)
bool SetTrackSendInfo_Value(MediaTrack* tr, int category, int sendidx, const char* parmname, double newvalue)
int CountTrackEnvelopes(MediaTrack* track)
bool AnyTrackSolo(ReaProject* proj)
int TrackFX_AddByName(MediaTrack* track, const char* fxname, bool recFX, int instantiate)
int TrackFX_GetCount(MediaTrack* track)
bool TrackFX_GetFXName(MediaTrack* track, int fx, char* bufOut, int bufOut_sz)
int TrackFX_GetInstrument(MediaTrack* track)
int CountTrackMediaItems(MediaTrack* track)
MediaItem* GetTrackMediaItem(MediaTrack* tr, int itemidx)
MediaItem* CreateNewMIDIItemInProj(MediaTrack* track, double starttime, double endtime, const bool* qnInOptional)
MediaItem* AddMediaItemToTrack(MediaTrack* tr)
int CountMediaItems(ReaProject* proj)
MediaItem* GetMediaItem(ReaProject* proj, int itemidx)
int CountSelectedMediaItems(ReaProject* proj)
MediaItem* GetSelectedMediaItem(ReaProject* proj, int selitem)
void SetMediaItemSelected(MediaItem* item, bool selected)
bool IsMediaItemSelected(MediaItem* item)
void SelectAllMediaItems(ReaProject* proj, bool selected)
double GetMediaItemInfo_Value(MediaItem* item, const char* parmname)
bool SetMediaItemInfo_Value(MediaItem* item, const char* parmname, double newvalue)
bool SetMediaItemLength(MediaItem* item, double length, bool refreshUI)
bool SetMediaItemPosition(MediaItem* item, double position, bool refreshUI)
bool GetSetMediaItemInfo_String(MediaItem* item, const char* parmname, char* stringNeedBig, bool setNewValue)
bool DeleteTrackMediaItem(MediaTrack* tr, MediaItem* it)
MediaTrack* GetMediaItemTrack(MediaItem* item)
MediaTrack* GetMediaItem_Track(MediaItem* item)
bool MoveMediaItemToTrack(MediaItem* item, MediaTrack* desttr)
ReaProject* GetItemProjectContext(MediaItem* item)
bool MIDI_SetItemExtents(MediaItem* item, double startQN, double endQN)
MediaItem_Take* GetActiveTake(MediaItem* item)
MediaItem_Take* GetMediaItemTake(MediaItem* item, int tk)
MediaItem_Take* GetTake(MediaItem* item, int takeidx)
int CountTakes(MediaItem* item)
int GetMediaItemNumTakes(MediaItem* item)
MediaItem_Take* AddTakeToMediaItem(MediaItem* item)
void SetActiveTake(MediaItem_Take* take)
bool TakeIsMIDI(MediaItem_Take* take)
const char* GetTakeName(MediaItem_Take* take)
bool GetSetMediaItemTakeInfo_String(MediaItem_Take* tk, const char* parmname, char* stringNeedBig, bool setNewValue)
double GetMediaItemTakeInfo_Value(MediaItem_Take* take, const char* parmname)
bool SetMediaItemTakeInfo_Value(MediaItem_Take* take, const char* parmname, double newvalue)
MediaItem* GetMediaItemTake_Item(MediaItem_Take* take)
MediaTrack* GetMediaItemTake_Track(MediaItem_Take* take)
PCM_source* GetMediaItemTake_Source(MediaItem_Take* take)
void GetMediaSourceType(PCM_source* source, char* typebuf, int typebuf_sz)
void GetMediaSourceFileName(PCM_source* source, char* filenamebufOut, int filenamebufOut_sz)
PCM_source* GetMediaSourceParent(PCM_source* src)
bool PCM_Source_GetSectionInfo(PCM_source* src, double* offsOut, double* lenOut, bool* revOut)
double GetMediaSourceLength(PCM_source* source, bool* lengthIsQNOut)
int CountTakeEnvelopes(MediaItem_Take* take)
int GetTakeNumStretchMarkers(MediaItem_Take* take)
int GetTakeStretchMarker(MediaItem_Take* take, int idx, double* posOut, double* srcposOutOptional)
int SetTakeStretchMarker(MediaItem_Take* take, int idx, double pos, const double* srcposInOptional)
int TakeFX_GetCount(MediaItem_Take* take)
int MIDI_CountEvts(MediaItem_Take* take, int* notecntOut, int* ccevtcntOut, int* textsyxevtcntOut)
bool MIDI_GetNote(MediaItem_Take* take, int noteidx, bool* selectedOut, bool* mutedOut, double* startppqposOut, double* endppqposOut, int* chanOut, int* pitchOut, int* velOut)
bool MIDI_SetNote(MediaItem_Take* take, int noteidx, const bool* selectedInOptional, const bool* mutedInOptional, const double* startppqposInOptional, const double* endppqposInOptional, const int* chanInOptional, const int* pitchInOptional, const int* velInOptional, const bool* noSortInOptional)
bool MIDI_InsertNote(MediaItem_Take* take, bool selected, bool muted, double startppqpos, double endppqpos, int chan, int pitch, int vel, const bool* noSortInOptional)
bool MIDI_DeleteNote(MediaItem_Take* take, int noteidx)
bool MIDI_GetCC(MediaItem_Take* take, int ccidx, bool* selectedOut, bool* mutedOut, double* ppqposOut, int* chanmsgOut, int* chanOut, int* msg2Out, int* msg3Out)
bool MIDI_SetCC(MediaItem_Take* take, int ccidx, const bool* selectedInOptional, const bool* mutedInOptional, const double* ppqposInOptional, const int* chanmsgInOptional, const int* chanInOptional, const int* msg2InOptional, const int* msg3InOptional, const bool* noSortInOptional)
bool MIDI_InsertCC(MediaItem_Take* take, bool selected, bool muted, double ppqpos, int chanmsg, int chan, int msg2, int msg3)
bool MIDI_DeleteCC(MediaItem_Take* take, int ccidx)
bool MIDI_GetEvt(MediaItem_Take* take, int evtidx, bool* selectedOut, bool* mutedOut, double* ppqposOut, char* msg, int* msg_sz)
bool MIDI_SetEvt(MediaItem_Take* take, int evtidx, const bool* selectedInOptional, const bool* mutedInOptional, const double* ppqposInOptional, const char* msgOptional, int msgOptional_sz, const bool* noSortInOptional)
bool MIDI_InsertEvt(MediaItem_Take* take, bool selected, bool muted, double ppqpos, const char* bytestr, int bytestr_sz)
bool MIDI_DeleteEvt(MediaItem_Take* take, int evtidx)
bool MIDI_GetTextSysexEvt(MediaItem_Take* take, int textsyxevtidx, bool* selectedOutOptional, bool* mutedOutOptional, double* ppqposOutOptional, int* typeOutOptional, char* msgOptional, int* msgOptional_sz)
bool MIDI_InsertTextSysexEvt(MediaItem_Take* take, bool selected, bool muted, double ppqpos, int type, const char* bytestr, int bytestr_sz)
bool MIDI_DeleteTextSysexEvt(MediaItem_Take* take, int textsyxevtidx)
void MIDI_Sort(MediaItem_Take* take)
void MIDI_DisableSort(MediaItem_Take* take)
void MIDI_SelectAll(MediaItem_Take* take, bool select)
int MIDI_EnumSelNotes(MediaItem_Take* take, int noteidx)
bool MIDI_GetAllEvts(MediaItem_Take* take, char* bufOutNeedBig, int* bufOutNeedBig_sz)
bool MIDI_SetAllEvts(MediaItem_Take* take, const char* buf, int buf_sz)
bool MIDI_GetHash(MediaItem_Take* take, bool notesonly, char* hashOut, int hashOut_sz)
bool MIDI_GetTrackHash(MediaTrack* track, bool notesonly, char* hashOut, int hashOut_sz)
double MIDI_GetPPQPosFromProjQN(MediaItem_Take* take, double projqn)
double MIDI_GetProjQNFromPPQPos(MediaItem_Take* take, double ppqpos)
double MIDI_GetPPQPosFromProjTime(MediaItem_Take* take, double projtime)
double MIDI_GetProjTimeFromPPQPos(MediaItem_Take* take, double ppqpos)
double MIDI_GetPPQPos_StartOfMeasure(MediaItem_Take* take, double ppqpos)
double MIDI_GetPPQPos_EndOfMeasure(MediaItem_Take* take, double ppqpos)
void MIDI_RefreshEditors(MediaItem_Take* tk)
int MIDI_GetRecentInputEvent(int idx, char* bufOut, int* bufOut_sz, int* tsOut, int* devIdxOut, double* projPosOut, int* projLoopCntOut)
"""

_POINTER_TYPES = {"ReaProject*", "MediaTrack*", "MediaItem*", "MediaItem_Take*", "PCM_source*",
                  "TrackEnvelope*", "void*", "HWND", "GUID*"}


def _parse_decl(line):
    m = re.match(r'^\s*(.+?)\s*(\w+)\((.*)\)\s*$', line)
    ret, name, args = m.group(1).strip(), m.group(2), m.group(3).strip()
    params = []
    if args:
        for a in args.split(","):
            a = a.strip()
            pm = re.match(r'^(.*?)(\w+)$', a)
            params.append((_kind(pm.group(1).strip()), pm.group(2)))
    return _kind(ret, is_return=True), name, params


def _kind(ctype, is_return=False):
    """Classify a C type as REAPER's wrapper generator does."""
    t = " ".join(ctype.split())
    t = t.replace(" *", "*")
    if t == "void":
        return ("void",)
    if t in ("int", "bool", "double", "char"):
        return (t,)
    if t == "const char*":
        return ("cstr",)
    if t == "char*":
        return ("cstr",) if is_return else ("buf",)
    if t in ("int*", "const int*"):
        return ("ref", "int")
    if t in ("double*", "const double*"):
        return ("ref", "double")
    if t in ("bool*", "const bool*"):
        return ("ref", "bool")
    base = t.replace("const ", "")
    if base in _POINTER_TYPES or base.endswith("*"):
        return ("ptr", base)
    raise ValueError("unsupported C type %r" % ctype)


# ctypes types: the wrapper side uses what REAPER's generated module uses; the
# callback side receives char pointers as raw addresses so that embedded NUL
# bytes (MIDI buffers) survive.
_WRAP_CT = {"int": c_int, "bool": c_byte, "char": c_byte, "double": c_double, "cstr": c_char_p,
            "buf": c_char_p, "ptr": c_uint64, "ref": c_void_p}
_CB_CT = {"int": c_int, "bool": c_byte, "char": c_byte, "double": c_double, "cstr": c_void_p,
          "buf": c_void_p, "ptr": c_uint64, "ref": c_void_p}
_REF_CT = {"int": c_int, "double": c_double, "bool": c_byte}


class Ref:
    """A scalar C pointer argument (``int*``, ``double*``, ``bool*``); NULL-safe."""

    __slots__ = ("addr", "ct")

    def __init__(self, addr, ct):
        self.addr = addr
        self.ct = ct

    def __bool__(self):
        return bool(self.addr)

    def get(self, default=None):
        if not self.addr:
            return default
        return self.ct.from_address(self.addr).value

    def set(self, value):
        if self.addr:
            self.ct.from_address(self.addr).value = value


def _cstr(addr):
    """Read a NUL-terminated C string (UTF-8) at ``addr``; None for NULL."""
    if not addr:
        return None
    return ctypes.string_at(addr).decode("utf-8", "replace")


def _cbytes(addr, size):
    if not addr or size <= 0:
        return b""
    return ctypes.string_at(addr, size)


def _write(addr, data, capacity):
    """Write ``data`` + NUL into a char buffer of ``capacity`` bytes (truncating like strncpy)."""
    if not addr or capacity is None or capacity <= 0:
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    n = min(len(data), capacity - 1)
    ctypes.memmove(addr, data, n)
    ctypes.memset(addr + n, 0, 1)


_BIG = 4 * 1024 * 1024  # "NeedBig" buffers: REAPER's wrapper allocates 4 MiB


_IMPL = {}


def _api(fn):
    _IMPL[fn.__name__[1:]] = fn
    return fn


_CALLBACKS = {}  # keep the CFUNCTYPE objects alive
_DEFAULT_RET = {"void": None, "int": 0, "bool": 0, "char": 0, "double": 0.0, "ptr": 0, "cstr": None}


def _make_callback(name, ret, params, impl):
    rk = ret[0]
    cb_type = CFUNCTYPE(None if rk == "void" else _CB_CT[rk], *[_CB_CT[k[0]] for k, _n in params])
    kinds = [k for k, _n in params]
    refs = [(i, _REF_CT[k[1]]) for i, k in enumerate(kinds) if k[0] == "ref"]

    def callback(*args):
        try:
            R = _fr.current()
        except RuntimeError as e:
            sys.stderr.write("fake reaper_python: %s (%s)\n" % (e, name))
            return _DEFAULT_RET[rk]
        with R.lock:
            R.api_calls[name] += 1
            args = list(args)
            for i, ct in refs:
                args[i] = Ref(args[i], ct)
            try:
                r = impl(R, *args)
            except Exception as e:  # never let an exception cross the C boundary
                import traceback
                R.errors.append((name, repr(e), traceback.format_exc()))
                r = _DEFAULT_RET[rk]
            if rk == "cstr":
                if r is None:
                    return None
                if isinstance(r, str):
                    r = r.encode("utf-8")
                buf = ctypes.create_string_buffer(r)
                R._retbufs[name] = buf  # stays valid until the next call, like REAPER's static buffers
                return ctypes.addressof(buf)
            if rk == "void":
                return None
            if r is None:
                return _DEFAULT_RET[rk]
            if rk in ("bool", "char"):
                return 1 if r else 0
            return r

    cb = cb_type(callback)
    _CALLBACKS[name] = cb
    return ctypes.cast(cb, c_void_p).value


def _wrapper_source(name, ret, params):
    """Python source of RPR_<name>, following the layout of REAPER's generated module."""
    n = len(params)
    ps = ["p%d" % i for i in range(n)]
    lines = ["def RPR_%s(%s):" % (name, ",".join(ps)), "  a=_ft['%s']" % name, "  f=_proto_%s(a)" % name]
    packs, call, outs, has_out = [], [], [], False
    for i, (k, _pname) in enumerate(params):
        p = ps[i]
        if k[0] == "ptr":
            packs.append("rpr_packp('%s',%s)" % (k[1], p))
            call.append("t[%d]" % i)
            outs.append(p)
        elif k[0] == "cstr":
            packs.append("rpr_packsc(%s)" % p)
            call.append("t[%d]" % i)
            outs.append(p)
        elif k[0] == "buf":
            packs.append("rpr_packs(%s)" % p)
            call.append("t[%d]" % i)
            outs.append("rpr_unpacks(t[%d])" % i)
            has_out = True
        elif k[0] == "ref":
            ct = {"int": "c_int", "double": "c_double", "bool": "c_byte"}[k[1]]
            conv = "float" if k[1] == "double" else "int"
            packs.append("%s(%s)" % (ct, p))
            call.append("byref(t[%d])" % i)
            outs.append("%s(t[%d].value)" % (conv, i))
            has_out = True
        else:
            ct = {"int": "c_int", "double": "c_double", "bool": "c_byte", "char": "c_byte"}[k[0]]
            packs.append("%s(%s)" % (ct, p))
            call.append("t[%d]" % i)
            outs.append(p)
    if packs:
        lines.append("  t=(%s%s)" % (",".join(packs), "," if len(packs) == 1 else ""))
    rk = ret[0]
    callexpr = "f(%s)" % ",".join(call)
    if rk == "void":
        lines.append("  " + callexpr)
        if has_out:
            lines.append("  return (%s)" % ",".join(outs))
        return "\n".join(lines) + "\n"
    lines.append("  r=" + callexpr)
    if rk == "ptr":
        rexpr = "rpr_unpackp('%s',r)" % ret[1]
    elif rk == "cstr":
        rexpr = "str(r.decode())"
    else:
        rexpr = "r"
    if has_out:
        lines.append("  return (%s)" % ",".join([rexpr] + outs))
    else:
        lines.append("  return " + rexpr)
    return "\n".join(lines) + "\n"


def _build():
    for line in _DECLS.strip().splitlines():
        ret, name, params = _parse_decl(line)
        impl = _IMPL.get(name)
        if impl is None:
            raise RuntimeError("no simulation for %s" % name)
        _ft[name] = _make_callback(name, ret, params, impl)
        if name == "ValidatePtr":
            continue  # hand-written above, as in REAPER's module
        rk = ret[0]
        proto = CFUNCTYPE(None if rk == "void" else _WRAP_CT[rk], *[_WRAP_CT[k[0]] for k, _n in params])
        globals()["_proto_" + name] = proto
        exec(_wrapper_source(name, ret, params), globals())


# --------------------------------------------------------------------------
# helpers for the implementations
# --------------------------------------------------------------------------


def _proj(R, ptr, fn):
    return R.project_for(ptr, fn)


def _track(R, ptr, fn):
    return R.resolve(ptr, "MediaTrack*", fn)


def _item(R, ptr, fn):
    return R.resolve(ptr, "MediaItem*", fn)


def _take(R, ptr, fn):
    return R.resolve(ptr, "MediaItem_Take*", fn)


def _changed(obj):
    if isinstance(obj, _fr.Take):
        obj.change_count += 1
        obj = obj.item.track.project
    elif isinstance(obj, _fr.Item):
        obj = obj.track.project
    elif isinstance(obj, _fr.Track):
        obj = obj.project
    obj.changed()


def _maybe_sort(take, no_sort):
    if not no_sort and not take.sort_disabled:
        take.sort()


# --------------------------------------------------------------------------
# pointers, projects, application
# --------------------------------------------------------------------------


@_api
def _ValidatePtr(R, ptr, ctypename):
    return R.is_valid(ptr, _cstr(ctypename) or "")


@_api
def _ValidatePtr2(R, proj, ptr, ctypename):
    ct = _cstr(ctypename) or ""
    if not R.is_valid(ptr, ct):
        return False
    obj = R.objects[ptr]
    if isinstance(obj, _fr.Project):
        return True  # "proj is ignored if pointer is itself a project"
    owner = {_fr.Track: lambda o: o.project, _fr.Item: lambda o: o.track.project,
             _fr.Take: lambda o: o.item.track.project, _fr.Source: lambda o: o.take.item.track.project}
    get = owner.get(type(obj))
    if proj and get is not None:
        return get(obj).ptr == proj
    return True


@_api
def _EnumProjects(R, idx, buf, buf_sz):
    if idx == -1 or idx == 0x40000000:
        p = R.project
    elif 0 <= idx < len(R.projects):
        p = R.projects[idx]
    else:
        return 0
    _write(buf, os.path.join(p.path, p.name) if p.path and p.name else "", buf_sz)
    return p.ptr


@_api
def _GetCurrentProjectInLoadSave(R):
    return 0  # only non-NULL while REAPER loads or saves a project


@_api
def _SelectProjectInstance(R, proj):
    p = _proj(R, proj, "SelectProjectInstance")
    if p is not None:
        R.active = R.projects.index(p)


@_api
def _GetProjectName(R, proj, buf, buf_sz):
    p = _proj(R, proj, "GetProjectName")
    _write(buf, p.name if p else "", buf_sz)


@_api
def _GetProjectPath(R, buf, buf_sz):
    _write(buf, R.project.path or os.path.join(R.resource_path, "Projects"), buf_sz)


@_api
def _GetProjectPathEx(R, proj, buf, buf_sz):
    p = _proj(R, proj, "GetProjectPathEx")
    _write(buf, (p.path if p else "") or os.path.join(R.resource_path, "Projects"), buf_sz)


@_api
def _GetProjectStateChangeCount(R, proj):
    p = _proj(R, proj, "GetProjectStateChangeCount")
    return p.state_changes if p else 0


@_api
def _GetProjectLength(R, proj):
    p = _proj(R, proj, "GetProjectLength")
    return p.length() if p else 0.0


@_api
def _MarkProjectDirty(R, proj):
    p = _proj(R, proj, "MarkProjectDirty")
    if p:
        p.dirty = 1


@_api
def _IsProjectDirty(R, proj):
    p = _proj(R, proj, "IsProjectDirty")
    return p.dirty if p else 0


@_api
def _GetSetProjectInfo(R, proj, desc, value, is_set):
    # Only the project start offsets are modelled (always 0).
    return 0.0


@_api
def _GetSetProjectInfo_String(R, proj, desc, buf, is_set):
    p = _proj(R, proj, "GetSetProjectInfo_String")
    d = _cstr(desc)
    if p is not None and d == "PROJECT_NAME" and not is_set:
        _write(buf, p.name, _BIG)
        return True
    return False


@_api
def _GetAppVersion(R):
    return R.app_version


@_api
def _GetResourcePath(R):
    return R.resource_path


@_api
def _GetExePath(R):
    return "/opt/REAPER"


@_api
def _get_ini_file(R):
    return os.path.join(R.resource_path, "reaper.ini")


@_api
def _GetOS(R):
    # DOC UNCLEAR: the documented values are Win32/Win64/OSX32/OSX64/macOS-arm64
    # and "Other"; Linux builds are assumed to say "Other".
    return "Other"


@_api
def _time_precise(R):
    return time.perf_counter()


@_api
def _ShowConsoleMsg(R, msg):
    R.console.append(_cstr(msg) or "")


@_api
def _ClearConsole(R):
    R.console.clear()


@_api
def _ShowMessageBox(R, msg, title, type_):
    R.message_boxes.append((_cstr(msg), _cstr(title), type_))
    return R.message_box_answer


@_api
def _MB(R, msg, title, type_):
    return _ShowMessageBox(R, msg, title, type_)


# built-in actions the simulation performs; all others are only recorded
_ACTIONS = {
    1007: lambda R: R.transport.play(),
    1008: lambda R: R.transport.pause(),
    1013: lambda R: R.transport.play(record=True),
    1016: lambda R: R.transport.stop(),
    40044: lambda R: R.transport.stop() if R.transport.state & 1 else R.transport.play(),
    40029: lambda R: R.project.undo(),
    40030: lambda R: R.project.redo(),
    40182: lambda R: [it.values.__setitem__("B_UISEL", 1.0) for it in R.project.all_items()],
    40289: lambda R: [it.values.__setitem__("B_UISEL", 0.0) for it in R.project.all_items()],
    40297: lambda R: [tr.values.__setitem__("I_SELECTED", 0.0) for tr in R.project.tracks],
}


def _run_command(R, command, flag, proj):
    if command in R.scripts:
        R.run_command(command, flag, proj)
        return
    R.commands.append((command, flag, proj))
    if command in _ACTIONS:
        _ACTIONS[command](R)


@_api
def _Main_OnCommand(R, command, flag):
    _run_command(R, command, flag, 0)


@_api
def _Main_OnCommandEx(R, command, flag, proj):
    _run_command(R, command, flag, proj)


@_api
def _NamedCommandLookup(R, name):
    s = _cstr(name) or ""
    if s in R.named_commands:
        return R.named_commands[s]
    if ("_" + s) in R.named_commands:
        # DOC UNCLEAR: REAPER documents names with the leading underscore;
        # lookups without it are accepted here too.
        return R.named_commands["_" + s]
    if s.isdigit():
        return int(s)
    return 0


@_api
def _ReverseNamedCommandLookup(R, command_id):
    if command_id in R.scripts:
        return R.scripts[command_id][2]  # without the leading underscore, as REAPER
    for nm, cid in R.named_commands.items():
        if cid == command_id:
            return nm.lstrip("_")
    return None


@_api
def _AddRemoveReaScript(R, add, section, scriptfn, commit):
    path = _cstr(scriptfn) or ""
    if add:
        if not os.path.isfile(path):
            return 0
        cmd = R.register_script(os.path.abspath(path), section)
    else:
        cmd = 1 if R.unregister_script(os.path.abspath(path), section) else 0
    if commit:
        # DOC UNCLEAR: when REAPER writes reaper-kb.ini is not documented; the
        # simulation writes it on commit.
        R.write_kb_ini()
    return cmd


@_api
def _GetToggleCommandState(R, command_id):
    return R.toggle_states.get((0, command_id), -1)


@_api
def _GetToggleCommandStateEx(R, section_id, command_id):
    return R.toggle_states.get((section_id, command_id), -1)


@_api
def _SetToggleCommandState(R, section_id, command_id, state):
    # REAPER: "Updates the toggle state of an action, returns true if succeeded. Only ReaScripts can have their
    # toggle states changed programmatically." Here: a registered script's command in its own section.
    known = R.scripts.get(command_id)
    if known is None or known[0] != section_id:
        return False
    R.toggle_states[(section_id, command_id)] = int(state)
    return True


@_api
def _RefreshToolbar(R, command_id):
    R.toolbar_refreshes.append((0, command_id))


@_api
def _RefreshToolbar2(R, section_id, command_id):
    R.toolbar_refreshes.append((section_id, command_id))


@_api
def _UpdateArrange(R):
    R.ui_updates["UpdateArrange"] += 1


@_api
def _UpdateTimeline(R):
    R.ui_updates["UpdateTimeline"] += 1


@_api
def _TrackList_AdjustWindows(R, is_minor):
    R.ui_updates["TrackList_AdjustWindows"] += 1


@_api
def _PreventUIRefresh(R, count):
    R.ui_refresh_depth += count


@_api
def _UpdateItemInProject(R, item):
    _item(R, item, "UpdateItemInProject")
    R.ui_updates["UpdateItemInProject"] += 1


# --------------------------------------------------------------------------
# ext state
# --------------------------------------------------------------------------


@_api
def _GetExtState(R, section, key):
    v = R.ext.get(_cstr(section) or "", _cstr(key) or "")
    return "" if v is None else v


@_api
def _SetExtState(R, section, key, value, persist):
    R.ext.set(_cstr(section) or "", _cstr(key) or "", _cstr(value) or "", bool(persist))


@_api
def _HasExtState(R, section, key):
    return R.ext.get(_cstr(section) or "", _cstr(key) or "") is not None


@_api
def _DeleteExtState(R, section, key, persist):
    R.ext.delete(_cstr(section) or "", _cstr(key) or "", bool(persist))


@_api
def _GetProjExtState(R, proj, extname, key, buf, buf_sz):
    # DOC UNCLEAR: the return value is not documented. The simulation returns
    # the length of the value (0 when the key is absent), so "> 0" means found.
    p = _proj(R, proj, "GetProjExtState")
    v = p.proj_ext.get(_cstr(extname) or "", {}).get(_cstr(key) or "") if p else None
    _write(buf, v or "", buf_sz)
    return len((v or "").encode("utf-8"))


@_api
def _SetProjExtState(R, proj, extname, key, value):
    # "If key is NULL or "", all extended data for that extname will be
    # deleted. If val is NULL or "", the data previously associated with that
    # key will be deleted. Returns the size of the state for this extname."
    # DOC UNCLEAR: "size" is taken as the number of keys left for extname.
    p = _proj(R, proj, "SetProjExtState")
    if p is None:
        return 0
    ext, k, v = _cstr(extname) or "", _cstr(key), _cstr(value)
    if not k:
        p.proj_ext.pop(ext, None)
    elif not v:
        p.proj_ext.get(ext, {}).pop(k, None)
    else:
        p.proj_ext.setdefault(ext, {})[k] = v
    p.changed()
    return len(p.proj_ext.get(ext, {}))


@_api
def _EnumProjExtState(R, proj, extname, idx, keybuf, keybuf_sz, valbuf, valbuf_sz):
    p = _proj(R, proj, "EnumProjExtState")
    d = p.proj_ext.get(_cstr(extname) or "", {}) if p else {}
    keys = list(d)
    if not 0 <= idx < len(keys):
        return False
    _write(keybuf, keys[idx], keybuf_sz)
    _write(valbuf, d[keys[idx]], valbuf_sz)
    return True


# --------------------------------------------------------------------------
# undo
# --------------------------------------------------------------------------
# REAPER saves the project state at each undo point; Undo_DoUndo2 goes back to
# the state saved at the point before. Nested Begin/End blocks make one point
# (at the outermost EndBlock). DOC UNCLEAR: whether REAPER makes a point for a
# block in which nothing changed is not documented; the simulation makes none
# (the project's state change count did not move), so code that undoes "its"
# block after a failure would undo the user's previous edit instead.
# Undoing a point makes it the next Redo ("Redo: <name>" in REAPER's Edit
# menu) until a new point is made; no API cancels a block or drops a redo.
# Each point keeps the UNDO_STATE_* flags it was made with (EndBlock's
# extraflags, OnStateChangeEx's whichStates; OnStateChange(2): items only);
# the simulation saves and restores every state whatever the flags.
# Pointers of objects restored by undo keep their values here.


UNDO_STATE_ITEMS = 4  # reaper_plugin.h; Undo_OnStateChange(2) is "limited state change to items"


def _begin_block(R, proj):
    R.undo_depth += 1
    if R.undo_depth == 1:
        R.undo_project = proj or R.project
        R.undo_changes_at_begin = R.undo_project.state_changes


def _end_block(R, proj, desc, flags=-1):
    if R.undo_depth <= 0:
        R.errors.append(("Undo_EndBlock", "EndBlock without BeginBlock", ""))
        return
    R.undo_depth -= 1
    if R.undo_depth == 0:
        project = R.undo_project or proj or R.project
        if project.state_changes != R.undo_changes_at_begin:
            project.add_undo_point(desc, flags)
        R.undo_project = None


@_api
def _Undo_BeginBlock(R):
    _begin_block(R, R.project)


@_api
def _Undo_BeginBlock2(R, proj):
    _begin_block(R, _proj(R, proj, "Undo_BeginBlock2"))


@_api
def _Undo_EndBlock(R, desc, extraflags):
    _end_block(R, R.project, _cstr(desc) or "", extraflags)


@_api
def _Undo_EndBlock2(R, proj, desc, extraflags):
    _end_block(R, _proj(R, proj, "Undo_EndBlock2"), _cstr(desc) or "", extraflags)


@_api
def _Undo_CanUndo2(R, proj):
    # REAPER documents "NULL if not": the stock Python wrapper then fails in
    # str(r.decode()) with AttributeError, and so does this one.
    p = _proj(R, proj, "Undo_CanUndo2")
    return p.can_undo() if p else None


@_api
def _Undo_CanRedo2(R, proj):
    p = _proj(R, proj, "Undo_CanRedo2")
    return p.can_redo() if p else None


@_api
def _Undo_DoUndo2(R, proj):
    p = _proj(R, proj, "Undo_DoUndo2")
    return 1 if p and p.undo() else 0


@_api
def _Undo_DoRedo2(R, proj):
    p = _proj(R, proj, "Undo_DoRedo2")
    return 1 if p and p.redo() else 0


def _on_state_change(R, proj, desc, flags):
    p = proj or R.project
    if R.undo_depth > 0:
        return  # folded into the enclosing block
    p.add_undo_point(desc, flags)


@_api
def _Undo_OnStateChange(R, desc):
    _on_state_change(R, R.project, _cstr(desc) or "", UNDO_STATE_ITEMS)


@_api
def _Undo_OnStateChange2(R, proj, desc):
    _on_state_change(R, _proj(R, proj, "Undo_OnStateChange2"), _cstr(desc) or "", UNDO_STATE_ITEMS)


@_api
def _Undo_OnStateChangeEx(R, desc, which, trackparm):
    _on_state_change(R, R.project, _cstr(desc) or "", which)


@_api
def _Undo_OnStateChangeEx2(R, proj, desc, which, trackparm):
    _on_state_change(R, _proj(R, proj, "Undo_OnStateChangeEx2"), _cstr(desc) or "", which)


# --------------------------------------------------------------------------
# transport
# --------------------------------------------------------------------------
# DOC UNCLEAR: what GetPlayPosition returns while stopped is not documented;
# the simulation returns the edit cursor position. GetPlayPosition2 (the
# position of the audio block being processed) is GetPlayPosition plus
# ``reaper.transport.block_ahead`` while playing.


@_api
def _GetPlayState(R):
    return R.transport.state


@_api
def _GetPlayStateEx(R, proj):
    return R.transport.state


@_api
def _GetPlayPosition(R):
    return R.transport.position()


@_api
def _GetPlayPosition2(R):
    tr = R.transport
    return tr.position() + (tr.block_ahead if tr.state & 1 and not tr.state & 2 else 0.0)


@_api
def _GetPlayPositionEx(R, proj):
    return _GetPlayPosition(R)


@_api
def _GetPlayPosition2Ex(R, proj):
    return _GetPlayPosition2(R)


@_api
def _GetCursorPosition(R):
    return R.project.cursor


@_api
def _GetCursorPositionEx(R, proj):
    p = _proj(R, proj, "GetCursorPositionEx")
    return p.cursor if p else 0.0


def _set_cursor(R, p, t, seekplay):
    p.cursor = max(0.0, float(t))
    if seekplay and R.transport.state & 1:
        R.transport.seek(p.cursor)


@_api
def _SetEditCurPos(R, t, moveview, seekplay):
    _set_cursor(R, R.project, t, seekplay)


@_api
def _SetEditCurPos2(R, proj, t, moveview, seekplay):
    p = _proj(R, proj, "SetEditCurPos2")
    if p:
        _set_cursor(R, p, t, seekplay)


@_api
def _OnPlayButton(R):
    R.transport.play()


@_api
def _OnPlayButtonEx(R, proj):
    R.transport.play()


@_api
def _OnStopButton(R):
    R.transport.stop()


@_api
def _OnStopButtonEx(R, proj):
    R.transport.stop()


@_api
def _OnPauseButton(R):
    R.transport.pause()


@_api
def _OnPauseButtonEx(R, proj):
    R.transport.pause()


@_api
def _CSurf_OnPlay(R):
    R.transport.play()


@_api
def _CSurf_OnStop(R):
    R.transport.stop()


@_api
def _CSurf_OnPause(R):
    R.transport.pause()


@_api
def _CSurf_OnRecord(R):
    # Recording is modelled as a play state only (&4); recorded input is not
    # turned into items.
    R.transport.play(record=True)


@_api
def _GetSetRepeat(R, val):
    # REAPER's doc: -1 == query, 0 = clear, 1 = set, >1 = toggle; returns the new value
    if val >= 0:
        R.transport.set_loop(repeat=(1 - R.transport.repeat) if val > 1 else val)
    return R.transport.repeat


@_api
def _GetSetRepeatEx(R, proj, val):
    return _GetSetRepeat(R, val)


@_api
def _GetSet_LoopTimeRange(R, is_set, is_loop, start, end, allowautoseek):
    _GetSet_LoopTimeRange2(R, 0, is_set, is_loop, start, end, allowautoseek)


@_api
def _GetSet_LoopTimeRange2(R, proj, is_set, is_loop, start, end, allowautoseek):
    # isLoop: the loop points, else the time selection (seconds). DOC UNCLEAR: REAPER links the loop
    # points to the time selection by default (Options > Loop points linked to time selection); the
    # simulation keeps them linked, so setting either sets both. allowautoseek is ignored (no auto-seek).
    if is_set:
        lo, hi = float(start.get(0.0)), float(end.get(0.0))
        R.transport.set_loop(loop_range=(min(lo, hi), max(lo, hi)))
    else:
        lo, hi = R.transport.loop_range
        start.set(lo)
        end.set(hi)


@_api
def _Master_GetPlayRate(R, proj):
    return R.transport.play_rate


@_api
def _Master_GetPlayRateAtTime(R, t, proj):
    return R.transport.play_rate


# --------------------------------------------------------------------------
# tempo map
# --------------------------------------------------------------------------
# Constant-tempo segments; the linear-tempo flag is stored but ramps are not
# simulated. A time signature marker starts a new measure (a partial measure
# before it still counts). "Beats" are in units of the time signature
# denominator (an eighth note in 6/8).


@_api
def _Master_GetTempo(R):
    # DOC UNCLEAR: "current project tempo" is taken as the tempo at the play
    # position while playing and at the edit cursor otherwise.
    return R.project.tempo_at_time(R.transport.position())


@_api
def _SetCurrentBPM(R, proj, bpm, want_undo):
    # DOC UNCLEAR: sets the tempo in effect at the edit cursor (the marker
    # before it, or the project tempo when there is none).
    p = _proj(R, proj, "SetCurrentBPM")
    if p is None:
        return
    before = [m for m in p.markers if m.time <= p.cursor + 1e-12]
    if before:
        max(before, key=lambda m: m.time).bpm = float(bpm)
    else:
        p.base_bpm = float(bpm)
    p.invalidate_tempo()
    p.changed()


def _project_timesig(p, bpm_ref, bpi_ref):
    s = p.segments()[0]
    bpm_ref.set(s.bpm)
    bpi_ref.set(float(s.num))


@_api
def _GetProjectTimeSignature(R, bpm, bpi):
    _project_timesig(R.project, bpm, bpi)


@_api
def _GetProjectTimeSignature2(R, proj, bpm, bpi):
    p = _proj(R, proj, "GetProjectTimeSignature2")
    if p:
        _project_timesig(p, bpm, bpi)


@_api
def _CountProjectMarkers(R, proj, num_markers, num_regions):
    p = _proj(R, proj, "CountProjectMarkers")
    if p is None:
        return 0
    regions = sum(1 for m in p.sections if m["isrgn"])
    num_markers.set(len(p.sections) - regions)
    num_regions.set(regions)
    return len(p.sections)


@_api
def _EnumProjectMarkers2(R, proj, idx, isrgn, pos, rgnend, name, index_number):
    # Markers and regions in time order; returns the next index, 0 past the last. nameOut
    # (const char**) is not filled: REAPER's Python wrapper cannot read it back either.
    p = _proj(R, proj, "EnumProjectMarkers2")
    if p is None or not 0 <= idx < len(p.sections):
        return 0
    m = sorted(p.sections, key=lambda m: m["pos"])[idx]
    isrgn.set(1 if m["isrgn"] else 0)
    pos.set(m["pos"])
    rgnend.set(m["end"] if m["isrgn"] else 0.0)
    index_number.set(idx + 1)
    return idx + 1


@_api
def _CountTempoTimeSigMarkers(R, proj):
    p = _proj(R, proj, "CountTempoTimeSigMarkers")
    return len(p.markers) if p else 0


@_api
def _GetTempoTimeSigMarker(R, proj, idx, timepos, measurepos, beatpos, bpm, num, den, linear):
    # DOC UNCLEAR: for a marker that changes only the tempo, timesig_num and
    # timesig_denom are reported as 0 (the marker does not set them).
    p = _proj(R, proj, "GetTempoTimeSigMarker")
    if p is None or not 0 <= idx < len(p.markers):
        return False
    m, meas, beat = p.marker_info(idx)
    timepos.set(m.time)
    measurepos.set(meas)
    beatpos.set(beat)
    bpm.set(m.bpm)
    num.set(m.num)
    den.set(m.den)
    linear.set(1 if m.linear else 0)
    return True


def _marker_time(p, timepos, measurepos, beatpos):
    if timepos >= 0:
        return timepos
    start_qn, seg = p.measure_start_qn(max(0, measurepos))
    return p.qn_to_time(start_qn + max(0.0, beatpos) * 4.0 / seg.den)


@_api
def _SetTempoTimeSigMarker(R, proj, idx, timepos, measurepos, beatpos, bpm, num, den, linear):
    # "Provide either timepos (with measurepos=-1, beatpos=-1), or measurepos
    # and beatpos (with timepos=-1). If timesig_num and timesig_denom are
    # zero, the previous time signature will be used. ptidx=-1 will insert."
    p = _proj(R, proj, "SetTempoTimeSigMarker")
    if p is None or bpm <= 0:
        return False
    t = _marker_time(p, timepos, measurepos, beatpos)
    ordered = sorted(p.markers, key=lambda m: m.time)
    if idx == -1:
        p.markers.append(_fr.TempoMarker(t, bpm, num, den, linear))
    elif 0 <= idx < len(ordered):
        m = ordered[idx]
        m.time, m.bpm, m.num, m.den, m.linear = t, bpm, num, den, bool(linear)
    else:
        return False
    p.markers.sort(key=lambda m: m.time)
    p.invalidate_tempo()
    p.changed()
    return True


@_api
def _AddTempoTimeSigMarker(R, proj, timepos, bpm, num, den, linear):
    return _SetTempoTimeSigMarker(R, proj, -1, timepos, -1, -1.0, bpm, num, den, linear)


@_api
def _DeleteTempoTimeSigMarker(R, proj, idx):
    p = _proj(R, proj, "DeleteTempoTimeSigMarker")
    if p is None or not 0 <= idx < len(p.markers):
        return False
    p.markers.sort(key=lambda m: m.time)
    del p.markers[idx]
    p.invalidate_tempo()
    p.changed()
    return True


@_api
def _FindTempoTimeSigMarker(R, proj, t):
    p = _proj(R, proj, "FindTempoTimeSigMarker")
    if p is None:
        return -1
    found = -1
    for i, m in enumerate(sorted(p.markers, key=lambda m: m.time)):
        if m.time <= t + 1e-12:
            found = i
    return found


@_api
def _TimeMap2_timeToQN(R, proj, t):
    p = _proj(R, proj, "TimeMap2_timeToQN")
    return p.time_to_qn(t) if p else 0.0


@_api
def _TimeMap2_QNToTime(R, proj, qn):
    p = _proj(R, proj, "TimeMap2_QNToTime")
    return p.qn_to_time(qn) if p else 0.0


@_api
def _TimeMap_timeToQN(R, t):
    return R.project.time_to_qn(t)


@_api
def _TimeMap_QNToTime(R, qn):
    return R.project.qn_to_time(qn)


@_api
def _TimeMap_timeToQN_abs(R, proj, t):
    return _TimeMap2_timeToQN(R, proj, t)


@_api
def _TimeMap_QNToTime_abs(R, proj, qn):
    return _TimeMap2_QNToTime(R, proj, qn)


@_api
def _TimeMap2_timeToBeats(R, proj, t, measures, cml, fullbeats, cdenom):
    # "if measures is non-NULL, measures will be set to the measure count,
    # return value will be beats since measure." DOC UNCLEAR: the unit of
    # fullbeats across time signature changes; here each region counts in its
    # own denominator. (The Python wrapper always passes non-NULL pointers.)
    p = _proj(R, proj, "TimeMap2_timeToBeats")
    if p is None:
        return 0.0
    qn = p.time_to_qn(t)
    meas, start, _end, num, den = p.measure_of_qn(qn)
    full = p.full_beats_at_qn(qn)
    cml.set(num)
    cdenom.set(den)
    fullbeats.set(full)
    if measures:
        measures.set(meas)
        return (qn - start) * den / 4.0
    return full


@_api
def _TimeMap2_beatsToTime(R, proj, tpos, measures):
    # "convert a beat position (or optionally a beats+measures if measures is
    # non-NULL) to time."
    p = _proj(R, proj, "TimeMap2_beatsToTime")
    if p is None:
        return 0.0
    if measures:
        start, seg = p.measure_start_qn(measures.get())
        return p.qn_to_time(start + tpos * 4.0 / seg.den)
    # full beats: walk the time signature regions
    remaining, qn = tpos, 0.0
    segs = p.segments()
    anchors = []
    for s in segs:
        if not anchors or s.anchor_qn != anchors[-1][0]:
            anchors.append((s.anchor_qn, s.den))
    for i, (aq, den) in enumerate(anchors):
        end = anchors[i + 1][0] if i + 1 < len(anchors) else None
        beats_here = None if end is None else (end - aq) * den / 4.0
        if beats_here is None or remaining <= beats_here:
            qn = aq + remaining * 4.0 / den
            break
        remaining -= beats_here
    return p.qn_to_time(qn)


@_api
def _TimeMap_GetTimeSigAtTime(R, proj, t, num, den, tempo):
    p = _proj(R, proj, "TimeMap_GetTimeSigAtTime")
    if p is None:
        return
    s = p._seg_at_time(t)
    num.set(s.num)
    den.set(s.den)
    tempo.set(s.bpm)


@_api
def _TimeMap_GetMeasureInfo(R, proj, measure, qn_start, qn_end, num, den, tempo):
    p = _proj(R, proj, "TimeMap_GetMeasureInfo")
    if p is None:
        return 0.0
    start, seg = p.measure_start_qn(measure)
    _m, s2, end, n, d = p.measure_of_qn(start + 1e-9)
    t = p.qn_to_time(start)
    qn_start.set(start)
    qn_end.set(end)
    num.set(n)
    den.set(d)
    tempo.set(p.tempo_at_time(t))
    return t


@_api
def _TimeMap_QNToMeasures(R, proj, qn, qn_start, qn_end):
    # DOC UNCLEAR: "Find which measure the given QN position falls in." The
    # base of the returned measure number is not documented; the simulation
    # returns it 1-based (measure 1 = project start), whereas
    # TimeMap2_timeToBeats and TimeMap_GetMeasureInfo count from 0.
    p = _proj(R, proj, "TimeMap_QNToMeasures")
    if p is None:
        return 0
    meas, start, end, _n, _d = p.measure_of_qn(qn)
    qn_start.set(start)
    qn_end.set(end)
    return meas + 1


@_api
def _TimeMap2_GetDividedBpmAtTime(R, proj, t):
    # "get the effective BPM at the time (seconds) position (i.e. 2x in /8 signatures)"
    p = _proj(R, proj, "TimeMap2_GetDividedBpmAtTime")
    if p is None:
        return 0.0
    s = p._seg_at_time(t)
    return s.bpm * s.den / 4.0


@_api
def _TimeMap_GetDividedBpmAtTime(R, t):
    return _TimeMap2_GetDividedBpmAtTime(R, 0, t)


@_api
def _TimeMap2_GetNextChangeTime(R, proj, t):
    p = _proj(R, proj, "TimeMap2_GetNextChangeTime")
    if p is None:
        return -1.0
    for m in sorted(p.markers, key=lambda m: m.time):
        if m.time > t + 1e-12:
            return m.time
    return -1.0


# --------------------------------------------------------------------------
# tracks
# --------------------------------------------------------------------------


@_api
def _CountTracks(R, proj):
    p = _proj(R, proj, "CountTracks")
    return len(p.tracks) if p else 0


@_api
def _GetTrack(R, proj, idx):
    p = _proj(R, proj, "GetTrack")
    if p and 0 <= idx < len(p.tracks):
        return p.tracks[idx].ptr
    return 0


@_api
def _GetMasterTrack(R, proj):
    p = _proj(R, proj, "GetMasterTrack")
    return p.master.ptr if p and p.master else 0


@_api
def _InsertTrackAtIndex(R, idx, want_defaults):
    R.create_track(R.project, index=idx)


@_api
def _DeleteTrack(R, tr):
    t = _track(R, tr, "DeleteTrack")
    if t is not None and not t.is_master:
        R.delete_track(t)


@_api
def _GetTrackName(R, tr, buf, buf_sz):
    # REAPER returns "MASTER" for the master track and "Track N" for an unnamed track.
    t = _track(R, tr, "GetTrackName")
    if t is None:
        return False
    if t.is_master:
        name = "MASTER"
    else:
        name = t.name or "Track %d" % t.project.track_number(t)
    _write(buf, name, buf_sz)
    return True


def _ext_key(parm):
    if parm.startswith("P_EXT:"):
        return parm[6:]
    return None


def _string_param(R, obj, parm, buf, is_set, fields):
    """GetSet*Info_String for tracks, items and takes. ``fields`` maps parm -> attribute."""
    parm = parm or ""
    key = _ext_key(parm)
    if key is not None:
        if not key:
            return False
        if is_set:
            value = _cstr(buf) or ""
            if value:
                obj.ext[key] = value
            else:
                obj.ext.pop(key, None)  # DOC UNCLEAR: setting "" is taken as deleting the key
            _changed(obj)
            return True
        if key not in obj.ext:
            _write(buf, "", _BIG)
            return False
        _write(buf, obj.ext[key], _BIG)
        return True
    if parm == "GUID":
        if is_set:
            return False
        _write(buf, obj.guid or "", _BIG)
        return True
    if parm in fields:
        attr = fields[parm]
        if is_set:
            setattr(obj, attr, _cstr(buf) or "")
            _changed(obj)
        else:
            _write(buf, getattr(obj, attr), _BIG)
        return True
    return False


@_api
def _GetSetMediaTrackInfo_String(R, tr, parm, buf, is_set):
    t = _track(R, tr, "GetSetMediaTrackInfo_String")
    if t is None:
        return False
    return _string_param(R, t, _cstr(parm), buf, is_set, {"P_NAME": "name"})


_TRACK_RO = {"IP_TRACKNUMBER", "P_PARTRACK", "P_PROJECT"}


@_api
def _GetMediaTrackInfo_Value(R, tr, parm):
    t = _track(R, tr, "GetMediaTrackInfo_Value")
    if t is None:
        return 0.0
    name = _cstr(parm) or ""
    if name == "IP_TRACKNUMBER":
        return float(t.project.track_number(t))
    if name == "P_PROJECT":
        return float(t.project.ptr)
    if name == "P_PARTRACK":
        return 0.0
    return float(t.values.get(name, 0.0))


@_api
def _SetMediaTrackInfo_Value(R, tr, parm, value):
    t = _track(R, tr, "SetMediaTrackInfo_Value")
    name = _cstr(parm) or ""
    if t is None or name in _TRACK_RO or name not in t.values:
        return False
    if name.startswith(("I_", "B_")):
        value = float(int(value))
    t.values[name] = value
    _changed(t)
    return True


@_api
def _CountSelectedTracks(R, proj):
    p = _proj(R, proj, "CountSelectedTracks")
    return len(p.selected_tracks()) if p else 0


@_api
def _CountSelectedTracks2(R, proj, want_master):
    p = _proj(R, proj, "CountSelectedTracks2")
    return len(p.selected_tracks(bool(want_master))) if p else 0


@_api
def _GetSelectedTrack(R, proj, idx):
    p = _proj(R, proj, "GetSelectedTrack")
    sel = p.selected_tracks() if p else []
    return sel[idx].ptr if 0 <= idx < len(sel) else 0


@_api
def _GetSelectedTrack2(R, proj, idx, want_master):
    p = _proj(R, proj, "GetSelectedTrack2")
    sel = p.selected_tracks(bool(want_master)) if p else []
    return sel[idx].ptr if 0 <= idx < len(sel) else 0


@_api
def _SetTrackSelected(R, tr, selected):
    t = _track(R, tr, "SetTrackSelected")
    if t is not None:
        t.values["I_SELECTED"] = 1.0 if selected else 0.0


@_api
def _IsTrackSelected(R, tr):
    t = _track(R, tr, "IsTrackSelected")
    return bool(t and t.values["I_SELECTED"])


@_api
def _SetOnlyTrackSelected(R, tr):
    t = _track(R, tr, "SetOnlyTrackSelected")
    if t is None:
        return
    for other in t.project.tracks + [t.project.master]:
        other.values["I_SELECTED"] = 1.0 if other is t else 0.0


@_api
def _ClearAllRecArmed(R):
    for t in R.project.tracks:
        t.values["I_RECARM"] = 0.0


@_api
def _GetTrackColor(R, tr):
    t = _track(R, tr, "GetTrackColor")
    return int(t.values["I_CUSTOMCOLOR"]) if t else 0


@_api
def _SetTrackColor(R, tr, color):
    t = _track(R, tr, "SetTrackColor")
    if t:
        t.values["I_CUSTOMCOLOR"] = float(color | 0x1000000)


def _depths(tracks) -> list[int]:
    """Each track's folder depth (0 at the top), from I_FOLDERDEPTH: 1 opens a folder, -n closes n levels."""
    out, depth = [], 0
    for t in tracks:
        out.append(depth)
        depth = max(depth + int(t.values.get("I_FOLDERDEPTH", 0)), 0)
    return out


@_api
def _GetTrackDepth(R, tr):
    t = _track(R, tr, "GetTrackDepth")
    return _depths(t.project.tracks)[t.project.tracks.index(t)] if t else 0


@_api
def _GetParentTrack(R, tr):
    t = _track(R, tr, "GetParentTrack")
    if not t:
        return 0
    tracks = t.project.tracks
    depths, i = _depths(tracks), tracks.index(t)
    for j in range(i - 1, -1, -1):  # the nearest track above one level up is the folder holding it
        if depths[j] < depths[i]:
            return tracks[j].ptr
    return 0


def _routes(t, category):
    """A track's routes of one category: <0 receives (the tracks sending to it), 0 sends to tracks, >0 hardware
    outputs, each as [source, destination pointer or None]."""
    if category < 0:
        return [[o, t.ptr] for o in t.project.tracks for d in o.sends if d == t.ptr]
    return [[t, d] for d in t.sends if (d is None) == (category > 0)]


@_api
def _GetTrackNumSends(R, tr, category):
    t = _track(R, tr, "GetTrackNumSends")
    return len(_routes(t, category)) if t else 0


@_api
def _CreateTrackSend(R, tr, dest):
    """A send to `dest`, or a hardware output when `dest` is NULL; returns its index in its category, -1 on failure."""
    t = _track(R, tr, "CreateTrackSend")
    d = _track(R, dest, "CreateTrackSend") if dest else None
    if t is None or (dest and d is None) or d is t:
        return -1
    t.sends.append(None if d is None else d.ptr)
    _changed(t)
    return len(_routes(t, 1 if d is None else 0)) - 1


@_api
def _RemoveTrackSend(R, tr, category, idx):
    t = _track(R, tr, "RemoveTrackSend")
    routes = _routes(t, category) if t else []
    if not 0 <= idx < len(routes):
        return False
    src, dest = routes[idx]
    _fr.send_info(src, 0)  # every send's settings exist now, so they go with it
    del src.send_values[src.sends.index(dest)]
    src.sends.remove(dest)
    _changed(src)
    return True


def _send_values(R, tr, category, idx, fn):
    """The settings dict of a track's route (see _routes), or None."""
    t = _track(R, tr, fn)
    routes = _routes(t, category) if t else []
    if not 0 <= idx < len(routes):
        return None
    src, dest = routes[idx]
    k = [j for j, d in enumerate(src.sends) if d == dest][[r[1] for r in routes[:idx] if r[0] is src].count(dest)]
    return src, _fr.send_info(src, k)


@_api
def _GetTrackSendInfo_Value(R, tr, category, idx, parm):
    found = _send_values(R, tr, category, idx, "GetTrackSendInfo_Value")
    if found is None:
        return 0.0
    src, values = found
    name = _cstr(parm) or ""
    if name == "P_SRCTRACK":
        return float(src.ptr)
    return float(values.get(name, 0.0))


@_api
def _SetTrackSendInfo_Value(R, tr, category, idx, parm, value):
    found = _send_values(R, tr, category, idx, "SetTrackSendInfo_Value")
    name = _cstr(parm) or ""
    if found is None or name not in found[1]:
        return False
    src, values = found
    values[name] = float(int(value)) if name.startswith(("I_", "B_")) else float(value)
    _changed(src)
    return True


@_api
def _CountTrackEnvelopes(R, tr):
    return 0


@_api
def _AnyTrackSolo(R, proj):
    p = _proj(R, proj, "AnyTrackSolo")
    return any(t.values["I_SOLO"] for t in p.tracks) if p else False


@_api
def _TrackFX_AddByName(R, tr, fxname, rec_fx, instantiate):
    # "Specify a negative value for instantiate to always create a new effect,
    # 0 to only query the first instance of an effect, or a positive value to
    # add an instance if one is not found."
    t = _track(R, tr, "TrackFX_AddByName")
    name = _cstr(fxname) or ""
    if t is None:
        return -1
    found = next((i for i, n in enumerate(t.fx) if name.lower() in n.lower()), -1)
    if instantiate == 0 or (instantiate > 0 and found >= 0):
        return found
    t.fx.append(name)
    _changed(t)
    return len(t.fx) - 1


@_api
def _TrackFX_GetCount(R, tr):
    t = _track(R, tr, "TrackFX_GetCount")
    return len(t.fx) if t else 0


@_api
def _TrackFX_GetFXName(R, tr, fx, buf, buf_sz):
    t = _track(R, tr, "TrackFX_GetFXName")
    if t is None or not 0 <= fx < len(t.fx):
        return False
    _write(buf, t.fx[fx], buf_sz)
    return True


@_api
def _TrackFX_GetInstrument(R, tr):
    t = _track(R, tr, "TrackFX_GetInstrument")
    if t is None:
        return -1
    return next((i for i, n in enumerate(t.fx) if "vsti" in n.lower() or "instrument" in n.lower()), -1)


@_api
def _CountTrackMediaItems(R, tr):
    t = _track(R, tr, "CountTrackMediaItems")
    return len(t.items) if t else 0


@_api
def _GetTrackMediaItem(R, tr, idx):
    t = _track(R, tr, "GetTrackMediaItem")
    if t is None:
        return 0
    items = t.sorted_items()
    return items[idx].ptr if 0 <= idx < len(items) else 0


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


# --------------------------------------------------------------------------
# takes
# --------------------------------------------------------------------------


@_api
def _GetActiveTake(R, item):
    it = _item(R, item, "GetActiveTake")
    tk = it.active_take() if it else None
    return tk.ptr if tk else 0


@_api
def _GetMediaItemTake(R, item, idx):
    it = _item(R, item, "GetMediaItemTake")
    if it is None:
        return 0
    if idx == -1:  # -1: the active take (as GetTake)
        tk = it.active_take()
        return tk.ptr if tk else 0
    return it.takes[idx].ptr if 0 <= idx < len(it.takes) else 0


@_api
def _GetTake(R, item, idx):
    return _GetMediaItemTake(R, item, idx)


@_api
def _CountTakes(R, item):
    it = _item(R, item, "CountTakes")
    return len(it.takes) if it else 0


@_api
def _GetMediaItemNumTakes(R, item):
    return _CountTakes(R, item)


@_api
def _AddTakeToMediaItem(R, item):
    # A new take has no source: TakeIsMIDI is false until one is set.
    it = _item(R, item, "AddTakeToMediaItem")
    if it is None:
        return 0
    return R.create_take(it, midi=False).ptr


@_api
def _SetActiveTake(R, take):
    tk = _take(R, take, "SetActiveTake")
    if tk is not None:
        tk.item.active = tk.item.takes.index(tk)


@_api
def _TakeIsMIDI(R, take):
    tk = _take(R, take, "TakeIsMIDI")
    return bool(tk and tk.is_midi)


@_api
def _GetTakeName(R, take):
    tk = _take(R, take, "GetTakeName")
    return tk.name if tk else None


@_api
def _GetSetMediaItemTakeInfo_String(R, take, parm, buf, is_set):
    tk = _take(R, take, "GetSetMediaItemTakeInfo_String")
    if tk is None:
        return False
    return _string_param(R, tk, _cstr(parm), buf, is_set, {"P_NAME": "name"})


_TAKE_RO = {"IP_TAKENUMBER", "P_TRACK", "P_ITEM", "P_SOURCE"}


@_api
def _GetMediaItemTakeInfo_Value(R, take, parm):
    tk = _take(R, take, "GetMediaItemTakeInfo_Value")
    if tk is None:
        return 0.0
    name = _cstr(parm) or ""
    if name == "IP_TAKENUMBER":
        return float(tk.item.takes.index(tk))
    if name == "P_TRACK":
        return float(tk.item.track.ptr)
    if name == "P_ITEM":
        return float(tk.item.ptr)
    if name == "P_SOURCE":
        return float(tk.source.ptr if tk.source else 0)
    return float(tk.values.get(name, 0.0))


@_api
def _SetMediaItemTakeInfo_Value(R, take, parm, value):
    tk = _take(R, take, "SetMediaItemTakeInfo_Value")
    name = _cstr(parm) or ""
    if tk is None or name in _TAKE_RO or name not in tk.values:
        return False
    tk.values[name] = value
    _changed(tk)
    return True


@_api
def _GetMediaItemTake_Item(R, take):
    tk = _take(R, take, "GetMediaItemTake_Item")
    return tk.item.ptr if tk else 0


@_api
def _GetMediaItemTake_Track(R, take):
    tk = _take(R, take, "GetMediaItemTake_Track")
    return tk.item.track.ptr if tk else 0


@_api
def _GetMediaItemTake_Source(R, take):
    tk = _take(R, take, "GetMediaItemTake_Source")
    return tk.source.ptr if tk and tk.source else 0


@_api
def _GetMediaSourceType(R, source, buf, buf_sz):
    src = R.resolve(source, "PCM_source*", "GetMediaSourceType")
    _write(buf, src.kind if src else "", buf_sz)


@_api
def _GetMediaSourceFileName(R, source, buf, buf_sz):
    # "Copies the media source filename to filenamebuf. Note that in-project
    # MIDI media sources have no associated filename. See GetMediaSourceParent."
    # DOC UNCLEAR: what a SECTION source (a reversed item, a source section)
    # reports; the simulation gives "" as REAPER is reported to, so callers
    # must walk up with GetMediaSourceParent. A void function: the wrapper
    # returns (source, filename, size).
    src = R.resolve(source, "PCM_source*", "GetMediaSourceFileName")
    _write(buf, src.filename if src else "", buf_sz)


@_api
def _GetMediaSourceParent(R, src):
    # "Returns the parent source, or NULL if src is the root source. This can
    # be used to retrieve the parent properties of sections or reversed sources."
    s = R.resolve(src, "PCM_source*", "GetMediaSourceParent")
    return s.parent.ptr if s is not None and s.parent is not None else 0


@_api
def _PCM_Source_GetSectionInfo(R, src, offs, length, rev):
    # "If a section/reverse block, retrieves offset/len/reverse. return true if success"
    # DOC UNCLEAR: what a plain (non-section) source gives; here false, with
    # offset 0, the source's whole length and not reversed.
    s = R.resolve(src, "PCM_source*", "PCM_Source_GetSectionInfo")
    if s is None:
        return False
    if s.kind != "SECTION":
        offs.set(0.0)
        length.set(_source_seconds(s))
        rev.set(0)
        return False
    offs.set(s.section_offset)
    length.set(s.section_length or max(0.0, _source_seconds(s.parent) - s.section_offset))
    rev.set(1 if s.reversed else 0)
    return True


def _source_seconds(src):
    """Length in seconds of an audio source: its file's, read from the header (0 if unreadable)."""
    if src is None:
        return 0.0
    if src.kind == "SECTION":
        return src.section_length or max(0.0, _source_seconds(src.parent) - src.section_offset)
    try:
        import soundfile
        return float(soundfile.info(src.filename).duration)
    except Exception:
        try:
            import wave
            with wave.open(src.filename) as w:
                return w.getnframes() / float(w.getframerate())
        except Exception:
            return 0.0  # DOC UNCLEAR: the length REAPER reports for an offline (missing) file


@_api
def _GetMediaSourceLength(R, source, is_qn):
    # MIDI sources report their length in QN (lengthIsQN set), audio sources in seconds.
    src = R.resolve(source, "PCM_source*", "GetMediaSourceLength")
    if src is None:
        return 0.0
    if src.kind != "MIDI":
        is_qn.set(0)
        return _source_seconds(src)
    is_qn.set(1)
    return src.take.length_qn


@_api
def _CountTakeEnvelopes(R, take):
    return 0


@_api
def _GetTakeNumStretchMarkers(R, take):
    tk = _take(R, take, "GetTakeNumStretchMarkers")
    return len(tk.stretch_markers) if tk else 0


@_api
def _GetTakeStretchMarker(R, take, idx, pos, srcpos):
    # "posOut will be set to position in item, srcposOutOptional will be set to source media position.
    # Returns index", -1 if not valid. (The lookup by position for idx -1 is not modelled.)
    tk = _take(R, take, "GetTakeStretchMarker")
    if tk is None or not 0 <= idx < len(tk.stretch_markers):
        return -1
    pos.set(tk.stretch_markers[idx][0])
    srcpos.set(tk.stretch_markers[idx][1])
    return idx


@_api
def _SetTakeStretchMarker(R, take, idx, pos, srcpos):
    # idx -1 adds a marker; without srcpos it is the source position now playing at pos (no markers: the
    # take's start offset + pos; between markers: interpolated, slope 1 beyond them). Returns its index.
    tk = _take(R, take, "SetTakeStretchMarker")
    if tk is None:
        return -1
    src = float(srcpos.get()) if srcpos else None
    marks = tk.stretch_markers
    if src is None:
        pts = marks or [[0.0, tk.values.get("D_STARTOFFS", 0.0)]]
        k = max([j for j, m in enumerate(pts) if m[0] <= pos] or [0])
        if k + 1 < len(pts) and pts[k][0] <= pos:
            (p0, s0), (p1, s1) = pts[k], pts[k + 1]
            src = s0 + (pos - p0) * (s1 - s0) / (p1 - p0) if p1 > p0 else s0
        else:
            src = pts[k][1] + (pos - pts[k][0])
    if 0 <= idx < len(marks):
        marks[idx] = [float(pos), float(src)]
    elif idx == -1:
        marks.append([float(pos), float(src)])
    else:
        return -1
    marks.sort(key=lambda m: m[0])
    _changed(tk)
    return next(j for j, m in enumerate(marks) if m[0] == float(pos))


@_api
def _TakeFX_GetCount(R, take):
    return 0


# --------------------------------------------------------------------------
# MIDI
# --------------------------------------------------------------------------


def _midi_take(R, ptr, fn):
    tk = _take(R, ptr, fn)
    return tk if tk is not None and tk.is_midi else None


@_api
def _MIDI_CountEvts(R, take, notecnt, cccnt, textcnt):
    # DOC UNCLEAR: the return value; here the total of the three counts.
    tk = _midi_take(R, take, "MIDI_CountEvts")
    if tk is None:
        notecnt.set(0)
        cccnt.set(0)
        textcnt.set(0)
        return 0
    notecnt.set(len(tk.notes))
    cccnt.set(len(tk.ccs))
    textcnt.set(len(tk.texts))
    return len(tk.notes) + len(tk.ccs) + len(tk.texts)


@_api
def _MIDI_GetNote(R, take, idx, sel, mute, start, end, chan, pitch, vel):
    tk = _midi_take(R, take, "MIDI_GetNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    n = tk.notes[idx]
    sel.set(1 if n.sel else 0)
    mute.set(1 if n.mute else 0)
    start.set(n.start)
    end.set(n.end if n.end is not None else tk.length_qn * PPQ)
    chan.set(n.chan)
    pitch.set(n.pitch)
    vel.set(n.vel)
    return True


@_api
def _MIDI_SetNote(R, take, idx, sel, mute, start, end, chan, pitch, vel, no_sort):
    # "Properties passed as NULL will not be set." (REAPER's Python wrapper
    # always passes all of them.)
    tk = _midi_take(R, take, "MIDI_SetNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    n = tk.notes[idx]
    if sel:
        n.sel = bool(sel.get())
    if mute:
        n.mute = bool(mute.get())
    if start:
        n.start = float(start.get())
    if end:
        n.end = float(end.get())
    if chan:
        n.chan = int(chan.get()) & 15
    if pitch:
        n.pitch = int(pitch.get()) & 127
    if vel:
        n.vel = int(vel.get()) & 127
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    return True


@_api
def _MIDI_InsertNote(R, take, sel, mute, start, end, chan, pitch, vel, no_sort):
    tk = _midi_take(R, take, "MIDI_InsertNote")
    if tk is None:
        return False
    tk.notes.append(_fr.Note(start, end, chan, pitch, vel, sel, mute))
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    _check_rendered(R, tk, start, pitch)
    return True


def _check_rendered(R, tk, ppq, pitch):
    """A note written where REAPER has already rendered its track (render-ahead) is not heard: record it."""
    track = tk.item.track
    monitored = track.values["I_RECARM"] and track.values["I_RECMON"]
    p = track.project
    t = p.qn_to_time(p.qn_from_ppq(tk, ppq))
    if R.transport.already_rendered(t, monitored=bool(monitored)):
        R.late_notes.append((track.name, t, int(pitch)))


@_api
def _MIDI_DeleteNote(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    del tk.notes[idx]
    _changed(tk)
    return True


@_api
def _MIDI_GetCC(R, take, idx, sel, mute, ppq, chanmsg, chan, msg2, msg3):
    tk = _midi_take(R, take, "MIDI_GetCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    c = tk.ccs[idx]
    sel.set(1 if c.sel else 0)
    mute.set(1 if c.mute else 0)
    ppq.set(c.pos)
    chanmsg.set(c.chanmsg)
    chan.set(c.chan)
    msg2.set(c.msg2)
    msg3.set(c.msg3)
    return True


@_api
def _MIDI_SetCC(R, take, idx, sel, mute, ppq, chanmsg, chan, msg2, msg3, no_sort):
    tk = _midi_take(R, take, "MIDI_SetCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    c = tk.ccs[idx]
    if sel:
        c.sel = bool(sel.get())
    if mute:
        c.mute = bool(mute.get())
    if ppq:
        c.pos = float(ppq.get())
    if chanmsg:
        c.chanmsg = int(chanmsg.get()) & 0xF0
    if chan:
        c.chan = int(chan.get()) & 15
    if msg2:
        c.msg2 = int(msg2.get()) & 127
    if msg3:
        c.msg3 = int(msg3.get()) & 127
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    return True


@_api
def _MIDI_InsertCC(R, take, sel, mute, ppq, chanmsg, chan, msg2, msg3):
    tk = _midi_take(R, take, "MIDI_InsertCC")
    if tk is None:
        return False
    tk.ccs.append(_fr.CC(ppq, chanmsg, chan, msg2, msg3, sel, mute))
    _maybe_sort(tk, False)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteCC(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    del tk.ccs[idx]
    _changed(tk)
    return True


def _raw_events(tk):
    return [[ppq, flags, msg] for ppq, flags, msg, _k, _r in _fr.take_events(tk)]


def _set_raw(tk, events):
    events.sort(key=lambda e: e[0])
    _fr.set_take_events(tk, [(e[0], e[1], e[2]) for e in events])


@_api
def _MIDI_GetEvt(R, take, idx, sel, mute, ppq, msg, msg_sz):
    # Events are enumerated as MIDI_GetAllEvts lists them (note-ons and
    # note-offs separately), without the final end-of-source marker.
    tk = _midi_take(R, take, "MIDI_GetEvt")
    if tk is None:
        return False
    evs = _fr.take_events(tk)
    if not 0 <= idx < len(evs):
        return False
    pos, flags, data, _k, _r = evs[idx]
    sel.set(flags & 1)
    mute.set(1 if flags & 2 else 0)
    ppq.set(pos)
    cap = msg_sz.get(0)
    if msg and cap is not None and cap >= len(data):
        ctypes.memmove(msg, data, len(data))
    msg_sz.set(len(data))
    return True


@_api
def _MIDI_SetEvt(R, take, idx, sel, mute, ppq, msg, msg_sz, no_sort):
    tk = _midi_take(R, take, "MIDI_SetEvt")
    if tk is None:
        return False
    evs = _raw_events(tk)
    if not 0 <= idx < len(evs):
        return False
    e = evs[idx]
    if sel:
        e[1] = (e[1] & ~1) | (1 if sel.get() else 0)
    if mute:
        e[1] = (e[1] & ~2) | (2 if mute.get() else 0)
    if ppq:
        e[0] = float(ppq.get())
    if msg and msg_sz > 0:
        e[2] = _cbytes(msg, msg_sz)
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_InsertEvt(R, take, sel, mute, ppq, data, size):
    tk = _midi_take(R, take, "MIDI_InsertEvt")
    if tk is None or size <= 0:
        return False
    evs = _raw_events(tk)
    evs.append([float(ppq), (1 if sel else 0) | (2 if mute else 0), _cbytes(data, size)])
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteEvt(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteEvt")
    if tk is None:
        return False
    evs = _raw_events(tk)
    if not 0 <= idx < len(evs):
        return False
    del evs[idx]
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_GetTextSysexEvt(R, take, idx, sel, mute, ppq, type_, msg, msg_sz):
    tk = _midi_take(R, take, "MIDI_GetTextSysexEvt")
    if tk is None or not 0 <= idx < len(tk.texts):
        return False
    t = tk.texts[idx]
    sel.set(1 if t.sel else 0)
    mute.set(1 if t.mute else 0)
    ppq.set(t.pos)
    type_.set(t.type)
    cap = msg_sz.get(0)
    if msg and cap is not None and cap >= len(t.data):
        ctypes.memmove(msg, t.data, len(t.data))
    msg_sz.set(len(t.data))
    return True


@_api
def _MIDI_InsertTextSysexEvt(R, take, sel, mute, ppq, type_, data, size):
    # "Allowable types are -1:sysex (msg should not include bounding F0..F7),
    # 1-14:MIDI text event types, 15=REAPER notation event."
    tk = _midi_take(R, take, "MIDI_InsertTextSysexEvt")
    if tk is None or not (type_ == -1 or 1 <= type_ <= 15):
        return False
    tk.texts.append(_fr.TextEvt(ppq, type_, _cbytes(data, size), sel, mute))
    _maybe_sort(tk, False)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteTextSysexEvt(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteTextSysexEvt")
    if tk is None or not 0 <= idx < len(tk.texts):
        return False
    del tk.texts[idx]
    _changed(tk)
    return True


@_api
def _MIDI_Sort(R, take):
    tk = _midi_take(R, take, "MIDI_Sort")
    if tk is not None:
        tk.sort_disabled = False
        tk.sort()


@_api
def _MIDI_DisableSort(R, take):
    # "Disable sorting for all MIDI insert, delete, get and set functions,
    # until MIDI_Sort is called."
    tk = _midi_take(R, take, "MIDI_DisableSort")
    if tk is not None:
        tk.sort_disabled = True


@_api
def _MIDI_SelectAll(R, take, select):
    tk = _midi_take(R, take, "MIDI_SelectAll")
    if tk is None:
        return
    for x in tk.notes + tk.ccs + tk.texts:
        x.sel = bool(select)


@_api
def _MIDI_EnumSelNotes(R, take, idx):
    tk = _midi_take(R, take, "MIDI_EnumSelNotes")
    if tk is None:
        return -1
    for i in range(max(idx + 1, 0), len(tk.notes)):
        if tk.notes[i].sel:
            return i
    return -1


@_api
def _MIDI_GetAllEvts(R, take, buf, buf_sz):
    # Buffer: { int32 offset, uint8 flag, int32 msglen, msg[] } little-endian,
    # offsets in ticks from the previous event; the last event is an
    # all-notes-off CC 123 at the end of the source (not in the documentation,
    # see fake_reaper.project.pack_events).
    # DOC UNCLEAR: what happens when *buf_sz is too small is not documented;
    # the simulation then writes nothing, sets *buf_sz to the size needed and
    # returns false.
    tk = _midi_take(R, take, "MIDI_GetAllEvts")
    if tk is None:
        buf_sz.set(0)
        return False
    data = _fr.pack_events(tk)
    cap = buf_sz.get(0) or 0
    if not buf or cap < len(data):
        buf_sz.set(len(data))
        return False
    ctypes.memmove(buf, data, len(data))
    buf_sz.set(len(data))
    return True


@_api
def _MIDI_SetAllEvts(R, take, buf, buf_sz):
    # A malformed buffer (truncated header, bad length) leaves the take
    # unchanged and returns false.
    tk = _midi_take(R, take, "MIDI_SetAllEvts")
    if tk is None or buf_sz < 0:
        return False
    try:
        events = _fr.unpack_buffer(_cbytes(buf, buf_sz))
    except ValueError as e:
        R.errors.append(("MIDI_SetAllEvts", str(e), ""))
        return False
    _fr.set_take_events(tk, events)
    tk.sort_disabled = False
    _changed(tk)
    return True


@_api
def _MIDI_GetHash(R, take, notes_only, buf, buf_sz):
    # "Get a string that only changes when the MIDI data changes." The format
    # of REAPER's string is not documented; this one is 32 hex digits.
    tk = _midi_take(R, take, "MIDI_GetHash")
    if tk is None:
        return False
    _write(buf, _fr.take_hash(tk, bool(notes_only)), buf_sz)
    return True


@_api
def _MIDI_GetTrackHash(R, tr, notes_only, buf, buf_sz):
    t = _track(R, tr, "MIDI_GetTrackHash")
    if t is None:
        return False
    import hashlib
    h = hashlib.md5()
    any_midi = False
    for it in t.sorted_items():
        for tk in it.takes:
            if tk.is_midi:
                any_midi = True
                h.update(("%r|" % it.values["D_POSITION"]).encode())
                h.update(_fr.take_hash(tk, bool(notes_only)).encode())
    if not any_midi:
        return False
    _write(buf, h.hexdigest(), buf_sz)
    return True


def _take_project(tk):
    return tk.item.track.project


@_api
def _MIDI_GetPPQPosFromProjQN(R, take, qn):
    tk = _take(R, take, "MIDI_GetPPQPosFromProjQN")
    return _take_project(tk).ppq_from_qn(tk, qn) if tk else 0.0


@_api
def _MIDI_GetProjQNFromPPQPos(R, take, ppq):
    tk = _take(R, take, "MIDI_GetProjQNFromPPQPos")
    return _take_project(tk).qn_from_ppq(tk, ppq) if tk else 0.0


@_api
def _MIDI_GetPPQPosFromProjTime(R, take, t):
    tk = _take(R, take, "MIDI_GetPPQPosFromProjTime")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    return p.ppq_from_qn(tk, p.time_to_qn(t))


@_api
def _MIDI_GetProjTimeFromPPQPos(R, take, ppq):
    tk = _take(R, take, "MIDI_GetProjTimeFromPPQPos")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    return p.qn_to_time(p.qn_from_ppq(tk, ppq))


@_api
def _MIDI_GetPPQPos_StartOfMeasure(R, take, ppq):
    tk = _take(R, take, "MIDI_GetPPQPos_StartOfMeasure")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    _m, start, _end, _n, _d = p.measure_of_qn(p.qn_from_ppq(tk, ppq))
    return p.ppq_from_qn(tk, start)


@_api
def _MIDI_GetPPQPos_EndOfMeasure(R, take, ppq):
    tk = _take(R, take, "MIDI_GetPPQPos_EndOfMeasure")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    _m, _start, end, _n, _d = p.measure_of_qn(p.qn_from_ppq(tk, ppq))
    return p.ppq_from_qn(tk, end)


@_api
def _MIDI_RefreshEditors(R, take):
    R.ui_updates["MIDI_RefreshEditors"] += 1


@_api
def _MIDI_GetRecentInputEvent(R, idx, buf, buf_sz, ts, dev, proj_pos, loop_cnt):
    # "Gets a recent MIDI input event from the global history. idx=0 for the
    # most recent event, which also latches to the latest MIDI event state (to
    # get a more recent list, calling with idx=0 is necessary). idx=1 next
    # most recent event, returns a non-zero sequence number for the event, or
    # zero if no more events. tsOut will be set to the timestamp in samples
    # relative to the current position (0 is current, -48000 is one second
    # ago, etc). devIdxOut will have the low 16 bits set to the input device
    # index, and 0x10000 will be set if device was enabled only for control.
    # projPosOut will be set to project position in seconds if project was
    # playing back at time of event, otherwise -1."
    # DOC UNCLEAR: *bufOut_sz is taken as the buffer capacity on input and the
    # message length on output; when the message does not fit, nothing is
    # written and *bufOut_sz reports the length needed. The size of REAPER's
    # history is not documented (1024 here).
    got = R.input.get(idx)
    if got is None:
        return 0
    ev, tsamples = got
    msg = ev["msg"]
    cap = buf_sz.get(0) or 0
    if buf and cap >= len(msg):
        ctypes.memmove(buf, msg, len(msg))
        if cap > len(msg):
            ctypes.memset(buf + len(msg), 0, 1)
    buf_sz.set(len(msg))
    ts.set(tsamples)
    dev.set(ev["dev"])
    proj_pos.set(ev["proj_pos"])
    loop_cnt.set(ev["loop"])
    return ev["seq"]


# --------------------------------------------------------------------------
# deferred code (provided by REAPER's Python host, not by the C API)
# --------------------------------------------------------------------------


def RPR_defer(code):
    """Run ``code`` (a string of Python code) on a later defer cycle (~30 ms)."""
    if not isinstance(code, str):
        raise TypeError("RPR_defer() expects a string of Python code, got %s" % type(code).__name__)
    _fr.current().runtime.defer(code)


def RPR_get_action_context():
    """The action the running script was started as: (is_new_value, filename, sectionID, cmdID, mode, resolution,
    val), as Lua's reaper.get_action_context() returns them, less its contextstr.

    DOC UNCLEAR: REAPER's API documentation gives get_action_context for EEL2 and Lua; whether Python ReaScript
    has it is not said there (scripts in the wild call RPR_get_action_context inside a try). Code that needs it
    must cope without it: a test deletes it from this module to check. Outside a registered script (code a
    test runs directly) the command is -1, as for a script run from the ReaScript editor.
    """
    R = _fr.current()
    owner = R.runtime.owner
    path = owner[0] if owner else ""
    for cmd, (section, script, _named) in R.scripts.items():
        if path and script == path:
            return (1, path, section, cmd, -1, -1, -1)
    return (1, path, 0, -1, -1, -1, -1)


def RPR_atexit(code):
    """Run ``code`` (a string of Python code) when the script terminates."""
    if not isinstance(code, str):
        raise TypeError("RPR_atexit() expects a string of Python code, got %s" % type(code).__name__)
    _fr.current().runtime.at_exit(code)


# --------------------------------------------------------------------------
# test-side entry points (not part of REAPER's module)
# --------------------------------------------------------------------------


def fake_install(reaper):
    """Make ``reaper`` (a fake_reaper.project.Reaper) the REAPER these functions act on."""
    _fr.set_current(reaper)
    return reaper


def fake_current():
    return _fr.current()


_build()
