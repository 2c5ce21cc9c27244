#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "core/util/json.h"
#include "support/run_cli.h"
#include "support/shared_data.h"

using namespace inferscope;
using testdata::runCli;

TEST(CliInspect, SampleAsText) {
  auto r = runCli({"inspect", INFERSCOPE_SAMPLE});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Operators:       27"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("DEPTHWISE_CONV_2D"), std::string::npos);
  EXPECT_NE(r.out.find("image  INT8  1x96x96x3"), std::string::npos);
}

TEST(CliInspect, SampleAsJson) {
  auto r = runCli({"inspect", INFERSCOPE_SAMPLE, "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = json::parse(r.out);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const auto& ops = (*doc)["subgraphs"][0]["operators"];
  ASSERT_EQ(ops.size(), 27u);
  EXPECT_EQ(ops[0]["type"].asString(), "CONV_2D");
  EXPECT_EQ(ops[0]["name"].asString(), "stem");
  EXPECT_EQ(ops[0]["index"].asInt(), 0);
  EXPECT_EQ(ops[0]["macs"].asInt(), 48 * 48 * 16 * 27);
  EXPECT_EQ(ops[0]["inputs"][0]["shape"][3].asInt(), 3);
  EXPECT_EQ(ops[0]["outputs"][0]["type"].asString(), "INT8");
  EXPECT_EQ(ops[0]["options"]["stride_w"].asString(), "2");
  EXPECT_EQ((*doc)["summary"]["operators"].asInt(), 27);
  EXPECT_EQ((*doc)["inputs"][0]["quantization"]["zero_point"].asInt(), 0);
}

TEST(CliInspect, BadInputExitsWithStatus2) {
  auto dir = testdata::tempDir();
  auto write = [&](const std::string& name, const std::string& bytes) {
    auto p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  };
  struct Case {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"inspect", (dir / "missing.tflite").string()}, "cannot open"},
      {{"inspect", write("empty.tflite", "")}, "empty"},
      {{"inspect", write("text.tflite", "hello, this is not a model")}, "file identifier"},
      {{"inspect", write("trunc.tflite", testdata::readFile(INFERSCOPE_SAMPLE).substr(0, 3000))}, "truncated"},
      {{"inspect"}, "expected one MODEL"},
      {{"inspect", INFERSCOPE_SAMPLE, "--bogus"}, "unknown option --bogus"},
      {{"frobnicate"}, "unknown command"},
  };
  for (const auto& c : cases) {
    auto r = runCli(c.args);
    EXPECT_EQ(r.status, 2) << c.args.back();
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  std::filesystem::remove_all(dir);
}

TEST(CliInspect, JsonMatchesSummaryForEveryModel) {
  INFERSCOPE_REQUIRE_SHARED();
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(testdata::sharedDir() / "models")) {
    auto sum = dir.path() / "summary.json";
    if (!fs::exists(sum)) continue;
    auto doc = json::parse(testdata::readFile(sum));
    ASSERT_TRUE(doc.ok());
    for (const auto& m : doc->asArray()) {
      auto path = (dir.path() / m["file"].asString()).string();
      SCOPED_TRACE(path);
      auto r = runCli({"inspect", path, "--json"});
      ASSERT_EQ(r.status, 0) << r.err;
      auto out = json::parse(r.out);
      ASSERT_TRUE(out.ok()) << out.error().message;
      std::map<std::string, std::int64_t> hist, expected;
      const auto& sgs = (*out)["subgraphs"].asArray();
      ASSERT_EQ(sgs.size(), m["ops_per_subgraph"].size());
      for (std::size_t i = 0; i < sgs.size(); ++i) {
        EXPECT_EQ(static_cast<std::int64_t>(sgs[i]["operators"].size()), m["ops_per_subgraph"][i].asInt());
        for (const auto& op : sgs[i]["operators"].asArray()) {
          ++hist[op["type"].asString()];
          EXPECT_TRUE(op.contains("index") && op.contains("name") && op.contains("inputs") &&
                      op.contains("outputs") && op.contains("macs"));
        }
      }
      for (const auto& [k, v] : m["op_histogram"].asObject()) expected[k] = v.asInt();
      EXPECT_EQ(hist, expected);
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}
