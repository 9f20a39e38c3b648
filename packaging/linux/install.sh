#!/bin/sh
# Installs this Rentan Desktop folder for the current user (no root needed):
#   program  -> ~/.local/opt/rentan-desktop/
#   commands -> ~/.local/bin/rentan, ~/.local/bin/rentan-desktop
#   menu     -> ~/.local/share/applications/rentan-desktop.desktop
# `sh install.sh --uninstall` removes those three; the database, backups and logs are never touched.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${RENTAN_PREFIX:-$HOME/.local}"
TARGET="$PREFIX/opt/rentan-desktop"
BIN="$PREFIX/bin"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$BIN/rentan" "$BIN/rentan-desktop" "$APPS/rentan-desktop.desktop"
    rm -rf "$TARGET"
    echo "Rentan Desktop dihapus (data dan log tetap ada)."
    exit 0
fi

[ -x "$HERE/rentan-desktop" ] || { echo "install.sh: run it from the unpacked rentan/ folder" >&2; exit 1; }
mkdir -p "$PREFIX/opt" "$BIN" "$APPS"
if [ "$HERE" != "$TARGET" ]; then
    # Copy into a new folder first, then swap, so a failed copy never leaves half a program.
    rm -rf "$TARGET.new"
    cp -a "$HERE" "$TARGET.new"
    rm -rf "$TARGET"
    mv "$TARGET.new" "$TARGET"
fi
ln -sf "$TARGET/rentan" "$BIN/rentan"
ln -sf "$TARGET/rentan-desktop" "$BIN/rentan-desktop"
sed -e "s|@TARGET@|$TARGET|g" "$TARGET/rentan-desktop.desktop" >"$APPS/rentan-desktop.desktop"
chmod +x "$APPS/rentan-desktop.desktop"
echo "Rentan Desktop terpasang di $TARGET"
echo "Buka dari menu aplikasi, atau jalankan: $BIN/rentan-desktop"
