#include "core/util/fileio.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <new>
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

// A file read into memory of its own (64-byte aligned, not zero-filled first).
class ReadFile final : public FileBytes {
 public:
  explicit ReadFile(std::size_t n)
      : p_(static_cast<std::uint8_t*>(::operator new(n, std::align_val_t(kAlign)))), n_(n) {}
  ~ReadFile() override { ::operator delete(p_, std::align_val_t(kAlign)); }
  ReadFile(const ReadFile&) = delete;
  ReadFile& operator=(const ReadFile&) = delete;
  std::uint8_t* data() { return p_; }
  std::span<const std::uint8_t> bytes() const override { return {p_, n_}; }

 private:
  static constexpr std::size_t kAlign = 64;
  std::uint8_t* p_;
  std::size_t n_;
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

// Files up to kReadLimit are read into memory: the first touch of each mapped page costs 1 to 5 us
// on the development VM even when mmap filled the page tables, while a read costs about 0.2 us per
// KiB. A check reads a whole small model (weights) or many pages spread over it (the verifier, a
// large float graph's tables). Measured on `check --performance`: MobileNet-v2 (3.5 MB) 7.4 ->
// 7.0 ms, pose_detection (3 MB) 3.65 -> 3.36 ms, face_landmark_with_attention (2.5 MB) 4.07 ->
// 3.92 ms; small models unchanged. Larger files are mapped: a 10 MB float model, whose weights a
// check never reads, took 1 ms longer when read.
constexpr std::uint64_t kReadLimit = std::uint64_t(4) << 20;

// The page tables of a mapped file are filled by the mmap call itself (one fault per page cost far
// more than mapping them at once).
#ifdef MAP_POPULATE
constexpr int kPopulate = MAP_POPULATE;
#else
constexpr int kPopulate = 0;
#endif

Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path, std::uint64_t maxBytes) {
  return mapFile(path, maxBytes, {});
}

namespace {
// Maps the pages of [0, size) outside `skip` (sorted) in a few calls (Linux 5.14's
// MADV_POPULATE_READ; nothing on older kernels, where pages fault in on use).
void populateExcept(std::uint8_t* base, std::uint64_t size, const ByteRanges& skip) {
  constexpr std::uint64_t kPage = 4096;
  std::uint64_t from = 0;
  auto populate = [&](std::uint64_t begin, std::uint64_t end) {
    begin &= ~(kPage - 1);
    end = std::min(size, (end + kPage - 1) & ~(kPage - 1));
    if (end > begin) ::madvise(base + begin, end - begin, 22 /* MADV_POPULATE_READ */);
  };
  for (const auto& [b, e] : skip) {
    // Only whole pages inside a range are skipped.
    const std::uint64_t first = (b + kPage - 1) & ~(kPage - 1), last = e & ~(kPage - 1);
    if (last <= first || first < from) continue;
    populate(from, first);
    from = last;
  }
  populate(from, size);
}
}  // namespace

Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path, std::uint64_t maxBytes,
                                                 const std::function<ByteRanges(std::span<const std::uint8_t>)>& rarelyRead) {
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
    if (size <= kReadLimit) {
      auto r = std::make_shared<ReadFile>(static_cast<std::size_t>(size));
      std::size_t got = 0;
      while (got < size) {
        const ssize_t k = ::pread(f.fd, r->data() + got, static_cast<std::size_t>(size) - got, static_cast<off_t>(got));
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return makeError(ErrorCode::Io, sysError("cannot read", path));
        if (k == 0) return makeError(ErrorCode::Io, "'" + path + "' became shorter while it was read");
        got += static_cast<std::size_t>(k);
      }
      return std::shared_ptr<const FileBytes>(std::move(r));
    }
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | (rarelyRead ? 0 : kPopulate), f.fd, 0);
    if (p == MAP_FAILED) return makeError(ErrorCode::Io, sysError("cannot map", path));
    auto mapped = std::make_shared<MappedFile>(p, size);
    if (rarelyRead) populateExcept(static_cast<std::uint8_t*>(p), size, rarelyRead(mapped->bytes()));
    return std::shared_ptr<const FileBytes>(std::move(mapped));
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
