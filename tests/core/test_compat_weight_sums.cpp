// The fast per-channel weight sums of the Vela rules (read from the typed data) against the rules'
// definition over VTensor::ints(), on random tensors of every layout, type and zero-point shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "core/compat/vela_graph.h"

using namespace inferscope;
using namespace inferscope::compat::vela;
using model::DType;

namespace {

// weightsLimit's loop over ints(): max over k < max(o, zp) of sum |v - zp| on channel k % o.
std::int64_t reference(const VTensor& w, std::size_t o, const std::vector<std::int64_t>& zp) {
  auto v = w.ints();
  std::int64_t worst = 0;
  for (std::size_t k = 0; k < std::max(o, zp.size()); ++k) {
    std::int64_t sum = 0;
    auto oc = o > 1 ? k % o : 0;
    auto z = zp[zp.size() > 1 ? k % zp.size() : 0];
    for (std::size_t i = oc; i < v.size(); i += o) sum += std::llabs(v[i] - z);
    worst = std::max(worst, sum);
  }
  return worst;
}

struct Case {
  std::vector<std::uint8_t> bytes;
  model::Tensor t;
  VTensor v;
};

template <class T>
void fill(Case& c, std::size_t n, std::mt19937& rng, bool extreme) {
  c.bytes.resize(n * sizeof(T));
  std::uniform_int_distribution<std::int64_t> d(extreme ? std::numeric_limits<T>::min() : -3,
                                                extreme ? std::numeric_limits<T>::max() : 3);
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<T>(std::is_signed_v<T> ? d(rng) : std::llabs(d(rng)));
    std::memcpy(c.bytes.data() + i * sizeof(T), &x, sizeof x);
  }
}

void make(Case& c, DType dtype, std::vector<std::int32_t> src, Layout layout, std::mt19937& rng, bool extreme) {
  std::size_t n = 1;
  for (auto d : src) n *= static_cast<std::size_t>(d);
  switch (dtype) {
    case DType::INT8: fill<std::int8_t>(c, n, rng, extreme); break;
    case DType::UINT8: fill<std::uint8_t>(c, n, rng, extreme); break;
    case DType::INT16: fill<std::int16_t>(c, n, rng, extreme); break;
    case DType::INT32: fill<std::int32_t>(c, n, rng, extreme); break;
    default: fill<std::int64_t>(c, n, rng, false); break;
  }
  c.t.shape = src;
  c.t.dtype = dtype;
  c.t.data.bytes = c.bytes;
  c.v.t = &c.t;
  c.v.dtype = dtype;
  c.v.hasValues = true;
  c.v.layout = layout;
  if (layout == Layout::Hwio)
    c.v.shape = {src[1], src[2], src[3], src[0]};
  else if (layout == Layout::InOut)
    c.v.shape = {src[1], src[0]};
  else
    c.v.shape = Dims(src.begin(), src.end());
}

void expectSame(const VTensor& w, std::size_t o, const std::vector<std::int64_t>& zp, std::int64_t limit) {
  auto ref = reference(w, o, zp);
  auto fast = channelAbsSums(w, o, zp, limit);
  switch (fast.status) {
    case ChannelSums::Empty: EXPECT_TRUE(w.ints().empty()); break;
    case ChannelSums::WithinLimit: EXPECT_LE(ref, limit); break;
    case ChannelSums::Summed:
      ASSERT_FALSE(fast.sums.empty());
      EXPECT_EQ(*std::max_element(fast.sums.begin(), fast.sums.end()), ref);
      break;
    case ChannelSums::Generic: break;  // the caller falls back to ints(): nothing to compare
  }
}

}  // namespace

TEST(CompatWeightSums, MatchTheRuleOverIntsForEveryLayoutTypeAndZeroPointShape) {
  std::mt19937 rng(7);
  for (auto dtype : {DType::INT8, DType::UINT8, DType::INT16, DType::INT32, DType::INT64})
    for (bool extreme : {false, true})
      for (auto limit : {std::int64_t{0}, std::int64_t{100}, std::int64_t{8323072}}) {
        Case hwio, plain, depthwise, inout;
        make(hwio, dtype, {5, 3, 3, 7}, Layout::Hwio, rng, extreme);
        make(plain, dtype, {2, 3, 4, 6}, Layout::Plain, rng, extreme);
        make(depthwise, dtype, {1, 3, 3, 6}, Layout::Hwio, rng, extreme);
        make(inout, dtype, {4, 9}, Layout::InOut, rng, extreme);
        expectSame(hwio.v, 5, {0}, limit);
        expectSame(hwio.v, 5, {-3}, limit);
        expectSame(hwio.v, 5, {1, -2, 0, 5, 100}, limit);
        expectSame(plain.v, 6, {2}, limit);
        expectSame(plain.v, 6, {0, 1, -1, 2, -2, 9}, limit);
        expectSame(depthwise.v, 1, {0, 1, -1, 2, -200, 300}, limit);  // numpy broadcasting
        expectSame(depthwise.v, 1, {4}, limit);
        expectSame(inout.v, 4, {0}, limit);
        expectSame(inout.v, 4, {1, 2, 3, -4}, limit);
      }
}

TEST(CompatWeightSums, EmptyWhenIntsIsEmpty) {
  std::mt19937 rng(1);
  Case c;
  make(c, DType::INT8, {2, 1, 1, 4}, Layout::Hwio, rng, true);
  c.t.data.bytes = std::span<const std::uint8_t>(c.bytes.data(), 7);  // short data
  EXPECT_EQ(channelAbsSums(c.v, 2, {0}, 0).status, ChannelSums::Empty);
  c.t.dtype = DType::FLOAT32;
  c.t.data.bytes = c.bytes;
  EXPECT_EQ(channelAbsSums(c.v, 2, {0}, 0).status, ChannelSums::Empty);
  c.t.dtype = DType::INT8;
  c.v.foldedValues = std::vector<std::int64_t>{1, 2};
  EXPECT_EQ(channelAbsSums(c.v, 2, {0}, 0).status, ChannelSums::Generic);
}
