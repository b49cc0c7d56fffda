#!/usr/bin/env bash
# Makes sure a mediasoup-worker binary for the mediasoup version this project
# pins exists in a cache outside the repo, and prints its absolute path as the
# LAST line of stdout. Every progress message goes to stderr.
#
#   bash scripts/ensure-worker.sh               # ensure, print path
#   bash scripts/ensure-worker.sh --force       # discard the cached worker, rebuild
#   bash scripts/ensure-worker.sh --print-path  # print the expected path, do nothing
#
# Cache (the Node server computes the same path; keep the two in step):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/podium/mediasoup-worker-<version>-<platform>-<arch>/mediasoup-worker
# with stamp.json beside it (version, platform, arch, source "prebuilt"|"source",
# sha256, date). <platform>/<arch> are Node's process.platform/process.arch,
# as in mediasoup's own prebuilt tarball names (linux-x64, linux-arm64, ...).
# A cache hit needs the binary present and executable, the stamp's version and
# sha256 matching, and the binary still starting here; anything else is
# reported loudly and rebuilt, never used.
#
# On a miss:
#  1. mediasoup's own prebuilt worker, the one its postinstall downloads
#     (<repository>/releases/download/<version>/mediasoup-worker-<version>-<platform>-<arch>.tgz,
#     base overridable with MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL, skipped
#     when MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set);
#  2. else an offline source build from the npm tarball against Debian's
#     libraries (see shared/ENVIRONMENT.md, "mediasoup"): the wrappers in
#     scripts/worker-build/subprojects/ replace mediasoup's meson wraps for
#     openssl, nlohmann_json, libuv, usrsctp, abseil-cpp and catch2; libsrtp2
#     keeps its wrap and gets its tarball from Debian's source package.
# Either way the binary must be an executable ELF that exits 41 when started
# without MEDIASOUP_VERSION (as mediasoup's postinstall checks) and must pass
# scripts/worker-build/smoke.mjs (worker, router, WebRtcTransport) before it
# is cached. Work happens in ${cache}/podium/build-<version>-<platform>-<arch>/,
# which is kept after a failure (a rerun resumes the ninja build) and removed
# after a success.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
WB_DIR="$SCRIPT_DIR/worker-build"
DEFAULT_VERSION="3.12.16"
# The subprojects wrapped with system libraries (their .wrap files are deleted).
WRAPPED_SUBPROJECTS=(openssl nlohmann_json libuv usrsctp abseil-cpp catch2)
PKGCONFIG_MODULES=(libcrypto libssl libuv usrsctp nlohmann_json absl_flat_hash_map
  absl_flat_hash_set absl_btree absl_inlined_vector absl_strings absl_optional)

log() { printf '[worker] %s\n' "$*" >&2; }
die() {
  printf '[worker] ERROR: %s\n' "$*" >&2
  exit 1
}
loud() {
  local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  printf '[worker] %s\n' "$line" >&2
  local msg
  for msg in "$@"; do printf '[worker] !!! %s\n' "$msg" >&2; done
  printf '[worker] %s\n' "$line" >&2
}
usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

force=0
print_only=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --print-path) print_only=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage
      die "unknown option: $arg"
      ;;
  esac
done

command -v node >/dev/null 2>&1 || die "node is required (to read package.json and run the smoke test)"

# --- version, platform, arch ----------------------------------------------------
# One node call: platform and arch as Node names them, and package.json's
# dependencies.mediasoup ("" when package.json or the entry is missing).
node_info="$(node -e '
  const fs = require("fs");
  let v = "";
  try {
    const pkg = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    v = (pkg.dependencies && pkg.dependencies.mediasoup) || "";
    if (!v) v = "-";
  } catch (e) {
    if (e.code !== "ENOENT") { console.error(`[worker] ERROR: cannot parse ${process.argv[1]}: ${e.message}`); process.exit(3); }
  }
  console.log([process.platform, process.arch, v].join(" "));
' "$REPO_DIR/package.json")" || die "could not read $REPO_DIR/package.json"
read -r PLATFORM ARCH spec <<<"$node_info"
spec="${spec:-}"

if [ -z "$spec" ]; then
  VERSION="$DEFAULT_VERSION"
elif [ "$spec" = "-" ]; then
  log "warning: $REPO_DIR/package.json has no dependencies.mediasoup; using $DEFAULT_VERSION"
  VERSION="$DEFAULT_VERSION"
else
  VERSION="$(printf '%s' "$spec" | sed -E 's/^[[:space:]]*(npm:mediasoup@)?[=v^~]*//; s/[[:space:]]+$//')"
  if ! [[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    die "package.json dependencies.mediasoup is \"$spec\": pin an exact version (e.g. \"$DEFAULT_VERSION\") so the worker matches the installed package"
  fi
  if [ "$VERSION" != "$spec" ]; then
    log "warning: package.json dependencies.mediasoup is the range \"$spec\"; building for $VERSION (pin it exactly, or npm may install a different mediasoup)"
  fi
fi

CACHE_HOME="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}"
case "$CACHE_HOME" in
  /*) ;;
  *) die "cache dir \"$CACHE_HOME\" is not absolute (XDG_CACHE_HOME must be an absolute path)" ;;
esac
CACHE_ROOT="$CACHE_HOME/podium"
KEY="$VERSION-$PLATFORM-$ARCH"
DIR="$CACHE_ROOT/mediasoup-worker-$KEY"
BIN="$DIR/mediasoup-worker"
STAMP="$DIR/stamp.json"
WORK="$CACHE_ROOT/build-$KEY"
PKG_DIR="$WORK/package"
BUILD_DIR="$WORK/build"
BUILD_LOG="$WORK/build.log"

if [ "$print_only" -eq 1 ]; then
  printf '%s\n' "$BIN"
  exit 0
fi

# --- helpers ----------------------------------------------------------------------
TMP_DIRS=()
cleanup() {
  local d
  for d in "${TMP_DIRS[@]:-}"; do
    if [ -n "$d" ]; then rm -rf "$d"; fi
  done
  return 0
}
trap 'rc=$?; cleanup; exit "$rc"' EXIT

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

with_timeout() { # seconds cmd...
  local secs="$1"
  shift
  if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

# Runs the binary with an empty environment: a mediasoup worker exits 41
# ("missing MEDIASOUP_VERSION", worker/src/main.cpp). Anything else (127: a
# shared library is missing, 126: not executable, a crash) means it cannot run.
quick_run_status() {
  local rc=0
  with_timeout 10 env -i "$1" </dev/null >/dev/null 2>&1 || rc=$?
  echo "$rc"
}

# Prints "version platform arch sha256 source" from stamp.json, or nothing if
# the stamp cannot be parsed.
read_stamp() {
  node -e '
    try {
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log([s.version, s.platform, s.arch, s.sha256, s.source].map((x) => x || "?").join(" "));
    } catch (e) {}
  ' "$1" 2>/dev/null || true
}

# 0: hit; 1: nothing cached; 2: something cached but unusable (CACHE_PROBLEM says why).
CACHE_PROBLEM=""
check_cache() {
  CACHE_PROBLEM=""
  if [ ! -e "$BIN" ] && [ ! -e "$STAMP" ]; then return 1; fi
  if [ ! -e "$STAMP" ]; then
    CACHE_PROBLEM="binary present but stamp.json missing (interrupted run or foreign file)"
    return 2
  fi
  if [ ! -e "$BIN" ]; then
    CACHE_PROBLEM="stamp.json present but the binary is missing"
    return 2
  fi
  if [ ! -f "$BIN" ] || [ ! -x "$BIN" ]; then
    CACHE_PROBLEM="binary is not an executable file"
    return 2
  fi
  local s_version s_platform s_arch s_sha s_source
  read -r s_version s_platform s_arch s_sha s_source <<<"$(read_stamp "$STAMP")" || true
  if [ -z "${s_version:-}" ]; then
    CACHE_PROBLEM="stamp.json is unreadable"
    return 2
  fi
  if [ "$s_version" != "$VERSION" ]; then
    CACHE_PROBLEM="stamp.json says version $s_version, expected $VERSION"
    return 2
  fi
  if [ "$s_platform" != "$PLATFORM" ] || [ "$s_arch" != "$ARCH" ]; then
    CACHE_PROBLEM="stamp.json says $s_platform-$s_arch, expected $PLATFORM-$ARCH"
    return 2
  fi
  local actual
  actual="$(sha256_of "$BIN")"
  if [ "$actual" != "$s_sha" ]; then
    CACHE_PROBLEM="sha256 mismatch: stamp.json has $s_sha, binary is $actual"
    return 2
  fi
  local rc
  rc="$(quick_run_status "$BIN")"
  if [ "$rc" != 41 ]; then
    CACHE_PROBLEM="binary no longer starts here (exit $rc, expected 41; a shared library may have been removed or upgraded)"
    return 2
  fi
  CACHED_SOURCE="$s_source"
  return 0
}

# Downloads mediasoup@VERSION from the npm registry, extracts it to $PKG_DIR and
# installs its runtime JS deps (for smoke.mjs). Reused while its marker matches.
prepare_package() {
  if [ -f "$PKG_DIR/.podium-ready" ] && [ "$(cat "$PKG_DIR/.podium-ready")" = "$VERSION" ]; then
    log "reusing extracted mediasoup@$VERSION in $PKG_DIR"
    return 0
  fi
  # A fresh source tree invalidates any partial build made from the old one.
  rm -rf "$PKG_DIR" "$BUILD_DIR" "$WORK/pack"
  mkdir -p "$WORK/pack"
  log "fetching mediasoup@$VERSION from the npm registry (npm pack)"
  (cd "$WORK/pack" && npm pack "mediasoup@$VERSION" --prefer-offline --silent --no-fund --no-audit) >&2 ||
    die "npm pack mediasoup@$VERSION failed (is the npm registry reachable?)"
  local tgz
  tgz="$(ls "$WORK/pack"/mediasoup-*.tgz 2>/dev/null | head -1 || true)"
  [ -n "$tgz" ] || die "npm pack produced no tarball in $WORK/pack"
  tar xzf "$tgz" -C "$WORK" || die "cannot extract $tgz"
  [ -f "$PKG_DIR/package.json" ] || die "$tgz has no package/package.json"
  local got
  got="$(node -p 'require(process.argv[1]).version' "$PKG_DIR/package.json")"
  [ "$got" = "$VERSION" ] || die "npm pack gave mediasoup $got, expected $VERSION"
  log "installing mediasoup's runtime JS deps for the smoke test (npm install --omit=dev --ignore-scripts)"
  (cd "$PKG_DIR" && npm install --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error) >&2 ||
    die "npm install of mediasoup's runtime deps failed in $PKG_DIR"
  rm -rf "$WORK/pack"
  printf '%s\n' "$VERSION" >"$PKG_DIR/.podium-ready"
}

# 0 if $1 is a working mediasoup worker: executable, native binary for this OS,
# exits 41 without env, and passes smoke.mjs. Messages on stderr.
verify_binary() {
  local bin="$1"
  if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
    log "verify: $bin is not an executable file"
    return 1
  fi
  local magic
  magic="$(head -c 4 "$bin" | od -An -tx1 | tr -d ' \n')"
  case "$PLATFORM:$magic" in
    linux:7f454c46 | freebsd:7f454c46) ;;
    darwin:cffaedfe | darwin:cefaedfe | darwin:cafebabe) ;;
    *)
      log "verify: $bin is not a native executable for $PLATFORM (magic $magic)"
      return 1
      ;;
  esac
  local rc
  rc="$(quick_run_status "$bin")"
  if [ "$rc" != 41 ]; then
    log "verify: $bin exited $rc when started without MEDIASOUP_VERSION (a mediasoup worker exits 41)"
    return 1
  fi
  log "verify: smoke test (createWorker, createRouter opus+VP8, WebRtcTransport on 127.0.0.1)"
  if ! MEDIASOUP_WORKER_BIN="$bin" with_timeout 60 node "$WB_DIR/smoke.mjs" "$PKG_DIR" >&2; then
    log "verify: smoke test FAILED for $bin"
    return 1
  fi
  return 0
}

# Sets CANDIDATE and PREBUILT_URL and returns 0 if mediasoup's prebuilt worker
# could be downloaded and verified; 1 otherwise (never exits).
try_prebuilt() {
  if [ -n "${MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD:-}" ]; then
    log "MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set: not trying the prebuilt worker"
    return 1
  fi
  if ! command -v curl >/dev/null 2>&1; then
    log "no curl: not trying the prebuilt worker"
    return 1
  fi
  # Same URL as mediasoup's npm-scripts.mjs downloadPrebuiltWorker().
  local repo_url base url dir
  repo_url="$(node -p '(require(process.argv[1]).repository || {}).url || ""' "$PKG_DIR/package.json" 2>/dev/null)" || repo_url=""
  [ -n "$repo_url" ] || repo_url="https://github.com/versatica/mediasoup.git"
  base="${MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL:-${repo_url%.git}/releases/download}"
  url="$base/$VERSION/mediasoup-worker-$VERSION-$PLATFORM-$ARCH.tgz"
  dir="$WORK/prebuilt"
  rm -rf "$dir"
  mkdir -p "$dir/x" || return 1
  log "trying mediasoup's prebuilt worker: $url"
  if ! curl --fail --silent --show-error --location --max-time 20 -o "$dir/worker.tgz" "$url" 2>"$dir/curl.err"; then
    log "no prebuilt worker: $(tr '\n' ' ' <"$dir/curl.err")"
    return 1
  fi
  # The tarball holds just the binary, without any folder (npm-scripts.mjs prebuildWorker()).
  if ! tar xzf "$dir/worker.tgz" -C "$dir/x" 2>"$dir/tar.err" || [ ! -f "$dir/x/mediasoup-worker" ]; then
    log "prebuilt tarball is unusable: $(tr '\n' ' ' <"$dir/tar.err")"
    return 1
  fi
  chmod 755 "$dir/x/mediasoup-worker" || return 1
  if ! verify_binary "$dir/x/mediasoup-worker"; then
    log "the prebuilt worker does not work on this host; falling back to a source build"
    return 1
  fi
  CANDIDATE="$dir/x/mediasoup-worker"
  PREBUILT_URL="$url"
  return 0
}

MISSING_DEPS=""
check_build_deps() {
  MISSING_DEPS=""
  local c
  for c in meson ninja pkg-config cc c++; do
    command -v "$c" >/dev/null 2>&1 || MISSING_DEPS+=" $c"
  done
  if command -v meson >/dev/null 2>&1; then
    local v
    v="$(meson --version 2>/dev/null || echo 0)"
    if [ "$(printf '%s\n1.1.0\n' "$v" | sort -V | head -1)" != "1.1.0" ]; then
      MISSING_DEPS+=" meson>=1.1.0(have $v)"
    fi
  fi
  if command -v pkg-config >/dev/null 2>&1; then
    local m
    for m in "${PKGCONFIG_MODULES[@]}"; do
      pkg-config --exists "$m" || MISSING_DEPS+=" pkg-config:$m"
    done
  fi
  [ -z "$MISSING_DEPS" ]
}

SYSTEM_DEPS_RAN=0
run_system_deps() {
  [ "$SYSTEM_DEPS_RAN" -eq 0 ] || return 1
  SYSTEM_DEPS_RAN=1
  log "running: bash $REPO_DIR/scripts/system-deps.sh --with-worker-build"
  bash "$REPO_DIR/scripts/system-deps.sh" --with-worker-build >&2
}

# Puts libsrtp2's source tarball (named and hashed as in mediasoup's
# libsrtp2.wrap) into worker/subprojects/packagecache/, from Debian's source
# package; keeps a verified copy in $CACHE_ROOT/downloads/ for later builds.
provide_libsrtp_tarball() {
  local sub="$1" wrap="$1/libsrtp2.wrap"
  [ -f "$wrap" ] || die "$wrap is missing: this mediasoup version is not laid out as the build expects"
  local fname want
  fname="$(sed -n 's/^source_filename[[:space:]]*=[[:space:]]*//p' "$wrap" | tr -d '\r[:space:]')"
  want="$(sed -n 's/^source_hash[[:space:]]*=[[:space:]]*//p' "$wrap" | tr -d '\r[:space:]')"
  if [ -z "$fname" ] || [ -z "$want" ]; then die "cannot read source_filename/source_hash from $wrap"; fi
  local dest="$sub/packagecache/$fname" keep="$CACHE_ROOT/downloads/$fname"
  mkdir -p "$sub/packagecache" "$CACHE_ROOT/downloads"
  if [ -f "$dest" ] && [ "$(sha256_of "$dest")" = "$want" ]; then return 0; fi
  if [ -f "$keep" ] && [ "$(sha256_of "$keep")" = "$want" ]; then
    log "libsrtp2: using $keep"
    cp "$keep" "$dest"
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  TMP_DIRS+=("$tmp")
  log "libsrtp2: fetching Debian's source package (apt-get source --download-only libsrtp2)"
  if ! (cd "$tmp" && apt-get source --download-only libsrtp2) >&2 2>&1; then
    if run_system_deps && (cd "$tmp" && apt-get source --download-only libsrtp2) >&2 2>&1; then
      :
    else
      log "warning: could not get libsrtp2's source from apt (needs deb-src for $(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-?}") and 'apt-get update');"
      log "warning: meson will try to download $fname from the wrap's source_url instead (needs internet)"
      return 0
    fi
  fi
  local orig
  orig="$(ls "$tmp"/libsrtp2_*.orig.tar.* 2>/dev/null | head -1 || true)"
  [ -n "$orig" ] || die "apt-get source libsrtp2 gave no libsrtp2_*.orig.tar.* in $tmp"
  local got
  got="$(sha256_of "$orig")"
  if [ "$got" != "$want" ]; then
    die "Debian's $(basename "$orig") has sha256 $got, but $wrap wants $want: not the same libsrtp release"
  fi
  log "libsrtp2: $(basename "$orig") matches the wrap's sha256 ($want)"
  cp "$orig" "$keep.tmp.$$" && mv -f "$keep.tmp.$$" "$keep"
  cp "$keep" "$dest"
}

# Builds the worker from $PKG_DIR/worker and sets CANDIDATE.
build_from_source() {
  case "$VERSION" in
    3.12.*) ;;
    *) log "warning: the wrappers in $WB_DIR/subprojects were made for mediasoup 3.12.x; $VERSION may not build (3.13+ need libsrtp 3 and flatbuffers 24)" ;;
  esac
  if ! check_build_deps; then
    log "build dependencies missing:$MISSING_DEPS"
    run_system_deps || die "scripts/system-deps.sh --with-worker-build failed"
    check_build_deps || die "build dependencies still missing after system-deps.sh:$MISSING_DEPS"
  fi

  local src="$PKG_DIR/worker" sub="$PKG_DIR/worker/subprojects" name
  [ -f "$src/meson.build" ] || die "$src/meson.build is missing"
  for name in "${WRAPPED_SUBPROJECTS[@]}"; do
    [ -d "$WB_DIR/subprojects/$name" ] || die "$WB_DIR/subprojects/$name is missing"
    # With the .wrap present meson ignores the folder and tries to download.
    rm -f "$sub/$name.wrap"
    rm -rf "${sub:?}/$name"
    cp -Rp "$WB_DIR/subprojects/$name" "$sub/$name"
  done
  provide_libsrtp_tarball "$sub"

  if [ -f "$BUILD_DIR/build.ninja" ]; then
    log "resuming the partial build in $BUILD_DIR"
  else
    rm -rf "$BUILD_DIR"
    : >"$BUILD_LOG"
    log "meson setup $BUILD_DIR (log: $BUILD_LOG)"
    if ! meson setup "$BUILD_DIR" "$src" --buildtype=release -Db_ndebug=true >>"$BUILD_LOG" 2>&1; then
      tail -n 40 "$BUILD_LOG" >&2
      rm -rf "$BUILD_DIR"
      die "meson setup failed (full log: $BUILD_LOG)"
    fi
  fi

  log "building from source, ~5 min on 2 cores… (log: $BUILD_LOG)"
  local t0 t1
  t0="$(date +%s)"
  # Full ninja output goes to the log; stderr gets a line every 10 %.
  if ! ninja -C "$BUILD_DIR" mediasoup-worker 2>&1 | tee -a "$BUILD_LOG" | awk '
      /^\[[0-9]+\/[0-9]+\]/ {
        split(substr($1, 2), p, "/"); n = p[1] + 0; t = p[2] + 0
        if (t > 0) { pct = int(n * 100 / t); if (pct >= next_pct) { printf "[worker] ninja %d/%d (%d%%)\n", n, t, pct; fflush(); next_pct = pct - pct % 10 + 10 } }
        next
      }
      /^FAILED:/ { print "[worker] " $0; fflush() }
    ' >&2; then
    tail -n 60 "$BUILD_LOG" >&2
    die "ninja failed (full log: $BUILD_LOG; rerun to resume, or --force to start over)"
  fi
  t1="$(date +%s)"
  BUILD_SECONDS=$((t1 - t0))
  log "built in $((BUILD_SECONDS / 60))m $((BUILD_SECONDS % 60))s"
  [ -f "$BUILD_DIR/mediasoup-worker" ] || die "ninja succeeded but $BUILD_DIR/mediasoup-worker is missing"
  CANDIDATE="$BUILD_DIR/mediasoup-worker"
}

# Copies $CANDIDATE into the cache and writes stamp.json (last, atomically).
install_candidate() {
  local source="$1" tmp="$DIR/.mediasoup-worker.tmp.$$"
  cp "$CANDIDATE" "$tmp"
  chmod 755 "$tmp"
  mv -f "$tmp" "$BIN"
  local sha
  sha="$(sha256_of "$BIN")"
  STAMP_SOURCE="$source" STAMP_SHA="$sha" STAMP_URL="${PREBUILT_URL:-}" \
    STAMP_SECS="${BUILD_SECONDS:-}" node -e '
      const fs = require("fs");
      const [file, version, platform, arch, bin] = process.argv.slice(1);
      const e = process.env;
      const stamp = {
        version, platform, arch,
        source: e.STAMP_SOURCE,
        sha256: e.STAMP_SHA,
        date: new Date().toISOString(),
        size: fs.statSync(bin).size,
      };
      if (e.STAMP_URL) stamp.url = e.STAMP_URL;
      if (e.STAMP_SECS) stamp.buildSeconds = Number(e.STAMP_SECS);
      fs.writeFileSync(file + ".tmp", JSON.stringify(stamp, null, 2) + "\n");
      fs.renameSync(file + ".tmp", file);
    ' "$STAMP" "$VERSION" "$PLATFORM" "$ARCH" "$BIN"
}

# --- main -------------------------------------------------------------------------
mkdir -p "$DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR/.lock"
  if ! flock -n 9; then
    log "another ensure-worker run holds $DIR/.lock; waiting for it (up to 30 min)"
    flock -w 1800 9 || die "timed out waiting for $DIR/.lock"
  fi
else
  log "warning: no flock here; concurrent runs are not serialised"
fi

CACHED_SOURCE=""
if [ "$force" -eq 1 ]; then
  log "--force: discarding $DIR/{mediasoup-worker,stamp.json} and $WORK"
  rm -f "$BIN" "$STAMP"
  rm -rf "$WORK"
else
  rc=0
  check_cache || rc=$?
  if [ "$rc" -eq 0 ]; then
    log "cache hit: mediasoup-worker $VERSION ($CACHED_SOURCE) at $BIN"
    printf '%s\n' "$BIN"
    exit 0
  elif [ "$rc" -eq 2 ]; then
    loud "CACHED mediasoup-worker IS STALE OR CORRUPT - NOT USING IT" \
      "  path:   $BIN" \
      "  reason: $CACHE_PROBLEM" \
      "  discarding it and rebuilding from scratch"
    rm -f "$BIN" "$STAMP"
    rm -rf "$WORK"
  fi
fi

T_START="$(date +%s)"
log "no usable cached worker for mediasoup $VERSION ($PLATFORM-$ARCH); cache: $DIR"
mkdir -p "$WORK"
prepare_package

CANDIDATE=""
PREBUILT_URL=""
BUILD_SECONDS=""
if try_prebuilt; then
  obtained="prebuilt"
else
  log "building mediasoup-worker $VERSION from source (offline, against the system's libraries)"
  build_from_source
  verify_binary "$CANDIDATE" || die "the worker built from source failed verification; not caching it (build dir kept: $WORK)"
  obtained="source"
fi

install_candidate "$obtained"
rc=0
check_cache || rc=$?
[ "$rc" -eq 0 ] || die "freshly cached worker does not check out: $CACHE_PROBLEM"
rm -rf "$WORK"
T_END="$(date +%s)"
log "cached mediasoup-worker $VERSION ($obtained, $(($(stat -c %s "$BIN" 2>/dev/null || wc -c <"$BIN") / 1024)) KiB) in $((T_END - T_START))s: $BIN"
printf '%s\n' "$BIN"
