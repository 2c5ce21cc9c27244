// Compatibility and performance in the GUI: the analysis runs in the background per open model,
// stale results are dropped, the overlay colours the stride-4 "coarse" convolution of the sample
// model as CPU and the rest as NPU, the tables follow the estimate and select operators, the
// properties sidebar shows the reasons. Set INFERSCOPE_SCREENSHOT_DIR to also save screenshots.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>

#include "core/model/loader.h"
#include "core/targets/builtin_profiles.h"
#include "widgets/profile_selector.h"
#include "widget_fixtures.h"
#include "widgets/analysis_controller.h"
#include "widgets/analysis_panels.h"
#include "widgets/analysis_widgets.h"
#include "widgets/compat_panel.h"
#include "widgets/compat_table_model.h"
#include "widgets/main_window.h"
#include "widgets/perf_layer_model.h"
#include "widgets/perf_panel.h"
#include "widgets/properties_panel.h"

using namespace inferscope;
using namespace inferscope::widgets;

namespace {

const QString kSample = QStringLiteral(INFERSCOPE_BINARY_DIR "/resources/sample.tflite");

ProfilePtr builtin(const char* name) {
  auto p = targets::builtinProfile(name);
  return p ? std::make_shared<const targets::TargetProfile>(std::move(*p)) : nullptr;
}

bool ready(AnalysisController* c) { return c && c->state() == AnalysisController::State::Ready && c->outcome(); }
bool laidOut(ModelView* v) { return v->graphView()->scene() && !v->layoutBusy(); }

const CompatEntry* coarse(const CompatData& d) {
  for (const auto& e : d.entries)
    if (e.type == QLatin1String("CONV_2D") && e.name.startsWith(QLatin1String("coarse"))) return &e;
  return nullptr;
}

}  // namespace

class AnalysisPanelsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    testdata::isolateSettings();
    QSettings().clear();
    QVERIFY2(QFileInfo::exists(kSample), "build the sample_model target first");
  }

  void itemModelsPassTheModelTester() {
    auto m = model::loadModel(kSample.toStdString());
    QVERIFY(m.ok());
    auto outcome = runAnalysis(*m, kSample.toStdString(), builtin("ethos-u55-128"));
    QVERIFY2(outcome->ok(), qPrintable(outcome->error));
    QVERIFY(outcome->compat && outcome->estimate());

    CompatTableModel compat;
    QAbstractItemModelTester t1(&compat, QAbstractItemModelTester::FailureReportingMode::QtTest);
    compat.setCompatData(outcome->compat);
    QCOMPARE(compat.rowCount(), static_cast<int>(outcome->compat->entries.size()));
    CompatFilterProxy proxy;
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&compat);
    proxy.setShow(CompatFilterProxy::Show::OffTarget);
    QCOMPARE(proxy.rowCount(), outcome->compat->offTarget);
    proxy.setShow(CompatFilterProxy::Show::All);
    proxy.setText(QStringLiteral("stride"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText({});
    proxy.sort(CompatTableModel::Placement);
    QCOMPARE(proxy.index(0, CompatTableModel::Placement).data().toString(), QStringLiteral("CPU"));
    compat.setCompatData(nullptr);
    QCOMPARE(proxy.rowCount(), 0);

    PerfLayerModel layers;
    QAbstractItemModelTester t3(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto est = std::shared_ptr<const estimate::Estimate>(outcome->analysis, outcome->estimate());
    layers.setEstimate(est);
    QCOMPARE(layers.rowCount(), static_cast<int>(est->layers.size()));
    QCOMPARE(layers.columnCount(), static_cast<int>(PerfLayerModel::ColumnCount));
    QCOMPARE(layers.headerData(PerfLayerModel::OpCycles, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Op Cycles"));
    const auto& first = est->layers.front();
    QCOMPARE(layers.index(0, PerfLayerModel::OpCycles).data(PerfLayerModel::SortRole).toDouble(), first.opCycles);
    QCOMPARE(layers.index(0, PerfLayerModel::Macs).data(PerfLayerModel::SortRole).toDouble(), static_cast<double>(first.macs));
    QCOMPARE(layers.index(0, 0).data(PerfLayerModel::OperatorRole).toInt(), first.sourceOp);
    layers.setEstimate(nullptr);
    QCOMPARE(layers.rowCount(), 0);
  }

  void sampleModelOverlaysAndTables() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* panels = w.analysisPanels();
    QVERIFY(panels);
    // The main window's target selector drives the analyses.
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u55-128")));
    auto* v = w.openFile(kSample);
    auto* c = AnalysisController::of(v);
    QVERIFY(c);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c) && laidOut(v), 20000);
    QCOMPARE(QString::fromStdString(c->outcome()->profile->name), QStringLiteral("ethos-u55-128"));
    const auto& o = *c->outcome();
    const auto* conv = coarse(*o.compat);
    QVERIFY(conv);
    QCOMPARE(conv->verdict, CompatEntry::Verdict::OffTarget);
    QVERIFY(conv->primaryReason().contains(QLatin1String("tride")));

    // Compatibility overlay: CPU colour on "coarse", NPU on every other operator that runs.
    panels->setOverlay(AnalysisController::Overlay::Compatibility);
    auto deco = v->decorations();
    QVERIFY(deco);
    QCOMPARE(deco->find(0, conv->index)->fill, verdictColor(CompatEntry::Verdict::OffTarget));
    QVERIFY(deco->find(0, conv->index)->tooltip.contains(QLatin1String("tride")));
    int npu = 0;
    for (const auto& e : o.compat->entries) {
      if (e.index == conv->index || e.verdict == CompatEntry::Verdict::Folded) continue;
      QCOMPARE(e.verdict, CompatEntry::Verdict::OnTarget);
      QCOMPARE(deco->find(e.subgraph, e.index)->fill, verdictColor(CompatEntry::Verdict::OnTarget));
      ++npu;
    }
    QCOMPARE(npu, o.compat->onTarget);
    QCOMPARE(o.compat->offTarget, 1);
    QVERIFY(o.compat->segments >= 2 && o.compat->transitions >= 2);

    // Summary and tables.
    auto* cp = panels->compatPanel();
    QCOMPARE(cp->tile(1)->value(), QStringLiteral("1"));
    QCOMPARE(cp->tile(2)->value(), QString::number(o.compat->segments));
    QVERIFY(cp->adviceText().contains(QLatin1String("CONV_2D")));
    QCOMPARE(cp->model()->rowCount(), static_cast<int>(o.compat->entries.size()));
    auto* pp = panels->perfPanel();
    QCOMPARE(pp->model()->rowCount(), static_cast<int>(o.estimate()->layers.size()));
    QVERIFY(pp->tile(PerfPanel::InferenceTime)->value().endsWith(QLatin1String(" ms")));
    QVERIFY(pp->summary()->topLevelItemCount() >= 5);

    // Heat map: cycles per operator on the operators the NPU runs, the CPU operator outlined.
    panels->setOverlay(AnalysisController::Overlay::Cycles);
    deco = v->decorations();
    QVERIFY(deco && deco != o.compatOverlay);
    QVERIFY(deco->find(0, conv->index) && deco->find(0, conv->index)->outline.isValid());
    const auto& layers = o.estimate()->layers;
    QVERIFY(deco->find(0, layers.front().sourceOp) && deco->find(0, layers.front().sourceOp)->fill.isValid());

    // Selecting a row selects the operator in the graph, and the other way round.
    auto* table = pp->view();
    table->selectRow(3);
    int op = table->model()->index(3, 0).data(PerfLayerModel::OperatorRole).toInt();
    QTRY_COMPARE(v->selection().index, op);
    QCOMPARE(v->selection().kind, Selection::Kind::Operator);
    auto cpIdx = cp->proxy()->mapFromSource(cp->model()->indexOfOperator(0, conv->index));
    cp->view()->selectRow(cpIdx.row());
    QTRY_COMPARE(v->selection().index, conv->index);
    QCOMPARE(cp->view()->currentIndex().row(), cpIdx.row());

    // The properties sidebar names the placement and the reason.
    auto* props = w.propertiesPanel()->model();
    QVERIFY(props->find(QStringLiteral("Compatibility")).isValid());
    auto reason = props->find(QStringLiteral("reason"));
    QVERIFY(reason.isValid());
    QVERIFY(reason.siblingAtColumn(1).data().toString().contains(QLatin1String("tride")));
    QVERIFY(props->find(QStringLiteral("Performance")).isValid());

    panels->setOverlay(AnalysisController::Overlay::None);
    QVERIFY(!v->decorations());

    // Another target in the selector re-runs the analysis in the background.
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u65-256")));
    QTRY_VERIFY_WITH_TIMEOUT(ready(c) && c->outcome()->profile->name == "ethos-u65-256", 20000);
    QCOMPARE(QString::fromStdString(c->outcome()->estimate()->accelerator), QStringLiteral("ethos-u65-256"));
  }

  void onlyTheLastProfilesResultIsApplied() {
    ModelView v;
    auto* c = new AnalysisController(&v);
    v.open(kSample);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c), 20000);
    QCOMPARE(QString::fromStdString(c->outcome()->profile->name), QStringLiteral("ethos-u55-128"));
    QSignalSpy outcomes(c, &AnalysisController::outcomeChanged);
    c->setProfile(builtin("ethos-u65-512"));
    c->setProfile(builtin("ethos-u55-256"));
    QTRY_VERIFY_WITH_TIMEOUT(!c->busy(), 20000);
    QTest::qWait(200);  // a stale result would arrive in this time
    QCOMPARE(outcomes.count(), 1);
    QCOMPARE(QString::fromStdString(c->outcome()->profile->name), QStringLiteral("ethos-u55-256"));
    QCOMPARE(QString::fromStdString(c->outcome()->estimate()->accelerator), QStringLiteral("ethos-u55-256"));
    QCOMPARE(c->state(), AnalysisController::State::Ready);
  }

  void cancelKeepsTheLastResult() {
    ModelView v;
    auto* c = new AnalysisController(&v);
    v.open(kSample);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c), 20000);
    auto before = c->outcome();
    QSignalSpy outcomes(c, &AnalysisController::outcomeChanged);
    c->setProfile(builtin("ethos-u65-256"));
    QVERIFY(c->busy());
    c->cancel();
    QCOMPARE(c->state(), AnalysisController::State::Cancelled);
    QVERIFY(!c->busy());
    QTest::qWait(200);
    QCOMPARE(outcomes.count(), 0);
    QCOMPARE(c->outcome(), before);
  }

  void otherTargetsGetCompatibilityWithoutEstimate() {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("cortex-a")));
    auto* v = w.openFile(kSample);
    auto* c = AnalysisController::of(v);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c), 20000);
    QVERIFY(c->outcome()->compat);
    QVERIFY(!c->outcome()->compat->hasPartitions);
    QVERIFY(!c->outcome()->estimate());
    QVERIFY(c->outcome()->perfUnavailable.contains(QLatin1String("Ethos-U")));
    QCOMPARE(w.analysisPanels()->perfPanel()->model()->rowCount(), 0);
    QCOMPARE(w.analysisPanels()->compatPanel()->model()->rowCount(), static_cast<int>(c->outcome()->compat->entries.size()));
  }

  // Screenshots for review (not a check): INFERSCOPE_SCREENSHOT_DIR=dir [INFERSCOPE_SCREENSHOT_MODELS=a.tflite:b.tflite]
  void screenshots() {
    QString dir;
    const QStringList models = testdata::screenshotModels(kSample, &dir);
    if (models.isEmpty()) QSKIP("INFERSCOPE_SCREENSHOT_DIR is not set");
    for (const auto& path : models) {
      MainWindow w;
      w.resize(1600, 1000);
      w.show();
      QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u55-128")));
      auto* v = w.openFile(path);
      auto* c = AnalysisController::of(v);
      QTRY_VERIFY_WITH_TIMEOUT(ready(c) && laidOut(v), 60000);
      const QString base = dir + QLatin1Char('/') + QFileInfo(path).completeBaseName().left(40);
      const auto* conv = c->outcome()->compat ? coarse(*c->outcome()->compat) : nullptr;
      const auto* est = c->outcome()->estimate();
      int focus = conv ? conv->index : est && !est->layers.empty() ? est->layers.front().sourceOp : 0;
      for (const auto& [overlay, suffix] : {std::pair{AnalysisController::Overlay::Compatibility, "compat"},
                                            std::pair{AnalysisController::Overlay::Cycles, "cycles"}}) {
        w.analysisPanels()->setOverlay(overlay);
        if (overlay == AnalysisController::Overlay::Cycles) w.analysisPanels()->perfDock()->raise();
        v->selectOperator(0, focus);
        v->graphView()->actualSize();
        v->graphView()->centerOn(v->graphView()->scene()->nodeRect(v->graphView()->selectedNode()).center());
        QTest::qWait(300);
        QVERIFY(w.grab().save(base + QLatin1Char('_') + QLatin1String(suffix) + QStringLiteral(".png")));
      }
    }
  }
};

QTEST_MAIN(AnalysisPanelsTest)
#include "test_analysis_panels.moc"
