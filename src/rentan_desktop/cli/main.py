"""`rentan`: the command line over the same services as the desktop app."""

from __future__ import annotations

import argparse
import importlib
import sys

from rentan_desktop import __version__
from rentan_desktop.cli.common import (
    EXIT_REFUSED,
    EXIT_USAGE,
    CliError,
    Runtime,
    add_common,
)
from rentan_desktop.domain import issues
from rentan_desktop.services.errors import user_message

# Each module defines register(subparsers, add_common) and sets `handler` defaults on its parsers.
COMMAND_MODULES = [
    "rentan_desktop.cli.core",
    "rentan_desktop.cli.registry",
    "rentan_desktop.cli.printing",
    "rentan_desktop.cli.legacy",
    "rentan_desktop.cli.backup",
    "rentan_desktop.cli.batch",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"rentan: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rentan", description="Rentan Desktop: pendaftaran pekerja rentan (CLI)")
    parser.add_argument("--version", action="version", version=f"rentan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, add_common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    from rentan_desktop import logging_setup

    logging_setup.configure("rentan")
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
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
    except Exception as exc:
        message = user_message(exc, runtime.lang)
        if message is None:
            raise
        sys.stderr.write(message + "\n")
        return EXIT_REFUSED
    finally:
        runtime.close()


if __name__ == "__main__":
    sys.exit(main())
