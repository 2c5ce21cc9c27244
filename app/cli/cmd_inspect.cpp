#include <iostream>

#include "args.h"
#include "commands.h"
#include "core/model/loader.h"
#include "core/report/inspect.h"

namespace inferscope::cli {

int runInspect(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"json"});
  if (!args.error().empty() || args.positional().size() != 1) {
    std::cerr << "inferscope-cli inspect: " << (args.error().empty() ? "expected one MODEL" : args.error())
              << "\nusage: inferscope-cli inspect MODEL [--json]\n";
    return kBadInput;
  }
  const auto& path = args.positional()[0];
  auto model = model::loadModel(path);
  if (!model) {
    std::cerr << "inferscope-cli: " << model.error().message << "\n";
    return kBadInput;
  }
  if (args.has("json")) std::cout << json::write(report::inspectJson(**model, path)) << "\n";
  else std::cout << report::inspectText(**model, path);
  return kOk;
}

}  // namespace inferscope::cli
