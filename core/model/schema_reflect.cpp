#include "core/model/schema_reflect.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/model/schema_info.h"

extern const std::uint8_t inferscope_tflite_bfbs[];
extern const std::size_t inferscope_tflite_bfbs_size;

namespace inferscope::model {
namespace detail {
namespace {

std::string_view shortName(const flatbuffers::String* s) {
  std::string_view n(s->c_str(), s->size());
  auto dot = n.rfind('.');
  return dot == std::string_view::npos ? n : n.substr(dot + 1);
}

// The embedded schema, indexed lazily: a check reads the options of a handful of operator types,
// so each table's field list and each operator's options table are worked out on first use (a
// process used to spend ~0.25 ms indexing all ~200 tables up front). Thread-safe: loads may run
// on several threads at once.
class Index {
 public:
  Index() : schema_(reflection::GetSchema(inferscope_tflite_bfbs)) {
    for (const auto* e : *schema_->enums()) {
      if (shortName(e->name()) == "BuiltinOptions") unions_[1] = e;
      if (shortName(e->name()) == "BuiltinOptions2") unions_[2] = e;
    }
    fields_.resize(schema_->objects()->size());
    fieldsOnce_ = std::make_unique<std::once_flag[]>(fields_.size());
    opOptions_.resize(static_cast<std::size_t>(kBuiltinOpCount));
    opOnce_ = std::make_unique<std::once_flag[]>(opOptions_.size());
  }

  const reflection::Schema* schema() const { return schema_; }
  const reflection::Enum* optionsUnion(int slot) const { return slot == 1 || slot == 2 ? unions_[slot] : nullptr; }

  // The non-deprecated fields of objects()[i], sorted by id.
  const std::vector<const reflection::Field*>& fields(flatbuffers::uoffset_t i) const {
    std::call_once(fieldsOnce_[i], [&] {
      auto& fs = fields_[i];
      for (const auto* f : *schema_->objects()->Get(i)->fields())
        if (!f->deprecated()) fs.push_back(f);
      std::sort(fs.begin(), fs.end(), [](auto* a, auto* b) { return a->id() < b->id(); });
    });
    return fields_[i];
  }

  // The (slot, union type) of a builtin operator's options table; (0, 0) when it has none.
  std::pair<int, std::uint8_t> opOptions(std::size_t op) const {
    std::call_once(opOnce_[op], [&] { opOptions_[op] = findOpOptions(static_cast<BuiltinOp>(op)); });
    return opOptions_[op];
  }

  // An enum by its short name ("Padding"); nullptr when the schema has none.
  const reflection::Enum* enumNamed(std::string_view name) const {
    std::call_once(enumsOnce_, [&] {
      for (const auto* e : *schema_->enums()) enums_.emplace(shortName(e->name()), e);
    });
    auto it = enums_.find(name);
    return it == enums_.end() ? nullptr : it->second;
  }

 private:
  // "Conv2D_Options" matches "conv2doptions": underscores dropped, case ignored.
  static bool sameNormalized(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    for (;;) {
      while (i < a.size() && a[i] == '_') ++i;
      while (j < b.size() && b[j] == '_') ++j;
      if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[j])))
        return false;
      ++i, ++j;
    }
  }

  // The options table of an operator is named after it in nearly every case ("CONV_2D" ->
  // "Conv2DOptions"); the exceptions share a table with related operators.
  std::pair<int, std::uint8_t> findOpOptions(BuiltinOp op) const {
    static const std::pair<std::string_view, std::string_view> kShared[] = {
        {"AVERAGE_POOL_2D", "Pool2DOptions"},
        {"MAX_POOL_2D", "Pool2DOptions"},
        {"L2_POOL_2D", "Pool2DOptions"},
        {"L2_NORMALIZATION", "L2NormOptions"},
        {"MAXIMUM", "MaximumMinimumOptions"},
        {"MINIMUM", "MaximumMinimumOptions"},
        {"MEAN", "ReducerOptions"},
        {"SUM", "ReducerOptions"},
        {"REDUCE_MAX", "ReducerOptions"},
        {"REDUCE_MIN", "ReducerOptions"},
        {"REDUCE_PROD", "ReducerOptions"},
        {"REDUCE_ANY", "ReducerOptions"},
        {"REDUCE_ALL", "ReducerOptions"},
        {"CONV_3D_TRANSPOSE", "Conv3DOptions"},
        {"UNIDIRECTIONAL_SEQUENCE_RNN", "SequenceRNNOptions"},
        {"RESIZE_NEAREST_NEIGHBOR", "ResizeNearestNeighborOptions"},
        {"LSH_PROJECTION", "LSHProjectionOptions"},
        {"CONCAT_EMBEDDINGS", "ConcatEmbeddingsOptions"},
        {"EMBEDDING_LOOKUP_SPARSE", "EmbeddingLookupSparseOptions"},
    };
    if (!isKnown(op)) return {0, 0};
    const std::string_view name = builtinOpName(op);
    std::string_view shared;
    for (const auto& [o, t] : kShared)
      if (o == name) shared = t;
    const std::string wanted = std::string(name) + "options";
    // Slot 1 first: a name in both unions resolves to the first.
    for (int slot = 1; slot <= 2; ++slot) {
      if (!unions_[slot]) continue;
      for (const auto* v : *unions_[slot]->values()) {
        if (v->value() == 0) continue;
        auto n = shortName(v->name());
        if (shared.empty() ? sameNormalized(n, wanted) : n == shared)
          return {slot, static_cast<std::uint8_t>(v->value())};
      }
    }
    return {0, 0};
  }

  const reflection::Schema* schema_;
  const reflection::Enum* unions_[3] = {nullptr, nullptr, nullptr};  // slot 1, 2
  mutable std::vector<std::vector<const reflection::Field*>> fields_;
  std::unique_ptr<std::once_flag[]> fieldsOnce_;
  mutable std::vector<std::pair<int, std::uint8_t>> opOptions_;  // per BuiltinOp
  std::unique_ptr<std::once_flag[]> opOnce_;
  mutable std::once_flag enumsOnce_;
  mutable std::unordered_map<std::string_view, const reflection::Enum*> enums_;
};

const Index& index() {
  static const Index idx;
  return idx;
}

const reflection::Enum* fieldEnum(const reflection::Field* f) {
  auto t = f->type();
  auto bt = t->base_type() == reflection::Vector ? t->element() : t->base_type();
  if (t->index() < 0 || bt > reflection::ULong) return nullptr;
  return index().schema()->enums()->Get(static_cast<flatbuffers::uoffset_t>(t->index()));
}

bool isIntegral(reflection::BaseType b) { return b >= reflection::UType && b <= reflection::ULong && b != reflection::Bool; }
bool isReal(reflection::BaseType b) { return b == reflection::Float || b == reflection::Double; }

}  // namespace

const reflection::Schema& schema() { return *index().schema(); }

namespace {
// The union member's table index in schema().objects(), or -1.
std::int64_t memberIndex(int slot, std::uint8_t unionType, std::string_view* name) {
  const auto* u = index().optionsUnion(slot);
  if (!u || unionType == 0) return -1;
  const auto* v = u->values()->LookupByKey(static_cast<std::int64_t>(unionType));
  if (!v || !v->union_type()) return -1;
  if (name) *name = shortName(v->name());
  return v->union_type()->index();
}
}  // namespace

const reflection::Object* unionMember(int slot, std::uint8_t unionType, std::string_view* name) {
  auto i = memberIndex(slot, unionType, name);
  return i < 0 ? nullptr : schema().objects()->Get(static_cast<flatbuffers::uoffset_t>(i));
}

BuiltinOptions readOptions(int slot, std::uint8_t unionType, const flatbuffers::Table* table) {
  BuiltinOptions out;
  std::string_view name;
  const auto member = memberIndex(slot, unionType, &name);
  if (member < 0 || !table) return out;
  out.type = name;
  out.unionSlot = slot;
  const auto& fs = index().fields(static_cast<flatbuffers::uoffset_t>(member));
  out.fields.reserve(fs.size());
  for (const auto* f : fs) {
    OptionField of;
    of.name = std::string_view(f->name()->c_str(), f->name()->size());
    if (const auto* e = fieldEnum(f)) of.enumType = shortName(e->name());
    auto bt = f->type()->base_type();
    if (bt == reflection::Bool) {
      of.value = flatbuffers::GetAnyFieldI(*table, *f) != 0;
    } else if (isIntegral(bt)) {
      of.value = flatbuffers::GetAnyFieldI(*table, *f);
    } else if (isReal(bt)) {
      of.value = flatbuffers::GetAnyFieldF(*table, *f);
    } else if (bt == reflection::String) {
      const auto* s = table->GetPointer<const flatbuffers::String*>(f->offset());
      of.value = s ? std::string(s->c_str(), s->size()) : std::string();
    } else if (bt == reflection::Vector) {
      auto et = f->type()->element();
      const auto* vec = table->GetPointer<const flatbuffers::VectorOfAny*>(f->offset());
      auto n = vec ? vec->size() : 0u;
      if (isReal(et)) {
        std::vector<double> v(n);
        for (flatbuffers::uoffset_t i = 0; i < n; ++i) v[i] = flatbuffers::GetAnyVectorElemF(vec, et, i);
        of.value = std::move(v);
      } else if (et == reflection::String) {
        std::vector<std::string> v;
        const auto* sv = table->GetPointer<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>*>(f->offset());
        if (sv)
          for (const auto* s : *sv) v.emplace_back(s ? s->str() : std::string());
        of.value = std::move(v);
      } else if (isIntegral(et) || et == reflection::Bool) {
        std::vector<std::int64_t> v(n);
        for (flatbuffers::uoffset_t i = 0; i < n; ++i) v[i] = flatbuffers::GetAnyVectorElemI(vec, et, i);
        of.value = std::move(v);
      } else {
        continue;  // no options table in the format has vectors of tables
      }
    } else {
      continue;
    }
    out.fields.push_back(std::move(of));
  }
  return out;
}

namespace {
template <class T>
flatbuffers::Offset<void> vecOf(flatbuffers::FlatBufferBuilder& fbb, const std::vector<std::int64_t>& v) {
  std::vector<T> t(v.begin(), v.end());
  return fbb.CreateVector(t).Union();
}
}  // namespace

flatbuffers::Offset<void> writeOptions(flatbuffers::FlatBufferBuilder& fbb, const BuiltinOptions& options,
                                       std::uint8_t& unionType) {
  unionType = 0;
  if (options.empty()) return 0;
  const auto* u = index().optionsUnion(options.unionSlot == 2 ? 2 : 1);
  std::int64_t member = -1;
  for (const auto* v : *u->values()) {
    if (v->value() != 0 && shortName(v->name()) == options.type && v->union_type()) {
      unionType = static_cast<std::uint8_t>(v->value());
      member = v->union_type()->index();
    }
  }
  if (member < 0) return 0;
  // Offsets (strings, vectors) must exist before the table starts.
  std::vector<std::pair<const reflection::Field*, flatbuffers::Offset<void>>> offsets;
  const auto& fs = index().fields(static_cast<flatbuffers::uoffset_t>(member));
  auto fieldOf = [&](std::string_view n) -> const reflection::Field* {
    for (const auto* f : fs)
      if (n == f->name()->c_str()) return f;
    return nullptr;
  };
  for (const auto& of : options.fields) {
    const auto* f = fieldOf(of.name);
    if (!f) continue;
    auto bt = f->type()->base_type();
    if (bt == reflection::String) {
      const auto& s = std::get<std::string>(of.value);
      if (!s.empty()) offsets.emplace_back(f, fbb.CreateString(s).Union());
    } else if (bt == reflection::Vector) {
      auto et = f->type()->element();
      flatbuffers::Offset<void> off;
      if (auto* iv = std::get_if<std::vector<std::int64_t>>(&of.value)) {
        if (iv->empty()) continue;
        switch (et) {
          case reflection::Bool: case reflection::UByte: off = vecOf<std::uint8_t>(fbb, *iv); break;
          case reflection::Byte: off = vecOf<std::int8_t>(fbb, *iv); break;
          case reflection::Short: off = vecOf<std::int16_t>(fbb, *iv); break;
          case reflection::UShort: off = vecOf<std::uint16_t>(fbb, *iv); break;
          case reflection::Int: off = vecOf<std::int32_t>(fbb, *iv); break;
          case reflection::UInt: off = vecOf<std::uint32_t>(fbb, *iv); break;
          case reflection::Long: off = vecOf<std::int64_t>(fbb, *iv); break;
          case reflection::ULong: off = vecOf<std::uint64_t>(fbb, *iv); break;
          default: continue;
        }
      } else if (auto* dv = std::get_if<std::vector<double>>(&of.value)) {
        if (dv->empty()) continue;
        if (et == reflection::Float) off = fbb.CreateVector(std::vector<float>(dv->begin(), dv->end())).Union();
        else off = fbb.CreateVector(*dv).Union();
      } else if (auto* sv = std::get_if<std::vector<std::string>>(&of.value)) {
        if (sv->empty()) continue;
        off = fbb.CreateVectorOfStrings(*sv).Union();
      } else {
        continue;
      }
      offsets.emplace_back(f, off);
    }
  }
  auto start = fbb.StartTable();
  for (const auto& of : options.fields) {
    const auto* f = fieldOf(of.name);
    if (!f) continue;
    auto bt = f->type()->base_type();
    auto slot = f->offset();
    if (bt == reflection::Bool) {
      fbb.AddElement<std::uint8_t>(slot, std::get<bool>(of.value) ? 1 : 0,
                                   static_cast<std::uint8_t>(f->default_integer()));
    } else if (isIntegral(bt)) {
      auto v = std::get<std::int64_t>(of.value);
      auto d = f->default_integer();
      switch (bt) {
        case reflection::UType: case reflection::UByte: fbb.AddElement<std::uint8_t>(slot, static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(d)); break;
        case reflection::Byte: fbb.AddElement<std::int8_t>(slot, static_cast<std::int8_t>(v), static_cast<std::int8_t>(d)); break;
        case reflection::Short: fbb.AddElement<std::int16_t>(slot, static_cast<std::int16_t>(v), static_cast<std::int16_t>(d)); break;
        case reflection::UShort: fbb.AddElement<std::uint16_t>(slot, static_cast<std::uint16_t>(v), static_cast<std::uint16_t>(d)); break;
        case reflection::Int: fbb.AddElement<std::int32_t>(slot, static_cast<std::int32_t>(v), static_cast<std::int32_t>(d)); break;
        case reflection::UInt: fbb.AddElement<std::uint32_t>(slot, static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(d)); break;
        case reflection::Long: fbb.AddElement<std::int64_t>(slot, v, d); break;
        case reflection::ULong: fbb.AddElement<std::uint64_t>(slot, static_cast<std::uint64_t>(v), static_cast<std::uint64_t>(d)); break;
        default: break;
      }
    } else if (bt == reflection::Float) {
      fbb.AddElement<float>(slot, static_cast<float>(std::get<double>(of.value)), static_cast<float>(f->default_real()));
    } else if (bt == reflection::Double) {
      fbb.AddElement<double>(slot, std::get<double>(of.value), f->default_real());
    }
  }
  for (const auto& [f, off] : offsets) fbb.AddOffset(f->offset(), off);
  return flatbuffers::Offset<void>(fbb.EndTable(start));
}

}  // namespace detail

std::string_view enumValueName(std::string_view enumType, std::int64_t value) {
  const auto* e = detail::index().enumNamed(enumType);
  if (!e) return {};
  const auto* v = e->values()->LookupByKey(value);
  return v ? std::string_view(v->name()->c_str(), v->name()->size()) : std::string_view{};
}

std::optional<std::int64_t> enumValueFromName(std::string_view enumType, std::string_view name) {
  const auto* e = detail::index().enumNamed(enumType);
  if (!e) return std::nullopt;
  for (const auto* v : *e->values())
    if (name == v->name()->c_str()) return v->value();
  return std::nullopt;
}

std::vector<std::pair<std::string_view, std::int64_t>> enumValues(std::string_view enumType) {
  std::vector<std::pair<std::string_view, std::int64_t>> out;
  const auto* e = detail::index().enumNamed(enumType);
  if (!e) return out;
  for (const auto* v : *e->values())
    out.emplace_back(std::string_view(v->name()->c_str(), v->name()->size()), v->value());
  return out;
}

std::string_view optionsTypeFor(BuiltinOp op) {
  auto i = static_cast<std::int32_t>(op);
  if (i < 0 || i >= kBuiltinOpCount) return {};
  auto [slot, type] = detail::index().opOptions(static_cast<std::size_t>(i));
  std::string_view name;
  detail::unionMember(slot, type, &name);
  return name;
}

Result<BuiltinOptions> makeOptions(BuiltinOp op, std::span<const OptionInit> values) {
  auto i = static_cast<std::int32_t>(op);
  if (i < 0 || i >= kBuiltinOpCount) return makeError(ErrorCode::Usage, "unknown operator code");
  auto [slot, type] = detail::index().opOptions(static_cast<std::size_t>(i));
  const auto* obj = detail::unionMember(slot, type);
  if (!obj) {
    if (values.empty()) return BuiltinOptions{};
    return makeError(ErrorCode::Usage, std::string(builtinOpName(op)) + " takes no builtin options");
  }
  // Reading an absent table yields every default.
  flatbuffers::FlatBufferBuilder fbb;
  auto start = fbb.StartTable();
  fbb.Finish(flatbuffers::Offset<flatbuffers::Table>(fbb.EndTable(start)));
  const auto* empty = flatbuffers::GetRoot<flatbuffers::Table>(fbb.GetBufferPointer());
  BuiltinOptions out = detail::readOptions(slot, type, empty);
  for (const auto& [key, val] : values) {
    OptionField* f = nullptr;
    for (auto& of : out.fields)
      if (of.name == key) f = &of;
    if (!f) {
      std::string names;
      for (const auto& of : out.fields) names += (names.empty() ? "" : ", ") + std::string(of.name);
      return makeError(ErrorCode::Usage, std::string(out.type) + " has no option '" + std::string(key) +
                                             "' (options: " + names + ")");
    }
    OptionScalar v = val;
    if (!f->enumType.empty()) {
      if (auto* s = std::get_if<std::string>(&v)) {
        auto e = enumValueFromName(f->enumType, *s);
        if (!e) return makeError(ErrorCode::Usage, "'" + *s + "' is not a " + std::string(f->enumType));
        v = *e;
      }
    }
    if (std::holds_alternative<std::int64_t>(f->value) && std::holds_alternative<bool>(v))
      v = static_cast<std::int64_t>(std::get<bool>(v));
    if (std::holds_alternative<double>(f->value) && std::holds_alternative<std::int64_t>(v))
      v = static_cast<double>(std::get<std::int64_t>(v));
    if (v.index() != f->value.index())
      return makeError(ErrorCode::Usage, "option '" + std::string(key) + "' of " + std::string(out.type) +
                                             " has another type");
    f->value = std::move(v);
  }
  return out;
}

}  // namespace inferscope::model
