#!/usr/bin/env bash
# Regenerates app/cli/symbol_order.txt: the functions a `check --performance` run executes, in the
# order it first executes them (Valgrind's superblock trace without chasing calls, so that every
# function shows). lld lays inferscope-cli's code out in that order (app/CMakeLists.txt), so a run
# touches a few contiguous stretches of code instead of pages all over the binary: a page fault costs
# ~11 us on the development VM and faults are most of a small model's run. Functions missing from the
# list (new code) still link, after the listed ones; rerun this after large changes to the CLI's paths.
#
# usage: app/cli/symbol_order.sh BUILD/app/inferscope-cli [SHARED_DIR]    (needs valgrind, nm)
set -euo pipefail
cli=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
shared=${2:-$here/../../../shared}
models=$shared/models
out=$here/symbol_order.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Small and large NPU models (with LSTMs, sparse and sampled weights, helper threads), float models
# left to the CPU, each memory mode; the text report
# (what the benchmark runs) and the JSON one.
runs=(
  "tflite-micro/examples__hello_world__models__hello_world_int8.tflite ethos-u55-256"
  "tflite-micro/examples__hello_world__models__hello_world_float.tflite ethos-u65-512"
  "tflite-micro/examples__micro_speech__models__micro_speech_quantized.tflite ethos-u65-256"
  "tflite-micro/examples__mnist_lstm__trained_lstm.tflite ethos-u55-128"
  "mediapipe/face_landmark_with_attention.tflite ethos-u55-256"
  "mediapipe/pose_detection.tflite ethos-u65-512"
  "tflite-micro/examples__dtln__dtln_noise_suppression.tflite ethos-u55-128"
  "tflite-micro/models__person_detect.tflite ethos-u65-512"
  "mediapipe/face_detection_full_range_sparse.tflite ethos-u55-256"
  "tflite-micro/third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite ethos-u55-256"
  "mlia/simple_3_layers_model.tflite ethos-u55-128 --json -"
)
i=0
for r in "${runs[@]}"; do
  set -- $r
  [ -f "$models/$1" ] || { echo "symbol_order: $models/$1 missing" >&2; exit 1; }
  valgrind --tool=lackey --trace-superblocks=yes --vex-guest-chase=no --log-file="$tmp/sb.$i" \
    "$cli" check "$models/$1" --target-profile "$2" --performance "${@:3}" > /dev/null
  i=$((i + 1))
done

nm -n --defined-only "$cli" | awk '$2 ~ /^[tTwW]$/ {print $1, $3}' > "$tmp/syms"
cat "$tmp"/sb.* | awk '$1 == "SB" {print $2}' | python3 -c '
import bisect, re, sys
syms = [(int(a, 16), n) for a, n in (l.split() for l in open(sys.argv[1]))]
starts = [a for a, _ in syms]
seen, order = set(), []
for line in sys.stdin:
    i = bisect.bisect_right(starts, int(line, 16)) - 1
    if i >= 0 and syms[i][1] not in seen:
        seen.add(syms[i][1])
        order.append(syms[i][1])
# Valgrind runs without AVX-512, so glibc picks other variants of the string functions than the
# CPU would: every variant of the ones used goes next to the one Valgrind saw. It hides the vDSO,
# whose set-up a static glibc runs natively at start-up, and the heap set-up (startup.cpp) stops early
# under it: those functions go right after start-up.
isa = re.compile(r"^(__\w+?)_(sse2|ssse3|sse4_1|sse4_2|avx|avx2|evex|avx512)")
variants = {}
for _, n in syms:
    if m := isa.match(n):
        variants.setdefault(m.group(1), []).append(n)
native = ["_dl_new_object", "_dl_add_to_namespace_list", "_dl_setup_hash", "_dl_lookup_symbol_x", "do_lookup_x",
        "check_match", "_dl_name_match_p", "__madvise"]
full = []
for n in order:
    full.append(n)
    if n == "__libc_start_main_impl":
        full += [v for v in native if v not in seen]
    if m := isa.match(n):
        full += [v for v in variants.get(m.group(1), []) if v not in seen and v not in full]
order = full
print("\n".join(order))
' "$tmp/syms" > "$out"
echo "symbol_order: wrote $(wc -l < "$out") symbols to $out"
