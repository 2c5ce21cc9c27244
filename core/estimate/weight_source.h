// Internal to weight_encoding.cpp: reading the caller's weight values (int8, int16, or uint8
// with a zero point) for one encoder call: bricks, value histograms and per-brick statistics.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/estimate/weight_reorder.h"
#include "core/estimate/weight_sampling.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define INFERSCOPE_WSRC_SSE2 1
#else
#define INFERSCOPE_WSRC_SSE2 0
#endif

namespace inferscope::estimate::detail {

template <class T>
struct Source {
  WeightView<T> view;
  std::int16_t zeroPoint = 0;  // subtracted from uint8 values only

  int value(std::int64_t offset) const {
    if constexpr (std::is_same_v<T, std::uint8_t>)
      return int(view.base[offset]) - zeroPoint;
    else
      return view.base[offset];
  }
};

template <class T>
std::int64_t reorder(const BrickShape& s, const Source<T>& src, std::int64_t u0, std::int64_t u1, std::int16_t* out) {
  if constexpr (std::is_same_v<T, std::uint8_t>)
    return reorderBricks(s, src.view, src.zeroPoint, u0, u1, out);
  else
    return reorderBricks(s, src.view, u0, u1, out);
}

// Sum of |v| and number of zeros over p[0], p[stride], ... (n values).
struct AbsZeros {
  std::int64_t absSum = 0;
  std::int64_t zeros = 0;
};

template <class T>
AbsZeros absZeros(const Source<T>& src, std::int64_t offset, std::int64_t stride, std::int32_t n) {
  AbsZeros r;
  std::int32_t i = 0;
  if constexpr (std::is_same_v<T, std::int8_t>) {
#if INFERSCOPE_WSRC_SSE2
    if (stride == 1 && n >= 16) {
      // psadbw of (v ^ 0x80) against 0x80 sums |v|; of (v == 0) against 0 counts zeros * 255.
      const std::int8_t* p = src.view.base + offset;
      const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
      const __m128i zero = _mm_setzero_si128();
      __m128i sum = zero, zeros = zero;
      for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        sum = _mm_add_epi64(sum, _mm_sad_epu8(_mm_xor_si128(v, bias), bias));
        zeros = _mm_add_epi64(zeros, _mm_sad_epu8(_mm_cmpeq_epi8(v, zero), zero));
      }
      r.absSum = _mm_cvtsi128_si32(sum) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(sum, sum));
      r.zeros = (_mm_cvtsi128_si32(zeros) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(zeros, zeros))) / 255;
    }
#endif
  }
  for (; i < n; ++i) {
    const int v = src.value(offset + i * stride);
    r.absSum += v < 0 ? -v : v;
    r.zeros += v == 0 ? 1 : 0;
  }
  return r;
}

// Proxy of each unit (OFM block x IFM block): the proxy of every (OFM channel, IFM block) piece
// of real weights, plus the unit's padding as zeros.
template <class T>
void unitProxies(const BrickShape& s, const Source<T>& src, const ProxyModel& model, std::span<double> out) {
  const WeightView<T>& v = src.view;
  const std::int32_t nIb = s.ifmBlockCount();
  const std::int32_t ibd = s.traversal == BlockTraversal::Depthwise ? 1 : s.ifmBlockDepth();
  const std::int64_t kernel = std::int64_t(s.kernelHeight) * s.kernelWidth;
  std::fill(out.begin(), out.end(), 0.0);
  bool done = false;
#if INFERSCOPE_WSRC_SSE2
  if constexpr (std::is_same_v<T, std::int8_t>) {
    // Contiguous IFM rows: SAD accumulators per IFM block over the kernel, one reduction each.
    constexpr std::int32_t kMaxIb = 256;
    if (v.si == 1 && ibd % 16 == 0 && nIb <= kMaxIb) {
      __m128i sums[kMaxIb], zeros[kMaxIb];
      std::int64_t tailSum[kMaxIb], tailZeros[kMaxIb], pieceValues[kMaxIb];
      float inversePiece[kMaxIb];
      for (std::int32_t ib = 0; ib < nIb; ++ib) {
        pieceValues[ib] = std::int64_t(std::min(ibd, s.ifmDepth - ib * ibd)) * kernel;
        inversePiece[ib] = 1.0f / float(pieceValues[ib]);
      }
      const bool wholeBlocks = s.ifmDepth % ibd == 0 && !model.countZeros;
      const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
      const __m128i zero = _mm_setzero_si128();
      if (wholeBlocks && ibd == 32 && kernel == 1) {
        // 1x1 kernels (fully connected, pointwise): one 32-value piece per IFM block, reduced at once.
        const float inverse = inversePiece[0];
        for (std::int32_t o = 0; o < s.ofmDepth; ++o) {
          const std::int8_t* p = v.base + o * v.so;
          double* unitOut = out.data() + std::int64_t(o / s.ofmBlockDepth) * nIb;
          for (std::int32_t ib = 0; ib < nIb; ++ib) {
            const __m128i x0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + ib * 32));
            const __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + ib * 32 + 16));
            const __m128i a = _mm_add_epi64(_mm_sad_epu8(_mm_xor_si128(x0, bias), bias),
                                            _mm_sad_epu8(_mm_xor_si128(x1, bias), bias));
            const int absSum = _mm_cvtsi128_si32(a) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(a, a));
            unitOut[ib] += model.dense(absSum, 32, inverse);
          }
        }
        done = true;
      }
      for (std::int32_t o = 0; o < s.ofmDepth && !done; ++o) {
        for (std::int32_t ib = 0; ib < nIb; ++ib) {
          sums[ib] = zeros[ib] = zero;
          tailSum[ib] = tailZeros[ib] = 0;
        }
        for (std::int32_t h = 0; h < s.kernelHeight; ++h)
          for (std::int32_t w = 0; w < s.kernelWidth; ++w) {
            const std::int8_t* p = v.base + o * v.so + h * v.sh + w * v.sw;
            if (wholeBlocks && ibd == 32) {  // the common case: two vectors per IFM block
              for (std::int32_t ib = 0; ib < nIb; ++ib) {
                const __m128i x0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + ib * 32));
                const __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + ib * 32 + 16));
                sums[ib] = _mm_add_epi64(sums[ib], _mm_add_epi64(_mm_sad_epu8(_mm_xor_si128(x0, bias), bias),
                                                                 _mm_sad_epu8(_mm_xor_si128(x1, bias), bias)));
              }
              continue;
            }
            for (std::int32_t ib = 0; ib < nIb; ++ib) {
              const std::int32_t i0 = ib * ibd, n = std::min(ibd, s.ifmDepth - i0);
              std::int32_t i = 0;
              if (model.countZeros) {
                for (; i + 16 <= n; i += 16) {
                  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i0 + i));
                  sums[ib] = _mm_add_epi64(sums[ib], _mm_sad_epu8(_mm_xor_si128(x, bias), bias));
                  zeros[ib] = _mm_add_epi64(zeros[ib], _mm_sad_epu8(_mm_cmpeq_epi8(x, zero), zero));
                }
              } else {
                for (; i + 16 <= n; i += 16) {
                  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i0 + i));
                  sums[ib] = _mm_add_epi64(sums[ib], _mm_sad_epu8(_mm_xor_si128(x, bias), bias));
                }
              }
              for (; i < n; ++i) {
                const int x = p[i0 + i];
                tailSum[ib] += x < 0 ? -x : x;
                tailZeros[ib] += x == 0 && model.countZeros ? 1 : 0;
              }
            }
          }
        double* unitOut = out.data() + std::int64_t(o / s.ofmBlockDepth) * nIb;
        for (std::int32_t ib = 0; ib < nIb; ++ib) {
          const __m128i a = sums[ib];
          const std::int64_t absSum = tailSum[ib] + _mm_cvtsi128_si32(a) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(a, a));
          if (model.countZeros) {
            const __m128i z = zeros[ib];
            const std::int64_t zeroCount =
                tailZeros[ib] + (_mm_cvtsi128_si32(z) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(z, z))) / 255;
            unitOut[ib] += model.proxy(absSum, zeroCount, pieceValues[ib]);
          } else {
            unitOut[ib] += model.dense(absSum, pieceValues[ib], inversePiece[ib]);
          }
        }
      }
      done = true;
    }
  }
#endif
  if (!done && s.traversal == BlockTraversal::Depthwise) {
    // One piece per OFM channel: its kernel. Summed in memory order, so that depthwise weights
    // stored [1, H, W, O] are read row by row.
    std::vector<std::int32_t> absSum(static_cast<std::size_t>(s.ofmDepth), 0), zeroCount(absSum.size(), 0);
    const bool rows = v.so == 1;
    for (std::int32_t h = 0; h < s.kernelHeight; ++h)
      for (std::int32_t w = 0; w < s.kernelWidth; ++w) {
        const std::int64_t base = h * v.sh + w * v.sw;
        for (std::int32_t o = 0; o < s.ofmDepth; ++o) {
          const int x = src.value(base + (rows ? o : o * v.so));
          absSum[static_cast<std::size_t>(o)] += x < 0 ? -x : x;
          zeroCount[static_cast<std::size_t>(o)] += x == 0 ? 1 : 0;
        }
      }
    for (std::int32_t o = 0; o < s.ofmDepth; ++o)
      out[static_cast<std::size_t>(o / s.ofmBlockDepth)] +=
          model.proxy(absSum[static_cast<std::size_t>(o)],
                      model.countZeros ? zeroCount[static_cast<std::size_t>(o)] : 0, kernel);
    done = true;
  }
  for (std::int32_t o = 0; o < s.ofmDepth && !done; ++o) {
    const std::int64_t unitBase = std::int64_t(o / s.ofmBlockDepth) * nIb;
    for (std::int32_t ib = 0; ib < nIb; ++ib) {
      const std::int32_t i0 = ib * ibd, n = std::min(ibd, s.ifmDepth - i0);
      AbsZeros piece;
      for (std::int32_t h = 0; h < s.kernelHeight; ++h)
        for (std::int32_t w = 0; w < s.kernelWidth; ++w) {
          const AbsZeros a = absZeros(src, o * v.so + h * v.sh + w * v.sw + i0 * v.si, v.si, n);
          piece.absSum += a.absSum;
          piece.zeros += model.countZeros ? a.zeros : 0;
        }
      out[static_cast<std::size_t>(unitBase + ib)] += model.proxy(piece.absSum, piece.zeros, n * kernel);
    }
  }
  // Padding (unit length - real weights) depends on the IFM block and on whether the OFM block
  // is the last, possibly clipped, one.
  const std::int32_t blocks = s.blockCount();
  for (std::int32_t ib = 0; ib < nIb; ++ib) {
    const std::int64_t ifm = std::min(ibd, s.ifmDepth - ib * ibd);
    // Pads the units of blocks [from, to) like those of block `b`.
    auto pad = [&](std::int32_t b, std::int32_t from, std::int32_t to) {
      const std::int64_t unit = std::int64_t(b) * nIb + ib;
      const std::int64_t channels = std::min(s.ofmBlockDepth, s.ofmDepth - b * s.ofmBlockDepth);
      const std::int64_t padding = brickLength(s, unit, unit + 1) - channels * ifm * kernel;
      if (padding <= 0) return;
      const double p = model.proxy(0, padding, padding);
      for (std::int32_t bb = from; bb < to; ++bb) out[static_cast<std::size_t>(std::int64_t(bb) * nIb + ib)] += p;
    };
    if (blocks > 1) pad(0, 0, blocks - 1);
    pad(blocks - 1, blocks - 1, blocks);
  }
}

// A value histogram kept in four tables, filled in turn: runs of equal values (zeros, a common
// value) then increment different counters instead of waiting on each other's stores.
struct Counts4 {
  std::int32_t t[4][512] = {};
  template <class Value>
  void add(std::int64_t first, std::int64_t n, const Value& value) {
    std::int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
      ++t[0][value(first + k) + 256];
      ++t[1][value(first + k + 1) + 256];
      ++t[2][value(first + k + 2) + 256];
      ++t[3][value(first + k + 3) + 256];
    }
    for (; k < n; ++k) ++t[0][value(first + k) + 256];
  }
  void sumInto(std::int64_t* counts) const {
    for (std::size_t i = 0; i < 512; ++i) counts[i] += std::int64_t(t[0][i]) + t[1][i] + t[2][i] + t[3][i];
  }
};

// Offset from the view's base of the lowest element when the view's elements fill one block of
// memory (a dense OHWI or [1, H, W, O] tensor, also with flipped H and W); -1 otherwise.
template <class T>
std::int64_t contiguousStart(const BrickShape& s, const WeightView<T>& v) {
  std::pair<std::int64_t, std::int64_t> dims[4] = {
      {v.so, s.ofmDepth}, {v.sh, s.kernelHeight}, {v.sw, s.kernelWidth}, {v.si, s.ifmDepth}};
  std::sort(std::begin(dims), std::end(dims), [](const auto& a, const auto& b) {
    return (a.first < 0 ? -a.first : a.first) < (b.first < 0 ? -b.first : b.first);
  });
  std::int64_t expect = 1, start = 0;
  for (const auto& [stride, extent] : dims) {
    if (extent <= 1) continue;
    if ((stride < 0 ? -stride : stride) != expect) return -1;
    expect *= extent;
    if (stride < 0) start += stride * (extent - 1);
  }
  return start;
}

// Histogram of the values one encoder call receives (index value + 256), padding zeros included.
// Large calls read `maxValues` weights at spread, jittered positions and scale the counts.
template <class T>
std::int64_t valueHistogram(const BrickShape& s, const Source<T>& src, std::int64_t padded, std::int64_t maxValues,
                            std::span<std::int64_t, 512> freq) {
  const WeightView<T>& v = src.view;
  const std::int64_t ifm = s.ifmDepth, row = std::int64_t(s.kernelWidth) * ifm;
  const std::int64_t perChannel = s.kernelHeight * row;
  const std::int64_t real = perChannel * s.ofmDepth;
  std::int64_t counts[512] = {};
  Counts4 tables;
  const auto at = [&src](std::int64_t offset) { return src.value(offset); };
  if (real <= maxValues) {
    if (const std::int64_t start = contiguousStart(s, v); start != -1) {
      tables.add(start, real, at);  // every value once, in memory order
    } else {
      for (std::int32_t o = 0; o < s.ofmDepth; ++o)
        for (std::int32_t h = 0; h < s.kernelHeight; ++h)
          for (std::int32_t w = 0; w < s.kernelWidth; ++w) {
            const std::int64_t offset = o * v.so + h * v.sh + w * v.sw;
            for (std::int32_t i = 0; i < s.ifmDepth; ++i) ++counts[src.value(offset + i * v.si) + 256];
          }
    }
    tables.sumInto(counts);
    for (std::size_t i = 0; i < 512; ++i) freq[i] = counts[i];
    freq[256] += padded - real;
    return real;
  } else {
    // Runs of up to 32 consecutive values (cache friendly) spread evenly over the OFM channels,
    // each at a pseudo-random position inside its channel.
    const bool dense = v.si == 1 && v.sw == ifm && v.sh == row;
    const std::int64_t run = std::min<std::int64_t>(32, perChannel);
    const std::int64_t runs = std::max<std::int64_t>(1, maxValues / run);
    maxValues = runs * run;
    std::uint64_t lcg = 0x9e3779b97f4a7c15ull;
    std::int64_t o = 0, carry = 0;
    // The runs are scattered over the tensor (cache misses): their positions are worked out a
    // batch at a time and prefetched together, so that the misses overlap.
    constexpr int kBatch = 32;
    std::int64_t channel[kBatch], start[kBatch];
    for (std::int64_t k0 = 0; k0 < runs; k0 += kBatch) {
      const int batch = static_cast<int>(std::min<std::int64_t>(kBatch, runs - k0));
      for (int b = 0; b < batch; ++b) {
        lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
        start[b] = static_cast<std::int64_t>(((lcg >> 32) * static_cast<std::uint64_t>(perChannel - run + 1)) >> 32);
        channel[b] = o;
        for (carry += s.ofmDepth; carry >= runs; carry -= runs) ++o;
#if defined(__GNUC__) || defined(__clang__)
        if (dense) {
          __builtin_prefetch(v.base + channel[b] * v.so + start[b]);
          __builtin_prefetch(v.base + channel[b] * v.so + start[b] + run - 1);
        }
#endif
      }
      for (int b = 0; b < batch; ++b) {
        const std::int64_t first = start[b], oc = channel[b];
        if (dense) {
          tables.add(oc * v.so + first, run, at);
          continue;
        }
        // Walk (h, w, i) from the run's first value on (no division per value).
        std::int64_t h = first / row, w = first % row / ifm, i = first % ifm;
        for (std::int64_t t = 0; t < run; ++t) {
          ++counts[src.value(oc * v.so + h * v.sh + w * v.sw + i * v.si) + 256];
          if (++i == ifm) {
            i = 0;
            if (++w == s.kernelWidth) {
              w = 0;
              ++h;
            }
          }
        }
      }
    }
    tables.sumInto(counts);
    const double scale = double(real) / double(maxValues);
    for (std::size_t i = 0; i < 512; ++i) freq[i] = static_cast<std::int64_t>(double(counts[i]) * scale + 0.5);
    freq[256] += padded - real;
    return maxValues;
  }
}

// Whether a histogram estimated from `sampled` of the weights (the counts scaled to all of them)
// lies too close to one of the encoder's palette decisions (zero-run mode, palette used or not,
// all values in a 32-entry palette) to trust it: the margins are a few standard errors of the
// sample.
inline bool nearPaletteThreshold(std::span<const std::int64_t, 512> freq, std::int64_t sampled, std::int64_t real) {
  std::int64_t zeros = freq[256], maxOther = 0;
  std::int64_t counts[512];
  int distinct = 0;
  for (std::size_t i = 0; i < 512; ++i) {
    distinct += freq[i] > 0 ? 1 : 0;
    if (i != 256) maxOther = std::max(maxOther, freq[i]);
  }
  if (sampled >= real) return false;  // exact
  if (distinct <= 33) return true;     // rare values decide whether all fit a 32-entry palette
  const double perSample = double(real) / double(std::max<std::int64_t>(sampled, 1));
  auto margin = [&](double countedValues) {
    const double n = std::max(1.0, countedValues / perSample);  // sampled values behind the counts
    return std::max(0.01, 1.75 / std::sqrt(n));
  };
  const double zeroRatio = double(zeros) / (4.0 * double(std::max<std::int64_t>(maxOther, 1)));
  if (std::abs(zeroRatio - 1.0) < 2.0 * margin(double(zeros + maxOther))) return true;
  const bool zeroRuns = zeros > 4 * maxOther;
  // Coverage of the 32 most common values (zero left out in zero-run mode).
  int n = 0;
  std::int64_t counted = 0;
  for (std::size_t i = 0; i < 512; ++i) {
    if ((zeroRuns && i == 256) || freq[i] == 0) continue;
    counts[n++] = freq[i];
    counted += freq[i];
  }
  if (n > 32) std::nth_element(counts, counts + 32, counts + n, [](std::int64_t a, std::int64_t b) { return a > b; });
  std::int64_t covered = 0;
  for (int k = 0; k < std::min(n, 32); ++k) covered += counts[k];
  const double coverage = counted > 0 ? double(covered) / double(counted) : 0.0;
  return std::abs(coverage - 0.5) < margin(double(counted));
}

}  // namespace inferscope::estimate::detail
