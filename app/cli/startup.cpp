#include "startup.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define INFERSCOPE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(leak_sanitizer)
#define INFERSCOPE_SANITIZED 1
#endif
#endif

namespace inferscope::cli {

namespace {
// Held for the whole run (volatile: the allocation must not be optimised away).
[[maybe_unused]] void* volatile heapFiller = nullptr;
}  // namespace

void prepareHeap() {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  constexpr std::size_t kReserve = std::size_t{64} << 20;  // address space only; pages come on use
  // Grow the heap once by kReserve, serve large blocks from it too (not from their own mmap,
  // which would fault page by page again), and never give it back during the run.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kReserve / 2));
  // One arena: the estimator's worker thread allocates from this (huge-page) heap too, instead of
  // a fresh arena of its own that faults in page by page.
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kReserve));
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  void* grow = std::malloc(kHuge);  // larger than any top chunk left by start-up: extends the heap
  if (!grow) return;
  // The range from here on is untouched but for the heap's top header past `grow`, which gave
  // its 2 MiB range small pages already: huge pages start at the next boundary after it.
  const auto at = reinterpret_cast<std::uintptr_t>(grow);
  const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const auto begin = (at + kHuge + 4096 + kHuge - 1) & ~(kHuge - 1);
  std::free(grow);
  // Another allocator (sanitizers) or a heap that did not grow as asked: leave it alone.
  if (at > top || top - at > kReserve + 4 * kHuge || top < begin + kHuge) {
    mallopt(M_TOP_PAD, 128 << 10);  // glibc's default again
    return;
  }
  // Later blocks should start in the huge-page range: a filler (never touched past its header,
  // kept for the run) takes the heap up to that boundary.
  heapFiller = std::malloc(begin - at - 64);
  const auto end = top & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  mallopt(M_TOP_PAD, 128 << 10);  // glibc's default again
#endif
}

void finish(int status) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#ifdef INFERSCOPE_SANITIZED
  std::exit(status);
#else
  std::_Exit(status);
#endif
}

}  // namespace inferscope::cli
