#!/usr/bin/env bash
# Installs a released pledgesite: the archive for this system and its SHA-256 checksum from the
# release, checked, unpacked into a folder. Used by action.yml; works on any Linux or macOS
# machine (and Git Bash on Windows) with curl.
#
#   install.sh where     prints target=… and dir=… (for $GITHUB_OUTPUT)
#   install.sh install   downloads, verifies and unpacks into $PLEDGESITE_DEST
#
# Environment: PLEDGESITE_VERSION (0.1.0, required), PLEDGESITE_REPOSITORY (OWNER/NAME, default
# pledgesite/pledgesite), PLEDGESITE_DEST (folder), PLEDGESITE_TARGET (override the detected
# target), PLEDGESITE_BASE_URL (override the download folder, e.g. file:///tmp/release for tests).
set -euo pipefail

fail() { echo "::error::pledgesite install: $*" >&2; exit 1; }

version=${PLEDGESITE_VERSION:?set PLEDGESITE_VERSION, e.g. 0.1.0}
version=${version#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "version '$version' is not a release number like 0.1.0"
repository=${PLEDGESITE_REPOSITORY:-pledgesite/pledgesite}
[[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || fail "repository '$repository' is not OWNER/NAME"

detect_target() {
  local os arch
  os=${RUNNER_OS:-$(uname -s)}
  arch=${RUNNER_ARCH:-$(uname -m)}
  case "$arch" in
    X64 | x86_64 | amd64) arch=x86_64 ;;
    ARM64 | aarch64 | arm64) arch=aarch64 ;;
    *) fail "no pledgesite release for the processor '$arch'" ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-gnu" ;;
    macOS | Darwin) echo "$arch-apple-darwin" ;;
    Windows | MINGW* | MSYS* | CYGWIN*)
      [[ $arch == x86_64 ]] || fail "no pledgesite release for Windows on $arch"
      echo "x86_64-pc-windows-msvc" ;;
    *) fail "no pledgesite release for the system '$os'" ;;
  esac
}

target=${PLEDGESITE_TARGET:-$(detect_target)}
dest=${PLEDGESITE_DEST:-${RUNNER_TOOL_CACHE:-$HOME/.local/share}/pledgesite/$version/$target}

case "${1:-}" in
  where)
    echo "target=$target"
    echo "dir=$dest"
    ;;
  install)
    command -v curl >/dev/null || fail "curl is needed"
    base=${PLEDGESITE_BASE_URL:-https://github.com/$repository/releases/download/v$version}
    case "$target" in *windows*) ext=zip ;; *) ext=tar.gz ;; esac
    archive="pledgesite-$target.$ext"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$work/$archive" "$base/$archive" \
      || fail "could not download $base/$archive (is $version released for $target?)"
    curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$work/checksum" "$base/pledgesite-$target.sha256" \
      || fail "could not download the checksum $base/pledgesite-$target.sha256"
    expected=$(awk -v f="$archive" '$2 == f || $2 == "*"f { print $1 }' "$work/checksum")
    [[ $expected =~ ^[0-9a-f]{64}$ ]] || fail "the checksum file names no SHA-256 for $archive"
    if command -v sha256sum >/dev/null; then
      actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
    else
      actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
    fi
    [[ $actual == "$expected" ]] || fail "$archive does not match its published SHA-256 checksum (expected $expected, got $actual); nothing was installed"
    mkdir -p "$work/unpacked"
    case "$ext" in
      zip) unzip -q "$work/$archive" -d "$work/unpacked" ;;
      *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
    esac
    bin=pledgesite; [[ $ext == zip ]] && bin=pledgesite.exe
    [[ -f "$work/unpacked/$bin" ]] || fail "$archive holds no $bin"
    mkdir -p "$dest"
    install -m 755 "$work/unpacked/$bin" "$dest/$bin"
    echo "installed pledgesite $version ($target) in $dest"
    ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
