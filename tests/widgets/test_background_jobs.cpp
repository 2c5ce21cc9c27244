// JobRunner: results arrive on the GUI thread, stale results are dropped, cancel reaches the job.
#include <QThread>
#include <QtTest>
#include <atomic>

#include "widget_fixtures.h"
#include "widgets/job_runner.h"
#include "widgets/tensor_data.h"

using namespace inferscope;
using namespace inferscope::widgets;

class BackgroundJobsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resultArrivesOnTheGuiThread() {
    JobRunner r;
    QThread* worker = nullptr;
    int result = 0;
    QThread* deliveredOn = nullptr;
    r.start([&](const JobContext&) {
      worker = QThread::currentThread();
      return 42;
    }, [&](int v) {
      result = v;
      deliveredOn = QThread::currentThread();
    });
    QVERIFY(r.busy());
    QTRY_COMPARE(result, 42);
    QVERIFY(worker != QThread::currentThread());
    QCOMPARE(deliveredOn, QThread::currentThread());
    QVERIFY(!r.busy());
  }

  void staleResultsAreDropped() {
    JobRunner r;
    std::atomic<bool> release{false};
    QStringList delivered;
    bool sawCancel = false;
    r.start([&](const JobContext& ctx) {
      while (!release) QThread::msleep(1);
      sawCancel = ctx.cancelled();
      return QStringLiteral("old");
    }, [&](const QString& s) { delivered << s; });
    r.start([](const JobContext&) { return QStringLiteral("new"); }, [&](const QString& s) { delivered << s; });
    QTRY_COMPARE(delivered, QStringList{QStringLiteral("new")});
    release = true;
    QTest::qWait(100);
    QCOMPARE(delivered, QStringList{QStringLiteral("new")});  // the first job's result never arrives
    QVERIFY(sawCancel);
  }

  void progressAndCancel() {
    JobRunner r;
    QSignalSpy progress(&r, &JobRunner::progressChanged);
    bool delivered = false;
    std::atomic<bool> stopped{false};
    r.start([&](const JobContext& ctx) {
      auto p = ctx.progress();
      for (int i = 0; i <= 100; ++i) {
        if (!p.report(i / 100.0)) {
          stopped = true;
          return 0;
        }
        QThread::msleep(2);
      }
      return 1;
    }, [&](int) { delivered = true; });
    QTRY_VERIFY(progress.count() > 3);
    r.cancel();
    QVERIFY(!r.busy());
    QTRY_VERIFY(stopped);
    QTest::qWait(50);
    QVERIFY(!delivered);
  }

  void destructorJoinsRunningJobs() {
    std::atomic<bool> finished{false};
    {
      JobRunner r;
      r.start([&](const JobContext& ctx) {
        while (!ctx.cancelled()) QThread::msleep(1);
        finished = true;
        return 0;
      }, [](int) {});
    }
    QVERIFY(finished);
  }
};

QTEST_MAIN(BackgroundJobsTest)
#include "test_background_jobs.moc"
