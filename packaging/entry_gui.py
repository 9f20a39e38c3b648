"""Frozen entry point of the `rentan-desktop` window (what the gui-script shim does in a venv)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app re-runs this file for any worker process
    if sys.argv[1:2] == ["--rentan-sheet-child"]:  # io.safe_sheet parses untrusted files here
        from rentan_desktop.io.sheet_child import main as sheet_child

        sys.exit(sheet_child())
    if sys.argv[1:2] == ["--rentan-job-child"]:  # services.process_job: long reads off the GUI
        from rentan_desktop.services.process_job import main as job_child

        sys.exit(job_child())
    from rentan_desktop.gui.app import main

    sys.exit(main())
