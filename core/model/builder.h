// Creating models in code: used by tests, benchmarks and the generator of the bundled sample.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/ir.h"
#include "core/model/schema_info.h"
#include "core/util/result.h"

namespace inferscope::model {

struct TensorSpec {
  std::string name;
  DType dtype = DType::FLOAT32;
  std::vector<std::int32_t> shape;
  std::optional<Quantization> quant;
  std::vector<std::int32_t> shapeSignature;
  bool isVariable = false;
};

// Per-tensor affine quantization.
Quantization quantParams(float scale, std::int64_t zeroPoint);
// Per-channel symmetric quantization on `axis`.
Quantization quantPerChannel(std::vector<float> scales, std::int32_t axis);

class ModelBuilder {
 public:
  ModelBuilder();

  void setDescription(std::string d);
  void setVersion(std::uint32_t v);
  // The builder starts in subgraph 0; this adds another and makes it current.
  std::int32_t addSubgraph(std::string name = {});
  void selectSubgraph(std::int32_t index);
  void setSubgraphName(std::string name);

  std::int32_t addTensor(TensorSpec spec);
  std::int32_t addConstant(TensorSpec spec, std::vector<std::uint8_t> bytes);
  template <class T>
  std::int32_t addConstant(TensorSpec spec, const std::vector<T>& values) {
    std::vector<std::uint8_t> bytes(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return addConstant(std::move(spec), std::move(bytes));
  }

  // Options are given by name with schema defaults for the rest, e.g.
  // {{"stride_w", 2}, {"padding", "SAME"}, {"fused_activation_function", "RELU6"}}.
  Result<std::int32_t> addOperator(BuiltinOp op, std::vector<std::int32_t> inputs,
                                   std::vector<std::int32_t> outputs, std::initializer_list<OptionInit> options = {},
                                   std::int32_t version = 1);
  std::int32_t addCustomOperator(const std::string& code, std::vector<std::int32_t> inputs,
                                 std::vector<std::int32_t> outputs, std::vector<std::uint8_t> customOptions = {},
                                 std::int32_t version = 1);

  void setInputs(std::vector<std::int32_t> inputs);
  void setOutputs(std::vector<std::int32_t> outputs);
  void addMetadata(const std::string& name, std::vector<std::uint8_t> bytes);
  void addSignature(SignatureDef sig);

  std::size_t tensorCount() const;
  const Tensor& tensor(std::int32_t index) const;

  // Validates and finalizes exactly as the loader does. The builder is empty afterwards.
  Result<ModelPtr> build();

 private:
  std::uint32_t addBuffer(std::vector<std::uint8_t> bytes);
  std::uint32_t opcodeFor(BuiltinOp op, const std::string& custom, std::int32_t version);
  Subgraph& current();

  struct Arena {
    std::deque<std::vector<std::uint8_t>> blocks;
  };
  std::shared_ptr<Model> model_;
  std::shared_ptr<Arena> arena_;
  std::int32_t current_ = 0;
};

}  // namespace inferscope::model
