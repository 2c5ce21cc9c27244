#!/usr/bin/env bash
# The one command that builds InferScope and runs every test, as CI does (.ci/run calls it):
#   1. installs the build/test dependencies (Debian 12 / Ubuntu 24.04; idempotent),
#   2. builds everything (GUI, CLI, tests, benchmarks) and runs the whole suite offscreen,
#   3. rebuilds the core and the CLI with AddressSanitizer + UndefinedBehaviorSanitizer and runs
#      the core and CLI tests again (malformed-model tests included).
# Tests that need ../shared (reference models, Vela figures) skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset default
cmake --build --preset default
ctest --preset default
cmake --preset asan
cmake --build --preset asan
ctest --preset asan
