#!/usr/bin/env bash
# Install everything iooffice needs on Debian/Ubuntu: system packages (when root and missing),
# a .venv with the pinned requirements, the front-end libraries, compiled translations.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUIREMENTS="${1:-requirements.txt}"
APT_PACKAGES=(python3-venv python3-dev build-essential libmagic1 tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng antiword
              ghostscript qpdf poppler-utils gettext fonts-dejavu-core redis-server nodejs npm)
# The test suite also drives a real browser.
[ "$REQUIREMENTS" = requirements-dev.txt ] && APT_PACKAGES+=(chromium)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Node.js that did not come from Debian (nvm, NodeSource) already brings npm.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "• Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "• Missing Debian packages: ${missing[*]}"
    echo "  Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "• Creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$REQUIREMENTS")"
if [ ! -f "$stamp" ]; then
  echo "• Installing Python requirements ($REQUIREMENTS)"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r "$REQUIREMENTS"
  rm -f .venv/.installed-*; touch "$stamp"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "• Installing front-end libraries (npm ci)"
  npm ci --no-audit --no-fund --silent
fi

DJANGO_SECRET_KEY=build DATABASE_URL=postgres://unused/unused REDIS_URL=redis://unused \
  .venv/bin/python manage.py compilemessages -v 0 --ignore .venv --ignore node_modules
