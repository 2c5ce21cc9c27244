#include "widgets/charts/target_comparison.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QPushButton>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>

#include "core/targets/builtin_profiles.h"

namespace inferscope::widgets {

// ---------------------------------------------------------------------------------------------
TargetComparisonChart::TargetComparisonChart(Metric metric, QWidget* parent) : ChartBase(parent), metric_(metric) {
  setObjectName(metric == Metric::Time ? QStringLiteral("TargetTimeChart") : QStringLiteral("TargetMemoryChart"));
  refresh();
}

QString TargetComparisonChart::displayName() const {
  return metric_ == Metric::Time ? tr("Inference time per target") : tr("Memory per target");
}

void TargetComparisonChart::setRows(std::vector<report::TargetFigures> rows) {
  rows_.clear();
  for (auto& r : rows)
    if (r.ok()) rows_.push_back(std::move(r));
  setHasData(!rows_.empty());
  refresh();
}

QString TargetComparisonChart::toolTipFor(int profile, int set) const {
  if (profile < 0 || profile >= static_cast<int>(rows_.size())) return {};
  const auto& r = rows_[static_cast<std::size_t>(profile)];
  QString head = QStringLiteral("<b>%1</b><br>%2, %3<br>").arg(QString::fromStdString(r.profile),
                                                                QString::fromStdString(r.systemConfig),
                                                                QString::fromStdString(r.memoryMode));
  if (metric_ == Metric::Time)
    return head + tr("NPU: %1 ms<br>CPU (estimate): %2 ms<br>Total: %3 ms (%4 inferences/s)")
                      .arg(r.npuTimeMs, 0, 'f', 3)
                      .arg(r.cpuTimeMs, 0, 'f', 3)
                      .arg(r.totalTimeMs, 0, 'f', 3)
                      .arg(r.inferencesPerSecond, 0, 'f', 1);
  Q_UNUSED(set);
  return head + tr("SRAM: %1 KiB<br>Flash: %2 KiB<br>DRAM: %3 KiB")
                    .arg(r.sramKiB, 0, 'f', 1)
                    .arg(r.flashKiB, 0, 'f', 1)
                    .arg(r.dramKiB, 0, 'f', 1);
}

void TargetComparisonChart::fitToSize() {
  // Labels wider than their bar group break at the first '-' into two lines ("U85" over "1024").
  for (auto* a : chart()->axes(Qt::Horizontal))
    if (auto* ax = qobject_cast<QBarCategoryAxis*>(a); ax && ax->count() == labels_.size()) {
      QFontMetricsF fm(ax->labelsFont());
      const double room = plotWidth() / static_cast<double>(std::max<qsizetype>(1, labels_.size())) * 0.75 - fm.averageCharWidth();
      double widest = 0;
      for (const auto& l : labels_) widest = std::max(widest, fm.horizontalAdvance(l));
      QStringList fitted = labels_;
      if (widest > room)
        for (auto& l : fitted)
          if (auto dash = l.indexOf(QLatin1Char('-')); dash > 0) l.replace(dash, 1, QStringLiteral("<br>"));
      if (fitted != ax->categories()) ax->setCategories(fitted);
    }
}

void TargetComparisonChart::rebuild() {
  auto* c = chart();
  c->removeAllSeries();
  for (auto* a : c->axes()) {
    c->removeAxis(a);
    delete a;
  }
  setTitleText(metric_ == Metric::Time ? tr("Inference time per target (ms)") : tr("Memory used per target (KiB)"));
  setNames_.clear();
  if (rows_.empty()) return;
  const auto& pal = chartPalette();
  QStringList categories;
  // Built-in names lose their common "ethos-" prefix so eleven of them fit under the bars.
  for (const auto& r : rows_) {
    QString name = QString::fromStdString(r.profile);
    if (name.startsWith(QStringLiteral("ethos-"))) name = name.mid(6).toUpper();
    while (categories.contains(name)) name += QLatin1Char(' ');
    categories << name;
  }
  QAbstractBarSeries* series = nullptr;
  double max = 0;
  if (metric_ == Metric::Time) {
    auto* npu = new QBarSet(tr("NPU"));
    auto* cpu = new QBarSet(tr("CPU (estimate)"));
    npu->setColor(pal.npuCompute);
    cpu->setColor(pal.cpu);
    bool anyCpu = false;
    for (const auto& r : rows_) {
      npu->append(r.npuTimeMs);
      cpu->append(r.cpuTimeMs);
      anyCpu = anyCpu || r.cpuTimeMs > 0;
      max = std::max(max, r.npuTimeMs + r.cpuTimeMs);
    }
    auto* s = new QStackedBarSeries();
    s->append(npu);
    setNames_ << npu->label();
    if (anyCpu) {
      s->append(cpu);
      setNames_ << cpu->label();
    } else {
      delete cpu;
    }
    series = s;
  } else {
    struct Def {
      QString name;
      double report::TargetFigures::*field;
      QColor color;
    };
    std::vector<Def> defs = {{tr("SRAM"), &report::TargetFigures::sramKiB, pal.category(0)},
                             {tr("Flash"), &report::TargetFigures::flashKiB, pal.category(5).darker(pal.dark ? 100 : 115)},
                             {tr("DRAM"), &report::TargetFigures::dramKiB, pal.category(6)}};
    auto* s = new QBarSeries();
    for (const auto& d : defs) {
      bool any = false;
      for (const auto& r : rows_) any = any || r.*(d.field) > 0;
      if (!any) continue;
      auto* set = new QBarSet(d.name);
      set->setColor(d.color);
      for (const auto& r : rows_) {
        set->append(r.*(d.field));
        max = std::max(max, r.*(d.field));
      }
      s->append(set);
      setNames_ << d.name;
    }
    series = s;
  }
  for (auto* set : series->barSets()) set->setBorderColor(set->color());
  series->setBarWidth(0.75);
  c->addSeries(series);
  auto* ax = new QBarCategoryAxis();
  labels_ = categories;
  ax->append(labels_);
  styleAxis(ax, tr("Target profile"));
  ax->setGridLineVisible(false);
  auto* ay = new QValueAxis();
  styleAxis(ay, metric_ == Metric::Time ? tr("ms") : tr("KiB"));
  ay->setRange(0, max * 1.08 + 1e-9);
  ay->applyNiceNumbers();
  ay->setLabelFormat(max >= 20 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
  addStyledAxis(ax, Qt::AlignBottom);
  addStyledAxis(ay, Qt::AlignLeft);
  series->attachAxis(ax);
  series->attachAxis(ay);
  c->legend()->setVisible(true);
  connect(series, &QAbstractBarSeries::hovered, this, [this, series](bool on, int index, QBarSet* set) {
    showToolTip(on ? toolTipFor(index, static_cast<int>(series->barSets().indexOf(set))) : QString());
  });
  fitToSize();
}

// ---------------------------------------------------------------------------------------------
TargetComparisonView::TargetComparisonView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("TargetComparisonView"));
  auto* top = new QHBoxLayout();
  runButton_ = new QPushButton(tr("Compare Targets"), this);
  runButton_->setObjectName(QStringLiteral("compareButton"));
  runButton_->setToolTip(tr("Estimate the model for every listed profile"));
  status_ = new QLabel(this);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  top->addWidget(runButton_);
  top->addWidget(status_, 1);

  table_ = new QStandardItemModel(this);
  table_->setSortRole(Qt::UserRole);
  tableView_ = new QTableView(this);
  tableView_->setModel(table_);
  tableView_->setSortingEnabled(true);
  tableView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  tableView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  tableView_->verticalHeader()->hide();
  tableView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);  // eleven rows fit in a dock
  tableView_->horizontalHeader()->setStretchLastSection(true);
  time_ = new TargetComparisonChart(TargetComparisonChart::Metric::Time, this);
  memory_ = new TargetComparisonChart(TargetComparisonChart::Metric::Memory, this);

  // Table and charts side by side, so that all eleven built-ins and a chart fit a low dock.
  auto* charts = new QTabWidget(this);
  charts->setDocumentMode(true);
  charts->setTabPosition(QTabWidget::South);
  charts->addTab(time_, tr("Inference time"));
  charts->addTab(memory_, tr("Memory"));
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(tableView_);
  split->addWidget(charts);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  split->setSizes({1000, 1000});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addWidget(split, 1);

  for (const auto& n : report::ethosUBuiltinProfiles())
    if (auto p = targets::builtinProfile(n)) profiles_.push_back(std::move(*p));
  connect(runButton_, &QPushButton::clicked, this, [this] { busy() ? cancel() : run(); });
  connect(&runner_, &JobRunner::progressChanged, this, [this](double f) {
    status_->setText(tr("Estimating %1 profiles\u2026 %2 %").arg(profiles_.size()).arg(static_cast<int>(f * 100)));
    emit progress(f);
  });
  connect(&runner_, &JobRunner::busyChanged, this, [this] { updateState(); });
  fillTable();
  updateState();
}

TargetComparisonView::~TargetComparisonView() = default;

void TargetComparisonView::setModel(model::ModelPtr model, const QString& path) {
  runner_.cancel();
  model_ = std::move(model);
  path_ = path;
  setRows({});
}

void TargetComparisonView::setProfiles(std::vector<targets::TargetProfile> profiles) {
  profiles_ = std::move(profiles);
  updateState();
}

void TargetComparisonView::setActiveProfile(const QString& name) {
  active_ = name;
  fillTable();
}

void TargetComparisonView::run() {
  if (!model_ || profiles_.empty()) return;
  auto model = model_;
  auto path = path_.toStdString();
  auto profiles = profiles_;
  runner_.start(
      [model, path, profiles](const JobContext& ctx) -> Result<std::vector<report::TargetFigures>> {
        return report::compareTargets(model, path, profiles, ctx.progress());
      },
      [this](const Result<std::vector<report::TargetFigures>>& r) {
        if (!r) {
          status_->setText(QString::fromStdString(r.error().message));
          if (r.error().code != ErrorCode::Cancelled) emit failed(QString::fromStdString(r.error().message));
          return;
        }
        setRows(*r);
        emit finished();
      });
  updateState();
}

void TargetComparisonView::cancel() {
  runner_.cancel();
  status_->setText(tr("Comparison cancelled"));
}

void TargetComparisonView::setRows(std::vector<report::TargetFigures> rows) {
  rows_ = std::move(rows);
  time_->setRows(rows_);
  memory_->setRows(rows_);
  fillTable();
  updateState();
}

void TargetComparisonView::fillTable() {
  table_->clear();
  // The figures first, the configuration after them.
  table_->setHorizontalHeaderLabels({tr("Profile"), tr("Total (ms)"), tr("Inferences/s"), tr("NPU (ms)"),
                                     tr("CPU est. (ms)"), tr("SRAM (KiB)"), tr("Flash (KiB)"), tr("DRAM (KiB)"),
                                     tr("NPU ops"), tr("CPU ops"), tr("Clock (MHz)"), tr("System config"),
                                     tr("Memory mode"), tr("Note")});
  for (const auto& r : rows_) {
    QList<QStandardItem*> items;
    auto text = [&](const std::string& s) {
      auto* it = new QStandardItem(QString::fromStdString(s));
      it->setData(QString::fromStdString(s), Qt::UserRole);
      items << it;
    };
    auto number = [&](double v, int decimals) {
      auto* it = new QStandardItem(r.ok() ? QLocale().toString(v, 'f', decimals) : QString());
      it->setData(v, Qt::UserRole);
      it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      items << it;
    };
    text(r.profile);
    number(r.totalTimeMs, 3);
    number(r.inferencesPerSecond, 1);
    number(r.npuTimeMs, 3);
    number(r.cpuTimeMs, 3);
    number(r.sramKiB, 1);
    number(r.flashKiB, 1);
    number(r.dramKiB, 1);
    number(r.npuOperators, 0);
    number(r.cpuOperators, 0);
    number(r.clockHz / 1e6, 0);
    text(r.systemConfig);
    text(r.memoryMode);
    text(r.error);
    if (QString::fromStdString(r.profile) == active_) {
      for (auto* it : items) {
        QFont f = it->font();
        f.setBold(true);
        it->setFont(f);
      }
      items.front()->setToolTip(tr("The active target profile"));
    }
    table_->appendRow(items);
  }
  tableView_->resizeColumnsToContents();
}

void TargetComparisonView::updateState() {
  bool b = busy();
  runButton_->setText(b ? tr("Cancel") : tr("Compare Targets"));
  runButton_->setEnabled(b || (model_ && !profiles_.empty()));
  if (!b && rows_.empty())
    status_->setText(model_ ? tr("%1 target profiles to compare").arg(profiles_.size()) : tr("No model"));
  else if (!b)
    status_->setText(tr("%1 profiles compared").arg(rows_.size()));
}

}  // namespace inferscope::widgets
