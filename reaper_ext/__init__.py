"""ReaGroove inside REAPER: the REAPER-side module, the engine bridge, the installer and the panel."""
