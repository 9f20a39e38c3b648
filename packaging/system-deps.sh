#!/bin/sh
# Installs the Debian libraries Qt needs when run as root; otherwise names the missing ones.
# When another apt (unattended-upgrades at boot, a software centre) holds the package lock, waits
# for it, bounded by RENTAN_APT_WAIT seconds (default 600), saying so, instead of failing.
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
if [ "$(id -u)" != "0" ]; then
    echo "Missing Debian packages (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi

wait_total=${RENTAN_APT_WAIT:-600}
poll=${RENTAN_APT_POLL:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# apt_locked CMD...: run apt-get; retry while the failure is the package lock, up to wait_total.
apt_locked() {
    waited=0
    told=""
    while :; do
        # DPkg::Lock::Timeout makes apt itself wait for the dpkg lock; the loop also covers the
        # lists lock of `apt-get update` and apt versions without that option.
        if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$poll" "$@" >"$log" 2>&1; then
            return 0
        fi
        if ! grep -qi "could not get lock\|unable to acquire\|is another process using it" "$log"; then
            cat "$log" >&2
            return 1
        fi
        if [ "$waited" -ge "$wait_total" ]; then
            echo "The Debian package lock is still held after ${wait_total}s (another installation or automatic update is running); try again when it has finished." >&2
            return 1
        fi
        if [ -z "$told" ]; then
            echo "Waiting for the Debian package lock (an automatic update is running; up to ${wait_total}s)..." >&2
            told=1
        fi
        sleep "$poll"
        waited=$((waited + poll))
    done
}

echo "Installing Debian packages:$missing"
apt_locked install -y -q --no-install-recommends $missing \
  || { apt_locked update -q && apt_locked install -y -q --no-install-recommends $missing; }
