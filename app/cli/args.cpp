#include "args.h"

namespace inferscope::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const auto& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string key = a.substr(2), val;
      bool inlineValue = false;
      if (auto eq = key.find('='); eq != std::string::npos) {
        val = key.substr(eq + 1);
        key = key.substr(0, eq);
        inlineValue = true;
      }
      if (flags.count(key)) {
        if (inlineValue) { error_ = "--" + key + " takes no value"; return; }
        values_.emplace(key, "");
      } else if (valueOptions.count(key)) {
        if (!inlineValue) {
          if (i + 1 >= argv.size()) { error_ = "--" + key + " needs a value"; return; }
          val = argv[++i];
        }
        values_.emplace(key, val);
      } else {
        error_ = "unknown option --" + key;
        return;
      }
    } else {
      positional_.push_back(a);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = values_.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

}  // namespace inferscope::cli
