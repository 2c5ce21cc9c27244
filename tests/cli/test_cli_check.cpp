// inferscope-cli check: compatibility as text and JSON for every kind of target profile.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/util/json.h"
#include "support/run_cli.h"
#include "support/shared_data.h"

using namespace inferscope;
using testdata::runCli;

namespace {

json::Value checkJson(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"check", INFERSCOPE_SAMPLE};
  args.insert(args.end(), extra.begin(), extra.end());
  args.insert(args.end(), {"--json", "-"});
  auto r = runCli(args);
  EXPECT_EQ(r.status, 0) << r.err;
  auto doc = json::parse(r.out);
  EXPECT_TRUE(doc.ok()) << r.out.substr(0, 400);
  return doc.ok() ? *doc : json::Value();
}

}  // namespace

TEST(CliCheck, EthosUText) {
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u55-128"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Compatibility (Vela 3.10):"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Operators: 27   NPU: 26   CPU: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Operators on the CPU:"), std::string::npos);
  EXPECT_NE(r.out.find("Op has stride WxH as: 4x4"), std::string::npos);
  EXPECT_NE(r.out.find("You have 4% of operators that cannot be placed on the NPU."), std::string::npos);
  EXPECT_NE(r.out.find("resolver.AddEthosU();"), std::string::npos);
}

TEST(CliCheck, EthosUJson) {
  auto doc = checkJson({"--target-profile", "ethos-u55-128", "--compatibility"});
  const auto& c = doc["compatibility"];
  ASSERT_EQ(c["operators"].size(), 27u);
  EXPECT_EQ(c["cpu_operators"].asInt(), 1);
  EXPECT_EQ(c["npu_partitions"].asInt(), 2);
  EXPECT_EQ(c["transitions"].asInt(), 2);
  const auto& op = c["operators"][19];
  EXPECT_EQ(op["subgraph"].asInt(), 0);
  EXPECT_EQ(op["index"].asInt(), 19);
  EXPECT_EQ(op["type"].asString(), "CONV_2D");
  EXPECT_EQ(op["name"].asString(), "coarse");
  EXPECT_EQ(op["placement"].asString(), "CPU");
  ASSERT_GE(op["reasons"].size(), 1u);
  EXPECT_NE(op["reasons"][0].asString().find("Strides must fulfil the following criteria"), std::string::npos);
  EXPECT_EQ(op["constraints"][0]["id"].asString(), "conv.stride");
  EXPECT_EQ(c["operators"][0]["placement"].asString(), "NPU");
  EXPECT_EQ(c["operators"][0]["reasons"].size(), 0u);
  EXPECT_GE(doc["advice"].size(), 2u);
  EXPECT_EQ(doc["target"]["profile"].asString(), "ethos-u55-128");
  EXPECT_EQ(doc["model"]["path"].asString(), INFERSCOPE_SAMPLE);
}

TEST(CliCheck, CortexAAndTosaAndShortOption) {
  auto a = checkJson({"-t", "cortex-a"});
  EXPECT_EQ(a["compatibility"]["operators"][0]["placement"].asString(), "compatible");
  EXPECT_EQ(a["compatibility"]["cpu_operators"].asInt(), 0);
  EXPECT_EQ(a["compatibility"]["checker"].asString(), "Arm NN TensorFlow Lite Delegate 23.05");
  EXPECT_EQ(a["advice"][0]["advice_message"][0].asString(),
            "Model is fully compatible with Arm NN TensorFlow Lite Delegate 23.05 for Cortex-A.");
  auto t = checkJson({"--target-profile", "tosa"});
  EXPECT_EQ(t["compatibility"]["operators"].size(), 27u);
  EXPECT_EQ(t["compatibility"]["operators"][3]["placement"].asString(), "compatible");
  auto u85 = checkJson({"--target-profile", "ethos-u85-256"});
  EXPECT_EQ(u85["compatibility"]["cpu_operators"].asInt(), 0);
}

TEST(CliCheck, JsonToFileKeepsTextOnStdout) {
  auto dir = testdata::tempDir();
  auto path = (dir / "check.json").string();
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u65-256", "--json", path});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Compatibility (Vela 3.10):"), std::string::npos);
  auto doc = json::parse(testdata::readFile(path));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)["compatibility"]["operators"].size(), 27u);
}

TEST(CliCheck, BadInputExitsWithStatus2) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"check", INFERSCOPE_SAMPLE}, "--target-profile is required"},
      {{"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u99-1"}, "ethos-u99-1"},
      {{"check", "/nonexistent/model.tflite", "--target-profile", "tosa"}, "cannot open"},
      {{"check", "--target-profile", "tosa"}, "expected one MODEL"},
      {{"check", INFERSCOPE_SAMPLE, "--target-profile", "tosa", "--bogus"}, "unknown option --bogus"},
  };
  for (const auto& c : cases) {
    auto r = runCli(c.args);
    EXPECT_EQ(r.status, 2) << c.args.back();
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

TEST(CliCheck, LostOutputExitsWithStatus1) {
  // /dev/full takes every write and then fails it: the report is lost, and the exit status must say so.
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  const std::vector<std::vector<std::string>> runs = {
      {"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u55-128", "--performance"},
      {"check", INFERSCOPE_SAMPLE, "--target-profile", "ethos-u55-128", "--json", "-"},
      {"inspect", INFERSCOPE_SAMPLE},
      {"targets", "list"},
  };
  for (const auto& args : runs) {
    auto r = runCli(args, {}, "/dev/full");
    EXPECT_EQ(r.status, 1) << args[0] << " " << args.back();
    EXPECT_NE(r.err.find("could not write the output"), std::string::npos) << r.err;
  }
  EXPECT_EQ(runCli({"targets", "list"}).status, 0);
}

TEST(CliCheck, RealModelAgainstVela) {
  INFERSCOPE_REQUIRE_SHARED();
  auto model = testdata::sharedDir() / "models/tflite-micro/models__keyword_scrambled.tflite";
  auto r = runCli({"check", model.string(), "--target-profile", "ethos-u55-256", "--json", "-"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = json::parse(r.out);
  ASSERT_TRUE(doc.ok());
  // Vela 3.10 leaves 9 operators of this model on the CPU (7 SVDF, a SOFTMAX and a QUANTIZE).
  EXPECT_EQ((*doc)["compatibility"]["cpu_operators"].asInt(), 9);
  EXPECT_EQ((*doc)["compatibility"]["npu_partitions"].asInt(), 6);
}
