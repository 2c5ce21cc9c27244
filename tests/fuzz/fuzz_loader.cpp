// libFuzzer target for the model loader: whatever the bytes, loading either fails with an error or
// gives a model that the reports and the writer can handle. Nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/model/custom_options.h"
#include "core/model/loader.h"
#include "core/model/writer.h"
#include "core/report/inspect.h"
#include "core/util/fileio.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace inferscope;
  auto m = model::loadModel(ownBytes(std::string(reinterpret_cast<const char*>(data), size)));
  if (!m) return 0;
  (void)report::inspectText(**m);
  for (const auto& sg : (*m)->subgraphs)
    for (const auto& op : sg.operators) (void)model::decodeCustomOptions(op);
  auto bytes = model::serializeModel(**m);
  if (bytes) {
    auto back = model::loadModel(ownBytes(std::move(*bytes)));
    if (!back) __builtin_trap();  // what we write must load
  }
  return 0;
}
