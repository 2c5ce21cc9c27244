// Per-channel weight sums for the Vela rules, read straight from the typed constant data.
//
// The rules' definition is over VTensor::ints() (every value widened to int64, in Vela's layout);
// this computes the same sums without materialising that vector: one pass over the source bytes in
// their stored order, each value added to its channel. When the data type's range bounds every
// channel's sum below the rule's limit, no value needs reading at all.
#include <algorithm>
#include <cstdlib>
#include <cstring>

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
  if (w.foldedValues || zp.empty() || (zp.size() > 1 && zp.size() != channels)) {
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
  r.status = ChannelSums::Summed;
  const double bound = rangeBound(w.t->dtype, zp);
  if (bound > 0 && bound * static_cast<double>(n / channels) <= static_cast<double>(limit)) {
    r.status = ChannelSums::WithinLimit;
    return r;
  }
  r.sums.assign(channels, 0);
  const auto* d = w.t->data.data();
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
