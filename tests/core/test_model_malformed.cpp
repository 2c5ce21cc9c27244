// A file a user opens is often broken. Each case gives an error naming the problem; none crashes.
#include <gtest/gtest.h>

#include <random>

#include "core/model/builder.h"
#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/util/fileio.h"
#include "core/model_fixtures.h"
#include "support/shared_data.h"

using namespace inferscope;
using namespace inferscope::model;

namespace {

std::string validBytes() { return serializeModel(*testdata::smallCnn()).value(); }

Result<ModelPtr> loadBytes(std::string b) { return loadModel(ownBytes(std::move(b))); }

// Serializes a modified copy of the small CNN (the writer does not validate) and loads it back.
Result<ModelPtr> loadMutated(const std::function<void(Model&)>& mutate) {
  Model m = *testdata::smallCnn();
  mutate(m);
  auto bytes = serializeModel(m);
  if (!bytes) return bytes.error();
  return loadBytes(*bytes);
}

void expectError(const Result<ModelPtr>& r, const std::string& fragment) {
  ASSERT_FALSE(r.ok()) << "expected an error containing '" << fragment << "'";
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

}  // namespace

TEST(Malformed, EmptyFile) { expectError(loadBytes(""), "empty"); }

TEST(Malformed, TooSmall) { expectError(loadBytes("TFL3"), "too small"); }

TEST(Malformed, WrongIdentifier) {
  auto b = validBytes();
  b[4] = 'X';
  expectError(loadBytes(b), "file identifier is 'XFL3'");
}

TEST(Malformed, NotAModelAtAll) {
  expectError(loadBytes(std::string("\x89PNG\r\n\x1a\n0000000000000000", 24)), "not a TFLite model");
}

TEST(Malformed, RootOffsetPastEnd) {
  auto b = validBytes();
  b[0] = '\xff';
  b[1] = '\xff';
  b[2] = '\xff';
  b[3] = '\x00';
  expectError(loadBytes(b), "points past the end");
}

TEST(Malformed, EveryTruncationIsAnError) {
  auto b = validBytes();
  for (std::size_t n = 0; n < b.size(); n += 7) {
    auto r = loadBytes(b.substr(0, n));
    EXPECT_FALSE(r.ok()) << "truncated to " << n << " bytes";
  }
}

TEST(Malformed, RandomCorruptionNeverCrashes) {
  auto b = validBytes();
  std::mt19937 rng(1234);
  int rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    auto c = b;
    int flips = 1 + static_cast<int>(rng() % 8);
    for (int f = 0; f < flips; ++f) c[rng() % c.size()] = static_cast<char>(rng());
    auto r = loadBytes(c);
    if (!r.ok()) {
      EXPECT_FALSE(r.error().message.empty());
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
}

TEST(Malformed, TensorIndexOutOfRange) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].operators[1].inputs[0] = 99; }),
              "operator 1 (DEPTHWISE_CONV_2D) in subgraph 0 input refers to tensor 99");
}

TEST(Malformed, SubgraphOutputOutOfRange) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].outputs = {1000}; }), "subgraph 0 outputs refers to tensor 1000");
}

TEST(Malformed, BufferIndexOutOfRange) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].tensors[1].buffer = 500; }), "refers to buffer 500");
}

TEST(Malformed, OperatorCodeOutOfRange) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].operators[0].opcodeIndex = 42; }), "operator code 42");
}

TEST(Malformed, GraphWithACycle) {
  expectError(loadMutated([](Model& m) {
                auto& ops = m.subgraphs[0].operators;
                ops[0].inputs[0] = ops[1].outputs[0];  // conv reads the depthwise output it feeds
              }),
              "has a cycle");
}

TEST(Malformed, NegativeDimension) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].tensors[0].shape = {1, -5, 8, 3}; }),
              "negative dimension -5");
}

TEST(Malformed, AbsurdShape) {
  expectError(loadMutated([](Model& m) { m.subgraphs[0].tensors[0].shape = {1 << 30, 1 << 30, 1 << 30}; }),
              "absurd shape");
}

TEST(Malformed, ConstantDataTooShortForItsShape) {
  expectError(loadMutated([](Model& m) {
                for (auto& t : m.subgraphs[0].tensors)
                  if (t.name == "fc/w") t.shape = {10, 512};
              }),
              "needs 5120");
}

TEST(Malformed, MacCountOverflowing64Bits) {
  expectError(loadMutated([](Model& m) {
                auto& sg = m.subgraphs[0];
                auto& conv = sg.operators[0];
                // Weights without data may have any shape; 2^46 outputs x 2^22 taps overflow.
                sg.tensors[static_cast<std::size_t>(conv.outputs[0])].shape = {1, 1 << 15, 1 << 15, 1 << 16};
                auto& w = sg.tensors[static_cast<std::size_t>(conv.inputs[1])];
                w.shape = {1 << 16, 1 << 11, 1 << 11, 1};
                w.buffer = 0;
                w.data = {};
              }),
              "overflows 64 bits");
}

TEST(Malformed, BufferStoredByOffsetPastTheEnd) {
  WriteOptions o;
  o.buffersByOffset = true;
  auto b = serializeModel(*testdata::smallCnn(), o).value();
  b.resize(b.size() - 64);  // lose the tail of the appended buffer data
  expectError(loadBytes(b), "lies past the end");
}

TEST(Malformed, MissingFileAndDirectory) {
  auto r = loadModel("/nonexistent/dir/model.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  EXPECT_NE(r.error().message.find("/nonexistent/dir/model.tflite"), std::string::npos);
  auto d = loadModel("/tmp");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("directory"), std::string::npos);
}

TEST(Malformed, RealModelsSurviveCorruption) {
  INFERSCOPE_REQUIRE_SHARED();
  auto path = testdata::sharedDir() / "models/tflite-micro/models__person_detect.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  auto b = testdata::readFile(path);
  std::mt19937 rng(99);
  for (int i = 0; i < 300; ++i) {
    auto c = b;
    for (int f = 0; f < 4; ++f) c[rng() % 4096] = static_cast<char>(rng());  // the tables live up front
    (void)loadBytes(c);
  }
  SUCCEED();
}
