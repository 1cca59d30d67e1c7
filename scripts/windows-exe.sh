#!/usr/bin/env bash
# Builds pledgesite for Windows and runs it under Wine, on Linux (from ../shared/tools, kept here
# so the tests and .ci/run do not depend on anything outside the repository).
#
#   scripts/windows-exe.sh setup          install the target, MinGW and Wine (root, once)
#   scripts/windows-exe.sh build          cargo build --release for x86_64-pc-windows-gnu
#   scripts/windows-exe.sh run ARGS...    run target/x86_64-pc-windows-gnu/release/pledgesite.exe ARGS
#
# Debian's Wine 8 lacks bcryptprimitives.dll, which Rust's standard library (1.78 and later)
# imports for ProcessPrng; `build` compiles a small stand-in (ProcessPrng over RtlGenRandom)
# next to the .exe. It is for running under Wine only: never ship it.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu
EXE_DIR=target/$TARGET/release
export WINEDEBUG=${WINEDEBUG:--all} WINEPREFIX=${WINEPREFIX:-/tmp/pledgesite-wine}
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || WINE=$(command -v wine64 || command -v wine || echo wine)
case "${1:-}" in
  setup)
    rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
    command -v x86_64-w64-mingw32-gcc >/dev/null && [ -x /usr/lib/wine/wine64 ] || {
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 wine64 >/dev/null
    } ;;
  build)
    cargo build --release --quiet --target "$TARGET"
    tmp=$(mktemp -d)
    cat > "$tmp/bcp.c" <<'C'
#include <windows.h>
BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n; len -= n;
  }
  return TRUE;
}
C
    x86_64-w64-mingw32-gcc -shared -O2 -o "$EXE_DIR/bcryptprimitives.dll" "$tmp/bcp.c" -ladvapi32
    # A Windows program that holds a file locked, for the tests of serve --watch.
    x86_64-w64-mingw32-gcc -O2 -municode -o "$EXE_DIR/hold.exe" tests/windows/hold.c
    rm -rf "$tmp"
    # Wine makes its prefix on first use (tens of seconds): done here, not inside a timed test.
    "$WINE" "$EXE_DIR/pledgesite.exe" --version
    echo "built $EXE_DIR/pledgesite.exe" ;;
  run)
    shift
    exec "$WINE" "$EXE_DIR/pledgesite.exe" "$@" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
