// Encoded size of one weight stream from a sample of its bricks (used by weight_encoding.cpp).
//
// The brick stream is a sequence of units (OFM block x IFM block, weight_reorder.h). Units that
// carry brick padding (the last IFM block when the IFM depth is not a multiple of the block, the
// last OFM block when the OFM depth is not a multiple of the micro-block) are much cheaper per
// value than the rest, so the units are split into up to four classes by padding. Each class is
// sampled on its own: runs of consecutive units spread evenly over the class are reordered into
// one stream and encoded exactly; the class's bits per value are extrapolated to its values.
// Palette headers are taken out of the rates (each sample starts a section the real stream does
// not have) and added back once per section the whole stream is expected to have.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "core/estimate/mlw_size.h"
#include "core/estimate/weight_reorder.h"

namespace inferscope::estimate {

// A cheap stand-in for the encoded bits of a piece of weights, from its non-zero count and the
// mean magnitude of its non-zeros: zeros cost `zeroBits` each, non-zeros
// nonzeroBits + log2(1 + mean |v|). The costs come from the stream's value histogram.
struct ProxyModel {
  double zeroBits = 0.5;
  double nonzeroBits = 1.5;
  bool countZeros = true;  // false when zeros are rare: they are then costed like other values

  static ProxyModel fromHistogram(std::span<const std::int64_t> histogram);
  double proxy(std::int64_t absSum, std::int64_t zeros, std::int64_t n) const {
    const std::int64_t nonzeros = n - zeros;
    double p = double(zeros) * zeroBits;
    if (nonzeros > 0) p += dense(absSum, nonzeros, 1.0f / float(nonzeros));
    return p;
  }
  // proxy(absSum, 0, n) given 1 / n.
  double dense(std::int64_t absSum, std::int64_t n, float inverseN) const {
    return double(n) * (nonzeroBits + fastLog2(1.0f + float(absSum) * inverseN));
  }
  // log2 within about 0.005 (exponent plus a quadratic in the mantissa).
  static float fastLog2(float x) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    const float e = float(int((bits >> 23) & 255u) - 127);
    bits = (bits & 0x7fffffu) | 0x3f800000u;
    float m;
    std::memcpy(&m, &bits, sizeof m);
    return e + (-0.34484843f * m + 2.02466578f) * m - 1.67487759f;
  }
};

// Access to the bricks of one stream.
struct UnitWriter {
  const void* context = nullptr;
  // Writes units [u0, u1) of the brick stream to `out` (brickLength(shape, u0, u1) values).
  std::int64_t (*write)(const void* context, std::int64_t u0, std::int64_t u1, std::int16_t* out) = nullptr;
  // Optional: the proxy of every unit (out has unitCount() entries). Makes the extrapolation a
  // ratio estimate, which follows how magnitudes and sparsity vary over OFM and IFM channels.
  void (*proxies)(const void* context, const ProxyModel& model, std::span<double> out) = nullptr;
};

struct SamplePlan {
  std::int64_t budget = 24576;  // values encoded in total (approx.)
  std::int64_t group = 2048;    // values per run of consecutive units (at least one unit)
};

struct SampleResult {
  std::int64_t bits = 0;    // estimated section bits of the whole stream
  bool oneSection = true;   // no sample showed a palette restart
};

// What the sample of a whole stream says, kept to size parts of the stream (its depth slices,
// each a separate encoder call) without sampling each part: the payload rate of each padding
// class and the per-call overheads.
struct StreamRates {
  bool valid = false;
  ProxyModel model;                // the proxy the rates are per unit of
  double rate[4] = {};             // payload bits per proxy unit (per value when !perProxy[c])
  bool perProxy[4] = {};
  bool seen[4] = {};               // the class had units in the sample
  double edgeBits = 0;             // one slice header and chunk padding, per encoder call
  double paletteBits = 0;          // one palette header
  double restartsPerValue = 0;     // palette restarts per value (0: one section per call)
  // Channels of the last OFM block when it ends in a partial micro-block (classes 2 and 3 were
  // measured on it), else 0.
  std::int32_t paddedBlockDepth = 0;
};

// Channels of the last OFM block when it ends in a partial micro-block, else 0.
std::int32_t paddedBlockDepth(const BrickShape& shape);


// Estimated bits of the stream's sections (end marker and padding excluded). `histogram` (512
// counts, index value + 256, padding zeros included; may be estimated) describes the whole
// stream: when the samples show no palette restarts, the whole stream is taken to be one section
// and the samples are coded with the palette that histogram gives, as the encoder would. Uses
// and grows `scratch` (reordered values) and `sizer`.
// With `rates`, also fills in the rates behind the estimate.
SampleResult sampledSectionBits(const BrickShape& shape, const UnitWriter& writer, const SamplePlan& plan,
                                std::span<const std::int64_t> histogram, MlwSizer& sizer,
                                std::vector<std::int16_t>& scratch, std::vector<double>& proxyScratch,
                                StreamRates* rates = nullptr);

// Estimated section bits of a part of a sampled stream, coded as a stream of its own: `part` and
// `writer` describe the part (its proxies are computed; nothing is encoded), `rates` come from
// the whole stream's sample.
std::int64_t partSectionBits(const BrickShape& part, const UnitWriter& writer, const StreamRates& rates,
                             std::vector<double>& proxyScratch);

}  // namespace inferscope::estimate
