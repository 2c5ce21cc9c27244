// Encoded weight sizes of Ethos-U55/U65 NPU operations, as Vela 3.10 reports them in
// `total_npu_encoded_weights`, without running Vela.
//
// Per OFM depth slice and per core, Vela stores a scale/bias stream (10 bytes per channel,
// padded to 16) followed by the mlw-encoded weight stream of the same channels (a multiple of
// 16 bytes). The weights are first reordered into bricks (weight_reorder.h) and then encoded
// (mlw_size.h). See the research notes, section 3 "Weight encoding".
//
// Two ways to get the weight-stream bytes:
//  * exact: the size model follows the encoder's decisions and agrees with Vela's encoder byte
//    for byte (checked against mlw_encode.c on random streams and on every calib and real-model
//    weight tensor, with cores, micro-block depths and slices); about 8-25 ns per weight, some 30x
//    faster than the encoder itself;
//  * sampled (EncodeMode::Auto for streams above a few thousand weights): runs of bricks spread
//    over the stream are encoded exactly and extrapolated with a per-brick magnitude proxy
//    (weight_sampling.h). On trained int8 weights the error is about 0.3% per tensor (rms) and
//    under 0.2% per model; MobileNet-v2 (3.5 M weights) takes about 3 ms on one core.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/estimate/weight_reorder.h"
#include "core/util/result.h"

namespace inferscope::estimate {

enum class WeightOpKind : std::uint8_t { Conv, Depthwise, FullyConnected, TransposeConv };

// How the weight values passed in are laid out in memory.
enum class WeightSourceOrder : std::uint8_t {
  // The TFLite tensor's own order for the kind: DepthwiseHwo for depthwise, Ohwi otherwise.
  Auto,
  // Dense O x H x W x I, i.e. Vela's encoder layout: TFLite CONV_2D and TRANSPOSE_CONV weights,
  // FULLY_CONNECTED [O, I] weights.
  Ohwi,
  // TFLite DEPTHWISE_CONV_2D weights [1, H, W, O] (I = 1). Also use it for a depthwise conv that
  // Vela turns into a conv (one IFM channel, depth multiplier = O): kind Conv, this order.
  DepthwiseHwo,
};

struct WeightLayout {
  WeightOpKind kind = WeightOpKind::Conv;
  // Dims in Vela's encoder layout (after its transform): O = OFM channels, H x W kernel,
  // I = IFM channels (1 for depthwise; O x 1 x 1 x I for fully connected).
  std::int32_t ofmDepth = 0, kernelHeight = 1, kernelWidth = 1, ifmDepth = 0;
  std::int32_t ifmBits = 8;                   // 8 or 16 (IFM data type, not the weights')
  std::int32_t dilationX = 1, dilationY = 1;  // 1 or 2 after Vela's lowering
  std::int32_t ofmBlockDepth = 16;            // the op's block config OFM depth
  std::int32_t ofmUblockDepth = 8;            // 8; 4 on U55-32
  std::int32_t cores = 1;                     // 2 on U65-512
  // OFM depth offsets of the weight-buffering slices, starting at 0; the end (O) may be given or
  // is implied. Empty = one slice [0, O].
  std::vector<std::int32_t> depthSlices;
  WeightSourceOrder source = WeightSourceOrder::Auto;
};

enum class EncodeMode : std::uint8_t {
  Auto,     // exact for streams up to EncodeOptions::exactLimit padded weights, else sampled
  Exact,    // always exact
  Sampled,  // sample whenever the stream is longer than the sample budget
};

// Remembers what the sample of each whole weight stream (one tensor under one layout, per core)
// says, so that the tensor sized again for other depth slices is not sampled again. Keyed by the
// weights' address: one cache serves one model while it is alive (an estimate run). Thread-safe.
class WeightSampleCache {
 public:
  WeightSampleCache();
  ~WeightSampleCache();
  WeightSampleCache(const WeightSampleCache&) = delete;
  WeightSampleCache& operator=(const WeightSampleCache&) = delete;
  // Whole streams remembered.
  std::size_t size() const;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct EncodeOptions {
  EncodeMode mode = EncodeMode::Auto;
  std::int64_t exactLimit = 4096;     // padded weights per encoder call still encoded exactly
  std::int64_t minSampleUnits = 2;    // Auto samples only streams of at least this many bricks
  std::int64_t sampleBudget = 1536;   // padded weights encoded per sampled encoder call (approx.)
  std::int64_t sampleGroup = 512;     // padded weights per run of consecutive bricks (approx.)
  std::int64_t histogramValues = 4096;   // weights read for a sampled stream's value histogram
  // A depth slice of a sampled stream is sized from the stream's sample from this many padded
  // weights on (shorter slices, and slices of streams encoded exactly, are encoded).
  std::int64_t partLimit = 1024;
  bool ratioEstimate = true;  // extrapolate on a per-brick magnitude proxy (reads every weight once)
  WeightSampleCache* sampleCache = nullptr;  // optional; must not outlive the weights it saw
};

struct EncodedWeightSizes {
  std::int64_t totalBytes = 0;         // what total_npu_encoded_weights adds for this tensor
  std::int64_t scaleBytes = 0;         // scale/bias streams (10 B per channel and slice, 16-aligned)
  std::int64_t weightStreamBytes = 0;  // mlw streams (each a multiple of 16)
  std::vector<std::int64_t> sliceBytes;             // per depth slice, all cores
  std::array<std::int64_t, 2> doubleBufferSizes{};  // max even-index slice, max odd-index slice
  std::int64_t paddedWeights = 0;                   // values the encoder receives (brick padding)
  BlockTraversal traversal = BlockTraversal::DepthFirst;
  bool exact = true;  // false when some stream was extrapolated from a sample
};

// Vela's choice between depth-first and part-kernel-first traversal (convolutions only).
BlockTraversal chooseTraversal(const WeightLayout& layout);

// Encoded size of one weight tensor. `weights` are the stored values minus the weight zero point
// (in [-255, 255]), with O*H*W*I elements in the `layout.source` order.
Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::int8_t> weights, const WeightLayout& layout,
                                             const EncodeOptions& options = {});
Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::int16_t> weights, const WeightLayout& layout,
                                             const EncodeOptions& options = {});
// Raw uint8 values with a zero point (legacy asymmetric uint8 models).
Result<EncodedWeightSizes> encodedWeightSize(std::span<const std::uint8_t> weights, std::int32_t zeroPoint,
                                             const WeightLayout& layout, const EncodeOptions& options = {});

// One tensor of a batch: exactly one of the value spans is set (uint8 with its zero point).
struct WeightJob {
  std::span<const std::int8_t> int8;
  std::span<const std::int16_t> int16;
  std::span<const std::uint8_t> uint8;
  std::int32_t zeroPoint = 0;
  WeightLayout layout;
};

// Every job's sizes, in job order. The jobs are shared out over up to `threads` threads
// (0 = the hardware's, at most 8) when there are enough weights to gain from it; encodedWeightSize
// itself is thread-safe (its scratch memory is per thread).
std::vector<Result<EncodedWeightSizes>> encodedWeightSizes(std::span<const WeightJob> jobs,
                                                           const EncodeOptions& options = {}, int threads = 0);

// Bytes the mlw encoder emits for an already brick-ordered stream (exact; values in [-255, 255]).
std::int64_t mlwEncodedBytes(std::span<const std::int16_t> stream);

// Each thread's size model remembers recent streams (an estimate sizes the same weight slices
// under several block configurations, and a GUI re-runs estimates on the same model); this makes
// every thread forget them (helper threads on their next use), e.g. for benchmarks of a first run.
void clearWeightSizeMemo();

}  // namespace inferscope::estimate
