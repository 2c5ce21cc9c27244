// Internal: generic access to options tables through the embedded binary schema (reflection).
#pragma once

#include <flatbuffers/flatbuffers.h>
#include <flatbuffers/reflection.h>

#include "core/model/ir.h"

namespace inferscope::model::detail {

const reflection::Schema& schema();
// The table definition of a union member; nullptr for NONE or unknown members.
const reflection::Object* unionMember(int slot, std::uint8_t unionType, std::string_view* name = nullptr);
// Reads every non-deprecated field of an options table (defaults for absent fields).
BuiltinOptions readOptions(int slot, std::uint8_t unionType, const flatbuffers::Table* table);
// Writes options; sets unionType to the member index of options.type in its union.
flatbuffers::Offset<void> writeOptions(flatbuffers::FlatBufferBuilder& fbb, const BuiltinOptions& options,
                                       std::uint8_t& unionType);

}  // namespace inferscope::model::detail
