"""`rentan`: the command line over the same services as the desktop app."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys

from rentan_desktop import __version__
from rentan_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    CliError,
    Runtime,
    add_common,
)
from rentan_desktop.domain import issues
from rentan_desktop.services.errors import user_message

issues.define_all(
    {
        "cli.unexpected": (
            "Terjadi kesalahan tak terduga pada program. Rinciannya dicatat di log ({log}); "
            "kirimkan ke petugas TI.",
            "An unexpected error occurred in the program. The details are in the log ({log}); "
            "send it to IT support.",
        ),
    }
)

# Each module defines register(subparsers, add_common) and sets `handler` defaults on its parsers.
COMMAND_MODULES = [
    "rentan_desktop.cli.core",
    "rentan_desktop.cli.registry",
    "rentan_desktop.cli.printing",
    "rentan_desktop.cli.legacy",
    "rentan_desktop.cli.keying",
    "rentan_desktop.cli.backup",
    "rentan_desktop.cli.batch",
    "rentan_desktop.cli.master_data",
    "rentan_desktop.cli.server",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"rentan: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rentan", description="Rentan Desktop: pendaftaran pekerja rentan (CLI)")
    parser.add_argument("--version", action="version", version=f"rentan {__version__}")
    # `rentan --lang en search …` as well as `rentan search … --lang en`.
    parser.add_argument(
        "--lang", dest="global_lang", choices=("id", "en"), help="language of messages"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, add_common)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The `rentan` entry point."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at interpreter exit, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        # `rentan search … | head`: the reader has gone. Quiet, and no second error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        # The `rentan` program (argv None) ends here: left frozen, its objects are not walked by
        # the collection at interpreter exit (~0.25 s of a command's CPU). A caller that runs
        # several commands in one process (tests) passes argv and gets them collectable again.
        if argv is not None:
            gc.unfreeze()


def _run(argv: list[str] | None) -> int:
    # The command modules pull in SQLModel/SQLAlchemy and the services: ~150,000 objects that live
    # as long as the process. The cyclic collector would walk them over and over while they are
    # made (60-80 ms of a command's start); it is paused for the imports, and they are then moved
    # out of its sight (gc.freeze), as the desktop app's start-up does (storage.fast_open).
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = build_parser()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    from rentan_desktop import logging_setup

    logging_setup.configure("rentan")
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    words = sys.argv[1:] if argv is None else argv
    given = sum(w == "--lang" or w.startswith("--lang=") for w in words)
    if getattr(args, "global_lang", None) and given == 1:  # only before the command: it applies
        args.lang = args.global_lang
    issues.set_language(getattr(args, "lang", "id") or "id")
    runtime = Runtime(args)
    try:
        return int(handler(runtime) or 0)
    except CliError as exc:
        sys.stderr.write(issues.text(exc.code, runtime.lang, **exc.params) + "\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        sys.stderr.write("Dibatalkan.\n")
        return EXIT_REFUSED
    except BrokenPipeError:
        raise
    except Exception as exc:
        message = user_message(exc, runtime.lang)
        if message is None:
            # A defect, not the user's input: the details go to the log, the user gets one sentence.
            logging.getLogger("rentan").exception("unexpected error in %s", args.command)
            message = issues.text("cli.unexpected", runtime.lang, log=logging_setup.log_dir())
        sys.stderr.write(message + "\n")
        return EXIT_REFUSED
    finally:
        runtime.close()


if __name__ == "__main__":
    sys.exit(main())
