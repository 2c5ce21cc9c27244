// Errors as values: every fallible core function returns Result<T>.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <variant>

namespace inferscope {

enum class ErrorCode {
  Io,            // file missing, unreadable, cannot be written
  Format,        // not a model of the expected format, failed verification
  Invalid,       // well-formed but semantically wrong (index out of range, cycle, bad shape)
  Overflow,      // a count does not fit its type
  Unsupported,   // valid but outside what InferScope handles
  Cancelled,     // the caller's cancel callback asked to stop
  Config,        // profile / configuration errors
  Usage,         // bad command-line or API usage
};

const char* errorCodeName(ErrorCode c);

struct Error {
  ErrorCode code = ErrorCode::Invalid;
  std::string message;

  std::string describe() const { return std::string(errorCodeName(code)) + ": " + message; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}             // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

// Long-running work reports progress in [0,1] and may be cancelled.
struct Progress {
  // Returns false to request cancellation.
  std::function<bool(double fraction)> callback;
  bool report(double f) const { return !callback || callback(f); }
};

}  // namespace inferscope
