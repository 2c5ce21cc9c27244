// Size-only model of the mlw weight encoder (Vela 3.10). Own implementation of the behaviour
// described in the research notes, section 3.4-3.5; the bit counts of every slice are derived
// from the Golomb-Rice chunk layout instead of writing bits. The parameter search is in mlw_search.cpp.
#include "core/estimate/mlw_size.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

#include "core/estimate/mlw_simd.h"

namespace inferscope::estimate {
namespace {

constexpr int kMaxSliceLength = 32767;

// Index bits a palette of `size` entries needs (0 for size <= 1).
constexpr int indexBits(int size) {
  for (int b = 7; b >= 0; --b)
    if (size > (1 << b)) return b + 1;
  return 0;
}

// Bits of `len` weight symbols written with weight config `cfg` (chunks of 12 unary positions,
// second-level unary bits, remainders).
std::int64_t weightSliceBits(const std::int32_t* w, std::int32_t len, int cfg, int uncompressedBits,
                             std::int64_t& padding) {
  if (cfg == 12) return std::int64_t(len) * uncompressedBits;
  if (cfg < 6) {
    const int d = cfg;
    std::int64_t half = 0, ceilHalf = 0;
    for (std::int32_t i = 0; i < len; ++i) {
      int q = w[i] >> d;
      half += q >> 1;
      ceilHalf += (q + 1) >> 1;
    }
    std::int64_t positions = half + len;
    padding += (positions + 11) / 12 * 12 - positions;
    return (positions + 11) / 12 * 12 + ceilHalf + std::int64_t(len) * d;
  }
  const int d = cfg - 6;
  std::int64_t nonzeroQ = 0;
  for (std::int32_t i = 0; i < len; ++i) nonzeroQ += (w[i] >> d) != 0;
  padding += (std::int64_t(len) + 11) / 12 * 12 - len;
  return (std::int64_t(len) + 11) / 12 * 12 + nonzeroQ + std::int64_t(len) * d;
}

// Bits of `count` zero-run values written with divisor zdiv (chunks of 12, or 8 for zdiv 3).
std::int64_t runSliceBits(const std::int32_t* z, std::int32_t count, int zdiv, std::int64_t& padding) {
  const int chunk = zdiv < 3 ? 12 : 8;
  std::int64_t positions = 0;
  for (std::int32_t i = 0; i < count; ++i) positions += (z[i] >> zdiv) + 1;
  padding += (positions + chunk - 1) / chunk * chunk - positions;
  return (positions + chunk - 1) / chunk * chunk + std::int64_t(count) * zdiv;
}

// Largest candidate palette size for which a window of `window` non-zeros can still save bits
// (-1: none). The savings only fall as the size grows, so larger candidates need not be counted.
// oldBits < 0: no palette is open.
constexpr int paletteSizeCap(int window, int oldBits, int excludeZero) {
  int cap = -1;
  for (int size = 0; size <= 32 + excludeZero; ++size) {
    const int newBits = indexBits(size - excludeZero);
    const int savings = oldBits < 0 ? window * (90 - newBits * 15) / 16 - size * 8 - 20
                                    : window * (oldBits * 15 - newBits * 15) / 16 - size * 8 - 20;
    if (savings > 0) cap = size;
  }
  return cap;
}

struct CapTable {
  // [k][oldBits + 1][excludeZero]; window = (32 << k), doubled while a palette is open.
  std::int8_t cap[5][10][2];
};

// Built at compile time (at run time it took ~70 k instructions of every run).
constexpr CapTable makeCapTable() {
  CapTable t{};
  for (int k = 0; k < 5; ++k)
    for (int ob = -1; ob <= 8; ++ob)
      for (int ex = 0; ex < 2; ++ex)
        t.cap[k][ob + 1][ex] = static_cast<std::int8_t>(paletteSizeCap((32 << k) << (ob < 0 ? 0 : 1), ob, ex));
  return t;
}

constexpr CapTable kCapTable = makeCapTable();

const CapTable& capTable() { return kCapTable; }

}  // namespace

// ---- 1. palette restart search ------------------------------------------------------------

void MlwSizer::findSections(const std::int16_t* buf, std::int32_t n) {
  restarts_.clear();
  restarts_.push_back(0);
  // Positions and values of the most recent non-zeros: a window looks back at most 1024 + 2.
  constexpr std::int32_t kRing = 2048;
  std::int32_t nzRing[kRing];
  std::int16_t nzValue[kRing];
  alignas(64) std::int32_t prevIdx[512];
  std::fill(std::begin(prevIdx), std::end(prevIdx), -1);
  std::uint32_t stamp[512] = {};
  std::uint32_t generation = 0;
  std::int32_t nzTotal = 0;

  // Distinct values in buf[start..i], which holds the last `nonzeros` non-zeros (and zeros if
  // it is longer), or any number above `cap` once that is exceeded.
  // (nzTotal is passed by value: captured by reference it would live in memory, and the main
  // loop's increment of it would go through a store and a load every value.)
  auto distinct = [&](std::int32_t start, std::int32_t i, std::int32_t nonzeros, int cap, std::int32_t nzCount) {
    int count = i - start + 1 > nonzeros ? 1 : 0;  // zero
    if (nonzeros >= 768) {
      count = 0;
      for (int t = 0; t < 512; ++t) count += prevIdx[t] >= start ? 1 : 0;
      return count;
    }
    if (++generation == 0) {
      std::fill(std::begin(stamp), std::end(stamp), 0u);
      generation = 1;
    }
    for (std::int32_t k = nzCount - 1; k >= nzCount - nonzeros && count <= cap; --k) {
      std::uint32_t& st = stamp[nzValue[k & (kRing - 1)] + 256];
      count += st != generation ? 1 : 0;
      st = generation;
    }
    return count;
  };

  const CapTable& caps = capTable();
  std::int32_t lastRestart = 0, paletteSize = 0, zeroCount = 0;
  bool gotPalette = false;
  for (std::int32_t i = 0; i < n; ++i) {
    // Zeros since the restart before value i: whether zeros are guessed to stay out of the
    // palette depends on the state before the value.
    std::int32_t zeroCount0 = zeroCount;
    if (!gotPalette) {
      // No palette open: until the next window check only the bookkeeping runs, in a loop of
      // its own. s = i - lastRestart - zeroCount grows by one with each non-zero.
      // (The loop also stops at s == 0, right after a restart; no window is examined there.)
      std::int32_t s = i - 1 - lastRestart - zeroCount;
      std::int32_t* const lastSeen = prevIdx + 256;
      int v = 0;
      for (;;) {
        v = buf[i];
        lastSeen[v] = i;
        nzRing[nzTotal & (kRing - 1)] = i;
        nzValue[nzTotal & (kRing - 1)] = static_cast<std::int16_t>(v);
        const std::int32_t nonzero = v != 0 ? 1 : 0;
        nzTotal += nonzero;
        s += nonzero;
        if ((s & 31) == 0) break;
        if (++i == n) return;
      }
      zeroCount = i - lastRestart - s;
      zeroCount0 = zeroCount - (v == 0 ? 1 : 0);
    } else {
      const int v = buf[i];
      std::int32_t& prev = prevIdx[v + 256];
      if (prev < lastRestart) {
        const int excludeZero = zeroCount > static_cast<std::int32_t>(static_cast<std::uint32_t>(i - lastRestart) >> 2) ? 1 : 0;
        ++paletteSize;
        const int x = paletteSize - 1 - excludeZero;
        if (((x - 1) & x) == 0 &&
            ((i - lastRestart - zeroCount) > 512 || (paletteSize - excludeZero) > 32)) {
          // Growing a long-lived palette would cost one more index bit: start afresh here.
          restarts_.push_back(i);
          lastRestart = i;
          gotPalette = false;
          zeroCount = 0;
        }
      }
      prev = i;
      nzRing[nzTotal & (kRing - 1)] = i;
      nzValue[nzTotal & (kRing - 1)] = static_cast<std::int16_t>(v);
      nzTotal += v != 0 ? 1 : 0;
      zeroCount += v == 0 ? 1 : 0;
      const std::int32_t nzSinceRestart = i - lastRestart - zeroCount;
      if (nzSinceRestart <= 0 || (nzSinceRestart & 31) != 0) continue;
    }
    // Windows of N non-zeros are examined only when the count is a multiple of N (N >= 32).
    // (A restart just made by a growing palette is at i, and its count is 0.)
    const int excludeZero =
        zeroCount0 > static_cast<std::int32_t>(static_cast<std::uint32_t>(i - lastRestart) >> 2) ? 1 : 0;
    for (int k = 0; k < 5; ++k) {
      const std::int32_t window = (32 << k) << (gotPalette ? 1 : 0);
      const std::int32_t nzSinceRestart = i - lastRestart - zeroCount;
      if (nzSinceRestart <= 0 || nzSinceRestart % window != 0) continue;
      // Beyond `cap` distinct values the candidate palette cannot save bits.
      const int oldBits = gotPalette ? indexBits(paletteSize - excludeZero) : -1;
      const int cap = caps.cap[k][oldBits + 1][excludeZero];
      if (cap < 0) continue;
      // Start of the candidate palette: the (window+2)-th most recent non-zero after the
      // restart, or the restart itself.
      const std::int32_t nzIndex = nzTotal - window - 2;
      std::int32_t start = lastRestart;
      std::int32_t nonzeros = i - lastRestart + 1 - zeroCount;  // in [lastRestart, i]
      if (nzIndex >= 0 && nzRing[nzIndex & (kRing - 1)] > lastRestart) {
        start = nzRing[nzIndex & (kRing - 1)];
        nonzeros = nzTotal - nzIndex;
      }
      const int newSize = distinct(start, i, nonzeros, cap, nzTotal);
      if (newSize > cap) continue;
      const int newBits = indexBits(newSize - excludeZero);
      const int savings = gotPalette ? window * (oldBits * 15 - newBits * 15) / 16 - newSize * 8 - 20
                                     : window * (90 - newBits * 15) / 16 - newSize * 8 - 20;
      if (savings <= 0) continue;
      paletteSize = newSize;
      gotPalette = true;
      if (start != lastRestart) {
        // zeros in [start, i]; the non-zeros there are the last nzTotal - nzIndex ones.
        zeroCount = (i - start + 1) - (nzTotal - nzIndex);
        lastRestart = start;
      }
      if (restarts_.back() != lastRestart) restarts_.push_back(lastRestart);
    }
  }
}

// ---- 2, 3, 5: one section -----------------------------------------------------------------

std::int64_t MlwSizer::sectionCost(const std::int16_t* in, std::int32_t size, const std::int64_t* paletteFreq) {
  // Counts of the values present (index value + 256), in increasing index order: only those are
  // visited below, not all 512 possible values (a stream of trained weights holds some 100-250 of
  // them, and the short streams of small layers far fewer).
  std::int64_t freq[512];
  std::int16_t present[512];
  int nPresent = 0;
  {
    // Four partial histograms: runs of one value (zeros) would otherwise wait on the previous
    // increment of the same counter.
    alignas(16) std::int32_t own[4][512] = {};
    std::int32_t i = 0;
    for (; i + 4 <= size; i += 4) {
      ++own[0][in[i] + 256];
      ++own[1][in[i + 1] + 256];
      ++own[2][in[i + 2] + 256];
      ++own[3][in[i + 3] + 256];
    }
    for (; i < size; ++i) ++own[0][in[i] + 256];
    if (paletteFreq) {
      for (int k = 0; k < 512; ++k) {
        const std::int64_t c = std::int64_t(own[0][k]) + own[1][k] + own[2][k] + own[3][k] + paletteFreq[k];
        if (c == 0) continue;
        freq[k] = c;
        present[nPresent++] = static_cast<std::int16_t>(k);
      }
    } else {
#if INFERSCOPE_MLW_SSE2
      const __m128i zero = _mm_setzero_si128();
      for (int k = 0; k < 512; k += 4) {
        auto at = [&](int h) { return _mm_load_si128(reinterpret_cast<const __m128i*>(&own[h][k])); };
        const __m128i sum = _mm_add_epi32(_mm_add_epi32(at(0), at(1)), _mm_add_epi32(at(2), at(3)));
        unsigned mask = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(sum, zero))));
        if (mask == 0) continue;
        _mm_store_si128(reinterpret_cast<__m128i*>(&own[0][k]), sum);
        for (; mask != 0; mask &= mask - 1) {
          const int j = k + std::countr_zero(mask);
          freq[j] = own[0][j];
          present[nPresent++] = static_cast<std::int16_t>(j);
        }
      }
#else
      for (int k = 0; k < 512; ++k) {
        const std::int32_t c = own[0][k] + own[1][k] + own[2][k] + own[3][k];
        if (c == 0) continue;
        freq[k] = c;
        present[nPresent++] = static_cast<std::int16_t>(k);
      }
#endif
    }
  }

  // Zero-run mode: 0 is the most common value and more than 4x as common as the runner-up.
  std::int64_t mostFreq0 = 0, mostFreq1 = 0;
  int mostVal0 = 0;
  for (int p = 0; p < nPresent; ++p) {
    const int i = present[p];
    if (freq[i] > mostFreq0) {
      mostFreq1 = mostFreq0;
      mostFreq0 = freq[i];
      mostVal0 = i - 256;
    } else if (freq[i] > mostFreq1) {
      mostFreq1 = freq[i];
    }
  }
  const bool zeroRuns = mostVal0 == 0 && mostFreq0 > 4 * mostFreq1;

  // Palette: values as "palval" = 2|v| + sign, ordered by (count, palval) descending.
  std::array<std::uint64_t, 512> keys;
  int nKeys = 0;
  std::int64_t countByPalval[32] = {};
  std::int64_t allCount = 0;
  int allMax = 0;
  for (int p = 0; p < nPresent; ++p) {
    const int w = present[p] - 256;
    if (w == 0 && zeroRuns) continue;
    const std::int64_t c = freq[w + 256];
    const int palval = (w < 0 ? -w : w) * 2 + (w < 0 ? 1 : 0);
    if (palval < 32) countByPalval[palval] = c;
    allCount += c;
    allMax = std::max(allMax, palval);
    keys[static_cast<std::size_t>(nKeys++)] = (std::uint64_t(c) << 16) | std::uint64_t(palval);
  }
  int directOffset = 0;
  while (directOffset < 31 && countByPalval[directOffset] == 0) ++directOffset;
  const bool onlyZeros = nKeys == 0;
  if (onlyZeros) directOffset = 0;
  const bool onlyPalette = nKeys > 0 && nKeys <= 32;
  int maxPalette = onlyPalette ? 32 : std::min(32, 511 - allMax);
  if (maxPalette == 1) maxPalette = 0;
  const int take = std::min(maxPalette, nKeys);
  if (take > 0) {
    std::partial_sort(keys.begin(), keys.begin() + take, keys.begin() + nKeys,
                      [](std::uint64_t a, std::uint64_t b) { return a > b; });
  }
  int lut[32] = {};
  int paletteMax = 0;
  std::int64_t paletteCount = 0;
  for (int i = 0; i < take; ++i) {
    lut[i] = static_cast<int>(keys[static_cast<std::size_t>(i)] & 0xffffu);
    paletteMax = std::max(paletteMax, lut[i]);
    paletteCount += static_cast<std::int64_t>(keys[static_cast<std::size_t>(i)] >> 16);
  }
  int entries = take;
  if (entries == 1) lut[entries++] = 0;  // a one-entry palette is padded with 0
  int palSize = 0, palBitsValue = allMax;
  if (paletteCount > allCount / 2) {
    palSize = entries;
    palBitsValue = paletteMax;
  }
  int palBits = 2;
  while ((1 << palBits) <= palBitsValue) ++palBits;

  // Symbol of each value present: palette index, else palval + palSize - directOffset. (Zero has
  // palval 0, but the encoder's table gives it the code of palval 1, "minus zero", which it
  // fills in after 0.) Entries of values not present are never read.
  std::int32_t code[512];
  for (int p = 0; p < nPresent; ++p) {
    const int w = present[p] - 256;
    const int palval = w == 0 ? 1 : (w < 0 ? -w : w) * 2 + (w < 0 ? 1 : 0);
    code[w + 256] = palval + palSize - directOffset;
  }
  for (int i = 0; i < palSize; ++i) {
    const int mag = lut[i] >> 1;
    const int w = (lut[i] & 1) ? -mag : mag;
    code[w + 256] = i;
  }
  int uncompressedBits = 100;  // uncompressed mode disabled
  if (onlyPalette) {
    uncompressedBits = 0;
    while ((1 << uncompressedBits) < palSize) ++uncompressedBits;
  } else if (palSize == 0) {
    uncompressedBits = palBits;
  }

  // Weight symbols and zero runs.
  if (wsym_.size() < static_cast<std::size_t>(size) + 1) {
    wsym_.resize(static_cast<std::size_t>(size) + 1);
    zrun_.resize(static_cast<std::size_t>(size) + 1);
  }
  std::int32_t* wsym = wsym_.data();
  std::int32_t* zrun = zrun_.data();
  std::int32_t nWeights = 0;
  if (zeroRuns) {
    std::int32_t i = 0;
    for (;;) {
      std::int32_t zeros = 0;
      if (!onlyZeros || i > 0)
        while (i < size && in[i] == 0) {
          ++zeros;
          ++i;
        }
      zrun[nWeights] = zeros;
      if (i == size) break;
      wsym[nWeights++] = code[in[i] + 256];
      ++i;
    }
  } else {
    for (std::int32_t i = 0; i < size; ++i) wsym[i] = code[in[i] + 256];
    nWeights = size;
  }

  const std::int32_t nwSeg = searchWeights(nWeights, uncompressedBits);
  std::int32_t nzSeg = 0;
  if (zeroRuns) nzSeg = searchRuns(nWeights + 1, nwSeg);

  // Slices: cut at every weight or run parameter change and every 32767 weights.
  std::int64_t bits = 0;
  std::int32_t pos = 0, iw = 0, iz = 0;
  bool first = true;
  while (pos < nWeights || first) {
    std::int32_t end = pos + kMaxSliceLength;
    if (iw < nwSeg && wsegEnd_[static_cast<std::size_t>(iw)] < end) end = wsegEnd_[static_cast<std::size_t>(iw)];
    if (iz < nzSeg && zsegEnd_[static_cast<std::size_t>(iz)] < end) end = zsegEnd_[static_cast<std::size_t>(iz)];
    if (nWeights < end) end = nWeights;
    const std::int32_t len = end - pos;
    bits += 23;  // zdiv, length, wdiv, trunc, new-palette flag
    if (first) {
      bits += 13 + palSize * palBits;
      paletteBits_ += 13 + palSize * palBits;
    }
    ++slices_;
    bits += weightSliceBits(wsym + pos, len, wsegCfg_[static_cast<std::size_t>(iw)], uncompressedBits,
                            slicePadding_);
    if (zeroRuns)
      bits += runSliceBits(zrun + pos + (first ? 0 : 1), len + (first ? 1 : 0),
                           zsegCfg_[static_cast<std::size_t>(iz)], slicePadding_);
    first = false;
    if (iw < nwSeg && wsegEnd_[static_cast<std::size_t>(iw)] == end) ++iw;
    if (iz < nzSeg && zsegEnd_[static_cast<std::size_t>(iz)] == end) ++iz;
    pos = end;
  }
  return bits;
}

namespace {

// Streams shorter than this are sized again rather than looked up; the memo keeps at most
// kMemoEntries results before it starts afresh.
constexpr std::size_t kMemoMinLength = 256;
constexpr std::size_t kMemoEntries = 4096;

// Two 64-bit hashes of the stream and the histogram, with different multipliers and seeds.
struct StreamHash {
  std::uint64_t key = 0, check = 0;
};

inline std::uint64_t fmix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

StreamHash hashOf(std::span<const std::int16_t> stream, std::span<const std::int64_t> freq) {
  const auto* p = reinterpret_cast<const unsigned char*>(stream.data());
  const std::size_t bytes = stream.size() * sizeof(std::int16_t);
  std::uint64_t a = 0x243f6a8885a308d3ull ^ bytes, b = 0x13198a2e03707344ull ^ freq.size();
  std::uint64_t c = 0xa4093822299f31d0ull, d = 0x082efa98ec4e6c89ull;
  std::size_t i = 0;
  for (; i + 16 <= bytes; i += 16) {  // four independent lanes
    std::uint64_t w0, w1;
    std::memcpy(&w0, p + i, 8);
    std::memcpy(&w1, p + i + 8, 8);
    a = (a ^ w0) * 0x9e3779b97f4a7c15ull;
    b = (b ^ w1) * 0xc2b2ae3d27d4eb4full;
    c = (c + w0) * 0x165667b19e3779f9ull + (c >> 29);
    d = (d + w1) * 0x27d4eb2f165667c5ull + (d >> 31);
  }
  for (; i < bytes; ++i) {
    a = (a ^ p[i]) * 0x100000001b3ull;
    c = (c + p[i]) * 0x165667b19e3779f9ull;
  }
  for (auto f : freq) {
    a = (a ^ static_cast<std::uint64_t>(f)) * 0x9e3779b97f4a7c15ull;
    c = (c + static_cast<std::uint64_t>(f)) * 0x165667b19e3779f9ull + (c >> 29);
  }
  return {fmix(a ^ fmix(b)), fmix(c + 0x9e3779b97f4a7c15ull * fmix(d))};
}

}  // namespace

std::int64_t MlwSizer::sectionBits(std::span<const std::int16_t> stream, std::span<const std::int64_t> paletteFreq) {
  const auto n = static_cast<std::int32_t>(stream.size());
  paletteBits_ = 0;
  slices_ = 0;
  slicePadding_ = 0;
  restarts_.clear();
  usedPaletteFreq_ = false;
  if (n == 0) return 0;
  const bool memoize = stream.size() >= kMemoMinLength;
  StreamHash hash;
  if (memoize) {
    hash = hashOf(stream, paletteFreq);
    for (auto [it, end] = memo_.equal_range(hash.key); it != end; ++it) {
      const Memo& m = it->second;
      if (m.check != hash.check || m.length != stream.size() || m.freqLength != paletteFreq.size()) continue;
      restarts_ = m.restarts;
      paletteBits_ = m.paletteBits;
      slices_ = m.slices;
      slicePadding_ = m.slicePadding;
      usedPaletteFreq_ = m.usedPaletteFreq;
      return m.bits;
    }
  }
  findSections(stream.data(), n);
  std::int64_t bits = 0;
  if (restarts_.size() == 1 && paletteFreq.size() == 512) {
    usedPaletteFreq_ = true;
    bits = sectionCost(stream.data(), n, paletteFreq.data());
  } else {
    for (std::size_t s = 0; s < restarts_.size(); ++s) {
      const std::int32_t begin = restarts_[s];
      const std::int32_t end = s + 1 < restarts_.size() ? restarts_[s + 1] : n;
      bits += sectionCost(stream.data() + begin, end - begin, nullptr);
    }
  }
  if (memoize) {
    if (memo_.size() >= kMemoEntries) memo_.clear();
    Memo m;
    m.check = hash.check;
    m.length = stream.size();
    m.freqLength = paletteFreq.size();
    m.restarts = restarts_;
    m.bits = bits;
    m.paletteBits = paletteBits_;
    m.slices = slices_;
    m.slicePadding = slicePadding_;
    m.usedPaletteFreq = usedPaletteFreq_;
    memo_.emplace(hash.key, std::move(m));
  }
  return bits;
}

}  // namespace inferscope::estimate
