#include "core/model/custom_options.h"

#include <flatbuffers/flexbuffers.h>

namespace inferscope::model {
namespace {

json::Value convert(const flexbuffers::Reference& r, int depth) {
  if (depth > 32) return json::Value("<too deep>");
  switch (r.GetType()) {
    case flexbuffers::FBT_NULL: return json::Value();
    case flexbuffers::FBT_BOOL: return json::Value(r.AsBool());
    case flexbuffers::FBT_INT:
    case flexbuffers::FBT_INDIRECT_INT: return json::Value(static_cast<long long>(r.AsInt64()));
    case flexbuffers::FBT_UINT:
    case flexbuffers::FBT_INDIRECT_UINT: return json::Value(static_cast<unsigned long long>(r.AsUInt64()));
    case flexbuffers::FBT_FLOAT:
    case flexbuffers::FBT_INDIRECT_FLOAT: return json::Value(r.AsDouble());
    case flexbuffers::FBT_STRING:
    case flexbuffers::FBT_KEY: return json::Value(r.AsString().str());
    case flexbuffers::FBT_BLOB: return json::Value(std::to_string(r.AsBlob().size()) + " bytes");
    case flexbuffers::FBT_MAP: {
      auto m = r.AsMap();
      json::Value out = json::Object{};
      auto keys = m.Keys();
      auto vals = m.Values();
      for (size_t i = 0; i < m.size(); ++i) out.set(keys[i].AsKey(), convert(vals[i], depth + 1));
      return out;
    }
    default:
      if (r.IsVector() || r.IsTypedVector() || r.IsFixedTypedVector()) {
        auto v = r.AsVector();
        json::Value out = json::Array{};
        for (size_t i = 0; i < v.size() && i < 4096; ++i) out.push(convert(v[i], depth + 1));
        return out;
      }
      return json::Value("<unsupported value>");
  }
}

}  // namespace

Result<json::Value> decodeCustomOptions(const Operator& op) {
  if (op.customOptions.empty()) return json::Value();
  if (op.customOptionsFormat != 0)
    return makeError(ErrorCode::Unsupported, "custom options are not in FlexBuffers format");
  const auto* p = op.customOptions.data();
  auto n = op.customOptions.size();
  if (n >= FLATBUFFERS_MAX_BUFFER_SIZE) return makeError(ErrorCode::Unsupported, "custom options are too large");
  std::vector<std::uint8_t> tracker;
  if (!flexbuffers::VerifyBuffer(p, n, &tracker))
    return makeError(ErrorCode::Format, "custom options are not a valid FlexBuffer (" + std::to_string(n) + " bytes)");
  return convert(flexbuffers::GetRoot(p, n), 0);
}

}  // namespace inferscope::model
