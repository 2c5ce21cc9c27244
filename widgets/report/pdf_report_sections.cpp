// The PDF report's charts, tables, target comparison, graph and notes (see pdf_report_writer.h).
#include <QFont>
#include <algorithm>

#include "core/report/chart_data.h"
#include "widgets/charts/performance_charts.h"
#include "widgets/report/pdf_report_writer.h"
#include "widgets/report/report_graph.h"

namespace inferscope::widgets {

namespace {
// Charts are laid out in screen pixels (96 per inch) and scaled onto the page.
constexpr double kPixelsPerPoint = 96.0 / 72.0;
// Rows of the per-layer and CPU tables beyond which only the most expensive are listed.
constexpr std::size_t kMaxLayerRows = 250;
constexpr std::size_t kMaxCpuRows = 60;

template <class Chart>
void prepareChart(Chart* chart, const ChartPalette& pal) {
  QFont f(QStringLiteral("DejaVu Sans"));
  f.setPointSizeF(7.5);
  chart->setFont(f);
  chart->setChartPalette(pal);
}
}  // namespace

void PdfReportWriter::charts() {
  if (!a_.performance) return;
  const auto& e = *a_.performance;
  auto set = PerformanceChartSet::create(host_);
  for (auto* c : set.all()) prepareChart(c, pal_);
  set.setEstimate(e, a_.model.get());
  if (set.layers->data().bars.size() > 90) set.layers->setMaxBars(80);
  c_.newPage();
  c_.heading(section(tr("Where the time and memory go")));
  const double w = c_.contentWidthPt();
  auto fig = [&](ChartBase* chart, double heightPt, const QString& caption, double widthPt = 0) {
    double cw = widthPt > 0 ? widthPt : w;
    QSizeF layout(cw * kPixelsPerPoint, heightPt * kPixelsPerPoint);
    c_.figure(heightPt, [chart, layout](QPainter& p, const QRectF& r) { chart->renderTo(p, r, layout); }, caption, cw);
  };
  double cpuPct = e.totalTimeWithCpuMs > 0 ? 100.0 * e.cpuTimeMs / e.totalTimeWithCpuMs : 0;
  fig(set.layers, 250,
      tr("Figure 1. Cycles per TFLite operator in execution order: NPU compute, the part of each NPU operation bound by "
         "memory access, and the CPU estimate for operators left on the CPU (%1 % of the total time).")
          .arg(fmtFixed(cpuPct, 1)));
  fig(set.shares, 250, tr("Figure 2. Cycles by operator type (outer ring) and NPU vs CPU share (inner ring)."));
  auto timeline = report::sramTimeline(e, a_.model.get());
  QString peakAt = timeline.steps.empty() ? QString() : QString::fromStdString(timeline.steps[timeline.peakStep].label);
  const QString peak = humanBytes(static_cast<double>(timeline.peakBytes));
  c_.newPage();
  fig(set.sram, 185,
      timeline.peakBetween
          ? tr("Figure 3. SRAM in use while each NPU operation or CPU operator runs. Peak %1 between steps %2 and %3, "
               "while the weights of the next operation arrive after %4.")
                .arg(peak)
                .arg(timeline.peakStep)
                .arg(timeline.peakStep + 1)
                .arg(peakAt)
          : tr("Figure 3. SRAM in use while each NPU operation or CPU operator runs. Peak %1 at step %2 (%3).")
                .arg(peak)
                .arg(timeline.peakStep)
                .arg(peakAt));
  fig(set.arena, 240,
      tr("Figure 4. Tensor arena: each box is a feature map, placed at its SRAM offset for the steps it is alive. "
         "The dashed line is the arena size to reserve."));
  fig(set.traffic, 160, tr("Figure 5. Bytes read and written per inference in each memory area."), w * 0.75);
}

void PdfReportWriter::perLayer() {
  if (!a_.performance || a_.performance->layers.empty()) return;
  const auto& e = *a_.performance;
  c_.newPage();
  c_.heading(section(tr("Per-layer performance")));
  c_.paragraph(tr("One row per NPU operation, with Vela's per-layer columns (cycles at the %1 MHz NPU clock). "
                  "The CSV export has the same columns under Vela's names.")
                   .arg(fmtFixed(e.clockHz / 1e6, 0)),
               0, c_.style().muted);
  bool dram = false, onFlash = false, offFlash = false;
  for (const auto& l : e.layers) {
    dram = dram || l.dramAccessCycles > 0;
    onFlash = onFlash || l.onChipFlashAccessCycles > 0;
    offFlash = offFlash || l.offChipFlashAccessCycles > 0;
  }
  PdfTable t;
  t.fontSize = 6.0;
  auto col = [&](const QString& title, double wgt, bool right = true) {
    t.columns.push_back({title, wgt, right ? Qt::AlignRight : Qt::AlignLeft});
  };
  col(tr("Op"), 0.45);
  col(tr("TFLite operator"), 1.55, false);
  col(tr("NNG operator"), 1.25, false);
  col(tr("SRAM KiB"), 0.8);
  col(tr("Op cycles"), 0.95);
  col(tr("Net %"), 0.6);
  col(tr("NPU"), 0.95);
  col(tr("SRAM AC"), 0.85);
  if (dram) col(tr("DRAM AC"), 0.85);
  if (onFlash) col(tr("OnFlash AC"), 0.85);
  if (offFlash) col(tr("OffFlash AC"), 0.85);
  col(tr("MACs"), 1.05);
  col(tr("Util %"), 0.6);
  t.columns.push_back({tr("Name"), 1.0, Qt::AlignLeft, true});
  auto addRow = [&](const QString& op, const QString& tfl, const QString& nng, double sram, double cycles, double net,
                    double npu, double sramAc, double dramAc, double onAc, double offAc, double macs, const QString& util,
                    const QString& name) {
    QStringList r{op, tfl, nng, sram < 0 ? QString() : fmtFixed(sram, 1), fmtInt(cycles), fmtFixed(net, 1), fmtInt(npu),
                  fmtInt(sramAc)};
    if (dram) r << fmtInt(dramAc);
    if (onFlash) r << fmtInt(onAc);
    if (offFlash) r << fmtInt(offAc);
    r << fmtInt(macs) << util << name;
    t.rows.push_back(r);
  };
  // Very large networks: the most expensive operations, still in execution order.
  std::vector<std::size_t> shown(e.layers.size());
  for (std::size_t i = 0; i < shown.size(); ++i) shown[i] = i;
  if (shown.size() > kMaxLayerRows) {
    std::stable_sort(shown.begin(), shown.end(), [&](std::size_t x, std::size_t y) { return e.layers[x].opCycles > e.layers[y].opCycles; });
    shown.resize(kMaxLayerRows);
    std::sort(shown.begin(), shown.end());
    c_.paragraph(tr("The %1 most expensive of %2 NPU operations, in execution order; the per-layer CSV lists all of them.")
                     .arg(kMaxLayerRows)
                     .arg(e.layers.size()),
                 0, c_.style().muted);
  }
  for (auto i : shown) {
    const auto& l = e.layers[i];
    addRow(l.sourceOp >= 0 ? QString::number(l.sourceOp) : QString(), QString::fromStdString(l.tfliteOperator),
           QString::fromStdString(l.nngOperator), static_cast<double>(l.sramUsage) / 1024.0, l.opCycles,
           l.networkPercentCycles, l.npuCycles, l.sramAccessCycles, l.dramAccessCycles, l.onChipFlashAccessCycles,
           l.offChipFlashAccessCycles, static_cast<double>(l.macs), fmtFixed(l.utilPercent, 1), QString::fromStdString(l.name));
  }
  addRow(QString(), tr("Total"), QString(), -1, e.totalCycles, 100.0, e.npuCycles, e.sramAccessCycles, e.dramAccessCycles,
         e.onChipFlashAccessCycles, e.offChipFlashAccessCycles, static_cast<double>(e.macs), QString(), QString());
  t.emphasis.assign(t.rows.size(), false);
  t.emphasis.back() = true;
  c_.table(t);
}

void PdfReportWriter::cpuOperators() {
  if (!a_.performance || a_.performance->cpuOps.empty()) return;
  const auto& e = *a_.performance;
  c_.heading(tr("Operators on the CPU (estimate)"), 2);
  c_.paragraph(tr("Coarse cycle estimates for the host %1 (CMSIS-NN style kernels); not a Vela figure.")
                   .arg(QString::fromStdString(a_.profile.hostCpu())),
               0, c_.style().muted);
  PdfTable t;
  t.fontSize = 7;
  t.columns = {{tr("Op"), 0.4, Qt::AlignRight},   {tr("Operator"), 1.3},
               {tr("Name"), 1.8},                  {tr("MACs"), 0.9, Qt::AlignRight},
               {tr("Cycles (est.)"), 0.9, Qt::AlignRight}, {tr("Time (ms)"), 0.7, Qt::AlignRight},
               {tr("Basis"), 2.2, Qt::AlignLeft, true}};
  double hz = e.cpuTimeMs > 0 ? e.cpuCyclesEstimate / (e.cpuTimeMs / 1000.0) : 0;
  const auto& sg = a_.model->subgraphs.front();
  auto ops = e.cpuOps;
  if (ops.size() > kMaxCpuRows) {
    std::stable_sort(ops.begin(), ops.end(), [](const auto& x, const auto& y) { return x.cycles > y.cycles; });
    ops.resize(kMaxCpuRows);
    std::stable_sort(ops.begin(), ops.end(), [](const auto& x, const auto& y) { return x.op < y.op; });
    c_.paragraph(tr("The %1 most expensive of %2 operators on the CPU; the CPU-layers CSV lists all of them.")
                     .arg(kMaxCpuRows)
                     .arg(e.cpuOps.size()),
                 0, c_.style().muted);
  }
  for (const auto& c : ops) {
    QString name;
    if (c.op >= 0 && static_cast<std::size_t>(c.op) < sg.operators.size())
      for (auto o : sg.operators[static_cast<std::size_t>(c.op)].outputs)
        if (auto* tensor = sg.tensor(o)) {
          name = QString::fromStdString(tensor->name);
          break;
        }
    t.rows.push_back({QString::number(c.op), QString::fromStdString(c.type), name, fmtInt(static_cast<double>(c.macs)),
                      fmtInt(c.cycles), hz > 0 ? fmtFixed(c.cycles / hz * 1e3, 3) : QString(), QString::fromStdString(c.basis)});
    t.rowMarks.push_back(pal_.cpu);
  }
  t.markColumn = 1;
  c_.table(t);
}

void PdfReportWriter::comparison() {
  if (in_.comparison.empty()) return;
  c_.newPage();
  c_.heading(section(tr("Target comparison")));
  c_.paragraph(tr("The same model estimated for %1 target profiles. Times include the CPU estimate for operators the "
                  "NPU cannot run; the active profile is in bold.")
                   .arg(in_.comparison.size()),
               0, c_.style().muted);
  PdfTable t;
  t.fontSize = 7;
  t.columns = {{tr("Profile"), 1.35},          {tr("System config"), 2.0, Qt::AlignLeft, true},
               {tr("Memory mode"), 1.35},      {tr("MHz"), 0.5, Qt::AlignRight},
               {tr("NPU ms"), 0.75, Qt::AlignRight}, {tr("CPU ms"), 0.7, Qt::AlignRight},
               {tr("Total ms"), 0.75, Qt::AlignRight}, {tr("Inf/s"), 0.7, Qt::AlignRight},
               {tr("SRAM KiB"), 0.8, Qt::AlignRight}, {tr("Flash KiB"), 0.8, Qt::AlignRight},
               {tr("DRAM KiB"), 0.8, Qt::AlignRight}};
  for (const auto& r : in_.comparison) {
    if (!r.ok()) {
      t.rows.push_back({QString::fromStdString(r.profile), QString::fromStdString(r.error)});
    } else {
      t.rows.push_back({QString::fromStdString(r.profile), QString::fromStdString(r.systemConfig),
                        QString::fromStdString(r.memoryMode), fmtFixed(r.clockHz / 1e6, 0), fmtFixed(r.npuTimeMs, 3),
                        fmtFixed(r.cpuTimeMs, 3), fmtFixed(r.totalTimeMs, 3), fmtFixed(r.inferencesPerSecond, 1),
                        fmtFixed(r.sramKiB, 1), fmtFixed(r.flashKiB, 1), fmtFixed(r.dramKiB, 1)});
    }
    t.emphasis.push_back(r.profile == a_.profile.name);
  }
  c_.table(t);
  auto* time = new TargetComparisonChart(TargetComparisonChart::Metric::Time, host_);
  auto* memory = new TargetComparisonChart(TargetComparisonChart::Metric::Memory, host_);
  for (auto* ch : {time, memory}) {
    prepareChart(ch, pal_);
    ch->setRows(in_.comparison);
  }
  const double w = c_.contentWidthPt();
  for (auto* ch : {time, memory}) {
    QSizeF layout(w * kPixelsPerPoint, 230 * kPixelsPerPoint);
    c_.figure(230, [ch, layout](QPainter& p, const QRectF& r) { ch->renderTo(p, r, layout); },
              ch == time ? tr("Figure 6. Inference time per target profile: NPU and CPU estimate.")
                         : tr("Figure 7. SRAM, flash and DRAM used per target profile."));
  }
}

void PdfReportWriter::graph() {
  auto rows = placementRows(in_.document, a_.ethosU ? &*a_.ethosU : nullptr);
  auto g = ReportGraph::build(a_.model, rows.empty() ? nullptr : ReportGraph::placementDecorations(rows, pal_), pal_);
  if (!g) {
    c_.paragraph(tr("The graph could not be drawn: %1").arg(QString::fromStdString(g.error().message)));
    return;
  }
  auto graph = *g;
  c_.newPage();
  bool npu = a_.profile.isEthosU();
  c_.heading(section(npu ? tr("Graph with NPU / CPU placement") : tr("Graph with compatibility")));
  if (rows.empty()) c_.paragraph(tr("No compatibility information for this target; the graph is shown plain."));
  // Legend.
  auto pal = pal_;
  QFont lf = c_.font(c_.style().bodySize);
  QString onLabel = npu ? tr("NPU") : tr("Compatible"), offLabel = npu ? tr("CPU") : tr("Not compatible");
  if (!rows.empty()) c_.block(16, [pal, lf, onLabel, offLabel](QPainter& p, const QRectF& r) {
    double k = r.height() / 16.0;
    double x = r.left();
    p.setFont(lf);
    for (auto [label, color] : {std::pair{onLabel, pal.npuCompute}, std::pair{offLabel, pal.cpu}}) {
      p.setPen(Qt::NoPen);
      p.setBrush(color);
      p.drawRoundedRect(QRectF(x, r.top() + 3 * k, 18 * k, 10 * k), 2 * k, 2 * k);
      p.setPen(pal.text);
      QRectF box(x + 24 * k, r.top(), 110 * k, r.height());
      p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, label);
      x += 24 * k + p.fontMetrics().horizontalAdvance(label) + 20 * k;
    }
  });
  c_.space(6);
  QSizeF area(c_.contentWidthPt(), c_.remainingPt() - 40);  // room for a two-line caption
  auto pages = graph->paginate(area, 0.42, 4);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) c_.newPage();
    auto columns = pages[i];
    QString caption = pages.size() > 1 ? tr("Subgraph 0, part %1 of %2 (read each column top to bottom).").arg(i + 1).arg(pages.size())
                                       : tr("Subgraph 0 (read each column top to bottom).");
    double w = 0, h = 0;
    for (const auto& col : columns) {
      w += col.width();
      h = std::max(h, col.height());
    }
    const double scale = w > 0 && h > 0 ? std::min(area.width() / w, area.height() / h) : 1.0;
    if (scale < 0.2)
      caption += QLatin1Char(' ') + tr("An overview of %1 operators at reduced scale; open the model in InferScope to read it.")
                                        .arg(a_.model->subgraphs.front().operators.size());
    c_.figure(area.height() - 6, [graph, columns](QPainter& p, const QRectF& r) { graph->paintColumns(p, r, columns); }, caption);
  }
}

void PdfReportWriter::notes() {
  QStringList notes;
  if (a_.performance)
    for (const auto& n : a_.performance->notes) notes << QString::fromStdString(n);
  for (const auto& n : a_.profile.notes) notes << QString::fromStdString(n);
  if (a_.ethosU)
    for (const auto& n : a_.ethosU->notes) notes << QString::fromStdString(n);
  if (notes.isEmpty()) return;
  c_.heading(section(tr("Notes")));
  c_.bullets(notes, c_.style().bodySize - 0.5);
}

}  // namespace inferscope::widgets
