// Random single-operator models for comparing the Ethos-U placement with Vela itself while
// developing: INFERSCOPE_COMPAT_DUMP=dir core_tests --gtest_also_run_disabled_tests
// --gtest_filter='*CompatFuzz*' writes them (and InferScope's placement, <name>.expect) to dir.
// The enabled test checks that nothing crashes and every operator gets a placement.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "core/compat/ethos_u.h"
#include "core/compat_fixtures.h"

using namespace inferscope;
using namespace inferscope::testdata;

namespace {

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : rng_(seed) {}

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  int dim() {
    static const int dims[] = {1, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 33, 64, 300};
    return dims[pick(15)];
  }
  DType dtype() {
    int r = pick(100);
    if (r < 60) return DType::INT8;
    if (r < 72) return DType::INT16;
    if (r < 80) return DType::UINT8;
    if (r < 90) return DType::INT32;
    return DType::FLOAT32;
  }
  std::optional<model::Quantization> quant(DType t) {
    if (t == DType::FLOAT32 && !chance(10)) return std::nullopt;
    if (chance(5)) return std::nullopt;
    std::int64_t zp = t == DType::UINT8 ? 128 : 0;
    if (chance(15)) zp = pick(7) - 3;
    return q8(chance(80) ? 0.05f : 0.1f, zp);
  }
  std::vector<std::int32_t> shape(int rank) {
    std::vector<std::int32_t> s;
    for (int i = 0; i < rank; ++i) s.push_back(i == 0 && rank == 4 && !chance(10) ? 1 : dim());
    return s;
  }
  int rank() {
    int r = pick(100);
    return r < 70 ? 4 : r < 80 ? 3 : r < 90 ? 2 : r < 95 ? 1 : 5;
  }

  model::ModelPtr make();

 private:
  std::mt19937 rng_;
};

model::ModelPtr Gen::make() {
  static const BuiltinOp ops[] = {
      BuiltinOp::CONV_2D, BuiltinOp::DEPTHWISE_CONV_2D, BuiltinOp::TRANSPOSE_CONV, BuiltinOp::FULLY_CONNECTED,
      BuiltinOp::AVERAGE_POOL_2D, BuiltinOp::MAX_POOL_2D, BuiltinOp::ADD, BuiltinOp::SUB, BuiltinOp::MUL,
      BuiltinOp::MINIMUM, BuiltinOp::MAXIMUM, BuiltinOp::SQUARED_DIFFERENCE, BuiltinOp::ABS, BuiltinOp::EXP,
      BuiltinOp::RSQRT, BuiltinOp::LEAKY_RELU, BuiltinOp::HARD_SWISH, BuiltinOp::LOGISTIC, BuiltinOp::TANH,
      BuiltinOp::RELU, BuiltinOp::RELU6, BuiltinOp::SOFTMAX, BuiltinOp::QUANTIZE, BuiltinOp::RESHAPE,
      BuiltinOp::SQUEEZE, BuiltinOp::EXPAND_DIMS, BuiltinOp::CONCATENATION, BuiltinOp::PAD, BuiltinOp::MEAN,
      BuiltinOp::RESIZE_BILINEAR, BuiltinOp::RESIZE_NEAREST_NEIGHBOR, BuiltinOp::STRIDED_SLICE, BuiltinOp::SLICE,
      BuiltinOp::TRANSPOSE, BuiltinOp::ARG_MAX, BuiltinOp::PRELU, BuiltinOp::SPACE_TO_DEPTH, BuiltinOp::PACK,
      BuiltinOp::UNPACK, BuiltinOp::SPLIT, BuiltinOp::DIV};
  auto code = ops[pick(static_cast<int>(std::size(ops)))];
  G g;
  auto it = dtype();
  auto ot = chance(85) ? it : dtype();
  auto ishape = shape(rank());
  auto oshape = chance(60) ? ishape : shape(static_cast<int>(ishape.size()));
  auto x = g.in("ifm", ishape, it, quant(it));
  std::vector<std::int32_t> ins = {x};
  std::vector<model::OptionInit> opts;
  auto s = [&] { return std::int64_t{1 + pick(chance(80) ? 2 : 5)}; };
  static const char* acts[] = {"NONE", "NONE", "NONE", "RELU", "RELU6", "RELU_N1_TO_1", "TANH", "SIGN_BIT"};
  auto act = std::string(acts[pick(8)]);
  auto pad = std::string(chance(50) ? "SAME" : "VALID");
  auto cin = ishape.empty() ? 1 : ishape.back();
  switch (code) {
    case BuiltinOp::CONV_2D: case BuiltinOp::DEPTHWISE_CONV_2D: case BuiltinOp::TRANSPOSE_CONV: {
      int kh = 1 + pick(chance(90) ? 5 : 70), kw = 1 + pick(chance(90) ? 5 : 70);
      int oc = chance(70) ? cin : dim();
      std::vector<std::int32_t> w = code == BuiltinOp::DEPTHWISE_CONV_2D ? std::vector<std::int32_t>{1, kh, kw, oc}
                                                                       : std::vector<std::int32_t>{oc, kh, kw, chance(90) ? cin : dim()};
      auto wq = chance(80) ? q8(0.01f, chance(10) ? 2 : 0) : model::quantPerChannel(std::vector<float>(static_cast<std::size_t>(code == BuiltinOp::DEPTHWISE_CONV_2D ? w[3] : w[0]), 0.01f), code == BuiltinOp::DEPTHWISE_CONV_2D ? 3 : 0);
      auto wt = chance(95) ? g.w8("w", w, static_cast<std::int8_t>(chance(5) ? 127 : 1), wq) : g.in("w", w);
      auto bias = chance(80) ? g.i32("b", {oc}, std::vector<std::int32_t>(static_cast<std::size_t>(oc), 1))
                             : chance(50) ? g.i64("b", {oc}, std::vector<std::int64_t>(static_cast<std::size_t>(oc), chance(50) ? (1LL << 40) : 5)) : -1;
      if (code == BuiltinOp::TRANSPOSE_CONV) {
        ins = {g.i32("out_shape", {4}, oshape.size() == 4 ? oshape : std::vector<std::int32_t>{1, 1, 1, 1}), wt, x, bias};
        opts = {{"padding", pad}, {"stride_w", s()}, {"stride_h", s()}};
      } else {
        ins = {x, wt, bias};
        opts = {{"padding", pad}, {"stride_w", s()}, {"stride_h", s()}, {"fused_activation_function", act},
                {"dilation_w_factor", chance(90) ? 1 : 1 + pick(20)}, {"dilation_h_factor", chance(90) ? 1 : 1 + pick(20)}};
        if (code == BuiltinOp::DEPTHWISE_CONV_2D) {
          const std::int64_t multiplier = chance(80) ? 1 : pick(3);
          opts.emplace_back("depth_multiplier", multiplier);
        }
      }
      break;
    }
    case BuiltinOp::FULLY_CONNECTED: {
      int in = ishape.empty() ? 1 : ishape.back();
      int out = dim();
      auto wq = chance(85) ? q8(0.01f) : model::quantPerChannel(std::vector<float>(static_cast<std::size_t>(out), 0.01f), 0);
      ins = {x, g.w8("w", {out, chance(90) ? in : dim()}, 1, wq), chance(50) ? g.i32("b", {out}, std::vector<std::int32_t>(static_cast<std::size_t>(out), 0)) : -1};
      oshape = {ishape.empty() ? 1 : ishape[0], out};
      opts = {{"fused_activation_function", act}, {"keep_num_dims", chance(10)}};
      break;
    }
    case BuiltinOp::AVERAGE_POOL_2D: case BuiltinOp::MAX_POOL_2D:
      opts = {{"padding", pad}, {"stride_w", s()}, {"stride_h", s()}, {"filter_width", 1 + pick(chance(80) ? 4 : 300)},
              {"filter_height", 1 + pick(chance(80) ? 4 : 300)}, {"fused_activation_function", act}};
      break;
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: case BuiltinOp::MINIMUM: case BuiltinOp::MAXIMUM:
    case BuiltinOp::SQUARED_DIFFERENCE: case BuiltinOp::PRELU: case BuiltinOp::DIV: {
      auto bshape = chance(60) ? ishape : chance(50) ? std::vector<std::int32_t>{1, 1, 1, cin} : shape(rank());
      auto bt = chance(90) ? it : dtype();
      ins.push_back(chance(80) ? g.in("ifm2", bshape, bt, quant(bt)) : g.w8("k", bshape, 2, q8()));
      if (code == BuiltinOp::ADD || code == BuiltinOp::SUB || code == BuiltinOp::MUL || code == BuiltinOp::DIV)
        opts = {{"fused_activation_function", act}};
      break;
    }
    case BuiltinOp::SOFTMAX: opts = {{"beta", chance(90) ? 1.0 : -1.0}}; break;
    case BuiltinOp::LEAKY_RELU: opts = {{"alpha", 0.1}}; break;
    case BuiltinOp::RESHAPE: case BuiltinOp::SQUEEZE: case BuiltinOp::EXPAND_DIMS: {
      std::int32_t n = 1;
      for (auto d : ishape) n *= d;
      oshape = chance(80) ? std::vector<std::int32_t>{1, n} : shape(2);
      if (code == BuiltinOp::RESHAPE) {
        if (chance(80)) ins.push_back(g.i32("shape", {2}, oshape));
        opts = {{"new_shape", std::vector<std::int64_t>(oshape.begin(), oshape.end())}};
      } else if (code == BuiltinOp::EXPAND_DIMS) {
        ins.push_back(g.i32("axis", {}, {0}));
        oshape = ishape;
        oshape.insert(oshape.begin(), 1);
      } else {
        // (An empty squeeze_dims vector is written as absent, which Vela reports as a missing attribute.)
        opts = {{"squeeze_dims", std::vector<std::int64_t>{0}}};
      }
      break;
    }
    case BuiltinOp::CONCATENATION: {
      ins.push_back(g.in("ifm2", ishape, it, quant(it)));
      oshape = ishape;
      int axis = ishape.empty() ? 0 : pick(static_cast<int>(ishape.size()) + 1);
      if (!oshape.empty() && axis < static_cast<int>(oshape.size())) oshape[static_cast<std::size_t>(axis)] *= 2;
      opts = {{"axis", axis}, {"fused_activation_function", act}};
      break;
    }
    case BuiltinOp::PAD: {
      std::vector<std::int32_t> p;
      oshape = ishape;
      for (std::size_t i = 0; i < ishape.size(); ++i) {
        int a = chance(70) ? 0 : pick(3), b = chance(70) ? 0 : pick(3);
        p.push_back(a);
        p.push_back(b);
        oshape[i] += a + b;
      }
      ins.push_back(g.i32("pads", {static_cast<std::int32_t>(ishape.size()), 2}, p));
      break;
    }
    case BuiltinOp::MEAN: {
      std::vector<std::int32_t> axes = chance(70) ? std::vector<std::int32_t>{1, 2} : std::vector<std::int32_t>{pick(5) - 1};
      ins.push_back(g.i32("axes", {static_cast<std::int32_t>(axes.size())}, axes));
      opts = {{"keep_dims", true}};
      break;
    }
    case BuiltinOp::RESIZE_BILINEAR: case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: {
      int f = 1 + pick(4);
      oshape = ishape;
      if (oshape.size() >= 3) {
        oshape[1] *= f;
        oshape[2] *= chance(80) ? f : 1;
      }
      ins.push_back(g.i32("size", {2}, {oshape.size() > 2 ? oshape[1] : 1, oshape.size() > 2 ? oshape[2] : 1}));
      opts = {{"align_corners", chance(20)}, {"half_pixel_centers", chance(30)}};
      break;
    }
    case BuiltinOp::STRIDED_SLICE: case BuiltinOp::SLICE: {
      auto r = static_cast<std::int32_t>(ishape.size());
      std::vector<std::int32_t> begin(ishape.size(), 0), end = ishape, strides(ishape.size(), 1);
      if (!end.empty() && chance(50)) end.back() = std::max(1, end.back() / 2);
      if (!strides.empty() && chance(20)) strides[0] = 2;
      oshape = end;
      ins.push_back(g.i32("begin", {r}, begin));
      ins.push_back(g.i32(code == BuiltinOp::SLICE ? "size" : "end", {r}, end));
      if (code == BuiltinOp::STRIDED_SLICE) {
        ins.push_back(g.i32("strides", {r}, strides));
        opts = {{"shrink_axis_mask", chance(10) ? 1 : 0}};
      }
      break;
    }
    case BuiltinOp::TRANSPOSE: {
      std::vector<std::int32_t> perm;
      for (std::size_t i = 0; i < ishape.size(); ++i) perm.push_back(static_cast<std::int32_t>(i));
      std::shuffle(perm.begin(), perm.end(), rng_);
      oshape.clear();
      for (auto p : perm) oshape.push_back(ishape[static_cast<std::size_t>(p)]);
      ins.push_back(g.i32("perm", {static_cast<std::int32_t>(perm.size())}, perm));
      break;
    }
    case BuiltinOp::ARG_MAX: {
      ins.push_back(g.i32("axis", {1}, {static_cast<std::int32_t>(ishape.size()) - (chance(80) ? 1 : 2)}));
      oshape = ishape;
      if (!oshape.empty()) oshape.pop_back();
      ot = chance(80) ? DType::INT32 : DType::INT8;
      break;
    }
    case BuiltinOp::SPACE_TO_DEPTH: opts = {{"block_size", 2}}; break;
    case BuiltinOp::PACK: case BuiltinOp::UNPACK: opts = {{"axis", 0}, {code == BuiltinOp::PACK ? "values_count" : "num", 1}}; break;
    case BuiltinOp::SPLIT: {
      ins = {g.i32("axis", {}, {static_cast<std::int32_t>(ishape.size()) - 1}), x};
      opts = {{"num_splits", 1}};
      break;
    }
    default: break;
  }
  auto out = g.t("ofm", oshape, ot, ot == DType::INT32 && code == BuiltinOp::ARG_MAX ? std::nullopt : quant(ot));
  g.op(code, ins, {out}, opts);
  return g.build({out});
}

TEST(CompatFuzz, RandomModelsGetAPlacement) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    Gen gen(seed);
    auto m = gen.make();
    if (!m) continue;
    auto r = compat::checkEthosU(*m, u55());
    ASSERT_EQ(r.ops.size(), m->subgraphs[0].operators.size());
    for (const auto& op : r.ops) {
      if (op.onCpu()) {
        EXPECT_FALSE(op.reasons.empty()) << seed;
      }
    }
    (void)compat::checkEthosU(*m, u85());
  }
}

TEST(CompatFuzz, DISABLED_WriteRandomModels) {
  const char* dir = std::getenv("INFERSCOPE_COMPAT_DUMP");
  if (!dir) GTEST_SKIP() << "set INFERSCOPE_COMPAT_DUMP";
  int count = std::getenv("INFERSCOPE_FUZZ_COUNT") ? std::atoi(std::getenv("INFERSCOPE_FUZZ_COUNT")) : 500;
  auto base = static_cast<std::uint32_t>(std::getenv("INFERSCOPE_FUZZ_SEED") ? std::atoi(std::getenv("INFERSCOPE_FUZZ_SEED")) : 0);
  for (int seed = 1; seed <= count; ++seed) {
    Gen gen((base + static_cast<std::uint32_t>(seed)) * 7919u);
    auto m = gen.make();
    if (m) dumpCase(m, "fuzz_" + std::to_string(seed));
  }
}

}  // namespace
