#!/usr/bin/env bash
# Install everything tracker needs on Debian with Python 3.11, idempotently:
# the Debian packages in scripts/debian-packages.txt, a virtualenv in .venv,
# and the Python packages from pyproject.toml (reinstalled only when it changes).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
while read -r package; do
  [ -z "$package" ] && continue
  # NodeSource's nodejs carries its own npm and conflicts with Debian's: any npm will do.
  [ "$package" = npm ] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done < <(grep -v '^#' scripts/debian-packages.txt)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$python" -c 'import sys; assert sys.version_info[:2] >= (3, 11), sys.version' \
  || { echo "setup: Python 3.11 is required" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
.venv/bin/pybabel -q compile -d tracker/translations

# axe-core for the browser tests' accessibility checks, from npm, into a git-ignored folder.
AXE_VERSION=4.14.1
if [ ! -f .tools/node_modules/axe-core/axe.min.js ] \
  || ! grep -q "\"version\": \"$AXE_VERSION\"" .tools/node_modules/axe-core/package.json; then
  echo "setup: installing axe-core $AXE_VERSION from npm"
  npm install --prefix .tools --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi
