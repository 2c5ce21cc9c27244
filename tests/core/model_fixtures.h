// Small models built in code, shared by several core tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/model/builder.h"

namespace inferscope::testdata {

// input(1x8x8x3 int8) -> CONV_2D 3x3 s1 SAME RELU -> DEPTHWISE 3x3 s2 -> ADD(residual-free) ->
// FULLY_CONNECTED -> SOFTMAX; with weights, biases and quantization.
inline model::ModelPtr smallCnn() {
  using namespace model;
  ModelBuilder b;
  b.setDescription("small test CNN");
  std::mt19937 rng(7);
  auto bytes = [&](std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127);
    return v;
  };
  auto q = [](float s, int zp) { return quantParams(s, zp); };
  auto in = b.addTensor({"input", DType::INT8, {1, 8, 8, 3}, q(0.05f, -1)});
  auto w1 = b.addConstant({"conv/w", DType::INT8, {16, 3, 3, 3}, quantPerChannel(std::vector<float>(16, 0.01f), 0)}, bytes(16 * 27));
  auto b1 = b.addConstant({"conv/b", DType::INT32, {16}, quantPerChannel(std::vector<float>(16, 0.0005f), 0)}, std::vector<std::int32_t>(16, 10));
  auto c1 = b.addTensor({"conv", DType::INT8, {1, 8, 8, 16}, q(0.1f, -128)});
  b.addOperator(BuiltinOp::CONV_2D, {in, w1, b1}, {c1}, {{"padding", "SAME"}, {"fused_activation_function", "RELU"}}).value();
  auto w2 = b.addConstant({"dw/w", DType::INT8, {1, 3, 3, 16}, quantPerChannel(std::vector<float>(16, 0.01f), 3)}, bytes(144));
  auto b2 = b.addConstant({"dw/b", DType::INT32, {16}, quantPerChannel(std::vector<float>(16, 0.001f), 0)}, std::vector<std::int32_t>(16, 0));
  auto c2 = b.addTensor({"dw", DType::INT8, {1, 4, 4, 16}, q(0.1f, -128)});
  b.addOperator(BuiltinOp::DEPTHWISE_CONV_2D, {c1, w2, b2}, {c2},
                {{"padding", "SAME"}, {"stride_w", 2}, {"stride_h", 2}, {"depth_multiplier", 1}}).value();
  auto shape = b.addConstant({"flat/shape", DType::INT32, {2}}, std::vector<std::int32_t>{1, 256});
  auto r = b.addTensor({"flat", DType::INT8, {1, 256}, q(0.1f, -128)});
  b.addOperator(BuiltinOp::RESHAPE, {c2, shape}, {r}, {{"new_shape", std::vector<std::int64_t>{1, 256}}}).value();
  auto w3 = b.addConstant({"fc/w", DType::INT8, {10, 256}, q(0.01f, 0)}, bytes(2560));
  auto b3 = b.addConstant({"fc/b", DType::INT32, {10}, q(0.001f, 0)}, std::vector<std::int32_t>(10, 0));
  auto fc = b.addTensor({"logits", DType::INT8, {1, 10}, q(0.2f, 0)});
  b.addOperator(BuiltinOp::FULLY_CONNECTED, {r, w3, b3}, {fc}).value();
  auto out = b.addTensor({"probs", DType::INT8, {1, 10}, q(1.0f / 256, -128)});
  b.addOperator(BuiltinOp::SOFTMAX, {fc}, {out}, {{"beta", 1.0}}).value();
  b.setInputs({in});
  b.setOutputs({out});
  b.addMetadata("min_runtime_version", {'1', '.', '5', '.', '0', 0});
  return b.build().value();
}

}  // namespace inferscope::testdata
