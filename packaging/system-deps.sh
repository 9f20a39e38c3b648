#!/bin/sh
# Installs the Debian libraries Qt needs when run as root; otherwise names the missing ones.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if ! python3 -m venv --help >/dev/null 2>&1; then missing="$missing python3-venv"; fi
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Not a Debian system: please install the equivalents of:$missing" >&2
    exit 0
fi
if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian packages:$missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null; }
else
    echo "Missing Debian packages (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
