#!/usr/bin/env bash
# Short libFuzzer run of the model loader: builds the fuzz target with clang (ASan+UBSan) in
# BUILD_DIR, seeds it with small models and fuzzes for SECONDS. Exit 0 when nothing crashed.
# Usage: run_smoke.sh SOURCE_DIR BUILD_DIR SEED_MODEL [SECONDS] [SHARED_DIR]
set -euo pipefail
src=$1; build=$2; seed=$3; seconds=${4:-30}; shared=${5:-}
if ! command -v clang++ >/dev/null; then echo "clang++ not installed: fuzz smoke run skipped"; exit 0; fi
cmake -S "$src/tests/fuzz/standalone" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.log" 2>&1 || { cat "$build.log"; exit 1; }
ninja -C "$build" -j2 fuzz_loader >>"$build.log" 2>&1 || { tail -50 "$build.log"; exit 1; }
corpus="$build/corpus"; mkdir -p "$corpus"
cp "$seed" "$corpus/" 2>/dev/null || true
if [ -n "$shared" ] && [ -d "$shared/models" ]; then
  # The smallest real models make good seeds.
  # (find is cut short by head: its SIGPIPE must not end the script under pipefail)
  { find "$shared/models" -name '*.tflite' -size -8k || true; } | head -20 | xargs -r cp -t "$corpus/"
fi
"$build/fuzz_loader" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 2>&1 | tail -15
