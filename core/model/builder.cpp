#include "core/model/builder.h"

#include <stdexcept>

#include "core/model/finalize.h"

namespace inferscope::model {

Quantization quantParams(float scale, std::int64_t zeroPoint) {
  Quantization q;
  q.scale = {scale};
  q.zeroPoint = {zeroPoint};
  return q;
}

Quantization quantPerChannel(std::vector<float> scales, std::int32_t axis) {
  Quantization q;
  q.zeroPoint.assign(scales.size(), 0);
  q.scale = std::move(scales);
  q.quantizedDimension = axis;
  return q;
}

ModelBuilder::ModelBuilder() : model_(std::make_shared<Model>()), arena_(std::make_shared<Arena>()) {
  model_->buffers.push_back(Buffer{});  // buffer 0: the empty sentinel every converter writes
  model_->subgraphs.emplace_back();
  model_->storage = arena_;
}

void ModelBuilder::setDescription(std::string d) { model_->description = std::move(d); }
void ModelBuilder::setVersion(std::uint32_t v) { model_->version = v; }

std::int32_t ModelBuilder::addSubgraph(std::string name) {
  model_->subgraphs.emplace_back();
  current_ = static_cast<std::int32_t>(model_->subgraphs.size() - 1);
  current().name = std::move(name);
  return current_;
}

void ModelBuilder::selectSubgraph(std::int32_t index) {
  if (index < 0 || static_cast<std::size_t>(index) >= model_->subgraphs.size())
    throw std::out_of_range("ModelBuilder::selectSubgraph: no such subgraph");
  current_ = index;
}

void ModelBuilder::setSubgraphName(std::string name) { current().name = std::move(name); }

Subgraph& ModelBuilder::current() { return model_->subgraphs[static_cast<std::size_t>(current_)]; }

std::uint32_t ModelBuilder::addBuffer(std::vector<std::uint8_t> bytes) {
  auto& block = arena_->blocks.emplace_back(std::move(bytes));
  model_->buffers.push_back(Buffer{ByteView{{block.data(), block.size()}}});
  return static_cast<std::uint32_t>(model_->buffers.size() - 1);
}

std::int32_t ModelBuilder::addTensor(TensorSpec spec) {
  Tensor t;
  t.name = std::move(spec.name);
  t.dtype = spec.dtype;
  t.shape = std::move(spec.shape);
  t.shapeSignature = std::move(spec.shapeSignature);
  t.quant = std::move(spec.quant);
  t.isVariable = spec.isVariable;
  current().tensors.push_back(std::move(t));
  return static_cast<std::int32_t>(current().tensors.size() - 1);
}

std::int32_t ModelBuilder::addConstant(TensorSpec spec, std::vector<std::uint8_t> bytes) {
  auto buffer = bytes.empty() ? 0u : addBuffer(std::move(bytes));
  auto i = addTensor(std::move(spec));
  auto& t = current().tensors[static_cast<std::size_t>(i)];
  t.buffer = buffer;
  t.data = model_->buffers[buffer].data;
  return i;
}

std::uint32_t ModelBuilder::opcodeFor(BuiltinOp op, const std::string& custom, std::int32_t version) {
  auto& codes = model_->opcodes;
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i].builtin == op && codes[i].customCode == custom && codes[i].version == version)
      return static_cast<std::uint32_t>(i);
  OperatorCode c;
  c.builtin = op;
  auto code = static_cast<std::int32_t>(op);
  c.deprecatedBuiltinCode = static_cast<std::int8_t>(code < 127 ? code : 127);
  c.customCode = custom;
  c.version = version;
  codes.push_back(std::move(c));
  return static_cast<std::uint32_t>(codes.size() - 1);
}

Result<std::int32_t> ModelBuilder::addOperator(BuiltinOp op, std::vector<std::int32_t> inputs,
                                               std::vector<std::int32_t> outputs,
                                               std::initializer_list<OptionInit> options, std::int32_t version) {
  auto opts = makeOptions(op, std::span<const OptionInit>(options.begin(), options.size()));
  if (!opts) return opts.error();
  Operator o;
  o.code = op;
  o.opcodeIndex = opcodeFor(op, {}, version);
  o.inputs = std::move(inputs);
  o.outputs = std::move(outputs);
  o.options = std::move(*opts);
  current().operators.push_back(std::move(o));
  return static_cast<std::int32_t>(current().operators.size() - 1);
}

std::int32_t ModelBuilder::addCustomOperator(const std::string& code, std::vector<std::int32_t> inputs,
                                             std::vector<std::int32_t> outputs,
                                             std::vector<std::uint8_t> customOptions, std::int32_t version) {
  Operator o;
  o.code = BuiltinOp::CUSTOM;
  o.opcodeIndex = opcodeFor(BuiltinOp::CUSTOM, code, version);
  o.inputs = std::move(inputs);
  o.outputs = std::move(outputs);
  if (!customOptions.empty()) {
    auto& block = arena_->blocks.emplace_back(std::move(customOptions));
    o.customOptions = ByteView{{block.data(), block.size()}};
  }
  current().operators.push_back(std::move(o));
  return static_cast<std::int32_t>(current().operators.size() - 1);
}

void ModelBuilder::setInputs(std::vector<std::int32_t> inputs) { current().inputs = std::move(inputs); }
void ModelBuilder::setOutputs(std::vector<std::int32_t> outputs) { current().outputs = std::move(outputs); }

void ModelBuilder::addMetadata(const std::string& name, std::vector<std::uint8_t> bytes) {
  auto b = addBuffer(std::move(bytes));
  model_->metadata.push_back({name, b});
}

void ModelBuilder::addSignature(SignatureDef sig) { model_->signatures.push_back(std::move(sig)); }

std::size_t ModelBuilder::tensorCount() const {
  return model_->subgraphs[static_cast<std::size_t>(current_)].tensors.size();
}

const Tensor& ModelBuilder::tensor(std::int32_t index) const {
  return model_->subgraphs[static_cast<std::size_t>(current_)].tensors.at(static_cast<std::size_t>(index));
}

Result<ModelPtr> ModelBuilder::build() {
  auto m = std::move(model_);
  model_ = std::make_shared<Model>();
  model_->buffers.push_back(Buffer{});
  model_->subgraphs.emplace_back();
  arena_ = std::make_shared<Arena>();
  model_->storage = arena_;
  current_ = 0;
  if (auto s = finalizeModel(*m); !s) return s.error();
  return ModelPtr(std::move(m));
}

}  // namespace inferscope::model
