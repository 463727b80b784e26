# @description ReaGroove: Start server
# @about Starts ReaGroove's server (127.0.0.1 only, ReaGroove's functions only) in this REAPER session,
# unless it already runs. __startup.py starts it at launch; this action is for when it did not.
#
# A ReaGroove action, run by REAPER's embedded Python. Installed by install/reaper.py, which fills in
# the quoted @PLACEHOLDER@ strings; the shared code is reagroove_common.py beside this file.
import sys

INSTALL_DIR = "@INSTALL_DIR@"
PORT = "@PORT@"
REAGROOVE = "@REAGROOVE@"

if INSTALL_DIR not in sys.path:
    sys.path.insert(0, INSTALL_DIR)

import reagroove_common  # found through INSTALL_DIR

reagroove_common.run("start_server", port=PORT, engine=REAGROOVE)
