// Per-channel weight sums for the Vela rules, read straight from the typed constant data.
//
// The rules' definition is over VTensor::ints() (every value widened to int64, in Vela's layout);
// this computes the same sums without materialising that vector: one pass over the source bytes in
// their stored order, each value added to its channel. When the data type's range bounds every
// channel's sum below the rule's limit, no value needs reading at all.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/compat/vela_graph.h"

namespace inferscope::compat::vela {

using model::DType;

namespace {

std::size_t widthOf(DType t) {
  switch (t) {
    case DType::INT8: case DType::UINT8: case DType::BOOL: return 1;
    case DType::INT16: case DType::UINT16: return 2;
    case DType::INT32: case DType::UINT32: return 4;
    case DType::INT64: case DType::UINT64: return 8;
    default: return 0;
  }
}

template <class T>
std::int64_t load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return static_cast<std::int64_t>(v);
}

// Channels stored contiguously: channel c is elements [c * m, (c + 1) * m).
template <class T>
void sumBlocks(const std::uint8_t* d, std::size_t channels, std::size_t m, const std::vector<std::int64_t>& zp,
               std::vector<std::int64_t>& sums) {
  for (std::size_t c = 0; c < channels; ++c) {
    const auto z = zp.size() > 1 ? zp[c] : zp[0];
    const auto* p = d + c * m * sizeof(T);
    std::int64_t s = 0;
    for (std::size_t i = 0; i < m; ++i) s += std::llabs(load<T>(p + i * sizeof(T)) - z);
    sums[c] = s;
  }
}

// Channels interleaved: element j belongs to channel j % channels.
template <class T>
void sumRows(const std::uint8_t* d, std::size_t channels, std::size_t rows, const std::vector<std::int64_t>& zp,
             std::vector<std::int64_t>& sums) {
  std::fill(sums.begin(), sums.end(), 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto* p = d + r * channels * sizeof(T);
    for (std::size_t c = 0; c < channels; ++c)
      sums[c] += std::llabs(load<T>(p + c * sizeof(T)) - (zp.size() > 1 ? zp[c] : zp[0]));
  }
}

template <class T>
void sumTyped(const std::uint8_t* d, bool blocks, std::size_t channels, std::size_t n,
              const std::vector<std::int64_t>& zp, std::vector<std::int64_t>& sums) {
  if (blocks)
    sumBlocks<T>(d, channels, n / channels, zp, sums);
  else
    sumRows<T>(d, channels, n / channels, zp, sums);
}

// Numpy's broadcasting of per-channel zero points against a single channel: sums[k] is the sum of
// |v - zp[k]| over all values. A histogram with prefix sums makes each zero point O(1).
template <class T>
void sumPerZeroPoint(const std::uint8_t* d, std::size_t n, const std::vector<std::int64_t>& zp,
                     std::vector<std::int64_t>& sums) {
  constexpr std::int64_t lo = std::numeric_limits<T>::min();
  constexpr std::size_t bins = std::size_t{1} << (8 * sizeof(T));
  std::vector<std::int64_t> count(bins + 1, 0), total(bins + 1, 0);  // prefix: values below bin b
  for (std::size_t i = 0; i < n; ++i) ++count[static_cast<std::size_t>(load<T>(d + i * sizeof(T)) - lo) + 1];
  for (std::size_t b = 1; b <= bins; ++b) {
    total[b] = total[b - 1] + count[b] * (static_cast<std::int64_t>(b) - 1 + lo);
    count[b] += count[b - 1];
  }
  const auto all = static_cast<std::int64_t>(n);
  for (std::size_t k = 0; k < zp.size(); ++k) {
    const auto z = zp[k];
    // Values below z: bins [0, split).
    const auto split = static_cast<std::size_t>(std::clamp<std::int64_t>(z - lo, 0, static_cast<std::int64_t>(bins)));
    const auto below = count[split], sumBelow = total[split];
    sums[k] = (z * below - sumBelow) + ((total[bins] - sumBelow) - z * (all - below));
  }
}

// The largest |v - z| a value of the type can give, as a double; 0 when unbounded here.
double rangeBound(DType t, const std::vector<std::int64_t>& zp) {
  double lo = 0, hi = 0;
  switch (t) {
    case DType::INT8: lo = -128; hi = 127; break;
    case DType::UINT8: case DType::BOOL: lo = 0; hi = 255; break;
    case DType::INT16: lo = -32768; hi = 32767; break;
    case DType::UINT16: lo = 0; hi = 65535; break;
    default: return 0;
  }
  double b = 0;
  for (auto z : zp) b = std::max({b, std::abs(lo - static_cast<double>(z)), std::abs(hi - static_cast<double>(z))});
  return b;
}

}  // namespace

ChannelSums channelAbsSums(const VTensor& w, std::size_t channels, const std::vector<std::int64_t>& zp,
                           std::int64_t limit) {
  ChannelSums r;
  // One channel against several zero points: every zero point is checked against all values.
  const bool perZeroPoint = channels == 1 && zp.size() > 1;
  if (w.foldedValues || zp.empty() || (zp.size() > 1 && zp.size() != channels && !perZeroPoint)) {
    r.status = ChannelSums::Generic;
    return r;
  }
  // When ints() is empty the rules pass: no values, unreadable type or short data.
  if (!w.t || !w.hasValues || w.t->data.empty()) return r;
  const auto& s = w.t->shape;
  std::size_t n = 1;
  for (auto d : s) {
    if (d < 0) {  // ints() walks such shapes its own way; keep to it
      r.status = ChannelSums::Generic;
      return r;
    }
    n *= static_cast<std::size_t>(d);
  }
  const auto width = widthOf(w.t->dtype);
  if (n == 0 || width == 0 || w.t->data.size() < n * width) return r;
  if (channels == 0 || n % channels != 0) {
    r.status = ChannelSums::Generic;
    return r;
  }
  // Vela's last axis is the source's first for the re-laid-out weights (HWIO from OHWI, [in, out]
  // from [out, in]), so each channel is a contiguous block; otherwise the layout is the source's.
  bool blocks = false;
  if ((w.layout == Layout::Hwio && s.size() == 4) || (w.layout == Layout::InOut && s.size() == 2)) {
    if (static_cast<std::size_t>(s[0]) != channels) {
      r.status = ChannelSums::Generic;
      return r;
    }
    blocks = true;
  } else if (w.layout != Layout::Plain && w.layout != Layout::Flat) {
    r.status = ChannelSums::Generic;
    return r;
  }
  const double bound = rangeBound(w.t->dtype, zp);
  const auto perSum = perZeroPoint ? n : n / channels;
  if (bound > 0 && bound * static_cast<double>(perSum) <= static_cast<double>(limit)) {
    r.status = ChannelSums::WithinLimit;
    return r;
  }
  const auto* d = w.t->data.data();
  if (perZeroPoint) {
    r.sums.assign(zp.size(), 0);
    r.status = ChannelSums::Summed;
    switch (w.t->dtype) {
      case DType::INT8: sumPerZeroPoint<std::int8_t>(d, n, zp, r.sums); break;
      case DType::UINT8: case DType::BOOL: sumPerZeroPoint<std::uint8_t>(d, n, zp, r.sums); break;
      case DType::INT16: sumPerZeroPoint<std::int16_t>(d, n, zp, r.sums); break;
      case DType::UINT16: sumPerZeroPoint<std::uint16_t>(d, n, zp, r.sums); break;
      default: r.status = ChannelSums::Generic; r.sums.clear(); break;
    }
    return r;
  }
  r.status = ChannelSums::Summed;
  r.sums.assign(channels, 0);
  switch (w.t->dtype) {
    case DType::INT8: sumTyped<std::int8_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::UINT8: case DType::BOOL: sumTyped<std::uint8_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::INT16: sumTyped<std::int16_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::UINT16: sumTyped<std::uint16_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::INT32: sumTyped<std::int32_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::UINT32: sumTyped<std::uint32_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::INT64: sumTyped<std::int64_t>(d, blocks, channels, n, zp, r.sums); break;
    case DType::UINT64: sumTyped<std::uint64_t>(d, blocks, channels, n, zp, r.sums); break;
    default: break;
  }
  return r;
}

}  // namespace inferscope::compat::vela
