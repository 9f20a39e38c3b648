"""Frozen entry point of the `rentan-desktop` window (what the gui-script shim does in a venv)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app re-runs this file for any worker process
    from rentan_desktop.gui.app import main

    sys.exit(main())
