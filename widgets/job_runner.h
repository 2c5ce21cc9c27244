// Runs work off the GUI thread (QtConcurrent) and delivers its result on the GUI thread.
//
// Each runner keeps a generation counter: starting a job cancels the previous one and bumps the
// generation; a finished job whose generation is not current is dropped, so a slow stale result
// can never overwrite a newer one. Jobs see cancellation and report progress through JobContext,
// which also adapts to core's Progress callback. The GUI thread never waits, except in the
// destructor, which cancels and joins what is still running.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/util/result.h"

namespace inferscope::widgets {

class JobRunner;

class JobContext {
 public:
  bool cancelled() const { return state_->cancelled.load(std::memory_order_relaxed); }
  // Thread-safe; reports are coalesced to whole percents.
  void setProgress(double fraction) const;
  // For core functions: reports progress and returns false once the job is cancelled.
  Progress progress() const {
    auto self = *this;
    return Progress{[self](double f) {
      self.setProgress(f);
      return !self.cancelled();
    }};
  }

 private:
  friend class JobRunner;
  struct State {
    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{-1};
    JobRunner* runner = nullptr;
    quint64 generation = 0;
  };
  explicit JobContext(std::shared_ptr<State> s) : state_(std::move(s)) {}
  std::shared_ptr<State> state_;
};

class JobRunner : public QObject {
  Q_OBJECT
 public:
  explicit JobRunner(QObject* parent = nullptr);
  ~JobRunner() override;

  // Runs work(const JobContext&) on the thread pool, then done(result) on this object's thread if
  // no newer job was started meanwhile. The result type must be copyable.
  template <class Work, class Done>
  void start(Work work, Done done) {
    using T = std::invoke_result_t<Work&, const JobContext&>;
    auto ctx = begin();
    auto gen = generation_;
    auto future = QtConcurrent::run([work = std::move(work), ctx]() mutable { return work(ctx); });
    auto* watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, gen, done = std::move(done)]() mutable {
      watcher->deleteLater();
      if (!finish(gen)) return;
      done(watcher->result());
    });
    watcher->setFuture(future);
    running_.push_back({[future] { return future.isFinished(); }, [future]() mutable { future.waitForFinished(); }});
  }

  // Cancels the running job; its result will be dropped.
  void cancel();
  bool busy() const { return busy_; }
  quint64 generation() const { return generation_; }

 signals:
  void progressChanged(double fraction);
  void busyChanged(bool busy);

 private:
  friend class JobContext;
  JobContext begin();
  bool finish(quint64 generation);  // true when the result is current
  void reportProgress(quint64 generation, double fraction);

  quint64 generation_ = 0;
  bool busy_ = false;
  std::shared_ptr<JobContext::State> current_;
  struct Running {
    std::function<bool()> finished;
    std::function<void()> wait;
  };
  std::vector<Running> running_;  // joined by the destructor
};

}  // namespace inferscope::widgets
