// inferscope-cli: the headless front end. MLIA-style subcommands over the same core as the GUI.
#include <cstring>
#include <string>

#include "args.h"
#include "commands.h"
#include "console.h"
#include "startup.h"
#include "core/util/fileio.h"

namespace inferscope::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"inspect", "show a model's structure: summary, inputs, outputs and operators",
       "inspect MODEL [--json]", runInspect},
      {"targets", "list the built-in target profiles, or show one profile or Vela .ini file resolved",
       "targets list [--json] | targets show NAME|PROFILE.toml|VELA.ini [--json]", runTargets},
      {"check", "check a model against a target profile: where each operator runs and why (Ethos-U, Cortex-A, TOSA),\n"
       "      Vela-like estimates, and report files (JSON, CSV with Vela's columns, PDF)",
       "check MODEL --target-profile NAME|PROFILE.toml [--compatibility] [--performance] [--json FILE|-]\n"
       "        [--csv DIR] [--pdf FILE] [--compare-targets]",
       runCheck},
  };
  return list;
}

bool writeOutput(const std::string& path, const std::string& text) {
  if (path == "-") {
    return out({text});
  }
  auto s = writeFileAtomic(path, std::string_view(text));
  if (!s) err({"inferscope-cli: ", s.error().message, "\n"});
  return static_cast<bool>(s);
}

namespace {
// The usage text, on stdout (asked for) or stderr (a mistake).
void usage(bool toStdout) {
  std::string text = "InferScope " INFERSCOPE_VERSION
                     " - how a TFLite model runs on Arm Ethos-U, Cortex-A and TOSA targets\n\n"
                     "usage: inferscope-cli COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& c : commands()) text.append("  ").append(c.usage).append("\n      ").append(c.summary).append("\n");
  text += "\nExit status: 0 success, 1 failure writing output, 2 bad input (model, profile, arguments).\n";
  if (toStdout) out({text});
  else err({text});
}
}  // namespace

}  // namespace inferscope::cli

int main(int argc, char** argv) {
  using namespace inferscope::cli;
  prepareHeap();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    usage(argc >= 2);
    return argc < 2 ? kBadInput : flushOutput(kOk);
  }
  if (!std::strcmp(argv[1], "--version")) {
    out({"inferscope-cli " INFERSCOPE_VERSION "\n"});
    return flushOutput(kOk);
  }
  std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& c : commands())
    if (c.name == std::string(argv[1])) return flushOutput(c.run(rest));
  err({"inferscope-cli: unknown command '", argv[1], "'\n"});
  usage(false);
  return kBadInput;
}
