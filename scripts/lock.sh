#!/usr/bin/env bash
# Compile the lock: every direct and indirect dependency of pyproject.toml pinned, with
# hashes, for every platform and Python the project supports (the installers for Windows
# and macOS install from the same files).
#
#   scripts/lock.sh              add or change what pyproject.toml changed, keep every other pin
#   scripts/lock.sh --upgrade    move every pin to the newest release pyproject.toml allows
#
# requirements/test.txt is the test extra's lock; requirements/app.txt takes the same
# versions for the app alone. Run the tests after a change, then commit both files.
# uv comes with the test extra; PYTHON names the interpreter that has it (default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."

compile() {
    "${PYTHON:-.venv/bin/python}" -m uv pip compile pyproject.toml --quiet --universal \
        --python-version 3.11 --generate-hashes --custom-compile-command "scripts/lock.sh" "$@"
}

compile --extra test --output-file requirements/test.txt "$@"
compile --constraint requirements/test.txt --output-file requirements/app.txt
