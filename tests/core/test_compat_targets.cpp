// Cortex-A (Arm NN delegate versions), TOSA, Ethos-U85 differences, advice, the TFLM op resolver and
// the uniform compatibility report.
#include <gtest/gtest.h>

#include "core/compat/compat.h"
#include "core/compat_fixtures.h"
#include "core/report/check.h"
#include "core/targets/builtin_profiles.h"

using namespace inferscope;
using namespace inferscope::testdata;

namespace {

const compat::CortexAOp& only(const compat::CortexAReport& r) { return r.ops.at(0); }

model::ModelPtr oneOp(BuiltinOp code, std::vector<model::OptionInit> opts = {}, DType t = DType::INT8) {
  G g;
  auto q = t == DType::FLOAT32 ? std::optional<model::Quantization>() : std::optional<model::Quantization>(q8());
  auto a = g.in("a", {1, 4, 4, 8}, t, q);
  auto b = g.in("b", {1, 4, 4, 8}, t, q);
  auto out = g.t("out", {1, 4, 4, 8}, t, q);
  g.op(code, {a, b}, {out}, std::move(opts));
  return g.build({out});
}

TEST(CompatCortexA, VersionsAndTable) {
  auto v = compat::armnnDelegateVersions();
  EXPECT_EQ(v, (std::vector<std::string>{"22.08", "22.11", "23.05"}));
  EXPECT_EQ(compat::defaultArmnnDelegateVersion(), "23.05");
  EXPECT_FALSE(compat::checkCortexA(*oneOp(BuiltinOp::ADD), "21.02").ok());
}

TEST(CompatCortexA, BatchMatMulArrivesIn22_11) {
  auto m = oneOp(BuiltinOp::BATCH_MATMUL);
  EXPECT_EQ(only(*compat::checkCortexA(*m, "22.08")).verdict, compat::CortexAVerdict::OperatorNotSupported);
  EXPECT_TRUE(only(*compat::checkCortexA(*m, "22.11")).compatible());
  EXPECT_TRUE(only(*compat::checkCortexA(*m, "23.05")).compatible());
}

TEST(CompatCortexA, RankLeavesIn23_05AndCeilArrives) {
  G g;
  auto a = g.in("a", {1, 4}, DType::FLOAT32, std::nullopt);
  auto r = g.t("rank", {}, DType::INT32, std::nullopt);
  g.op(BuiltinOp::RANK, {a}, {r});
  auto c = g.t("ceil", {1, 4}, DType::FLOAT32, std::nullopt);
  g.op(BuiltinOp::CEIL, {a}, {c});
  auto m = g.build({r, c});
  auto r2208 = *compat::checkCortexA(*m, "22.08");
  auto r2305 = *compat::checkCortexA(*m, "23.05");
  EXPECT_TRUE(r2208.ops[0].compatible());
  EXPECT_EQ(r2208.ops[1].verdict, compat::CortexAVerdict::OperatorNotSupported);
  EXPECT_EQ(r2305.ops[0].verdict, compat::CortexAVerdict::OperatorNotSupported);
  EXPECT_TRUE(r2305.ops[1].compatible());
}

TEST(CompatCortexA, AddActivationIsCheckedFrom23_05) {
  auto m = oneOp(BuiltinOp::ADD, {{"fused_activation_function", "SIGN_BIT"}});
  EXPECT_TRUE(only(*compat::checkCortexA(*m, "22.08")).compatible());
  const auto r = *compat::checkCortexA(*m, "23.05");
  EXPECT_EQ(only(r).verdict, compat::CortexAVerdict::ActivationNotSupported);
  EXPECT_EQ(compat::cortexAVerdictText(only(r).verdict), "Activation not supported");
  auto relu = oneOp(BuiltinOp::ADD, {{"fused_activation_function", "RELU"}});
  EXPECT_TRUE(only(*compat::checkCortexA(*relu, "23.05")).compatible());
}

TEST(CompatCortexA, CustomOperators) {
  G g;
  auto a = g.in("a", {1, 4, 4, 4, 8});
  auto out = g.t("out", {1, 2, 2, 2, 8});
  g.b.addCustomOperator("MaxPool3D", {a}, {out});
  auto out2 = g.t("out2", {1, 2, 2, 2, 8});
  g.b.addCustomOperator("MyOp", {out}, {out2});
  auto m = g.build({out2});
  auto r = *compat::checkCortexA(*m, "23.05");
  EXPECT_TRUE(r.ops[0].compatible());
  EXPECT_EQ(r.ops[1].verdict, compat::CortexAVerdict::OperatorNotSupported);
  auto advice = compat::adviseCortexA(r, {});
  ASSERT_FALSE(advice.empty());
  EXPECT_EQ(advice[0].lines[0],
            "The following operators are not supported by Arm NN TensorFlow Lite Delegate 23.05 and will fall back to "
            "the TensorFlow Lite runtime:");
  EXPECT_EQ(advice[0].lines[1], " - CUSTOM - 'MyOp'");
}

TEST(CompatCortexA, FullyCompatibleAdvice) {
  auto r = *compat::checkCortexA(*oneOp(BuiltinOp::ADD), "22.11");
  auto advice = compat::adviseCortexA(r, {});
  EXPECT_EQ(advice.at(0).lines.at(0), "Model is fully compatible with Arm NN TensorFlow Lite Delegate 22.11 for Cortex-A.");
}

TEST(CompatTosa, OperatorsAndTypes) {
  EXPECT_TRUE(compat::checkTosa(*oneOp(BuiltinOp::ADD)).fullyCompatible());
  EXPECT_TRUE(compat::checkTosa(*oneOp(BuiltinOp::ADD, {}, DType::FLOAT32)).fullyCompatible());
  // Quantized DIV has no TOSA legalization (TOSA divides int32 only); int64 is not a TOSA type.
  auto div = compat::checkTosa(*oneOp(BuiltinOp::DIV));
  EXPECT_FALSE(div.ops[0].compatible);
  EXPECT_NE(div.ops[0].reasons.at(0).find("quant8"), std::string::npos);
  EXPECT_TRUE(compat::checkTosa(*oneOp(BuiltinOp::DIV, {}, DType::FLOAT32)).fullyCompatible());
  auto i64 = compat::checkTosa(*oneOp(BuiltinOp::ADD, {}, DType::INT64));
  EXPECT_FALSE(i64.fullyCompatible());
  // No legalization at all, and custom operators.
  G g;
  auto a = g.in("a", {1, 16});
  auto out = g.t("out", {1, 16});
  g.b.addCustomOperator("Foo", {a}, {out});
  auto svdfOut = g.t("svdf", {1, 16});
  g.op(BuiltinOp::L2_POOL_2D, {out}, {svdfOut});
  auto r = compat::checkTosa(*g.build({svdfOut}));
  EXPECT_FALSE(r.ops[0].compatible);
  EXPECT_FALSE(r.ops[1].compatible);
  EXPECT_EQ(compat::adviseTosa(r, {}).at(0).lines.at(0),
            "Some operators in the model are not TOSA compatible. Please, refer to the operators table for more "
            "information.");
  EXPECT_EQ(compat::adviseTosa(compat::checkTosa(*oneOp(BuiltinOp::ADD)), {}).at(0).lines.at(0),
            "Model is fully TOSA compatible.");
}

TEST(CompatEthosU85, DocumentedDifferencesFromU55) {
  // int32 concatenation: the U55 rejects int32 there; the U85 takes int32 feature maps.
  G g;
  auto a = g.in("a", {1, 4, 4, 8}, DType::INT32);
  auto b = g.in("b", {1, 4, 4, 8}, DType::INT32);
  auto out = g.t("out", {1, 4, 4, 16}, DType::INT32);
  g.op(BuiltinOp::CONCATENATION, {a, b}, {out}, {{"axis", 3}});
  auto m = g.build({out});
  EXPECT_EQ(verdictOf(m, 0, u55()).rule, "generic.int32");
  EXPECT_EQ(verdictOf(m, 0, u85()).placement, compat::Placement::Npu);
  // DIV, comparisons and SELECT are NPU operators on the U85 only.
  auto div = oneOp(BuiltinOp::DIV);
  EXPECT_EQ(verdictOf(div, 0, u55()).rule, "cpu_only");
  EXPECT_EQ(verdictOf(div, 0, u85()).placement, compat::Placement::Npu);
  // SPACE_TO_DEPTH stays a CPU operator.
  G s;
  auto x = s.in("x", {1, 4, 4, 2});
  auto y = s.t("y", {1, 2, 2, 8});
  s.op(BuiltinOp::SPACE_TO_DEPTH, {x}, {y}, {{"block_size", 2}});
  EXPECT_EQ(verdictOf(s.build({y}), 0, u85()).rule, "cpu_only");
  auto r = compat::checkEthosU(*div, u85());
  EXPECT_EQ(r.rulesVersion, "Vela 4.5 (Ethos-U85, documented rules)");
}

TEST(CompatAdvice, EthosUMliaTextsAndResolver) {
  G g;
  auto x = g.in("x", {1, 8, 8, 4});
  auto a = g.t("a", {1, 8, 8, 4});
  g.op(BuiltinOp::RELU, {x}, {a});
  auto b = g.t("b", {1, 4, 4, 16});
  g.op(BuiltinOp::SPACE_TO_DEPTH, {a}, {b}, {{"block_size", 2}});
  auto c = g.t("c", {1, 4, 4, 16});
  g.op(BuiltinOp::RELU, {b}, {c});
  auto m = g.build({c});
  auto r = compat::checkEthosU(*m, u55());
  auto advice = compat::adviseEthosU(r, {"model.tflite", "ethos-u55-128"});
  ASSERT_GE(advice.size(), 3u);
  EXPECT_EQ(advice[0].lines[0], "You have at least 1 operator that is CPU only: SPACE_TO_DEPTH.");
  EXPECT_EQ(advice[1].lines[0], "You have 33% of operators that cannot be placed on the NPU.");
  auto resolver = compat::tflmOpResolver(r);
  ASSERT_EQ(resolver.entries.size(), 2u);
  EXPECT_EQ(resolver.entries[0].method, "AddEthosU()");
  EXPECT_EQ(resolver.entries[0].count, 2);  // two NPU partitions
  EXPECT_EQ(resolver.entries[1].method, "AddSpaceToDepth()");
  EXPECT_EQ(resolver.code(),
            "tflite::MicroMutableOpResolver<2> resolver;\nresolver.AddEthosU();\nresolver.AddSpaceToDepth();\n");
  bool partitions = false;
  for (const auto& a2 : advice) partitions = partitions || a2.id == "ethos-u.partitions";
  EXPECT_TRUE(partitions);
}

TEST(CompatAdvice, AllOnNpu) {
  G g;
  auto x = g.in("x", {1, 8, 8, 4});
  auto a = g.t("a", {1, 8, 8, 4});
  g.op(BuiltinOp::RELU, {x}, {a});
  auto r = compat::checkEthosU(*g.build({a}), u55());
  auto advice = compat::adviseEthosU(r, {"m.tflite", "ethos-u65-256"});
  EXPECT_EQ(advice[0].lines[0], "You don't have any unsupported operators, your model will run completely on NPU.");
  EXPECT_EQ(advice[0].lines[2], "inferscope-cli check m.tflite --target-profile ethos-u65-256 --performance");
  EXPECT_EQ(compat::tflmMethod("UNIDIRECTIONAL_SEQUENCE_LSTM"), "AddUnidirectionalSequenceLSTM()");
  EXPECT_EQ(compat::tflmMethod("CONV_2D"), "AddConv2D()");
  EXPECT_EQ(compat::tflmMethod("RELU_N1_TO_1"), "");  // TFLite Micro cannot register it
}

TEST(CompatReport, UniformViewForEveryProfile) {
  auto m = oneOp(BuiltinOp::DIV);
  for (const char* name : {"ethos-u55-128", "ethos-u85-256", "cortex-a", "tosa", "cortex-m55"}) {
    auto profile = targets::resolveProfile(name);
    ASSERT_TRUE(profile.ok()) << name;
    auto r = compat::checkCompatibility(*m, *profile, {"div.tflite"});
    ASSERT_TRUE(r.ok()) << name;
    ASSERT_EQ(r->ops.size(), 1u) << name;
    const auto* op = r->find(0, 0);
    ASSERT_TRUE(op);
    EXPECT_EQ(op->type, "DIV");
    EXPECT_FALSE(r->advice.empty()) << name;
    auto section = report::compatibilitySection(*r);
    EXPECT_EQ(section.key, "compatibility");
    const auto& ops = section.json["operators"];
    ASSERT_EQ(ops.size(), 1u);
    EXPECT_EQ(ops[0]["placement"].asString(), op->placement);
    EXPECT_EQ(section.json["cpu_operators"].asInt(), r->offTargetOperators);
  }
  auto u55 = compat::checkCompatibility(*m, *targets::resolveProfile("ethos-u55-128"));
  EXPECT_EQ(u55->ops[0].placement, "CPU");
  EXPECT_EQ(u55->offTargetOperators, 1);
  auto tosa = compat::checkCompatibility(*m, *targets::resolveProfile("tosa"));
  EXPECT_EQ(tosa->ops[0].placement, "not compatible");
  auto cortexA = compat::checkCompatibility(*m, *targets::resolveProfile("cortex-a"));
  EXPECT_EQ(cortexA->ops[0].placement, "compatible");
}

TEST(CompatReport, CheckDocumentSections) {
  auto profile = *targets::resolveProfile("ethos-u55-128");
  auto r = *compat::checkCompatibility(*oneOp(BuiltinOp::ADD), profile, {"add.tflite"});
  report::CheckDocument doc("add.tflite", profile);
  doc.add(report::compatibilitySection(r));
  doc.add({"performance", json::Object{{"npu_cycles", 42}}, "Performance:\n  42 cycles\n"});
  doc.addAdvice(r.advice);
  auto j = doc.json();
  EXPECT_EQ(j["model"]["name"].asString(), "add.tflite");
  EXPECT_EQ(j["target"]["profile"].asString(), "ethos-u55-128");
  EXPECT_EQ(j["compatibility"]["cpu_operators"].asInt(), 0);
  EXPECT_EQ(j["performance"]["npu_cycles"].asInt(), 42);
  EXPECT_GE(j["advice"].size(), 1u);
  auto text = doc.text();
  EXPECT_NE(text.find("Compatibility (Vela 3.10)"), std::string::npos);
  EXPECT_NE(text.find("Performance:"), std::string::npos);
  EXPECT_NE(text.find("Advice:"), std::string::npos);
  // Header, then the sections in order, each after a blank line, then the advice.
  EXPECT_EQ(text.rfind("Model:  add.tflite\nTarget: ethos-u55-128", 0), 0u);
  EXPECT_LT(text.find("\n\nCompatibility (Vela 3.10)"), text.find("\n\nPerformance:\n  42 cycles\n"));
  EXPECT_LT(text.find("\n\nPerformance:\n  42 cycles\n"), text.find("\n\nAdvice:\n"));
}

}  // namespace
