#include "widgets/perf_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/util/text.h"
#include "widgets/analysis_widgets.h"
#include "widgets/model_view.h"
#include "widgets/table_views.h"

namespace inferscope::widgets {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
QString cycles(double v) { return qs(text::withSeparators(static_cast<std::int64_t>(std::llround(v)))); }
QString kib(double v) { return QStringLiteral("%1 KiB").arg(v, 0, 'f', 2); }
QString bytesHuman(double b) { return qs(text::humanBytes(b)); }
QString msText(double v) { return QString::number(v, 'f', v < 1 ? 3 : 2); }
const char* kAreaTitles[] = {QT_TRANSLATE_NOOP("PerfPanel", "SRAM"), QT_TRANSLATE_NOOP("PerfPanel", "DRAM"),
                             QT_TRANSLATE_NOOP("PerfPanel", "On-chip flash"), QT_TRANSLATE_NOOP("PerfPanel", "Off-chip flash")};
}  // namespace

PerfPanel::PerfPanel(QWidget* parent) : QWidget(parent) {
  header_ = new AnalysisHeader(this);

  // The headline figures in a row of tiles; Vela's network summary and the layers below.
  auto* tilesRow = new QHBoxLayout;
  tilesRow->setContentsMargins(4, 2, 4, 2);
  tilesRow->setSpacing(6);
  const QString captions[TileCount] = {tr("NPU inference time"), tr("inferences/s"), tr("NPU cycles, total"),
                                       tr("SRAM used"), tr("flash used"), tr("NPU + CPU time")};
  for (int i = 0; i < TileCount; ++i) {
    tiles_[i] = new StatTile(captions[i], this);
    tilesRow->addWidget(tiles_[i]);
  }
  tilesRow->addStretch(1);
  tiles_[InferenceTime]->setAccent(QColor(253, 141, 60));
  tiles_[WithCpu]->setAccent(QColor(215, 58, 73));
  summary_ = new QTreeWidget(this);
  summary_->setObjectName(QStringLiteral("PerfSummary"));
  summary_->setColumnCount(2);
  summary_->setHeaderLabels({tr("Network summary"), QString()});
  summary_->setRootIsDecorated(true);
  summary_->setUniformRowHeights(true);
  summary_->setAlternatingRowColors(true);
  summary_->header()->setStretchLastSection(true);
  summary_->setColumnWidth(0, 250);

  connect(summary_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* it) {
    auto op = it->data(0, Qt::UserRole);
    if (op.isValid()) Q_EMIT operatorActivated(0, op.toInt());
  });

  auto* tablePane = new QWidget(this);
  filter_ = new QLineEdit(tablePane);
  filter_->setPlaceholderText(tr("Filter layers (operator, NNG operation, name)"));
  filter_->setClearButtonEnabled(true);
  model_ = new PerfLayerModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(PerfLayerModel::SortRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  view_ = makeRowTable(tablePane, proxy_, PerfLayerModel::Row);
  // Wide enough for the header and seven-digit figures.
  const auto& fm = view_->horizontalHeader()->fontMetrics();
  for (int c = 0; c < PerfLayerModel::ColumnCount; ++c) {
    int header = fm.horizontalAdvance(model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()) + 24;
    view_->setColumnWidth(c, std::max(header, fm.horizontalAdvance(QStringLiteral("0,000,000")) + 12));
  }
  view_->setColumnWidth(PerfLayerModel::Row, fm.horizontalAdvance(QStringLiteral("0000")) + 20);
  view_->setColumnWidth(PerfLayerModel::Operator, fm.horizontalAdvance(QStringLiteral("0000")) + 24);
  view_->setColumnWidth(PerfLayerModel::TfliteOperator, fm.horizontalAdvance(QStringLiteral("DEPTHWISE_CONV_2D")) + 16);
  view_->setColumnWidth(PerfLayerModel::NngOperator, fm.horizontalAdvance(QStringLiteral("DepthwiseConv2DBias")) + 16);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
    if (syncing_ || !cur.isValid()) return;
    int op = cur.data(PerfLayerModel::OperatorRole).toInt();
    if (op >= 0) Q_EMIT operatorActivated(0, op);
  });
  auto* right = new QVBoxLayout(tablePane);
  right->setContentsMargins(2, 2, 2, 2);
  right->setSpacing(2);
  right->addWidget(filter_);
  right->addWidget(view_, 1);

  const auto frame = assemblePanel(this, header_, tilesRow, summary_, tablePane, 470);
  stack_ = frame.stack;
  message_ = frame.message;
  refresh();
}

void PerfPanel::setController(AnalysisController* c) {
  if (c == controller_ && c) return;
  disconnect(outcomeConn_);
  controller_ = c;
  header_->setController(c);
  if (c) outcomeConn_ = connect(c, &AnalysisController::outcomeChanged, this, &PerfPanel::refresh);
  refresh();
}

void PerfPanel::refresh() {
  const auto o = controller_ ? controller_->outcome() : nullptr;
  const auto* e = o ? o->estimate() : nullptr;
  // The table shares the outcome's lifetime (aliasing pointer into the analysis).
  model_->setEstimate(e ? std::shared_ptr<const estimate::Estimate>(o->analysis, e) : nullptr);
  header_->setTitle(e ? QStringLiteral("%1 \u00B7 %2 \u00B7 %3").arg(o->compat ? o->compat->target : qs(e->accelerator),
                                                                    qs(e->systemConfig), qs(e->memoryMode))
                      : tr("Performance"));
  if (!e) {
    if (!controller_) message_->setText(tr("Open a model to estimate how fast it runs on the target."));
    else if (!o) message_->setText(tr("Estimating\u2026"));
    else message_->setText(o->error.isEmpty() ? o->perfUnavailable : o->error);
    stack_->setCurrentIndex(0);
    return;
  }
  stack_->setCurrentIndex(1);
  tiles_[InferenceTime]->setValue(tr("%1 ms").arg(msText(e->inferenceTimeMs)));
  tiles_[InferencesPerSecond]->setValue(QString::number(e->inferencesPerSecond, 'f', e->inferencesPerSecond < 100 ? 2 : 1));
  tiles_[TotalCycles]->setValue(qs(text::humanCount(e->totalCycles)));
  tiles_[SramUsed]->setValue(bytesHuman(e->sramUsedKiB * 1024));
  tiles_[FlashUsed]->setValue(bytesHuman((e->onChipFlashUsedKiB + e->offChipFlashUsedKiB) * 1024));
  tiles_[WithCpu]->setValue(tr("%1 ms").arg(msText(e->totalTimeWithCpuMs)),
                            e->cpuOps.empty() ? tr("no CPU operators") : tr("CPU part %1 ms (estimate)").arg(msText(e->cpuTimeMs)));
  for (int c = PerfLayerModel::SramAccessCycles; c <= PerfLayerModel::OffChipFlashAccessCycles; ++c)
    view_->setColumnHidden(c, model_->columnIsZero(c));
  fillSummary(*e, *o);
  if (auto* v = controller_->view(); v && v->selection().kind == Selection::Kind::Operator)
    selectOperator(v->selection().subgraph, v->selection().index);
}

void PerfPanel::fillSummary(const estimate::Estimate& e, const AnalysisOutcome& o) {
  summary_->clear();
  auto section = [this](const QString& title) {
    auto* it = new QTreeWidgetItem(summary_, {title});
    QFont f = it->font(0);
    f.setBold(true);
    it->setFont(0, f);
    it->setFirstColumnSpanned(true);
    return it;
  };
  auto row = [](QTreeWidgetItem* parent, const QString& k, const QString& v, const QString& tip = {}) {
    auto* it = new QTreeWidgetItem(parent, {k, v});
    it->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    if (!tip.isEmpty()) it->setToolTip(0, tip);
    return it;
  };
  const double seconds = e.inferenceTimeMs / 1000.0;

  auto* cfg = section(tr("Configuration"));
  row(cfg, tr("Accelerator configuration"), qs(e.accelerator));
  row(cfg, tr("System configuration"), qs(e.systemConfig));
  row(cfg, tr("Memory mode"), qs(e.memoryMode));
  row(cfg, tr("Accelerator clock"), tr("%1 MHz").arg(e.clockHz / 1e6, 0, 'f', 0));
  if (o.profile && !o.profile->hostCpu().empty())
    row(cfg, tr("Host CPU"), tr("%1 at %2 MHz").arg(qs(o.profile->hostCpu())).arg(o.profile->hostCpuClockHz() / 1e6, 0, 'f', 0));

  auto* mem = section(tr("Memory used"));
  const double used[] = {e.sramUsedKiB, e.dramUsedKiB, e.onChipFlashUsedKiB, e.offChipFlashUsedKiB};
  for (int a = 0; a < estimate::kMemAreaCount; ++a)
    if (used[a] > 0) row(mem, tr("Total %1 used").arg(tr(kAreaTitles[a])), kib(used[a]));
  if (e.originalWeightBytes > 0)
    row(mem, tr("Weights, original \u2192 encoded"),
        QStringLiteral("%1 \u2192 %2").arg(bytesHuman(static_cast<double>(e.originalWeightBytes)),
                                           bytesHuman(static_cast<double>(e.encodedWeightBytes))),
        tr("Weight streams as Vela's weight encoder would compress them"));

  auto* ops = section(tr("Operators"));
  const int total = e.npuOperators + e.cpuOperators;
  auto share = [total](int n) { return total ? 100.0 * n / total : 0.0; };
  row(ops, tr("NPU operators"), tr("%1 (%2 %)").arg(e.npuOperators).arg(share(e.npuOperators), 0, 'f', 1));
  row(ops, tr("CPU operators"), tr("%1 (%2 %)").arg(e.cpuOperators).arg(share(e.cpuOperators), 0, 'f', 1));
  row(ops, tr("NPU segments"), QString::number(e.npuSegments));

  auto* bw = section(tr("Bandwidth per inference"));
  for (int a = 0; a < estimate::kMemAreaCount; ++a) {
    double r = e.readBytes[static_cast<std::size_t>(a)], w = e.writeBytes[static_cast<std::size_t>(a)];
    if (r + w <= 0) continue;
    auto* it = row(bw, tr("Total %1 bandwidth").arg(tr(kAreaTitles[a])), tr("%1 MB").arg((r + w) / 1e6, 0, 'f', 2));
    row(it, tr("read"), tr("%1 MB").arg(r / 1e6, 0, 'f', 2));
    row(it, tr("written"), tr("%1 MB").arg(w / 1e6, 0, 'f', 2));
    if (a == 0 && seconds > 0) row(bw, tr("Average SRAM bandwidth"), tr("%1 GB/s").arg((r + w) / seconds / 1e9, 0, 'f', 2));
  }
  row(bw, tr("Neural network MACs"), cycles(static_cast<double>(e.macs)));
  if (seconds > 0) row(bw, tr("Network Tops/s"), QString::number(2.0 * static_cast<double>(e.macs) / seconds / 1e12, 'f', 2));

  auto* cyc = section(tr("Cycles per inference"));
  row(cyc, tr("NPU cycles"), cycles(e.npuCycles));
  const double access[] = {e.sramAccessCycles, e.dramAccessCycles, e.onChipFlashAccessCycles, e.offChipFlashAccessCycles};
  for (int a = 0; a < estimate::kMemAreaCount; ++a)
    if (access[a] > 0) row(cyc, tr("%1 access cycles").arg(tr(kAreaTitles[a])), cycles(access[a]));
  row(cyc, tr("Total cycles"), cycles(e.totalCycles));
  row(cyc, tr("Batch inference time"),
      tr("%1 ms, %2 inferences/s").arg(msText(e.inferenceTimeMs)).arg(e.inferencesPerSecond, 0, 'f', 2));

  if (!e.cpuOps.empty()) {
    auto* cpu = section(tr("CPU operators (InferScope estimate, not a Vela figure)"));
    // The most expensive ones; the per-operator figures of all of them are in the heat map.
    std::vector<const estimate::CpuOpEstimate*> top;
    for (const auto& c : e.cpuOps) top.push_back(&c);
    const std::size_t shown = std::min<std::size_t>(top.size(), 12);
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(shown), top.end(),
                      [](const auto* a, const auto* b) { return a->cycles > b->cycles; });
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& c = *top[i];
      auto* it = row(cpu, tr("#%1 %2").arg(c.op).arg(qs(c.type)), tr("%1 cycles").arg(cycles(c.cycles)), qs(c.basis));
      it->setData(0, Qt::UserRole, c.op);
    }
    if (top.size() > shown) row(cpu, tr("%n more CPU operator(s)", nullptr, static_cast<int>(top.size() - shown)), QString());
    row(cpu, tr("Estimated CPU time"), tr("%1 ms").arg(msText(e.cpuTimeMs)));
    row(cpu, tr("Estimated NPU + CPU time"), tr("%1 ms").arg(msText(e.totalTimeWithCpuMs)));
  }
  if (!e.notes.empty()) {
    auto* notes = section(tr("Notes"));
    for (const auto& n : e.notes) {
      auto* it = new QTreeWidgetItem(notes, {qs(n)});
      it->setFirstColumnSpanned(true);
      it->setToolTip(0, qs(n));
    }
  }
  summary_->expandToDepth(0);
}

void PerfPanel::selectOperator(int subgraph, int op) {
  syncing_ = true;
  auto idx = subgraph == 0 ? proxy_->mapFromSource(model_->indexOfOperator(op)) : QModelIndex();
  if (idx.isValid()) {
    view_->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(idx);
  } else {
    view_->clearSelection();
  }
  syncing_ = false;
}

}  // namespace inferscope::widgets
