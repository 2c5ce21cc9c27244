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
  # Sorted, so every machine fuzzes from the same seeds.
  mapfile -t seeds < <(find "$shared/models" -name '*.tflite' -size -8k | LC_ALL=C sort)
  if [ "${#seeds[@]}" -gt 0 ]; then cp -t "$corpus/" "${seeds[@]:0:20}"; fi
fi
# A fixed seed and number of runs keep the smoke run reproducible (CI fails only on a real,
# replayable finding); SECONDS caps it on a slow machine. Long sessions: run fuzz_loader by hand.
"$build/fuzz_loader" "$corpus" -seed=1 -runs=$((seconds * 10000)) -max_total_time=$((seconds * 4)) -max_len=65536 \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 | tail -15
