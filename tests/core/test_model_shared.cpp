// Every real model in ../shared/models loads, matches its summary.json, and round-trips.
#include <gtest/gtest.h>

#include <map>

#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/util/fileio.h"
#include "core/util/json.h"
#include "support/shared_data.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

struct Expected {
  std::vector<std::int64_t> opsPerSubgraph;
  std::map<std::string, std::int64_t> histogram;
  std::int64_t schemaVersion = 0;
};

std::map<std::string, Expected> loadSummaries() {
  std::map<std::string, Expected> out;
  for (const auto& dir : fs::directory_iterator(testdata::sharedDir() / "models")) {
    auto sum = dir.path() / "summary.json";
    if (!fs::exists(sum)) continue;
    auto doc = json::parse(testdata::readFile(sum));
    if (!doc) continue;
    for (const auto& m : doc->asArray()) {
      Expected e;
      for (const auto& n : m["ops_per_subgraph"].asArray()) e.opsPerSubgraph.push_back(n.asInt());
      for (const auto& [k, v] : m["op_histogram"].asObject()) e.histogram[k] = v.asInt();
      e.schemaVersion = m["schema_version"].asInt();
      out[(dir.path().filename() / m["file"].asString()).string()] = e;
    }
  }
  return out;
}

}  // namespace

TEST(SharedModels, LoadAndMatchSummary) {
  INFERSCOPE_REQUIRE_SHARED();
  auto summaries = loadSummaries();
  auto models = testdata::sharedModels();
  ASSERT_GT(models.size(), 100u);
  std::size_t compared = 0;
  for (const auto& path : models) {
    SCOPED_TRACE(path.string());
    auto m = model::loadModel(path.string());
    ASSERT_TRUE(m.ok()) << m.error().message;
    auto key = (path.parent_path().filename() / path.filename()).string();
    auto it = summaries.find(key);
    if (it == summaries.end()) continue;
    const auto& e = it->second;
    ASSERT_EQ((*m)->subgraphs.size(), e.opsPerSubgraph.size());
    std::map<std::string, std::int64_t> hist;
    for (std::size_t si = 0; si < (*m)->subgraphs.size(); ++si) {
      const auto& sg = (*m)->subgraphs[si];
      EXPECT_EQ(static_cast<std::int64_t>(sg.operators.size()), e.opsPerSubgraph[si]);
      for (const auto& op : sg.operators) ++hist[(*m)->opTypeName(op)];
    }
    EXPECT_EQ(hist, e.histogram);
    EXPECT_EQ((*m)->version, e.schemaVersion);
    ++compared;
  }
  EXPECT_GT(compared, 100u);
}

TEST(SharedModels, RoundTripGivesAnEqualModel) {
  INFERSCOPE_REQUIRE_SHARED();
  auto dir = testdata::tempDir();
  for (const auto& path : testdata::sharedModels()) {
    SCOPED_TRACE(path.string());
    auto a = model::loadModel(path.string());
    ASSERT_TRUE(a.ok()) << a.error().message;
    auto out = (dir / path.filename()).string();
    auto saved = model::saveModel(**a, out);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    auto b = model::loadModel(out);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_TRUE(**a == **b);
    fs::remove(out);
  }
  fs::remove_all(dir);
}

TEST(SharedModels, RoundTripWithBuffersByOffset) {
  INFERSCOPE_REQUIRE_SHARED();
  auto dir = testdata::tempDir();
  // The > 2 GB layout (buffers after the flatbuffer, by offset) on a real model with weights.
  auto path = testdata::sharedDir() / "models/tflite-micro/models__person_detect.tflite";
  if (!fs::exists(path)) GTEST_SKIP() << path << " is absent";
  auto a = model::loadModel(path.string());
  ASSERT_TRUE(a.ok());
  model::WriteOptions opts;
  opts.buffersByOffset = true;
  auto out = (dir / "offset.tflite").string();
  ASSERT_TRUE(model::saveModel(**a, out, opts).ok());
  auto b = model::loadModel(out);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_TRUE(**a == **b);
  bool anyExternal = false;
  for (const auto& buf : (*b)->buffers) anyExternal = anyExternal || buf.external;
  EXPECT_TRUE(anyExternal);
  fs::remove_all(dir);
}
