// Helper threads for short bursts of parallel work (a few milliseconds in a short-lived process,
// or again and again in the GUI). The helpers live as long as the process and wait for work.
//
// Two things about the machines this runs on shape the interface:
//  * a thread created while its creator keeps its CPU busy may be queued behind the creator on the
//    same CPU until the scheduler's load balancing moves it, which takes milliseconds on some
//    virtual machines. Helpers therefore start on another CPU than the caller's (when there is
//    one) and, once running, may run anywhere the process may;
//  * a helper may be scheduled late (the other virtual CPU busy elsewhere). shareWork never waits
//    for a helper that has not begun: the caller does the work itself, and waits only for calls
//    that a helper had already begun.
#pragma once

#include <functional>

namespace inferscope::util {

// Runs `work` on the calling thread and on up to `helpers` helper threads at once, and returns
// when the calling thread's call has returned and every call a helper had begun by then has
// returned. A helper that comes later does not call `work` at all. So `work` must take its share
// from a common queue (e.g. an atomic counter) until the queue is empty; then any number of calls
// between one and helpers + 1 finishes the work. Helpers are started as needed (at most 7).
void shareWork(int helpers, const std::function<void()>& work);

// Starts helpers now, up to `count` in all, so that a later shareWork finds them running (e.g.
// while a model loads). Returns without waiting for them to run.
void startHelpers(int count);

// Helper threads started so far.
int helperCount();

}  // namespace inferscope::util
