#!/usr/bin/env bash
# Create or refresh the Python virtual environment for the pandas + lifetimes
# peer of the RFM benchmark.
#
# Usage: setup-venv.sh <venv-dir>
#
# The venv is (re)built only when <venv-dir>/bin/python is missing or when the
# stamp file <venv-dir>/.requirements.sha256 does not hold the sha256 of the
# requirements.txt next to this script. Otherwise the script exits at once.
# Environment: PYTHON (default python3) picks the interpreter used for the venv.
set -euo pipefail

die() {
  echo "setup-venv.sh: error: $*" >&2
  exit 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    "$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
  fi
}

[[ $# -eq 1 && -n "$1" ]] || { echo "usage: $(basename "$0") <venv-dir>" >&2; exit 2; }

VENV_DIR="$1"
PYTHON="${PYTHON:-python3}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REQUIREMENTS="$SCRIPT_DIR/requirements.txt"
STAMP="$VENV_DIR/.requirements.sha256"

[[ -f "$REQUIREMENTS" ]] || die "requirements file not found: $REQUIREMENTS"
command -v "$PYTHON" >/dev/null 2>&1 || die "interpreter not found: $PYTHON"

WANTED="$(sha256_of "$REQUIREMENTS")"

if [[ -x "$VENV_DIR/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANTED" ]]; then
  echo "venv up to date: $VENV_DIR"
  exit 0
fi

# Only wipe a directory that is empty or already a venv, never arbitrary data.
if [[ -d "$VENV_DIR" && -n "$(ls -A "$VENV_DIR")" && ! -f "$VENV_DIR/pyvenv.cfg" ]]; then
  die "$VENV_DIR exists, is not empty and is not a venv; refusing to overwrite it"
fi

echo "creating venv: $VENV_DIR (requirements sha256 $WANTED)"
rm -f "$STAMP"
"$PYTHON" -m venv --clear "$VENV_DIR" \
  || die "'$PYTHON -m venv' failed (on Debian/Ubuntu install the python3-venv package)"

"$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  -r "$REQUIREMENTS" \
  || die "pip install -r $REQUIREMENTS failed (is PyPI reachable?)"

"$VENV_DIR/bin/python" -c 'import pandas, pyarrow, lifetimes.utils' \
  || die "installed packages do not import cleanly"

echo "$WANTED" >"$STAMP"
echo "venv ready: $VENV_DIR"
