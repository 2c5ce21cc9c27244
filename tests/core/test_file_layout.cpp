// Which byte ranges of a model file hold float weights (mapped on use when a model is mapped).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "core/model/builder.h"
#include "core/model/file_layout.h"
#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/util/fileio.h"

using namespace inferscope;
using namespace inferscope::model;

namespace {

std::span<const std::uint8_t> bytesOf(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// input -> FULLY_CONNECTED (float weights, `floatOut` x 256, and a float bias) -> QUANTIZE ->
// FULLY_CONNECTED (int8 weights, 128 x `floatOut`). Returns the serialized file.
std::string mixedModel(int floatOut) {
  ModelBuilder b;
  std::mt19937 rng(3);
  std::vector<float> wf(static_cast<std::size_t>(floatOut) * 256);
  for (auto& x : wf) x = static_cast<float>(static_cast<int>(rng() % 200) - 100) / 100.0f;
  std::vector<std::int8_t> wq(static_cast<std::size_t>(128) * floatOut);
  for (auto& x : wq) x = static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127);
  auto in = b.addTensor({"input", DType::FLOAT32, {1, 256}});
  auto w1 = b.addConstant({"fc1/w", DType::FLOAT32, {floatOut, 256}}, wf);
  auto b1 = b.addConstant({"fc1/b", DType::FLOAT32, {floatOut}}, std::vector<float>(static_cast<std::size_t>(floatOut), 0.5f));
  auto h = b.addTensor({"fc1", DType::FLOAT32, {1, floatOut}});
  b.addOperator(BuiltinOp::FULLY_CONNECTED, {in, w1, b1}, {h}).value();
  auto hq = b.addTensor({"fc1_q", DType::INT8, {1, floatOut}, quantParams(0.05f, 0)});
  b.addOperator(BuiltinOp::QUANTIZE, {h}, {hq}).value();
  auto w2 = b.addConstant({"fc2/w", DType::INT8, {128, floatOut}, quantParams(0.01f, 0)}, wq);
  auto out = b.addTensor({"fc2", DType::INT8, {1, 128}, quantParams(0.1f, 0)});
  b.addOperator(BuiltinOp::FULLY_CONNECTED, {hq, w2, -1}, {out}).value();
  b.setInputs({in});
  b.setOutputs({out});
  auto m = b.build().value();
  return serializeModel(*m).value();
}

}  // namespace

TEST(FileLayout, FloatWeightsOnlyAndOnlyLargeOnes) {
  const std::string file = mixedModel(256);  // 256 KiB of float weights, 32 KiB of int8 weights
  auto m = loadModel(ownBytes(file)).value();
  const auto ranges = floatWeightRanges(bytesOf(file), 64 << 10);
  ASSERT_EQ(ranges.size(), 1u);
  const auto [b, e] = ranges[0];
  EXPECT_EQ(e - b, 256u * 256u * 4u);
  // The range holds exactly the float weights: same bytes as the loaded tensor.
  const Tensor* w = nullptr;
  for (const auto& t : m->subgraphs[0].tensors)
    if (t.name == "fc1/w") w = &t;
  ASSERT_NE(w, nullptr);
  ASSERT_EQ(w->data.size(), e - b);
  EXPECT_EQ(0, std::memcmp(w->data.data(), file.data() + b, e - b));
  // Smaller threshold: the float bias (1 KiB) too, never the int8 weights.
  const auto all = floatWeightRanges(bytesOf(file), 1);
  EXPECT_EQ(all.size(), 2u);
  for (const auto& [rb, re] : all) EXPECT_NE(re - rb, 128u * 256u);
}

TEST(FileLayout, MalformedFilesGiveNoRangesAndNoCrash) {
  const std::string file = mixedModel(64);
  EXPECT_TRUE(floatWeightRanges({}, 1).empty());
  EXPECT_TRUE(floatWeightRanges(bytesOf(std::string(3, '\0')), 1).empty());
  // Every truncation and many random corruptions: whatever comes back lies inside the file.
  for (std::size_t n = 0; n < file.size(); n += 97) {
    const std::string cut = file.substr(0, n);
    for (const auto& [b, e] : floatWeightRanges(bytesOf(cut), 1)) {
      EXPECT_LE(b, e);
      EXPECT_LE(e, cut.size());
    }
  }
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    std::string bad = file;
    for (int k = 0; k < 8; ++k) bad[rng() % bad.size()] = static_cast<char>(rng());
    for (const auto& [b, e] : floatWeightRanges(bytesOf(bad), 1)) {
      EXPECT_LE(b, e);
      EXPECT_LE(e, bad.size());
    }
  }
}

TEST(FileLayout, AMappedModelReadsTheSameWithItsFloatWeightsMappedOnUse) {
  // Above the read limit (4 MiB) a model is mapped; its float weights are left to be mapped on use.
  const std::string file = mixedModel(4608);  // 4.5 MiB of float weights
  ASSERT_GT(file.size(), 4u << 20);
  const auto path = (std::filesystem::temp_directory_path() / "inferscope_file_layout_test.tflite").string();
  ASSERT_TRUE(writeFileAtomic(path, file).ok());
  auto mapped = loadModel(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(mapped.ok()) << mapped.error().message;
  auto inMemory = loadModel(ownBytes(file)).value();
  EXPECT_TRUE(**mapped == *inMemory);  // every field and every buffer's bytes
}
