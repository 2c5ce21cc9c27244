#include "core/model/writer.h"

#include <cstring>

#include "core/model/schema_reflect.h"
#include "core/util/fileio.h"
#include "tflite_generated.h"

namespace inferscope::model {
namespace {

namespace fb = flatbuffers;

template <class T, class U>
fb::Offset<fb::Vector<T>> vec(fb::FlatBufferBuilder& b, const std::vector<U>& v) {
  std::vector<T> t(v.begin(), v.end());
  return b.CreateVector(t);
}

fb::Offset<void> sparseVector(fb::FlatBufferBuilder& b, std::uint8_t type, const SparseIndices& indices) {
  const auto v = indices.values();
  switch (type) {
    case tflite::SparseIndexVector_Int32Vector: return tflite::CreateInt32Vector(b, vec<std::int32_t>(b, v)).Union();
    case tflite::SparseIndexVector_Uint16Vector: return tflite::CreateUint16Vector(b, vec<std::uint16_t>(b, v)).Union();
    case tflite::SparseIndexVector_Uint8Vector: return tflite::CreateUint8Vector(b, vec<std::uint8_t>(b, v)).Union();
    default: return 0;
  }
}

fb::Offset<tflite::Tensor> writeTensor(fb::FlatBufferBuilder& b, const Tensor& t) {
  fb::Offset<tflite::QuantizationParameters> q = 0;
  if (t.quant) {
    const auto& qq = *t.quant;
    fb::Offset<void> details = 0;
    auto dtype = tflite::QuantizationDetails_NONE;
    if (!qq.customDetails.empty()) {
      details = tflite::CreateCustomQuantization(b, b.CreateVector(qq.customDetails)).Union();
      dtype = tflite::QuantizationDetails_CustomQuantization;
    }
    q = tflite::CreateQuantizationParameters(
        b, qq.min.empty() ? 0 : b.CreateVector(qq.min), qq.max.empty() ? 0 : b.CreateVector(qq.max),
        qq.scale.empty() ? 0 : b.CreateVector(qq.scale), qq.zeroPoint.empty() ? 0 : vec<std::int64_t>(b, qq.zeroPoint),
        dtype, details, qq.quantizedDimension);
  }
  fb::Offset<tflite::SparsityParameters> sp = 0;
  if (t.sparsity) {
    std::vector<fb::Offset<tflite::DimensionMetadata>> dims;
    for (const auto& d : t.sparsity->dimMetadata) {
      auto seg = sparseVector(b, d.segmentsType, d.segments);
      auto idx = sparseVector(b, d.indicesType, d.indices);
      dims.push_back(tflite::CreateDimensionMetadata(b, static_cast<tflite::DimensionType>(d.format), d.denseSize,
                                                     static_cast<tflite::SparseIndexVector>(d.segmentsType), seg,
                                                     static_cast<tflite::SparseIndexVector>(d.indicesType), idx));
    }
    sp = tflite::CreateSparsityParameters(b, vec<std::int32_t>(b, t.sparsity->traversalOrder),
                                          vec<std::int32_t>(b, t.sparsity->blockMap), b.CreateVector(dims));
  }
  fb::Offset<fb::Vector<fb::Offset<tflite::VariantSubType>>> variants = 0;
  if (!t.variantTensors.empty()) {
    std::vector<fb::Offset<tflite::VariantSubType>> v;
    for (const auto& s : t.variantTensors)
      v.push_back(tflite::CreateVariantSubType(b, vec<std::int32_t>(b, s.shape), static_cast<tflite::TensorType>(s.dtype), s.hasRank));
    variants = b.CreateVector(v);
  }
  return tflite::CreateTensor(b, vec<std::int32_t>(b, t.shape), static_cast<tflite::TensorType>(t.dtype), t.buffer,
                              b.CreateString(t.name), q, t.isVariable, sp,
                              t.shapeSignature.empty() ? 0 : vec<std::int32_t>(b, t.shapeSignature), t.hasRank, variants);
}

fb::Offset<tflite::Operator> writeOperator(fb::FlatBufferBuilder& b, const Operator& op) {
  std::uint8_t utype = 0;
  auto opts = detail::writeOptions(b, op.options, utype);
  auto inputs = vec<std::int32_t>(b, op.inputs);
  auto outputs = vec<std::int32_t>(b, op.outputs);
  auto custom = op.customOptions.empty() ? 0 : b.CreateVector(op.customOptions.data(), op.customOptions.size());
  std::vector<std::uint8_t> mv(op.mutatingVariableInputs.begin(), op.mutatingVariableInputs.end());
  auto mutating = mv.empty() ? 0 : b.CreateVector(mv);
  auto inter = op.intermediates.empty() ? 0 : vec<std::int32_t>(b, op.intermediates);
  bool second = op.options.unionSlot == 2;
  return tflite::CreateOperator(
      b, op.opcodeIndex, inputs, outputs,
      second ? tflite::BuiltinOptions_NONE : static_cast<tflite::BuiltinOptions>(utype), second ? 0 : opts, custom,
      static_cast<tflite::CustomOptionsFormat>(op.customOptionsFormat), mutating, inter, 0, 0,
      second ? static_cast<tflite::BuiltinOptions2>(utype) : tflite::BuiltinOptions2_NONE, second ? opts : 0,
      op.debugMetadataIndex);
}

// Builds the whole flatbuffer. With byOffset, buffer tables carry (offset, size) pointing at
// dataStart + their position in the appended data block.
void build(fb::FlatBufferBuilder& b, const Model& m, bool byOffset, std::uint64_t dataStart) {
  std::vector<fb::Offset<tflite::Buffer>> buffers;
  std::uint64_t pos = dataStart;
  for (const auto& buf : m.buffers) {
    if (byOffset && !buf.data.empty()) {
      buffers.push_back(tflite::CreateBuffer(b, 0, pos, buf.data.size()));
      pos += (buf.data.size() + 15) / 16 * 16;
    } else if (!buf.data.empty()) {
      b.ForceVectorAlignment(buf.data.size(), sizeof(std::uint8_t), 16);
      auto d = b.CreateVector(buf.data.data(), buf.data.size());
      buffers.push_back(tflite::CreateBuffer(b, d));
    } else {
      buffers.push_back(tflite::CreateBuffer(b));
    }
  }
  std::vector<fb::Offset<tflite::OperatorCode>> codes;
  for (const auto& c : m.opcodes) {
    auto code = static_cast<std::int32_t>(c.builtin);
    // Older readers look at the int8 field only; codes above 127 put the placeholder there.
    auto dep = c.deprecatedBuiltinCode;
    codes.push_back(tflite::CreateOperatorCode(b, dep, c.customCode.empty() ? 0 : b.CreateString(c.customCode),
                                               c.version, static_cast<tflite::BuiltinOperator>(code)));
  }
  std::vector<fb::Offset<tflite::SubGraph>> subgraphs;
  for (const auto& sg : m.subgraphs) {
    std::vector<fb::Offset<tflite::Tensor>> tensors;
    tensors.reserve(sg.tensors.size());
    for (const auto& t : sg.tensors) tensors.push_back(writeTensor(b, t));
    std::vector<fb::Offset<tflite::Operator>> ops;
    ops.reserve(sg.operators.size());
    for (const auto& op : sg.operators) ops.push_back(writeOperator(b, op));
    subgraphs.push_back(tflite::CreateSubGraph(b, b.CreateVector(tensors), vec<std::int32_t>(b, sg.inputs),
                                               vec<std::int32_t>(b, sg.outputs), b.CreateVector(ops),
                                               sg.name.empty() ? 0 : b.CreateString(sg.name), sg.debugMetadataIndex));
  }
  std::vector<fb::Offset<tflite::Metadata>> metadata;
  for (const auto& md : m.metadata) metadata.push_back(tflite::CreateMetadata(b, b.CreateString(md.name), md.buffer));
  std::vector<fb::Offset<tflite::SignatureDef>> sigs;
  for (const auto& s : m.signatures) {
    auto maps = [&](const std::vector<TensorMapEntry>& v) {
      std::vector<fb::Offset<tflite::TensorMap>> out;
      for (const auto& e : v) out.push_back(tflite::CreateTensorMap(b, b.CreateString(e.name), e.tensorIndex));
      return b.CreateVector(out);
    };
    auto in = maps(s.inputs);
    auto out = maps(s.outputs);
    sigs.push_back(tflite::CreateSignatureDef(b, in, out, b.CreateString(s.key), s.subgraphIndex));
  }
  auto model = tflite::CreateModel(
      b, m.version, b.CreateVector(codes), b.CreateVector(subgraphs),
      m.description.empty() ? 0 : b.CreateString(m.description), b.CreateVector(buffers),
      m.metadataBuffer.empty() ? 0 : vec<std::int32_t>(b, m.metadataBuffer),
      m.metadata.empty() ? 0 : b.CreateVector(metadata), m.signatures.empty() ? 0 : b.CreateVector(sigs));
  tflite::FinishModelBuffer(b, model);
}

}  // namespace

Result<std::string> serializeModel(const Model& m, const WriteOptions& options) {
  std::uint64_t total = 0;
  for (const auto& b : m.buffers) total += b.data.size();
  bool byOffset = options.buffersByOffset || total > (std::uint64_t(1) << 31) - (std::uint64_t(64) << 20);
  fb::FlatBufferBuilder b(1 << 16);
  if (!byOffset) {
    build(b, m, false, 0);
    return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  }
  // First pass with a placeholder start (non-zero, so every offset field is present) fixes the
  // flatbuffer size; the second pass writes the real offsets, which have the same width.
  build(b, m, true, 16);
  std::uint64_t start = (b.GetSize() + 15) / 16 * 16;
  b.Clear();
  build(b, m, true, start);
  if ((b.GetSize() + 15) / 16 * 16 != start)
    return makeError(ErrorCode::Invalid, "internal error: flatbuffer size changed between passes");
  std::string out(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  out.resize(start, '\0');
  for (const auto& buf : m.buffers) {
    if (buf.data.empty()) continue;
    out.append(reinterpret_cast<const char*>(buf.data.data()), buf.data.size());
    out.resize((out.size() + 15) / 16 * 16, '\0');
  }
  return out;
}

Status saveModel(const Model& model, const std::string& path, const WriteOptions& options) {
  auto bytes = serializeModel(model, options);
  if (!bytes) return bytes.error();
  return writeFileAtomic(path, std::string_view(*bytes));
}

}  // namespace inferscope::model
