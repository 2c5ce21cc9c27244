// inferscope-cli inspect: a model's structure (summary, inputs, outputs, operators) as text or JSON.
#include "args.h"
#include "commands.h"
#include "console.h"
#include "core/model/loader.h"
#include "core/report/inspect.h"

namespace inferscope::cli {

int runInspect(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"json"});
  if (!args.error().empty() || args.positional().size() != 1) {
    err({"inferscope-cli inspect: ", args.error().empty() ? std::string_view("expected one MODEL") : std::string_view(args.error()),
         "\nusage: inferscope-cli inspect MODEL [--json]\n"});
    return kBadInput;
  }
  const auto& path = args.positional()[0];
  auto model = model::loadModel(path);
  if (!model) {
    err({"inferscope-cli: ", model.error().message, "\n"});
    return kBadInput;
  }
  if (args.has("json")) out({json::write(report::inspectJson(**model, path)), "\n"});
  else out({report::inspectText(**model, path)});
  return kOk;
}

}  // namespace inferscope::cli
