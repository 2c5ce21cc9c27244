// The Golomb-Rice parameter search of the mlw size model (mlw_size.h; research notes, section 3.5):
// the encoder's Viterbi-like choice of a weight divisor and a zero-run divisor for every stretch of
// a section, which decides where slices start. Own implementation of the behaviour described
// there; the section search and the bit counts are in mlw_size.cpp.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "core/estimate/mlw_simd.h"
#include "core/estimate/mlw_size.h"

namespace inferscope::estimate {
namespace {

constexpr int kWeightConfigs = 13;  // GRC divisor 0..5 plain, 0..5 truncated, uncompressed
constexpr int kRunConfigs = 4;      // zero-run divisor 0..3
constexpr int kSwitchCost = 40;     // bits the search charges for a parameter change
constexpr int kImpossible = 10000;  // cost of a value a config cannot code
constexpr int kPadLane = 1 << 20;   // lanes 13..15 of the 16-wide weight state never win

// Bits the search charges for weight symbol v (0..511) under configs 0..11; lane 12
// (uncompressed) is added per section, lanes 13..15 are padding. Built at compile time: a table
// filled at run time costs a short-lived process a page fault per 4 KiB of it.
struct WeightCostTable {
  alignas(64) std::int32_t row[512][16];
  alignas(64) std::uint8_t row8[512][16];  // the same, saturated to 255 (padding lanes 255)
};

constexpr WeightCostTable makeWeightCosts() {
  WeightCostTable t{};
  for (int v = 0; v < 512; ++v) {
    for (int j = 0; j < 16; ++j) {
      int bits = 0;
      if (j < 6) {
        const int q = v >> j;
        bits = q > 31 ? kImpossible : q + 1 + j;
      } else if (j < 12) {
        const int d = j - 6;
        const int q = v >> d;
        bits = q > 2 ? kImpossible : std::min(q + 1, 2) + d;
      } else if (j == 12) {
        bits = 0;
      } else {
        bits = kPadLane;
      }
      t.row[v][j] = bits;
      t.row8[v][j] = static_cast<std::uint8_t>(j < 13 ? std::min(bits, 255) : 255);
    }
  }
  return t;
}

constexpr WeightCostTable kWeightCosts = makeWeightCosts();

const WeightCostTable& weightCosts() { return kWeightCosts; }

#if INFERSCOPE_MLW_SSE2
// One step of the weight-parameter search on the relative costs r (13 lanes, padding above 0): the
// new costs. The best config is the lowest lane at 0, so the state is r alone, and what the
// backtracking needs of a step (which configs switched to the best one, and which that was) is
// read from the state before it.
struct WeightStepper {
  const WeightCostTable& table;
  __m128i k40, zero, extra;

  int best(__m128i r) const { return std::countr_zero(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(r, zero)))); }
  __m128i operator()(__m128i r, std::int32_t sym) const {
    const __m128i row = _mm_load_si128(reinterpret_cast<const __m128i*>(table.row8[sym]));
    // Configs whose cost is above best + 40 jump to the best config.
    r = _mm_adds_epu8(_mm_adds_epu8(_mm_min_epu8(r, k40), row), extra);
    __m128i m = _mm_min_epu8(r, _mm_srli_si128(r, 8));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 4));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 2));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 1));
    m = _mm_shuffle_epi32(_mm_shufflelo_epi16(_mm_unpacklo_epi8(m, m), 0), 0);
    return _mm_subs_epu8(r, m);
  }
};

// 16 bytes per step in a byte buffer (unaligned access; no vector of __m128i).
struct StateArray {
  std::uint8_t* p;
  struct Ref {
    std::uint8_t* q;
    void operator=(__m128i v) const { _mm_storeu_si128(reinterpret_cast<__m128i*>(q), v); }
    operator __m128i() const { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); }
  };
  Ref operator[](std::int32_t i) const { return Ref{p + std::size_t(i) * 16}; }
};

inline bool sameState(__m128i a, __m128i b) { return _mm_movemask_epi8(_mm_cmpeq_epi8(a, b)) == 0xffff; }

// Runs the search over n steps, keeping the state before each step in st; returns the final one.
// The search is one long dependency chain per step. Long streams are cut into kChains pieces
// searched side by side (independent chains keep the core busy), each but the first from a guessed
// start state; then each piece is re-searched from the true state at its start until the state
// meets the one the guess produced, after which the guessed run is exactly right (the clamping
// at +40 makes the state forget its start within a few steps). The result is the sequential one.
constexpr int kChains = 4;
constexpr std::int32_t kMinChainLength = 48;

__m128i searchWeightChains(const WeightStepper& step, __m128i start, const std::int32_t* sym, std::int32_t n,
                           StateArray st) {
  if (n < kChains * kMinChainLength) {
    __m128i r = start;
    for (std::int32_t i = 0; i < n; ++i) {
      st[i] = r;
      r = step(r, sym[i]);
    }
    return r;
  }
  std::int32_t begin[kChains + 1];
  for (int k = 0; k <= kChains; ++k) begin[k] = static_cast<std::int32_t>(std::int64_t(n) * k / kChains);
  const std::int32_t common = n / kChains;  // every piece has at least this many steps
  __m128i r0 = start, r1 = start, r2 = start, r3 = start;
  const std::int32_t b1 = begin[1], b2 = begin[2], b3 = begin[3];
  for (std::int32_t t = 0; t < common; ++t) {
    st[t] = r0;
    st[b1 + t] = r1;
    st[b2 + t] = r2;
    st[b3 + t] = r3;
    r0 = step(r0, sym[t]);
    r1 = step(r1, sym[b1 + t]);
    r2 = step(r2, sym[b2 + t]);
    r3 = step(r3, sym[b3 + t]);
  }
  __m128i end[kChains] = {r0, r1, r2, r3};
  for (int k = 0; k < kChains; ++k) {
    __m128i r = end[k];
    for (std::int32_t i = begin[k] + common; i < begin[k + 1]; ++i) {
      st[i] = r;
      r = step(r, sym[i]);
    }
    end[k] = r;
  }
  // Re-search each piece from the true state until it meets the guessed run.
  __m128i truth = end[0];
  for (int k = 1; k < kChains; ++k) {
    __m128i r = truth;
    std::int32_t i = begin[k];
    for (; i < begin[k + 1] && !sameState(r, st[i]); ++i) {
      st[i] = r;
      r = step(r, sym[i]);
    }
    truth = i < begin[k + 1] ? end[k] : r;
  }
  return truth;
}
#endif

}  // namespace

// ---- 4. GRC parameter search ------------------------------------------------------------

std::int32_t MlwSizer::searchWeights(std::int32_t n, std::int32_t uncompressedBits) {
  const WeightCostTable& table = weightCosts();
  const std::int32_t* sym = wsym_.data();
  wsegEnd_.clear();
  wsegCfg_.clear();
  // Backtracking from the last step: a segment ends where the config before a step differs.
  auto backtrack = [&](int cfg, auto&& previous) {
    std::int32_t end = n;
    for (std::int32_t i = n; i >= 0; --i) {
      const int prev = i > 0 ? previous(i - 1, cfg) : cfg;
      if (prev != cfg || i == 0) {
        wsegEnd_.push_back(end);
        wsegCfg_.push_back(static_cast<std::uint8_t>(cfg));
        cfg = prev;
        end = i - 1;
      }
    }
  };

#if INFERSCOPE_MLW_SSE2
  // The 13 costs relative to the best one, as saturating bytes. After "min(cost, 40) + bits" a
  // cost the search can still pick is at most 40 + 100; only impossible configs (10000 bits)
  // saturate at 255, and for them only "above 40" matters (they are clamped to 40 next step),
  // which 255 - best (best <= 40 + 21) preserves. The padding lanes 13..15 stay above 0.
  if (wstate_.size() < static_cast<std::size_t>(n) * 16 + 16) wstate_.resize(static_cast<std::size_t>(n) * 16 + 16);
  const WeightStepper step{table, _mm_set1_epi8(kSwitchCost), _mm_setzero_si128(),
                           _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, static_cast<char>(uncompressedBits), 0, 0, 0)};
  const __m128i start = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1);
  const StateArray st{wstate_.data()};
  const __m128i r = searchWeightChains(step, start, sym, n, st);
  // Step i switched config c to the best one when c's cost before it was above best + 40.
  const std::uint8_t* bytes = wstate_.data();
  backtrack(step.best(r), [&](std::int32_t i, int c) {
    return bytes[std::size_t(i) * 16 + std::size_t(c)] > kSwitchCost ? step.best(st[i]) : c;
  });
#else
  if (wmask_.size() < static_cast<std::size_t>(n)) {
    wmask_.resize(static_cast<std::size_t>(n));
    wbest_.resize(static_cast<std::size_t>(n));
  }
  std::uint16_t* masks = wmask_.data();
  std::uint8_t* bests = wbest_.data();
  int cfg = 0;  // best config after the last step (ties: lowest index)
  std::int32_t s[16];
  for (int j = 0; j < 16; ++j) s[j] = j < kWeightConfigs ? 0 : kPadLane;
  std::int32_t extra[16] = {};
  extra[12] = uncompressedBits;
  for (std::int32_t i = 0; i < n; ++i) {
    const std::int32_t best = s[cfg];
    const std::int32_t jump = best + kSwitchCost;
    const std::int32_t* row = table.row[sym[i]];
    unsigned mask = 0;
    for (int j = 0; j < 16; ++j) {
      const bool sw = jump < s[j];
      s[j] = (sw ? jump : s[j]) + row[j] + extra[j];
      mask |= unsigned(sw) << j;
    }
    masks[i] = static_cast<std::uint16_t>(mask & 0x1fffu);
    bests[i] = static_cast<std::uint8_t>(cfg);
    cfg = 0;
    for (int j = 1; j < kWeightConfigs; ++j)
      if (s[j] < s[cfg]) cfg = j;
  }
  backtrack(cfg, [&](std::int32_t i, int c) { return ((masks[i] >> c) & 1u) ? int(bests[i]) : c; });
#endif
  std::reverse(wsegEnd_.begin(), wsegEnd_.end());
  std::reverse(wsegCfg_.begin(), wsegCfg_.end());
  return static_cast<std::int32_t>(wsegEnd_.size());
}

std::int32_t MlwSizer::searchRuns(std::int32_t n, std::int32_t nWeightSegments) {
  if (zmask_.size() < static_cast<std::size_t>(n)) zmask_.resize(static_cast<std::size_t>(n));
  const std::int32_t* runs = zrun_.data();
  std::uint8_t* rec = zmask_.data();
  const std::int32_t* weightEnds = wsegEnd_.data();
  std::int32_t existing = 0;
  int cfg = 0;  // best config after the last step (ties: lowest index)
#if INFERSCOPE_MLW_SSE2
  __m128i s = _mm_setzero_si128();
  std::int32_t best = 0;
  const __m128i plus = _mm_setr_epi32(1, 2, 3, 4);
  for (std::int32_t i = 0; i < n; ++i) {
    int cost = kSwitchCost;
    if (existing < nWeightSegments && weightEnds[existing] == i + 1) {
      cost = 0;  // the weight stream already changes parameters here
      ++existing;
    }
    const __m128i jump = _mm_set1_epi32(best + cost);
    const __m128i gt = _mm_cmpgt_epi32(s, jump);
    rec[i] = static_cast<std::uint8_t>(_mm_movemask_ps(_mm_castsi128_ps(gt)) | cfg << 4);
    const std::int32_t v = runs[i];
    s = _mm_or_si128(_mm_and_si128(gt, jump), _mm_andnot_si128(gt, s));
    s = _mm_add_epi32(s, _mm_add_epi32(_mm_setr_epi32(v, v >> 1, v >> 2, v >> 3), plus));
    // Minimum into every lane (butterfly), then the lowest lane holding it.
    __m128i t = _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2));
    __m128i lt = _mm_cmplt_epi32(t, s);
    __m128i m = _mm_or_si128(_mm_and_si128(lt, t), _mm_andnot_si128(lt, s));
    t = _mm_shuffle_epi32(m, _MM_SHUFFLE(2, 3, 0, 1));
    lt = _mm_cmplt_epi32(t, m);
    m = _mm_or_si128(_mm_and_si128(lt, t), _mm_andnot_si128(lt, m));
    best = _mm_cvtsi128_si32(m);
    cfg = std::countr_zero(static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(s, m)))));
  }
#else
  std::int32_t s[kRunConfigs] = {0, 0, 0, 0};
  for (std::int32_t i = 0; i < n; ++i) {
    int cost = kSwitchCost;
    if (existing < nWeightSegments && weightEnds[existing] == i + 1) {
      cost = 0;  // the weight stream already changes parameters here
      ++existing;
    }
    const std::int32_t jump = s[cfg] + cost;
    const std::int32_t v = runs[i];
    unsigned mask = 0;
    for (int j = 0; j < kRunConfigs; ++j) {
      const bool sw = jump < s[j];
      s[j] = (sw ? jump : s[j]) + (v >> j) + 1 + j;
      mask |= unsigned(sw) << j;
    }
    rec[i] = static_cast<std::uint8_t>(mask | unsigned(cfg) << 4);
    cfg = 0;
    for (int j = 1; j < kRunConfigs; ++j)
      if (s[j] < s[cfg]) cfg = j;
  }
#endif
  zsegEnd_.clear();
  zsegCfg_.clear();
  std::int32_t end = n;
  for (std::int32_t i = n; i >= 0; --i) {
    int prev = cfg;
    if (i > 0 && ((rec[i - 1] >> cfg) & 1u)) prev = rec[i - 1] >> 4;
    if (prev != cfg || i == 0) {
      zsegEnd_.push_back(end);
      zsegCfg_.push_back(static_cast<std::uint8_t>(cfg));
      cfg = prev;
      end = i - 1;
    }
  }
  std::reverse(zsegEnd_.begin(), zsegEnd_.end());
  std::reverse(zsegCfg_.begin(), zsegCfg_.end());
  return static_cast<std::int32_t>(zsegEnd_.size());
}

}  // namespace inferscope::estimate
