"""Frozen entry point of the `rentan` command line (what the console-script shim does in a venv)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app re-runs this file for any worker process
    from rentan_desktop.cli.main import main

    sys.exit(main())
