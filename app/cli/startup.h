// Process set-up for one short CLI run.
#pragma once

namespace inferscope::cli {

// Puts the heap in transparent huge pages where the system allows it (Linux, glibc, THP in
// "madvise" or "always" mode): a run touches a few megabytes of fresh heap, and one fault per
// 2 MiB instead of one per 4 KiB page is most of the process time on systems where page faults
// are expensive (virtual machines). Does nothing elsewhere; never fails.
void prepareHeap();

}  // namespace inferscope::cli
