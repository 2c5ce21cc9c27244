#include "core/util/fileio.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

namespace inferscope {
namespace {

std::string sysError(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

class MappedFile final : public FileBytes {
 public:
  MappedFile(void* p, std::size_t n) : p_(p), n_(n) {}
  ~MappedFile() override {
    if (p_ && n_) ::munmap(p_, n_);
  }
  std::span<const std::uint8_t> bytes() const override {
    return {static_cast<const std::uint8_t*>(p_), n_};
  }

 private:
  void* p_;
  std::size_t n_;
};

class OwnedBytes final : public FileBytes {
 public:
  explicit OwnedBytes(std::string d) : d_(std::move(d)) {}
  std::span<const std::uint8_t> bytes() const override {
    return {reinterpret_cast<const std::uint8_t*>(d_.data()), d_.size()};
  }

 private:
  std::string d_;
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::shared_ptr<const FileBytes> ownBytes(std::string data) {
  return std::make_shared<OwnedBytes>(std::move(data));
}

// The page tables of the whole file are filled by the mmap call itself: a model is read almost
// entirely (verifier, weights), and one fault per page costs far more than mapping them at once,
// above all in virtual machines (MobileNet-v2, 3.5 MB: about 4 ms less in a short-lived CLI).
#ifdef MAP_POPULATE
constexpr int kPopulate = MAP_POPULATE;
#else
constexpr int kPopulate = 0;
#endif

Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path, std::uint64_t maxBytes) {
  Fd f;
  f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd < 0) return makeError(ErrorCode::Io, sysError("cannot open", path));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return makeError(ErrorCode::Io, sysError("cannot stat", path));
  if (S_ISDIR(st.st_mode)) return makeError(ErrorCode::Io, "'" + path + "' is a directory, not a file");
  if (S_ISREG(st.st_mode)) {
    auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > maxBytes)
      return makeError(ErrorCode::Io, "'" + path + "' is " + std::to_string(size) +
                                          " bytes, more than the limit of " + std::to_string(maxBytes));
    if (size == 0) return ownBytes(std::string());
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | kPopulate, f.fd, 0);
    if (p == MAP_FAILED) return makeError(ErrorCode::Io, sysError("cannot map", path));
    return std::shared_ptr<const FileBytes>(std::make_shared<MappedFile>(p, size));
  }
  // Pipes and devices: read with a bound.
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return makeError(ErrorCode::Io, sysError("cannot read", path));
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > maxBytes) return makeError(ErrorCode::Io, "'" + path + "' is larger than the limit");
  }
  return ownBytes(std::move(data));
}

Result<std::string> readTextFile(const std::string& path, std::uint64_t maxBytes) {
  auto m = mapFile(path, maxBytes);
  if (!m) return m.error();
  auto b = (*m)->bytes();
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

Status writeFileAtomic(const std::string& path, std::span<const std::uint8_t> data) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::random_device rd;
  fs::path tmp = dir / ("." + target.filename().string() + ".tmp" + std::to_string(rd() % 1000000));
  Fd f;
  f.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (f.fd < 0) return makeError(ErrorCode::Io, sysError("cannot create", tmp.string()));
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(f.fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto e = makeError(ErrorCode::Io, sysError("cannot write", tmp.string()));
      ::unlink(tmp.c_str());
      return e;
    }
    done += static_cast<std::size_t>(n);
  }
  // Keep the permissions of a file being replaced.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) ::fchmod(f.fd, st.st_mode & 07777);
  if (::fsync(f.fd) != 0) {
    auto e = makeError(ErrorCode::Io, sysError("cannot flush", tmp.string()));
    ::unlink(tmp.c_str());
    return e;
  }
  ::close(f.fd);
  f.fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto e = makeError(ErrorCode::Io, sysError("cannot replace", path));
    ::unlink(tmp.c_str());
    return e;
  }
  return Ok{};
}

Status writeFileAtomic(const std::string& path, std::string_view data) {
  return writeFileAtomic(path, std::span<const std::uint8_t>(
                                   reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

}  // namespace inferscope
