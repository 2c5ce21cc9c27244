// Building small models for the compatibility tests: one operator (or a few) with int8 tensors by
// default, and checking where the Ethos-U rules place them.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/compat/ethos_u.h"
#include "core/model/builder.h"
#include "core/model/schema_info.h"
#include "core/model/writer.h"

namespace inferscope::testdata {

using model::BuiltinOp;
using model::DType;

inline model::Quantization q8(float scale = 0.05f, std::int64_t zp = 0) { return model::quantParams(scale, zp); }

// A graph under construction: inputs are recorded as they are made, outputs given to build().
class G {
 public:
  model::ModelBuilder b;
  std::vector<std::int32_t> inputs;

  std::int32_t in(const std::string& name, std::vector<std::int32_t> shape, DType t = DType::INT8,
                  std::optional<model::Quantization> q = q8()) {
    auto id = b.addTensor({name, t, std::move(shape), std::move(q)});
    inputs.push_back(id);
    return id;
  }
  std::int32_t t(const std::string& name, std::vector<std::int32_t> shape, DType dt = DType::INT8,
                 std::optional<model::Quantization> q = q8()) {
    return b.addTensor({name, dt, std::move(shape), std::move(q)});
  }
  // int8 constant filled with `value`
  std::int32_t w8(const std::string& name, std::vector<std::int32_t> shape, std::int8_t value = 1,
                  std::optional<model::Quantization> q = q8(0.01f, 0)) {
    std::size_t n = 1;
    for (auto d : shape) n *= static_cast<std::size_t>(d);
    return b.addConstant({name, DType::INT8, std::move(shape), std::move(q)}, std::vector<std::int8_t>(n, value));
  }
  std::int32_t i32(const std::string& name, std::vector<std::int32_t> shape, std::vector<std::int32_t> values,
                   std::optional<model::Quantization> q = std::nullopt) {
    return b.addConstant({name, DType::INT32, std::move(shape), std::move(q)}, values);
  }
  std::int32_t i64(const std::string& name, std::vector<std::int32_t> shape, std::vector<std::int64_t> values) {
    return b.addConstant({name, DType::INT64, std::move(shape), std::nullopt}, values);
  }
  // Options are applied after building (so they can come from a vector and repeat keys: the last
  // one wins); unspecified fields keep the schema defaults.
  std::int32_t op(BuiltinOp code, std::vector<std::int32_t> ins, std::vector<std::int32_t> outs,
                  std::vector<model::OptionInit> options = {}) {
    auto r = b.addOperator(code, std::move(ins), std::move(outs), {});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return -1;
    if (!options.empty()) {
      auto o = model::makeOptions(code, options);
      EXPECT_TRUE(o.ok()) << (o.ok() ? "" : o.error().message);
      if (o.ok()) patches_.push_back({subgraph_, *r, *o});
    }
    return *r;
  }
  std::int32_t subgraph(const std::string& name) {
    subgraph_ = b.addSubgraph(name);
    return subgraph_;
  }
  void select(std::int32_t sg) {
    subgraph_ = sg;
    b.selectSubgraph(sg);
  }
  model::ModelPtr build(std::vector<std::int32_t> outputs) {
    b.selectSubgraph(0);
    b.setInputs(inputs);
    b.setOutputs(std::move(outputs));
    auto m = b.build();
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    if (!m.ok()) return nullptr;
    auto copy = std::make_shared<model::Model>(**m);
    for (const auto& p : patches_)
      copy->subgraphs[static_cast<std::size_t>(p.subgraph)].operators[static_cast<std::size_t>(p.op)].options = p.options;
    return copy;
  }

 private:
  struct Patch {
    std::int32_t subgraph;
    std::int32_t op;
    model::BuiltinOptions options;
  };
  std::vector<Patch> patches_;
  std::int32_t subgraph_ = 0;
};

// A copy of `m` with operator `index` of subgraph 0 stripped of its builtin options table.
inline model::ModelPtr withoutOptions(const model::ModelPtr& m, std::size_t index = 0) {
  auto copy = std::make_shared<model::Model>(*m);
  copy->subgraphs[0].operators[index].options = model::BuiltinOptions{};
  return copy;
}

inline compat::EthosUTarget u55() { return compat::EthosUTarget::parse("ethos-u55-128").value(); }
inline compat::EthosUTarget u85() { return compat::EthosUTarget::parse("ethos-u85-256").value(); }

// Writes the model to $INFERSCOPE_COMPAT_DUMP/<name>.tflite when that variable is set, so the cases
// can be run through Vela itself while developing.
inline void dumpCase(const model::ModelPtr& m, const std::string& name) {
  const char* dir = std::getenv("INFERSCOPE_COMPAT_DUMP");
  if (!dir || !m) return;
  std::filesystem::create_directories(dir);
  auto s = model::saveModel(*m, (std::filesystem::path(dir) / (name + ".tflite")).string());
  EXPECT_TRUE(s.ok());
}

// Placement of operator `index` of subgraph 0 and the id of the rule Vela reports for it.
struct Verdict {
  compat::Placement placement = compat::Placement::Npu;
  std::string rule;  // primary reason id; empty when on the NPU
  compat::Disposition disposition = compat::Disposition::Runs;
};

inline Verdict verdictOf(const model::ModelPtr& m, std::size_t index = 0,
                         const compat::EthosUTarget& target = u55()) {
  Verdict v;
  if (!m) return v;
  auto r = compat::checkEthosU(*m, target);
  const auto* op = r.find(0, static_cast<std::int32_t>(index));
  if (!op) return v;
  v.placement = op->placement;
  v.disposition = op->disposition;
  if (const auto* p = op->primaryReason(); p && op->onCpu()) v.rule = p->id;
  return v;
}

}  // namespace inferscope::testdata
