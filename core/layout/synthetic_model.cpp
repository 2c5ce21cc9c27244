#include "core/layout/synthetic_model.h"

#include <deque>
#include <random>
#include <string>
#include <vector>

#include "core/model/builder.h"

namespace inferscope::layout {

using namespace model;

model::ModelPtr syntheticModel(std::int32_t operators, std::uint32_t seed) {
  ModelBuilder b;
  b.setDescription("synthetic model with " + std::to_string(operators) + " operators");
  std::mt19937 rng(seed);
  const std::vector<std::int32_t> act{1, 8, 8, 16};
  auto q = quantParams(0.05f, 0);
  int tensors = 0;
  auto activation = [&](const char* what) {
    return b.addTensor({std::string(what) + "_" + std::to_string(tensors++), DType::INT8, act, q});
  };
  auto weights = [&](std::vector<std::int32_t> shape) {
    std::size_t n = 1;
    for (auto d : shape) n *= static_cast<std::size_t>(d);
    std::vector<std::int8_t> w(n);
    for (auto& x : w) x = static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127);
    return b.addConstant({"w_" + std::to_string(tensors++), DType::INT8, std::move(shape), q}, w);
  };
  auto bias = [&] {
    return b.addConstant({"b_" + std::to_string(tensors++), DType::INT32, {16}, quantParams(0.0025f, 0)},
                         std::vector<std::int32_t>(16, 1));
  };
  std::int32_t ops = 0;
  auto conv = [&](std::int32_t x, int k) {
    auto y = activation("conv");
    b.addOperator(BuiltinOp::CONV_2D, {x, weights({16, k, k, 16}), bias()}, {y},
                  {{"padding", "SAME"}, {"fused_activation_function", "RELU6"}}).value();
    ++ops;
    return y;
  };
  auto depthwise = [&](std::int32_t x) {
    auto y = activation("dw");
    b.addOperator(BuiltinOp::DEPTHWISE_CONV_2D, {x, weights({1, 3, 3, 16}), bias()}, {y},
                  {{"padding", "SAME"}, {"depth_multiplier", 1}}).value();
    ++ops;
    return y;
  };
  auto binary = [&](BuiltinOp op, std::int32_t x, std::int32_t z) {
    auto y = activation("join");
    b.addOperator(op, {x, z}, {y}).value();
    ++ops;
    return y;
  };

  auto input = b.addTensor({"input", DType::INT8, act, q});
  std::int32_t x = input;
  std::deque<std::int32_t> history;  // block outputs, for long skips
  while (ops < operators) {
    auto kind = rng() % 10;
    if (kind < 6) {  // inverted residual block
      auto a = conv(x, 1);
      auto d = depthwise(a);
      auto c = conv(d, 1);
      x = binary(BuiltinOp::ADD, x, c);
    } else if (kind < 9) {  // inception block
      auto b1 = conv(x, 1);
      auto b2 = conv(conv(x, 1), 3);
      auto p = activation("pool");
      b.addOperator(BuiltinOp::MAX_POOL_2D, {x}, {p},
                    {{"padding", "SAME"}, {"filter_width", 3}, {"filter_height", 3}}).value();
      ++ops;
      auto b3 = conv(p, 1);
      auto cat = b.addTensor({"concat_" + std::to_string(tensors++), DType::INT8, {1, 8, 8, 48}, q});
      b.addOperator(BuiltinOp::CONCATENATION, {b1, b2, b3}, {cat}, {{"axis", 3}}).value();
      ++ops;
      auto y = activation("reduce");
      b.addOperator(BuiltinOp::CONV_2D, {cat, weights({16, 1, 1, 48}), bias()}, {y}, {{"padding", "SAME"}}).value();
      ++ops;
      x = y;
    } else if (history.size() >= 4) {  // long skip from a few blocks back
      x = binary(BuiltinOp::MUL, x, history[history.size() - 4]);
    } else {
      x = conv(x, 3);
    }
    history.push_back(x);
    if (history.size() > 8) history.pop_front();
  }
  auto out = activation("output");
  b.addOperator(BuiltinOp::LOGISTIC, {x}, {out}).value();
  b.setInputs({input});
  b.setOutputs({out});
  return b.build().value();
}

}  // namespace inferscope::layout
