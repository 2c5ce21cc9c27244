// Minimal command-line parsing for inferscope-cli: positional arguments, --flag and --key VALUE.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace inferscope::cli {

class Args {
 public:
  // `valueOptions` take a value (--key VALUE or --key=VALUE); `flags` do not. Anything else that
  // starts with "--" is an error reported by error().
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
       const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;  // repeated options
  const std::string& error() const { return error_; }

 private:
  std::vector<std::string> positional_;
  std::multimap<std::string, std::string> values_;
  std::string error_;
};

// Exit statuses shared by every command.
enum Exit : int { kOk = 0, kFailure = 1, kBadInput = 2 };

}  // namespace inferscope::cli
