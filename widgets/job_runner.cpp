#include "widgets/job_runner.h"

#include <QMetaObject>
#include <cmath>

namespace inferscope::widgets {

void JobContext::setProgress(double fraction) const {
  if (cancelled() || !state_->runner) return;
  int pct = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100));
  if (state_->percent.exchange(pct) == pct) return;
  auto* runner = state_->runner;
  auto gen = state_->generation;
  QMetaObject::invokeMethod(runner, [runner, gen, pct] { runner->reportProgress(gen, pct / 100.0); }, Qt::QueuedConnection);
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
  if (current_) current_->cancelled = true;
  for (auto& r : running_) r.wait();
}

JobContext JobRunner::begin() {
  if (current_) current_->cancelled = true;
  // Forget futures that are done, so the list stays short.
  std::erase_if(running_, [](const Running& r) { return r.finished(); });
  ++generation_;
  current_ = std::make_shared<JobContext::State>();
  current_->runner = this;
  current_->generation = generation_;
  if (!busy_) {
    busy_ = true;
    emit busyChanged(true);
  }
  emit progressChanged(0);
  return JobContext(current_);
}

bool JobRunner::finish(quint64 gen) {
  if (gen != generation_) return false;
  current_.reset();
  busy_ = false;
  emit busyChanged(false);
  return true;
}

void JobRunner::cancel() {
  if (!current_) return;
  current_->cancelled = true;
  ++generation_;  // whatever arrives now is stale
  current_.reset();
  if (busy_) {
    busy_ = false;
    emit busyChanged(false);
  }
}

void JobRunner::reportProgress(quint64 gen, double fraction) {
  if (gen == generation_ && busy_) emit progressChanged(fraction);
}

}  // namespace inferscope::widgets
