#include "console.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace inferscope::cli {

namespace {
bool write(std::FILE* f, std::initializer_list<std::string_view> pieces) {
  for (std::string_view p : pieces)
    if (!p.empty()) std::fwrite(p.data(), 1, p.size(), f);
  return std::ferror(f) == 0;
}
}  // namespace

bool out(std::initializer_list<std::string_view> pieces) { return write(stdout, pieces); }
void err(std::initializer_list<std::string_view> pieces) { write(stderr, pieces); }

int flushOutput(int status) {
  if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return status;
  const int code = errno;
  err({"inferscope-cli: could not write the output: ", std::strerror(code), "\n"});
  return status == 0 ? 1 : status;
}

}  // namespace inferscope::cli
