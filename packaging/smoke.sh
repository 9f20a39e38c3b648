#!/bin/sh
# Smoke check of a BUILT bundle (never the source tree): a fresh database in a temp folder, real
# commands through the frozen `rentan`, then the frozen `rentan-desktop` offscreen until its first
# window shows. Usage: sh smoke.sh [BUNDLE_DIR]  (default ../dist/rentan). Exit 0 = all good.
set -eu

BUNDLE=$(cd "${1:-$(dirname "$0")/../dist/rentan}" && pwd)
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) EXE=.exe ;; *) EXE= ;; esac
CLI="$BUNDLE/rentan$EXE"
GUI="$BUNDLE/rentan-desktop$EXE"
GUI_TIMEOUT=${SMOKE_GUI_TIMEOUT:-90}

[ -x "$CLI" ] || { echo "smoke: $CLI missing or not executable" >&2; exit 1; }
[ -x "$GUI" ] || { echo "smoke: $GUI missing or not executable" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rentan-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Nothing may touch the real user's folders: every platformdirs location points into $WORK, and
# the bundle must not find the source tree or the venv either.
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" \
       XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" RENTAN_LOG_DIR="$WORK/logs"
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV RENTAN_DB 2>/dev/null || true
mkdir -p "$HOME"
cd "$WORK"
export QT_QPA_PLATFORM=offscreen RENTAN_USER=admin RENTAN_PASSWORD='smoke-Sandi-2026'
DB="$WORK/smoke.db"

step() { printf 'smoke: %s\n' "$*"; }
fail() { printf 'smoke: FAILED: %s\n' "$*" >&2; exit 1; }

step "version"
"$CLI" --version | grep -q "^rentan [0-9]" || fail "rentan --version"

step "init"
"$CLI" init --db "$DB" --office-code 64.08.01 --level kecamatan --admin admin \
    --funder-code APBD-KUTIM --funder-name "APBD Kutai Timur" --target 500 >"$WORK/init.out" \
    || fail "rentan init: $(cat "$WORK/init.out")"

step "demo --count 200"
"$CLI" demo --db "$DB" --count 200 --json >"$WORK/demo.json" || fail "rentan demo"
grep -q '"created": 200' "$WORK/demo.json" || fail "demo did not create 200: $(cat "$WORK/demo.json")"

step "search"
"$CLI" search --db "$DB" --json --limit 5 "" >"$WORK/search.json" || fail "rentan search"
grep -q '"total": 200' "$WORK/search.json" || fail "search total: $(head -c 300 "$WORK/search.json")"
# Lists mask NIKs: no 16-digit run may appear in the search output.
if grep -Eq '"nik": "[0-9]{16}"' "$WORK/search.json"; then fail "search printed a full NIK"; fi

step "print form (PDF with the bundled font)"
UUID=$(sed -n 's/.*"uuid": "\([0-9a-f-]*\)".*/\1/p' "$WORK/search.json" | head -n 1)
[ -n "$UUID" ] || fail "no uuid in search output"
"$CLI" print form --db "$DB" "$UUID" -o "$WORK/form.pdf" >/dev/null || fail "rentan print form"
head -c 5 "$WORK/form.pdf" | grep -q '%PDF-' || fail "form.pdf is not a PDF"
grep -aq 'DejaVuSans' "$WORK/form.pdf" || fail "form.pdf does not embed the bundled DejaVu font"

step "backup"
"$CLI" backup --db "$DB" >/dev/null || fail "rentan backup"

step "stats"
"$CLI" stats --db "$DB" >/dev/null || fail "rentan stats"

step "template (xlsx writer)"
"$CLI" template --db "$DB" -o "$WORK/template.xlsx" >/dev/null || fail "rentan template"
[ -s "$WORK/template.xlsx" ] || fail "template.xlsx empty"

step "import-xlsx (the XML guard must find defusedxml inside the bundle)"
"$CLI" import-xlsx --db "$DB" --json "$WORK/template.xlsx" >"$WORK/import.json" 2>&1 \
    || fail "rentan import-xlsx refused the template: $(cat "$WORK/import.json")"
grep -q '"rejected": 0' "$WORK/import.json" || fail "import-xlsx: $(cat "$WORK/import.json")"

# The GUI quits by itself RENTAN_DESKTOP_QUIT_AFTER_MS after its event loop starts; its first window
# is shown before the loop starts, so exit code 0 means the window came up. `timeout` guards against
# a GUI that hangs instead; any ERROR/CRITICAL/Traceback in its output or logs fails the check.
gui_run() {  # gui_run LABEL DB
    rc=0
    RENTAN_DESKTOP_QUIT_AFTER_MS=${SMOKE_GUI_MS:-5000} timeout "$GUI_TIMEOUT" "$GUI" --db "$2" \
        >"$WORK/gui-$1.out" 2>&1 || rc=$?
    if [ $rc -ne 0 ]; then
        cat "$WORK/gui-$1.out" >&2
        [ $rc -eq 124 ] && fail "rentan-desktop ($1) still running after ${GUI_TIMEOUT}s"
        fail "rentan-desktop ($1) exited with $rc"
    fi
    if grep -Eq 'Traceback|CRITICAL|ERROR' "$WORK/gui-$1.out"; then
        cat "$WORK/gui-$1.out" >&2
        fail "rentan-desktop ($1) reported an error"
    fi
}
step "rentan-desktop offscreen, initialised database (login window)"
gui_run login "$DB"
step "rentan-desktop offscreen, fresh database (setup wizard)"
gui_run setup "$WORK/fresh/rentan.db"
for log in "$RENTAN_LOG_DIR"/*.log "$WORK"/logs/*.log "$WORK"/fresh/logs/*.log; do
    [ -f "$log" ] || continue
    if grep -Eq ' (ERROR|CRITICAL) |Traceback' "$log"; then
        cat "$log" >&2
        fail "error logged in $log"
    fi
    if grep -Eq '(^|[^0-9])[0-9]{16}([^0-9]|$)' "$log"; then fail "$log holds a 16-digit number"; fi
done

step "OK ($BUNDLE)"
