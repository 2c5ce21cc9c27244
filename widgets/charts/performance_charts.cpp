#include "widgets/charts/performance_charts.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/report/chart_data.h"
#include "widgets/file_chooser.h"

namespace inferscope::widgets {

PerformanceChartSet PerformanceChartSet::create(QWidget* parent) {
  PerformanceChartSet s;
  s.layers = new LayerCyclesChart(parent);
  s.shares = new CycleShareChart(parent);
  s.sram = new SramTimelineChart(parent);
  s.arena = new TensorLifetimeChart(parent);
  s.traffic = new MemoryTrafficChart(parent);
  return s;
}

void PerformanceChartSet::setEstimate(const estimate::Estimate& e, const model::Model* model) {
  auto bars = report::layerBars(e, model);
  layers->setData(bars);
  shares->setData(bars);
  auto timeline = report::sramTimeline(e, model);
  arena->setData(report::arenaLifetimes(e), timeline.steps, timeline.peakBytes);
  sram->setData(std::move(timeline));
  traffic->setData(report::memoryTraffic(e));
}

void PerformanceChartSet::clear() {
  layers->clear();
  shares->setData(report::LayerBars{});
  sram->setData({});
  arena->setData({}, {}, 0);
  traffic->setData({});
}

std::vector<ChartBase*> PerformanceChartSet::all() const { return {layers, shares, sram, arena, traffic}; }

PerformanceChartsPanel::PerformanceChartsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("PerformanceChartsPanel"));
  charts_ = PerformanceChartSet::create(this);
  comparison_ = new TargetComparisonView(this);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->addTab(charts_.layers, tr("Layers"));
  tabs_->addTab(charts_.shares, tr("Op Types"));
  tabs_->addTab(charts_.sram, tr("SRAM"));
  tabs_->addTab(charts_.arena, tr("Tensor Arena"));
  tabs_->addTab(charts_.traffic, tr("Bandwidth"));
  tabs_->addTab(comparison_, tr("Targets"));

  order_ = new QComboBox(this);
  order_->setObjectName(QStringLiteral("layerOrder"));
  order_->addItem(tr("Execution order"));
  order_->addItem(tr("Most expensive first"));
  order_->setToolTip(tr("Order of the per-layer bars"));
  export_ = new QToolButton(this);
  export_->setText(tr("Export Chart\u2026"));
  export_->setToolTip(tr("Save the chart shown as PNG or SVG"));
  auto* bar = new QHBoxLayout();
  bar->setContentsMargins(0, 0, 0, 0);
  bar->addWidget(new QLabel(tr("Sort:"), this));
  bar->addWidget(order_);
  bar->addStretch(1);
  bar->addWidget(export_);

  message_ = new QLabel(this);
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  auto* chartsPage = new QWidget(this);
  auto* cl = new QVBoxLayout(chartsPage);
  cl->setContentsMargins(0, 0, 0, 0);
  note_ = new QLabel(chartsPage);
  note_->setObjectName(QStringLiteral("chartsNote"));
  note_->setWordWrap(true);
  note_->setContentsMargins(6, 4, 6, 4);
  note_->hide();
  cl->addWidget(note_);
  cl->addLayout(bar);
  cl->addWidget(tabs_, 1);
  stack_ = new QStackedWidget(this);
  stack_->addWidget(message_);
  stack_->addWidget(chartsPage);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(stack_);

  connect(order_, &QComboBox::currentIndexChanged, this, [this](int i) {
    charts_.layers->setOrder(i == 1 ? report::LayerOrder::Cost : report::LayerOrder::Graph);
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] { order_->setEnabled(tabs_->currentWidget() == charts_.layers); });
  connect(export_, &QToolButton::clicked, this, &PerformanceChartsPanel::exportDialog);
  connect(charts_.layers, &LayerCyclesChart::operatorActivated, this, &PerformanceChartsPanel::operatorActivated);
  connect(charts_.sram, &SramTimelineChart::operatorActivated, this, &PerformanceChartsPanel::operatorActivated);
  setMessage(tr("Open a model and choose an Ethos-U target profile to see where the cycles and the memory go."));
}

void PerformanceChartsPanel::setMessage(const QString& message) {
  message_->setText(message);
  stack_->setCurrentWidget(message_);
}

void PerformanceChartsPanel::setAnalysis(std::shared_ptr<const analysis::Analysis> a) {
  analysis_ = std::move(a);
  const model::ModelPtr model = analysis_ ? analysis_->model : nullptr;
  if (comparison_->model() != model)
    comparison_->setModel(model, analysis_ ? QString::fromStdString(analysis_->modelPath) : QString());
  if (analysis_) comparison_->setActiveProfile(QString::fromStdString(analysis_->profile.name));
  if (!analysis_ || !analysis_->performance) {
    charts_.clear();
    if (!model) {
      setMessage(tr("No analysis"));
      return;
    }
    // No estimate for this profile: say why, and keep the target comparison at hand.
    setNote(tr("Performance charts need an Ethos-U target profile; '%1' is %2. The Targets tab compares the "
               "Ethos-U built-ins for this model.")
                .arg(QString::fromStdString(analysis_->profile.name), QString::fromStdString(analysis_->profile.target)));
    tabs_->setCurrentWidget(comparison_);
    stack_->setCurrentIndex(1);
    return;
  }
  setNote({});
  charts_.setEstimate(*analysis_->performance, analysis_->model.get());
  stack_->setCurrentIndex(1);
}

QString PerformanceChartsPanel::note() const { return note_->isHidden() ? QString() : note_->text(); }

void PerformanceChartsPanel::setNote(const QString& note) {
  note_->setText(note);
  note_->setVisible(!note.isEmpty());
}

ChartBase* PerformanceChartsPanel::currentChart() const { return qobject_cast<ChartBase*>(tabs_->currentWidget()); }

Status PerformanceChartsPanel::exportCurrent(const QString& path) {
  if (auto* c = currentChart()) return c->exportTo(path);
  QFileInfo fi(path);
  auto with = [&](const QString& suffix) {
    return fi.dir().filePath(fi.completeBaseName() + suffix + QLatin1Char('.') + fi.suffix());
  };
  if (auto s = comparison_->timeChart()->exportTo(with(QStringLiteral("-time"))); !s) return s;
  return comparison_->memoryChart()->exportTo(with(QStringLiteral("-memory")));
}

void PerformanceChartsPanel::exportDialog() {
  QString base = currentChart() ? currentChart()->displayName() : tr("Targets");
  base.replace(QLatin1Char(' '), QLatin1Char('-'));
  QString path = saveFileChooser()(this, {tr("Export Chart"), base.toLower() + QStringLiteral(".png"),
                                          tr("PNG image (*.png);;SVG drawing (*.svg)")});
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
  auto s = exportCurrent(path);
  if (!s) QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(s.error().message));
}

}  // namespace inferscope::widgets
