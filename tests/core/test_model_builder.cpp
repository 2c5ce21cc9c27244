#include <flatbuffers/flexbuffers.h>
#include <gtest/gtest.h>

#include "core/model/builder.h"
#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/model/custom_options.h"
#include "core/util/fileio.h"
#include "core/model_fixtures.h"

using namespace inferscope;
using namespace inferscope::model;

TEST(Builder, FactsOfASmallCnn) {
  auto m = testdata::smallCnn();
  const auto& sg = m->subgraphs[0];
  ASSERT_EQ(sg.operators.size(), 5u);
  EXPECT_EQ(m->opTypeName(sg.operators[0]), "CONV_2D");
  // CONV 8x8x16 outputs x 3x3x3 taps; DW 4x4x16 x 3x3; FC 10 x 256.
  EXPECT_EQ(sg.facts.macs[0], 8 * 8 * 16 * 27);
  EXPECT_EQ(sg.facts.macs[1], 4 * 4 * 16 * 9);
  EXPECT_EQ(sg.facts.macs[2], 0);
  EXPECT_EQ(sg.facts.macs[3], 2560);
  EXPECT_EQ(sg.facts.totalMacs, 8 * 8 * 16 * 27 + 4 * 4 * 16 * 9 + 2560);
  EXPECT_EQ(sg.facts.topoOrder, (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(sg.facts.producer[static_cast<std::size_t>(sg.operators[1].outputs[0])], 1);
  auto consumers = sg.facts.consumers(sg.inputs[0]);
  ASSERT_EQ(consumers.size(), 1u);
  EXPECT_EQ(consumers[0], 0);
  // The conv output lives from op 0 to op 1.
  auto lt = sg.facts.lifetime[static_cast<std::size_t>(sg.operators[0].outputs[0])];
  EXPECT_EQ(lt.first, 0);
  EXPECT_EQ(lt.last, 1);
  EXPECT_EQ(m->parameterCount(), 432 + 16 + 144 + 16 + 2 + 2560 + 10);
  EXPECT_EQ(sg.operators[0].options.getEnum("padding"), "SAME");
  EXPECT_EQ(sg.operators[0].options.getEnum("fused_activation_function"), "RELU");
  EXPECT_EQ(sg.operators[0].options.getInt("dilation_w_factor"), 1);  // schema default
  EXPECT_EQ(sg.operators[1].options.getInt("stride_h"), 2);
  EXPECT_EQ(m->metadataText(m->metadata[0]), "1.5.0");
}

TEST(Builder, SavedModelLoadsEqual) {
  auto m = testdata::smallCnn();
  auto bytes = serializeModel(*m);
  ASSERT_TRUE(bytes.ok());
  auto back = loadModel(ownBytes(*bytes));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*m == **back);
  EXPECT_EQ((*back)->subgraphs[0].facts.totalMacs, m->subgraphs[0].facts.totalMacs);
}

TEST(Builder, OptionsErrorsNameTheProblem) {
  ModelBuilder b;
  auto x = b.addTensor({"x", DType::INT8, {1, 4}});
  auto y = b.addTensor({"y", DType::INT8, {1, 4}});
  auto r = b.addOperator(BuiltinOp::CONV_2D, {x}, {y}, {{"stride", 2}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("no option 'stride'"), std::string::npos) << r.error().message;
  auto r2 = b.addOperator(BuiltinOp::CONV_2D, {x}, {y}, {{"padding", "DIAGONAL"}});
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().message.find("not a Padding"), std::string::npos) << r2.error().message;
  auto r3 = b.addOperator(BuiltinOp::RELU, {x}, {y}, {{"alpha", 1.0}});
  ASSERT_FALSE(r3.ok());
  EXPECT_NE(r3.error().message.find("takes no builtin options"), std::string::npos);
}

TEST(Builder, OptionsTablesOfSharedOperators) {
  EXPECT_EQ(optionsTypeFor(BuiltinOp::AVERAGE_POOL_2D), "Pool2DOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::MEAN), "ReducerOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::CONV_2D), "Conv2DOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::DEPTHWISE_CONV_2D), "DepthwiseConv2DOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::FULLY_CONNECTED), "FullyConnectedOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::STABLEHLO_CONCATENATE), "StablehloConcatenateOptions");
  EXPECT_EQ(optionsTypeFor(BuiltinOp::RELU), "");
}

TEST(Builder, CustomOperatorsAndFlexbufferOptions) {
  ModelBuilder b;
  auto x = b.addTensor({"x", DType::FLOAT32, {4}});
  auto y = b.addTensor({"y", DType::FLOAT32, {4}});
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("k", 7);
    fbb.String("mode", "fast");
  });
  fbb.Finish();
  std::vector<std::uint8_t> flex = fbb.GetBuffer();
  b.addCustomOperator("MyOp", {x}, {y}, flex);
  b.setInputs({x});
  b.setOutputs({y});
  auto m = b.build();
  ASSERT_TRUE(m.ok()) << m.error().message;
  const auto& op = (*m)->subgraphs[0].operators[0];
  EXPECT_EQ((*m)->opTypeName(op), "CUSTOM:MyOp");
  auto dec = decodeCustomOptions(op);
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  EXPECT_EQ((*dec)["k"].asInt(), 7);
  EXPECT_EQ((*dec)["mode"].asString(), "fast");
}

TEST(Builder, GarbageCustomOptionsAreAnErrorNotACrash) {
  ModelBuilder b;
  auto x = b.addTensor({"x", DType::FLOAT32, {4}});
  auto y = b.addTensor({"y", DType::FLOAT32, {4}});
  b.addCustomOperator("MyOp", {x}, {y}, {0xff, 0xff, 0xff, 0x7f, 0x20, 0x01});
  auto m = b.build();
  ASSERT_TRUE(m.ok());
  auto dec = decodeCustomOptions((*m)->subgraphs[0].operators[0]);
  EXPECT_FALSE(dec.ok());
}

TEST(Builder, ExecutionOrderFollowsDataWhenStoredOrderDoesNot) {
  ModelBuilder b;
  auto a = b.addTensor({"a", DType::FLOAT32, {1}});
  auto c = b.addTensor({"c", DType::FLOAT32, {1}});
  auto d = b.addTensor({"d", DType::FLOAT32, {1}});
  b.addOperator(BuiltinOp::RELU, {c}, {d}).value();  // stored first, runs second
  b.addOperator(BuiltinOp::RELU, {a}, {c}).value();
  b.setInputs({a});
  b.setOutputs({d});
  auto m = b.build();
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->subgraphs[0].facts.topoOrder, (std::vector<std::int32_t>{1, 0}));
}
