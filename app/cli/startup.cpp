#include "startup.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>

#include "console.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <link.h>
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

#if defined(__linux__) && defined(__GLIBC__) && !defined(INFERSCOPE_SANITIZED)
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  // Linux 5.14
#define MADV_POPULATE_WRITE 23
#endif

constexpr std::uintptr_t kPage = 4096;

// Maps [begin, end) in one call; older kernels refuse the advice and the pages fault in as usual.
bool populate(std::uintptr_t begin, std::uintptr_t end, int advice) {
  begin &= ~(kPage - 1);
  end = (end + kPage - 1) & ~(kPage - 1);
  return end <= begin || madvise(reinterpret_cast<void*>(begin), end - begin, advice) == 0;
}

// The executable's own segments (the first object): writable data (.data.rel.ro, .data, .bss;
// start-up and the run write most of it) is copied or zeroed, read-only data mapped from the page
// cache, and of the code the first kHotCode bytes: symbol_order.txt puts the functions a run
// executes there (the rest is code a run rarely reaches; mapping all 4 MiB cost more than the
// faults it saved).
constexpr std::uintptr_t kHotCode = std::uintptr_t{1792} << 10;

int populateSegments(dl_phdr_info* info, std::size_t, void*) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const auto& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    const std::uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
    const std::uintptr_t size = (ph.p_flags & PF_X) ? std::min<std::uintptr_t>(ph.p_memsz, kHotCode) : ph.p_memsz;
    if (!(ph.p_flags & PF_W) || !populate(begin, begin + size, MADV_POPULATE_WRITE))
      populate(begin, begin + size, MADV_POPULATE_READ);  // read-only (or RELRO, protected by now)
  }
  return 1;
}

// Before the program's static initialisers (which write to .data and .bss): the executable's
// pages and the top of the stack, in a few calls instead of one fault per 4 KiB page (on the
// development VM a fault costs ~15 us, a populated page ~0.5 us; a run faulted 60-100 pages).
__attribute__((constructor(101))) void populateImage() {
  dl_iterate_phdr(populateSegments, nullptr);
  // The stack a run uses (~70 KiB), from the top down while the stack's mapping lasts.
  char here;
  const auto top = reinterpret_cast<std::uintptr_t>(&here) & ~(kPage - 1);
  constexpr std::uintptr_t kStackPages = 24;
  if (populate(top - kStackPages * kPage, top, MADV_POPULATE_WRITE)) return;
  for (std::uintptr_t k = 1; k <= kStackPages; ++k)  // the mapping is shorter: page by page
    if (!populate(top - k * kPage, top - (k - 1) * kPage, MADV_POPULATE_WRITE)) break;
}
#endif
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
  // No fast bins: small blocks freed beyond the thread cache go straight to the ordinary bins.
  // Fast bins are only merged in bulk later (when a large block is freed or asked for), and on
  // large graphs those merges cost more than the fast bins saved.
  mallopt(M_MXFAST, 0);
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
  status = flushOutput(status);
  std::fflush(nullptr);
#ifdef INFERSCOPE_SANITIZED
  std::exit(status);
#else
  std::_Exit(status);
#endif
}

}  // namespace inferscope::cli
