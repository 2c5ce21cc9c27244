// inferscope-cli targets: list the built-in target profiles, show one profile (built-in or file) or a
// Vela .ini file with every value resolved.
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "console.h"
#include "core/targets/builtin_profiles.h"
#include "core/targets/describe.h"
#include "core/util/text.h"

namespace inferscope::cli {

namespace {

constexpr const char* kUsage =
    "usage: inferscope-cli targets list [--json]\n"
    "       inferscope-cli targets show NAME|PROFILE.toml [--json]\n"
    "       inferscope-cli targets show VELA.ini [--target ethos-u55|ethos-u65|ethos-u85] [--json]\n";

int fail(const std::string& msg) {
  err({"inferscope-cli targets: ", msg, "\n", kUsage});
  return kBadInput;
}

int runList(const Args& args) {
  if (args.positional().size() != 1) return fail("list takes no arguments");
  json::Value all = json::Array{};
  text::Table t({"Name", "Target", "MACs", "System config", "Memory mode", "Description"});
  for (const auto& name : targets::builtinProfileNames()) {
    auto p = targets::builtinProfile(name);
    if (!p) {
      err({"inferscope-cli: ", p.error().message, "\n"});
      return kFailure;
    }
    json::Value e = json::Object{};
    e.set("name", p->name);
    e.set("target", p->target);
    e.set("description", p->description);
    if (p->isEthosU()) {
      e.set("mac", p->mac);
      e.set("system_config", p->systemConfigName);
      e.set("memory_mode", p->memoryModeName);
    }
    all.push(e);
    t.addRow({p->name, p->target, p->isEthosU() ? std::to_string(p->mac) : "-",
              p->isEthosU() ? p->systemConfigName : "-", p->isEthosU() ? p->memoryModeName : "-", p->description});
  }
  if (args.has("json")) out({json::write(all), "\n"});
  else out({"Built-in target profiles:\n", t.render(80, "  ")});
  return kOk;
}

int runShow(const Args& args) {
  if (args.positional().size() != 2) return fail("show needs one NAME or FILE");
  const auto& what = args.positional()[1];
  if (std::filesystem::path(what).extension() == ".ini") {
    auto family = targets::familyFromTarget(args.value("target").value_or("ethos-u55"));
    if (!family || !targets::isEthosU(*family)) return fail("--target must be ethos-u55, ethos-u65 or ethos-u85");
    auto cfg = targets::VelaConfig::load(what);
    if (!cfg) {
      err({"inferscope-cli: ", cfg.error().message, "\n"});
      return kBadInput;
    }
    if (args.has("json")) out({json::write(targets::velaConfigJson(*cfg, *family)), "\n"});
    else out({targets::velaConfigText(*cfg, *family)});
    return kOk;
  }
  if (args.has("target")) return fail("--target applies to .ini files only");
  auto p = targets::resolveProfile(what);
  if (!p) {
    err({"inferscope-cli: ", p.error().message, "\n"});
    return kBadInput;
  }
  if (args.has("json")) out({json::write(targets::profileJson(*p)), "\n"});
  else out({targets::profileText(*p)});
  return kOk;
}

}  // namespace

int runTargets(const std::vector<std::string>& argv) {
  Args args(argv, {"target"}, {"json"});
  if (!args.error().empty()) return fail(args.error());
  if (args.positional().empty()) return fail("expected a subcommand: list or show");
  const auto& sub = args.positional()[0];
  if (sub == "list") return runList(args);
  if (sub == "show") return runShow(args);
  return fail("unknown subcommand '" + sub + "'");
}

}  // namespace inferscope::cli
