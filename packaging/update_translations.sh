#!/bin/sh
# Refresh the translation sources from the GUI code and compile them (the `make i18n` step).
#   rentan_en.ts  English translations of the Indonesian source strings (edit with pyside6-linguist)
#   qt_id.ts      Indonesian for Qt's own buttons and menus (hand-maintained; Qt ships none)
# Both .ts and the compiled .qm files are committed; the app loads the .qm at start-up.
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=resources/i18n
SOURCES=$(find src/rentan_desktop/gui -name '*.py' | sort)
# -no-obsolete keeps the file readable; -locations none keeps diffs small when code moves.
"$BIN/pyside6-lupdate" -no-obsolete -locations none -source-language id_ID -target-language en_US \
    $SOURCES -ts "$OUT/rentan_en.ts"
# New strings get their English from the glossary when it has them (or edit the .ts in Linguist).
"$BIN/python" packaging/fill_translations.py "$OUT/rentan_en.ts" "$OUT/glossary_en.tsv"
"$BIN/pyside6-lrelease" -silent "$OUT/rentan_en.ts" -qm "$OUT/rentan_en.qm"
"$BIN/pyside6-lrelease" -silent "$OUT/qt_id.ts" -qm "$OUT/qt_id.qm"
echo "translations updated in $OUT"
