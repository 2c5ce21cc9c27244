// InferScope's in-memory model: an immutable, Qt-free view of a TFLite model.
//
// A Model is built once (by the loader or the builder), validated, given its derived graph facts
// and then shared as std::shared_ptr<const Model>. Constant tensor data is a zero-copy view into
// the model's storage (a memory-mapped file or the builder's arena), which the Model keeps alive.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model/builtin_ops.h"
#include "core/util/boxed.h"

namespace inferscope::model {

// A view of bytes owned by the model's storage. Compares by content.
struct ByteView {
  std::span<const std::uint8_t> bytes;

  bool empty() const { return bytes.empty(); }
  std::size_t size() const { return bytes.size(); }
  const std::uint8_t* data() const { return bytes.data(); }
  bool operator==(const ByteView& o) const {
    return bytes.size() == o.bytes.size() && std::equal(bytes.begin(), bytes.end(), o.bytes.begin());
  }
};

// One field of a builtin options table. Enum fields are Int with enumType naming the enum.
using OptionScalar = std::variant<std::int64_t, double, bool, std::string, std::vector<std::int64_t>,
                                  std::vector<double>, std::vector<std::string>>;

struct OptionField {
  std::string_view name;      // points into the embedded schema
  std::string_view enumType;  // "Padding", "ActivationFunctionType", ... or empty
  OptionScalar value;
  bool operator==(const OptionField&) const = default;
};

// The typed builtin options of one operator, as named key/values in schema order.
struct BuiltinOptions {
  std::string_view type;  // union member, e.g. "Conv2DOptions"; empty when the op has none
  int unionSlot = 0;      // 1 = builtin_options, 2 = builtin_options_2
  std::vector<OptionField> fields;

  bool empty() const { return type.empty(); }
  const OptionField* find(std::string_view name) const;
  std::int64_t getInt(std::string_view name, std::int64_t def = 0) const;
  double getFloat(std::string_view name, double def = 0) const;
  bool getBool(std::string_view name, bool def = false) const;
  // Symbolic name of an enum field ("SAME", "RELU6"); empty when absent or not an enum.
  std::string_view getEnum(std::string_view name) const;
  std::vector<std::int64_t> getInts(std::string_view name) const;
  // A field's value as display text ("SAME", "[1, 2]", "0.5", "true").
  static std::string display(const OptionField& f);
  bool operator==(const BuiltinOptions&) const = default;
};

struct Quantization {
  std::vector<float> scale;
  std::vector<std::int64_t> zeroPoint;
  std::vector<float> min;
  std::vector<float> max;
  std::int32_t quantizedDimension = 0;
  std::vector<std::uint8_t> customDetails;  // CustomQuantization payload, if any

  bool hasScale() const { return !scale.empty(); }
  bool perChannel() const { return scale.size() > 1; }
  bool operator==(const Quantization&) const = default;
};

// A sparse index vector (array_segments, array_indices) as the file stores it: a view of its
// little-endian values, 1, 2 or 4 bytes each (a sparse tensor's indices can be megabytes; only
// writing the model back reads them all).
struct SparseIndices {
  ByteView raw;
  std::uint8_t width = 4;  // bytes per value

  std::size_t size() const { return width ? raw.size() / width : 0; }
  bool empty() const { return size() == 0; }
  std::int32_t operator[](std::size_t i) const;
  std::vector<std::int32_t> values() const;
  bool operator==(const SparseIndices& o) const { return values() == o.values(); }
};

struct DimensionMetadata {
  std::int8_t format = 0;  // 0 DENSE, 1 SPARSE_CSR
  std::int32_t denseSize = 0;
  std::uint8_t segmentsType = 0;  // SparseIndexVector: 0 none, 1 int32, 2 uint16, 3 uint8
  SparseIndices segments;
  std::uint8_t indicesType = 0;
  SparseIndices indices;
  bool operator==(const DimensionMetadata&) const = default;
};

struct Sparsity {
  std::vector<std::int32_t> traversalOrder;
  std::vector<std::int32_t> blockMap;
  std::vector<DimensionMetadata> dimMetadata;
  bool operator==(const Sparsity&) const = default;
};

struct VariantSubType {
  std::vector<std::int32_t> shape;
  DType dtype = DType::FLOAT32;
  bool hasRank = false;
  bool operator==(const VariantSubType&) const = default;
};

struct Tensor {
  std::string name;
  std::vector<std::int32_t> shape;
  std::vector<std::int32_t> shapeSignature;  // -1 marks a dynamic dimension
  DType dtype = DType::FLOAT32;
  std::uint32_t buffer = 0;
  util::Boxed<Quantization> quant;  // on the heap: most tensors of a float model have none
  bool isVariable = false;
  util::Boxed<Sparsity> sparsity;
  bool hasRank = false;
  std::vector<VariantSubType> variantTensors;
  ByteView data;  // constant data; empty for activations

  bool isConstant() const { return !data.empty(); }
  std::int64_t numElements() const;  // product of shape (1 for a scalar)
  std::int64_t byteSize() const;     // numElements × element size, rounded up for sub-byte types
  bool operator==(const Tensor&) const = default;
};

struct OperatorCode {
  BuiltinOp builtin = BuiltinOp::ADD;   // effective code: max(builtin_code, deprecated_builtin_code)
  std::int8_t deprecatedBuiltinCode = 0;
  std::string customCode;
  std::int32_t version = 1;
  bool operator==(const OperatorCode&) const = default;
};

struct Operator {
  std::uint32_t opcodeIndex = 0;
  BuiltinOp code = BuiltinOp::ADD;  // copied from the operator code for quick access
  std::vector<std::int32_t> inputs;  // -1 marks an omitted optional input
  std::vector<std::int32_t> outputs;
  std::vector<std::int32_t> intermediates;
  std::vector<bool> mutatingVariableInputs;
  BuiltinOptions options;
  ByteView customOptions;
  std::int8_t customOptionsFormat = 0;  // 0 = FLEXBUFFERS
  std::int32_t debugMetadataIndex = -1;
  bool operator==(const Operator&) const = default;
};

// Derived, cheap facts about one subgraph; computed when the model is finalized.
struct Lifetime {
  std::int32_t first = -1;  // position in topological order of the first use (producer)
  std::int32_t last = -1;   // position of the last use
};

struct GraphFacts {
  std::vector<std::int32_t> topoOrder;       // operator indices in execution order
  std::vector<std::int32_t> topoPosition;    // operator index -> position in topoOrder
  std::vector<std::int32_t> producer;        // tensor -> operator index or -1
  std::vector<std::int32_t> consumerOffsets; // CSR: consumers of tensor t are
  std::vector<std::int32_t> consumerList;    //   consumerList[consumerOffsets[t] .. [t+1])
  std::vector<Lifetime> lifetime;            // per tensor; -1/-1 for unused constants
  std::vector<std::int64_t> macs;            // per operator
  std::vector<std::int64_t> elementOps;      // per operator: elements produced/processed
  std::int64_t totalMacs = 0;
  std::int64_t parameterCount = 0;   // elements of constant tensors
  std::int64_t weightBytes = 0;      // bytes of constant tensors
  std::int64_t activationBytes = 0;  // bytes of non-constant tensors

  std::span<const std::int32_t> consumers(std::int32_t tensor) const {
    auto t = static_cast<std::size_t>(tensor);
    return std::span<const std::int32_t>(consumerList)
        .subspan(static_cast<std::size_t>(consumerOffsets[t]),
                 static_cast<std::size_t>(consumerOffsets[t + 1] - consumerOffsets[t]));
  }
};

struct Subgraph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<std::int32_t> inputs;
  std::vector<std::int32_t> outputs;
  std::vector<Operator> operators;
  std::int32_t debugMetadataIndex = -1;
  GraphFacts facts;  // derived; not part of equality

  const Tensor* tensor(std::int32_t i) const {
    return i >= 0 && static_cast<std::size_t>(i) < tensors.size() ? &tensors[static_cast<std::size_t>(i)]
                                                                    : nullptr;
  }
  bool operator==(const Subgraph& o) const {
    return name == o.name && tensors == o.tensors && inputs == o.inputs && outputs == o.outputs &&
           operators == o.operators && debugMetadataIndex == o.debugMetadataIndex;
  }
};

struct Buffer {
  ByteView data;
  bool external = false;  // stored by offset after the flatbuffer (models > 2 GB)
  bool operator==(const Buffer& o) const { return data == o.data; }
};

struct Metadata {
  std::string name;
  std::uint32_t buffer = 0;
  bool operator==(const Metadata&) const = default;
};

struct TensorMapEntry {
  std::string name;
  std::uint32_t tensorIndex = 0;
  bool operator==(const TensorMapEntry&) const = default;
};

struct SignatureDef {
  std::string key;
  std::uint32_t subgraphIndex = 0;
  std::vector<TensorMapEntry> inputs;
  std::vector<TensorMapEntry> outputs;
  bool operator==(const SignatureDef&) const = default;
};

struct Model {
  std::uint32_t version = 3;
  std::string description;
  std::vector<OperatorCode> opcodes;
  std::vector<Subgraph> subgraphs;
  std::vector<Buffer> buffers;
  std::vector<std::int32_t> metadataBuffer;
  std::vector<Metadata> metadata;
  std::vector<SignatureDef> signatures;
  std::shared_ptr<const void> storage;  // keeps every ByteView alive

  // "CONV_2D", or "CUSTOM:<name>" for custom operators.
  std::string opTypeName(const Operator& op) const;
  const OperatorCode* opcode(const Operator& op) const {
    return op.opcodeIndex < opcodes.size() ? &opcodes[op.opcodeIndex] : nullptr;
  }
  // Metadata value as text when it is printable, else a byte count.
  std::string metadataText(const Metadata& m) const;
  std::size_t operatorCount() const;
  std::int64_t parameterCount() const;
  std::int64_t weightBytes() const;

  bool operator==(const Model& o) const {
    return version == o.version && description == o.description && opcodes == o.opcodes &&
           subgraphs == o.subgraphs && buffers == o.buffers && metadataBuffer == o.metadataBuffer &&
           metadata == o.metadata && signatures == o.signatures;
  }
};

using ModelPtr = std::shared_ptr<const Model>;

// Shape as text: "1x224x224x3"; "scalar" for rank 0.
std::string shapeText(std::span<const std::int32_t> shape);
// Quantization as text: "q = x / 0.0235 + -128" or "per-channel (64) on axis 0".
std::string quantText(const Quantization& q);

}  // namespace inferscope::model
