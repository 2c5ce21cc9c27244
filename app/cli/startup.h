// Process set-up for one short CLI run.
#pragma once

namespace inferscope::cli {

// Puts the heap in transparent huge pages where the system allows it (Linux, glibc, THP in
// "madvise" or "always" mode): a run touches a few megabytes of fresh heap, and one fault per
// 2 MiB instead of one per 4 KiB page is most of the process time on systems where page faults
// are expensive (virtual machines). Does nothing elsewhere; never fails.
void prepareHeap();

// Also, before any static initialiser runs (startup.cpp, Linux 5.14 or later): the program's data,
// its frequently run code and the top of the stack are mapped in a few calls instead of faulting
// in page by page.

// Ends the process once the report is out: flushes the streams and exits without destroying what
// the run built (freeing a large model's analysis block by block took ~1 ms). Sanitizer builds take
// the ordinary exit so that their checks at exit still run (the run's objects are still reachable
// from the caller's frame then).
[[noreturn]] void finish(int status);

}  // namespace inferscope::cli
