#!/usr/bin/env bash
# System packages Beian needs beside npm: Chromium and CJK fonts (PDF printing, browser tests),
# poppler-utils (pdftotext in the print tests) and LibreOffice Calc without GUI (the Excel import
# test opens a sheet LibreOffice wrote). Idempotent: installs only what is missing, so the set-up
# command and CI can run it every time. Needs root (or sudo) and Debian's apt.
set -euo pipefail

want=(chromium fonts-noto-cjk poppler-utils)
# Debian bookworm ships a GUI-less Calc; older releases only the full one.
calc=libreoffice-calc-nogui

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; install ${want[*]} ${calc} by hand" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${want[@]}"; do installed "$p" || missing+=("$p"); done
if ! installed libreoffice-calc-nogui && ! installed libreoffice-calc; then missing+=("$calc"); fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: all present (${want[*]}, LibreOffice Calc)"
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if ! apt-cache show libreoffice-calc-nogui >/dev/null 2>&1; then
  missing=("${missing[@]/libreoffice-calc-nogui/libreoffice-calc}")
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
