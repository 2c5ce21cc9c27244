// Generates InferScope's bundled sample model with the core builder: a small int8 image
// classifier in the MobileNet-v2 style (inverted residual blocks with residual joins), plus
// one layer the Ethos-U NPU cannot run (a stride-4 convolution), so every view has something
// to show. Deterministic: the same bytes on every build.
#include <cmath>
#include <cstdio>
#include <random>

#include "core/model/builder.h"
#include "core/model/writer.h"

using namespace inferscope::model;

namespace {

class SampleNet {
 public:
  SampleNet() : rng_(20261122) {}

  std::int32_t input() {
    auto t = b_.addTensor({"image", DType::INT8, {1, 96, 96, 3}, quantParams(1.0f / 128, 0)});
    b_.setInputs({t});
    return t;
  }

  std::int32_t conv(std::int32_t x, std::int32_t k, std::int32_t cout, std::int32_t stride, const char* act,
                    const std::string& name) {
    auto [h, w, cin] = dims(x);
    auto oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
    auto wt = b_.addConstant({name + "/weights", DType::INT8, {cout, k, k, cin}, perChannel(cout, 0)},
                             weights(static_cast<std::size_t>(cout * k * k * cin), 0.15));
    auto bias = b_.addConstant({name + "/bias", DType::INT32, {cout}, perChannel(cout, 0, 0.0002f)}, biases(cout));
    auto y = act_(name, oh, ow, cout);
    b_.addOperator(BuiltinOp::CONV_2D, {x, wt, bias}, {y},
                   {{"padding", "SAME"}, {"stride_w", stride}, {"stride_h", stride}, {"fused_activation_function", act}})
        .value();
    return y;
  }

  std::int32_t depthwise(std::int32_t x, std::int32_t stride, const std::string& name) {
    auto [h, w, c] = dims(x);
    auto oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
    auto wt = b_.addConstant({name + "/weights", DType::INT8, {1, 3, 3, c}, perChannel(c, 3)},
                             weights(static_cast<std::size_t>(9 * c), 0.3));
    auto bias = b_.addConstant({name + "/bias", DType::INT32, {c}, perChannel(c, 0, 0.0002f)}, biases(c));
    auto y = act_(name, oh, ow, c);
    b_.addOperator(BuiltinOp::DEPTHWISE_CONV_2D, {x, wt, bias}, {y},
                   {{"padding", "SAME"}, {"stride_w", stride}, {"stride_h", stride}, {"depth_multiplier", 1},
                    {"fused_activation_function", "RELU6"}})
        .value();
    return y;
  }

  std::int32_t block(std::int32_t x, std::int32_t expand, std::int32_t cout, std::int32_t stride,
                     const std::string& name) {
    auto [h, w, cin] = dims(x);
    (void)h;
    (void)w;
    auto e = conv(x, 1, cin * expand, 1, "RELU6", name + "/expand");
    auto d = depthwise(e, stride, name + "/depthwise");
    auto p = conv(d, 1, cout, 1, "NONE", name + "/project");
    if (stride == 1 && cin == cout) {
      auto [ph, pw, pc] = dims(p);
      auto sum = act_(name + "/add", ph, pw, pc);
      b_.addOperator(BuiltinOp::ADD, {x, p}, {sum}).value();
      return sum;
    }
    return p;
  }

  std::int32_t head(std::int32_t x, std::int32_t classes) {
    auto [h, w, c] = dims(x);
    (void)h;
    (void)w;
    auto axes = b_.addConstant({"head/pool/axes", DType::INT32, {2}}, std::vector<std::int32_t>{1, 2});
    auto pooled = b_.addTensor({"head/pool", DType::INT8, {1, c}, quantParams(0.04f, -128)});
    b_.addOperator(BuiltinOp::MEAN, {x, axes}, {pooled}, {{"keep_dims", false}}).value();
    auto wt = b_.addConstant({"head/fc/weights", DType::INT8, {classes, c}, quantParams(0.01f, 0)},
                             weights(static_cast<std::size_t>(classes * c), 0.2));
    auto bias = b_.addConstant({"head/fc/bias", DType::INT32, {classes}, quantParams(0.0004f, 0)}, biases(classes));
    auto logits = b_.addTensor({"head/logits", DType::INT8, {1, classes}, quantParams(0.15f, 10)});
    b_.addOperator(BuiltinOp::FULLY_CONNECTED, {pooled, wt, bias}, {logits}).value();
    auto probs = b_.addTensor({"probabilities", DType::INT8, {1, classes}, quantParams(1.0f / 256, -128)});
    b_.addOperator(BuiltinOp::SOFTMAX, {logits}, {probs}, {{"beta", 1.0}}).value();
    b_.setOutputs({probs});
    return probs;
  }

  ModelBuilder& builder() { return b_; }

 private:
  std::tuple<std::int32_t, std::int32_t, std::int32_t> dims(std::int32_t t) const {
    const auto& s = b_.tensor(t).shape;
    return {s[1], s[2], s[3]};
  }
  std::int32_t act_(const std::string& name, std::int32_t h, std::int32_t w, std::int32_t c) {
    return b_.addTensor({name, DType::INT8, {1, h, w, c}, quantParams(0.025f, -128)});
  }
  Quantization perChannel(std::int32_t n, std::int32_t axis, float base = 0.004f) {
    std::vector<float> s(static_cast<std::size_t>(n));
    std::uniform_real_distribution<float> u(0.5f, 1.5f);
    for (auto& x : s) x = base * u(rng_);
    return quantPerChannel(std::move(s), axis);
  }
  // Trained-looking weights: roughly normal, with some exact zeros.
  std::vector<std::int8_t> weights(std::size_t n, double zeroFraction) {
    std::normal_distribution<double> nd(0.0, 40.0);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = u(rng_) < zeroFraction ? 0 : static_cast<std::int8_t>(std::clamp(std::lround(nd(rng_)), -127L, 127L));
    return v;
  }
  std::vector<std::int32_t> biases(std::int32_t n) {
    std::normal_distribution<double> nd(0.0, 800.0);
    std::vector<std::int32_t> v(static_cast<std::size_t>(n));
    for (auto& x : v) x = static_cast<std::int32_t>(std::lround(nd(rng_)));
    return v;
  }

  ModelBuilder b_;
  std::mt19937 rng_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_sample OUTPUT.tflite\n");
    return 2;
  }
  SampleNet n;
  n.builder().setDescription("InferScope sample: int8 MobileNet-style classifier (96x96 RGB, 10 classes)");
  auto x = n.input();
  x = n.conv(x, 3, 16, 2, "RELU6", "stem");
  x = n.block(x, 1, 16, 1, "block1");
  x = n.block(x, 4, 24, 2, "block2");
  x = n.block(x, 4, 24, 1, "block3");
  x = n.block(x, 4, 32, 2, "block4");
  x = n.block(x, 4, 32, 1, "block5");
  // A stride-4 convolution: beyond the NPU's stride limit, so it falls back to the CPU.
  x = n.conv(x, 4, 48, 4, "RELU", "coarse");
  x = n.block(x, 4, 48, 1, "block6");
  n.head(x, 10);
  n.builder().addMetadata("min_runtime_version", {'1', '.', '1', '4', '.', '0', 0});
  auto m = n.builder().build();
  if (!m) {
    std::fprintf(stderr, "make_sample: %s\n", m.error().message.c_str());
    return 1;
  }
  auto s = saveModel(**m, argv[1]);
  if (!s) {
    std::fprintf(stderr, "make_sample: %s\n", s.error().message.c_str());
    return 1;
  }
  return 0;
}
