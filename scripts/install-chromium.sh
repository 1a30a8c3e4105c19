#!/usr/bin/env bash
# Installs Debian's Chromium (/usr/bin/chromium), which `npm run docs:screenshots` / `docs:check`
# drive through playwright-core (playwright's own browser download is not used). Idempotent:
# does nothing when chromium is already there. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Debian names it chromium; Ubuntu runners ship chromium-browser (a snap shim) instead
if apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  $SUDO apt-get install -y -qq chromium-browser fonts-dejavu-core >/dev/null
fi
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
echo "chromium: $( (chromium --version || chromium-browser --version) 2>/dev/null)"
