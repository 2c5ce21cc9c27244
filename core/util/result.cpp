#include "core/util/result.h"

namespace inferscope {

const char* errorCodeName(ErrorCode c) {
  switch (c) {
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Format: return "format error";
    case ErrorCode::Invalid: return "invalid model";
    case ErrorCode::Overflow: return "overflow";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Config: return "configuration error";
    case ErrorCode::Usage: return "usage error";
  }
  return "error";
}

}  // namespace inferscope
