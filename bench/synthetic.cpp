#include "synthetic.h"

#include <random>

#include "core/model/builder.h"

namespace inferscope::bench {

using namespace model;

ModelPtr syntheticNetwork(std::int32_t ops, std::uint32_t seed) {
  ModelBuilder b;
  b.setDescription("synthetic network, " + std::to_string(ops) + " operators");
  std::mt19937 rng(seed);
  auto weights = [&](std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127);
    return v;
  };
  const std::int32_t hw = 16, c = 16, expand = 48;
  auto act = [&](const std::string& name, std::int32_t ch) {
    return b.addTensor({name, DType::INT8, {1, hw, hw, ch}, quantParams(0.05f, -3)});
  };
  auto conv1x1 = [&](std::int32_t in, std::int32_t cin, std::int32_t cout, const std::string& name) {
    auto w = b.addConstant({name + "/w", DType::INT8, {cout, 1, 1, cin}, quantPerChannel(std::vector<float>(static_cast<std::size_t>(cout), 0.01f), 0)},
                           weights(static_cast<std::size_t>(cout * cin)));
    auto bias = b.addConstant({name + "/b", DType::INT32, {cout}, quantPerChannel(std::vector<float>(static_cast<std::size_t>(cout), 0.0005f), 0)},
                              std::vector<std::int32_t>(static_cast<std::size_t>(cout), 1));
    auto out = act(name, cout);
    b.addOperator(BuiltinOp::CONV_2D, {in, w, bias}, {out}, {{"padding", "SAME"}, {"fused_activation_function", "RELU6"}}).value();
    return out;
  };
  auto dw3x3 = [&](std::int32_t in, std::int32_t ch, const std::string& name) {
    auto w = b.addConstant({name + "/w", DType::INT8, {1, 3, 3, ch}, quantPerChannel(std::vector<float>(static_cast<std::size_t>(ch), 0.01f), 3)},
                           weights(static_cast<std::size_t>(9 * ch)));
    auto bias = b.addConstant({name + "/b", DType::INT32, {ch}, quantPerChannel(std::vector<float>(static_cast<std::size_t>(ch), 0.0005f), 0)},
                              std::vector<std::int32_t>(static_cast<std::size_t>(ch), 1));
    auto out = act(name, ch);
    b.addOperator(BuiltinOp::DEPTHWISE_CONV_2D, {in, w, bias}, {out}, {{"padding", "SAME"}, {"fused_activation_function", "RELU6"}}).value();
    return out;
  };
  auto x = act("input", c);
  b.setInputs({x});
  std::int32_t made = 0, block = 0;
  while (made < ops) {
    auto name = "block" + std::to_string(block);
    if (block % 7 == 6 && made + 4 <= ops) {
      // Two parallel branches joined by a concatenation, then projected back.
      auto a = conv1x1(x, c, c / 2, name + "/left");
      auto d = dw3x3(x, c, name + "/right_dw");
      auto r = conv1x1(d, c, c / 2, name + "/right");
      auto cat = act(name + "/concat", c);
      b.addOperator(BuiltinOp::CONCATENATION, {a, r}, {cat}, {{"axis", 3}}).value();
      x = cat;
      made += 4;
    } else {
      auto e = conv1x1(x, c, expand, name + "/expand");
      auto d = dw3x3(e, expand, name + "/dw");
      auto p = conv1x1(d, expand, c, name + "/project");
      made += 3;
      if (block % 2 == 1 && made < ops) {
        auto sum = act(name + "/add", c);
        b.addOperator(BuiltinOp::ADD, {x, p}, {sum}).value();
        p = sum;
        ++made;
      }
      x = p;
    }
    ++block;
  }
  b.setOutputs({x});
  return b.build().value();
}

}  // namespace inferscope::bench
