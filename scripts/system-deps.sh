#!/usr/bin/env bash
# Installs the Debian packages the project needs: Chromium and coturn for the
# end-to-end tests (--with-browser) and the toolchain + libraries that build the mediasoup
# worker offline (--with-worker-build). Idempotent: packages already present are
# skipped, so a prepared machine pays only for the dpkg checks.
set -euo pipefail

want_browser=0
want_worker=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) want_browser=1 ;;
    --with-worker-build) want_worker=1 ;;
    *) echo "system-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: need root (or sudo) to install Debian packages" >&2; exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; install the packages listed in scripts/system-deps.sh by hand" >&2
  exit 1
fi

missing() {
  local out=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

updated=0
apt_update() {
  if [ "$updated" -eq 0 ]; then
    echo "system-deps: apt-get update"
    $SUDO apt-get update -qq
    updated=1
  fi
}

apt_install() {
  local pkgs
  pkgs=$(missing "$@")
  [ -z "$pkgs" ] && return 0
  apt_update
  echo "system-deps: installing $pkgs"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $pkgs
}

# The URI of the main Debian archive in apt's own configuration (deb822 or one-line format).
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  if [ -z "$uri" ]; then
    echo "system-deps: found no Debian archive in apt's sources; add bookworm-backports and deb-src by hand" >&2
    exit 1
  fi
  echo "$uri"
}

if [ "$want_browser" -eq 1 ]; then
  # coturn: the relay-only call test (e2e/turn.spec.ts) starts its own turnserver on loopback.
  # iptables: the ICE-restart test (e2e/ice-restart.spec.ts) drops one media path on loopback.
  coturn_was_missing=$(missing coturn)
  apt_install chromium fonts-liberation coturn iptables
  # On a systemd machine the package starts its own service on port 3478 of every
  # interface; the tests do not want it, so one this script installed is stopped.
  if [ -n "$coturn_was_missing" ] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet coturn 2>/dev/null; then
    echo "system-deps: stopping and disabling the coturn service the package started (the tests run their own)"
    $SUDO systemctl disable --now coturn
  fi
fi

if [ "$want_worker" -eq 1 ]; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  # meson >= 1.1 lives in backports; libsrtp2's source tarball needs deb-src.
  src_list=/etc/apt/sources.list.d/podium-worker-build.sources
  if [ ! -f "$src_list" ]; then
    # Use the Debian mirror this machine is already configured with.
    mirror=$(debian_mirror)
    $SUDO tee "$src_list" >/dev/null <<SRC
Types: deb
URIs: ${mirror}
Suites: ${codename}-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: ${mirror}
Suites: ${codename}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # New suites: refresh the indexes even if every package below is already
    # installed, or `apt-get source libsrtp2` finds no deb-src entry.
    updated=0
    apt_update
  fi
  apt_install pkg-config ninja-build build-essential python3 dpkg-dev \
    libuv1-dev libssl-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
  meson_ok=0
  if command -v meson >/dev/null 2>&1; then
    v=$(meson --version)
    if [ "$(printf '%s\n1.1.0\n' "$v" | sort -V | head -1)" = "1.1.0" ]; then meson_ok=1; fi
  fi
  if [ "$meson_ok" -eq 0 ]; then
    apt_update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -t "${codename}-backports" meson
  fi
fi
echo "system-deps: ok"
