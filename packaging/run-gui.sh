#!/usr/bin/env bash
# The one command that installs what InferScope needs, builds it and opens the GUI on the
# bundled sample model. Extra arguments are passed to the GUI (e.g. another model file).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-deps.sh
cmake --preset default
cmake --build --preset default --target inferscope inferscope-cli sample_model
if [ $# -eq 0 ]; then set -- build/resources/sample.tflite; fi
exec build/app/inferscope "$@"
