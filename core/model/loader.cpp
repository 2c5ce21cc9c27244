#include "core/model/loader.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/model/file_layout.h"
#include "core/model/finalize.h"
#include "core/model/schema_reflect.h"
#include "tflite_generated.h"

namespace inferscope::model {
namespace {

// Float weight buffers from this size on are mapped on use (see loadModel).
constexpr std::uint64_t kRarelyReadBytes = 64 << 10;

// Vectors of scalars are copied byte-wise: the Verifier checks only the 4-byte alignment of a
// vector's length, so 8-byte elements (int64 zero points, shapes of big models) may sit at
// addresses a typed load must not use.
template <class T, class U>
std::vector<T> toVec(const flatbuffers::Vector<U>* v) {
  if (!v) return {};
  if constexpr (std::is_arithmetic_v<U> && sizeof(U) > 1) {
    std::vector<T> out(v->size());
    const auto* raw = reinterpret_cast<const std::uint8_t*>(v->Data());
    for (std::size_t i = 0; i < out.size(); ++i) {
      U x;
      std::memcpy(&x, raw + i * sizeof(U), sizeof(U));
      out[i] = static_cast<T>(flatbuffers::EndianScalar(x));
    }
    return out;
  } else if constexpr (std::is_arithmetic_v<U>) {
    // Bytes: a plain pointer range (the vector's own iterator converts element by element).
    const auto* d = reinterpret_cast<const U*>(v->Data());
    return std::vector<T>(d, d + v->size());
  } else {
    return std::vector<T>(v->begin(), v->end());
  }
}

std::string toStr(const flatbuffers::String* s) { return s ? s->str() : std::string(); }

std::string printableId(std::span<const std::uint8_t> b) {
  std::string id;
  for (std::size_t i = 4; i < 8; ++i) {
    auto c = b[i];
    if (c >= 0x20 && c < 0x7f) id += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      id += buf;
    }
  }
  return id;
}

// A view of the values as stored (the verifier checked the vector's bounds).
template <class V>
SparseIndices sparseView(const V* v) {
  SparseIndices out;
  using T = typename std::remove_pointer_t<decltype(v->values()->data())>;
  out.width = static_cast<std::uint8_t>(sizeof(T));
  if (v && v->values())
    out.raw.bytes = {reinterpret_cast<const std::uint8_t*>(v->values()->Data()), v->values()->size() * sizeof(T)};
  return out;
}

SparseIndices sparseIndexVector(tflite::SparseIndexVector type, const void* p, std::uint8_t& t) {
  t = static_cast<std::uint8_t>(type);
  switch (type) {
    case tflite::SparseIndexVector_Int32Vector: return sparseView(static_cast<const tflite::Int32Vector*>(p));
    case tflite::SparseIndexVector_Uint16Vector: return sparseView(static_cast<const tflite::Uint16Vector*>(p));
    case tflite::SparseIndexVector_Uint8Vector: return sparseView(static_cast<const tflite::Uint8Vector*>(p));
    default: break;
  }
  return {};
}

class Reader {
 public:
  Reader(std::shared_ptr<const FileBytes> bytes, const LoadLimits& limits)
      : bytes_(std::move(bytes)), file_(bytes_->bytes()), limits_(limits) {}

  Result<ModelPtr> run() {
    if (file_.empty()) return makeError(ErrorCode::Format, "the file is empty");
    if (file_.size() < 8)
      return makeError(ErrorCode::Format, "the file is " + std::to_string(file_.size()) +
                                              " bytes, too small to be a TFLite model");
    if (file_.size() > limits_.maxFileBytes)
      return makeError(ErrorCode::Format, "the file is larger than the limit of " +
                                              std::to_string(limits_.maxFileBytes) + " bytes");
    if (!tflite::ModelBufferHasIdentifier(file_.data()))
      return makeError(ErrorCode::Format, "not a TFLite model: the file identifier is '" + printableId(file_) +
                                              "', expected 'TFL3'");
    // The flatbuffer itself is below 2 GiB; larger files keep buffers after it, by offset.
    std::size_t fbSize = std::min<std::size_t>(file_.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
    auto root = flatbuffers::ReadScalar<flatbuffers::uoffset_t>(file_.data());
    if (root >= fbSize)
      return makeError(ErrorCode::Format, "the root table offset " + std::to_string(root) +
                                              " points past the end of the file (truncated file?)");
    // Tables are at least 4 bytes, so the table count is bounded by the size; the verifier's work
    // is linear in the file size.
    auto maxTables = static_cast<flatbuffers::uoffset_t>(std::max<std::size_t>(fbSize / 4 + 16, 1024));
    flatbuffers::Verifier verifier(file_.data(), fbSize, limits_.maxDepth, maxTables);
    if (!tflite::VerifyModelBuffer(verifier))
      return makeError(ErrorCode::Format,
                       "the file failed FlatBuffers verification: offsets or sizes point outside the file "
                       "or tables are malformed (truncated or corrupted file?)");
    fb_ = tflite::GetModel(file_.data());
    model_ = std::make_shared<Model>();
    model_->storage = bytes_;
    if (auto s = readTop(); !s) return s.error();
    if (auto s = finalizeModel(*model_); !s) return s.error();
    return ModelPtr(std::move(model_));
  }

 private:
  Result<ByteView> external(std::uint64_t offset, std::uint64_t size, const std::string& what) {
    if (offset > file_.size() || size > file_.size() - offset)
      return makeError(ErrorCode::Format, what + " (offset " + std::to_string(offset) + ", " + std::to_string(size) +
                                              " bytes) lies past the end of the " + std::to_string(file_.size()) +
                                              "-byte file (truncated file?)");
    return ByteView{file_.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(size))};
  }

  Status readTop() {
    auto& m = *model_;
    m.version = fb_->version();
    m.description = toStr(fb_->description());
    if (const auto* bufs = fb_->buffers()) {
      m.buffers.reserve(bufs->size());
      for (flatbuffers::uoffset_t i = 0; i < bufs->size(); ++i) {
        const auto* b = bufs->Get(i);
        Buffer buf;
        if (b && b->offset() > 1) {
          auto v = external(b->offset(), b->size(), "buffer " + std::to_string(i));
          if (!v) return v.error();
          buf.data = *v;
          buf.external = true;
        } else if (b && b->data()) {
          buf.data = ByteView{{b->data()->data(), b->data()->size()}};
        }
        m.buffers.push_back(buf);
      }
    }
    if (const auto* codes = fb_->operator_codes()) {
      for (const auto* c : *codes) {
        OperatorCode oc;
        if (c) {
          auto eff = std::max<std::int32_t>(c->builtin_code(), c->deprecated_builtin_code());
          oc.builtin = static_cast<BuiltinOp>(eff);
          oc.deprecatedBuiltinCode = c->deprecated_builtin_code();
          oc.customCode = toStr(c->custom_code());
          oc.version = c->version();
        }
        m.opcodes.push_back(std::move(oc));
      }
    }
    m.metadataBuffer = toVec<std::int32_t>(fb_->metadata_buffer());
    if (const auto* md = fb_->metadata())
      for (const auto* e : *md)
        if (e) m.metadata.push_back({toStr(e->name()), e->buffer()});
    if (const auto* sigs = fb_->signature_defs()) {
      for (const auto* s : *sigs) {
        if (!s) continue;
        SignatureDef sd;
        sd.key = toStr(s->signature_key());
        sd.subgraphIndex = s->subgraph_index();
        auto maps = [](const flatbuffers::Vector<flatbuffers::Offset<tflite::TensorMap>>* v) {
          std::vector<TensorMapEntry> out;
          if (v)
            for (const auto* t : *v)
              if (t) out.push_back({toStr(t->name()), t->tensor_index()});
          return out;
        };
        sd.inputs = maps(s->inputs());
        sd.outputs = maps(s->outputs());
        m.signatures.push_back(std::move(sd));
      }
    }
    if (!fb_->subgraphs() || fb_->subgraphs()->size() == 0)
      return makeError(ErrorCode::Invalid, "the model has no subgraphs");
    std::uint32_t si = 0;
    for (const auto* s : *fb_->subgraphs()) {
      if (!s) return makeError(ErrorCode::Invalid, "subgraph " + std::to_string(si) + " is missing");
      auto r = readSubgraph(*s, si++);
      if (!r) return r.error();
      m.subgraphs.push_back(std::move(*r));
    }
    return Ok{};
  }

  Result<Subgraph> readSubgraph(const tflite::SubGraph& s, std::uint32_t si) {
    Subgraph sg;
    std::string where = "subgraph " + std::to_string(si);
    sg.name = toStr(s.name());
    sg.inputs = toVec<std::int32_t>(s.inputs());
    sg.outputs = toVec<std::int32_t>(s.outputs());
    sg.debugMetadataIndex = s.debug_metadata_index();
    if (const auto* ts = s.tensors()) {
      if (ts->size() > limits_.maxTensorsPerSubgraph)
        return makeError(ErrorCode::Invalid, where + " has " + std::to_string(ts->size()) + " tensors, more than the limit");
      sg.tensors.reserve(ts->size());
      std::uint32_t ti = 0;
      for (const auto* t : *ts) {
        if (!t) return makeError(ErrorCode::Invalid, where + ": tensor " + std::to_string(ti) + " is missing");
        sg.tensors.push_back(readTensor(*t));
        ++ti;
      }
    }
    if (const auto* ops = s.operators()) {
      if (ops->size() > limits_.maxOperatorsPerSubgraph)
        return makeError(ErrorCode::Invalid, where + " has " + std::to_string(ops->size()) + " operators, more than the limit");
      sg.operators.reserve(ops->size());
      std::uint32_t oi = 0;
      for (const auto* o : *ops) {
        if (!o) return makeError(ErrorCode::Invalid, where + ": operator " + std::to_string(oi) + " is missing");
        auto r = readOperator(*o, si, oi);
        if (!r) return r.error();
        sg.operators.push_back(std::move(*r));
        ++oi;
      }
    }
    return sg;
  }

  Tensor readTensor(const tflite::Tensor& t) {
    Tensor out;
    out.name = toStr(t.name());
    out.shape = toVec<std::int32_t>(t.shape());
    out.shapeSignature = toVec<std::int32_t>(t.shape_signature());
    out.dtype = static_cast<DType>(t.type());
    out.buffer = t.buffer();
    out.isVariable = t.is_variable();
    out.hasRank = t.has_rank();
    if (const auto* q = t.quantization()) {
      Quantization qq;
      qq.scale = toVec<float>(q->scale());
      qq.zeroPoint = toVec<std::int64_t>(q->zero_point());
      qq.min = toVec<float>(q->min());
      qq.max = toVec<float>(q->max());
      qq.quantizedDimension = q->quantized_dimension();
      if (const auto* c = q->details_as_CustomQuantization()) qq.customDetails = toVec<std::uint8_t>(c->custom());
      out.quant = std::move(qq);
    }
    if (const auto* sp = t.sparsity()) {
      Sparsity s;
      s.traversalOrder = toVec<std::int32_t>(sp->traversal_order());
      s.blockMap = toVec<std::int32_t>(sp->block_map());
      if (const auto* dm = sp->dim_metadata()) {
        for (const auto* d : *dm) {
          DimensionMetadata m;
          if (d) {
            m.format = static_cast<std::int8_t>(d->format());
            m.denseSize = d->dense_size();
            m.segments = sparseIndexVector(d->array_segments_type(), d->array_segments(), m.segmentsType);
            m.indices = sparseIndexVector(d->array_indices_type(), d->array_indices(), m.indicesType);
          }
          s.dimMetadata.push_back(std::move(m));
        }
      }
      out.sparsity = std::move(s);
    }
    if (const auto* vt = t.variant_tensors())
      for (const auto* v : *vt)
        if (v) out.variantTensors.push_back({toVec<std::int32_t>(v->shape()), static_cast<DType>(v->type()), v->has_rank()});
    if (out.buffer < model_->buffers.size()) out.data = model_->buffers[out.buffer].data;
    return out;
  }

  // (Its place in the model is put into words only for an error message.)
  Result<Operator> readOperator(const tflite::Operator& o, std::uint32_t si, std::uint32_t oi) {
    auto where = [&] { return "subgraph " + std::to_string(si) + ", operator " + std::to_string(oi); };
    Operator op;
    op.opcodeIndex = o.opcode_index();
    if (op.opcodeIndex >= model_->opcodes.size())
      return makeError(ErrorCode::Invalid, where() + " uses operator code " + std::to_string(op.opcodeIndex) +
                                               " but the model has " + std::to_string(model_->opcodes.size()));
    op.code = model_->opcodes[op.opcodeIndex].builtin;
    op.inputs = toVec<std::int32_t>(o.inputs());
    op.outputs = toVec<std::int32_t>(o.outputs());
    op.intermediates = toVec<std::int32_t>(o.intermediates());
    if (const auto* mv = o.mutating_variable_inputs()) op.mutatingVariableInputs.assign(mv->begin(), mv->end());
    op.debugMetadataIndex = o.debug_metadata_index();
    if (o.builtin_options_type() != tflite::BuiltinOptions_NONE)
      op.options = detail::readOptions(1, static_cast<std::uint8_t>(o.builtin_options_type()),
                                       static_cast<const flatbuffers::Table*>(o.builtin_options()));
    else if (o.builtin_options_2_type() != tflite::BuiltinOptions2_NONE)
      op.options = detail::readOptions(2, static_cast<std::uint8_t>(o.builtin_options_2_type()),
                                       static_cast<const flatbuffers::Table*>(o.builtin_options_2()));
    op.customOptionsFormat = static_cast<std::int8_t>(o.custom_options_format());
    if (o.large_custom_options_offset() > 1) {
      auto v = external(o.large_custom_options_offset(), o.large_custom_options_size(), where() + ": custom options");
      if (!v) return v.error();
      op.customOptions = *v;
    } else if (const auto* co = o.custom_options()) {
      op.customOptions = ByteView{{co->data(), co->size()}};
    }
    return op;
  }

  std::shared_ptr<const FileBytes> bytes_;
  std::span<const std::uint8_t> file_;
  LoadLimits limits_;
  const tflite::Model* fb_ = nullptr;
  std::shared_ptr<Model> model_;
};

}  // namespace

Result<ModelPtr> loadModel(std::shared_ptr<const FileBytes> bytes, const LoadLimits& limits) {
  if (!bytes) return makeError(ErrorCode::Usage, "no model bytes");
  return Reader(std::move(bytes), limits).run();
}

Result<ModelPtr> loadModel(const std::string& path, const LoadLimits& limits) {
  // A mapped model's float weights are left to be mapped on use: a check never reads them.
  auto bytes = mapFile(path, limits.maxFileBytes,
                       [](std::span<const std::uint8_t> file) { return floatWeightRanges(file, kRarelyReadBytes); });
  if (!bytes) return bytes.error();
  auto m = loadModel(std::move(*bytes), limits);
  if (!m) return makeError(m.error().code, path + ": " + m.error().message);
  return m;
}

}  // namespace inferscope::model
