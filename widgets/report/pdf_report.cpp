#include "widgets/report/pdf_report.h"

#include <QBuffer>
#include <QFileInfo>
#include <QLocale>
#include <QPdfWriter>

#include "core/report/export.h"
#include "core/util/fileio.h"
#include "core/util/text.h"
#include "widgets/report/pdf_report_writer.h"
#include "widgets/report/report_graph.h"

namespace inferscope::widgets {

QString fmtInt(double v) { return QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(std::llround(v)))); }

QString fmtFixed(double v, int decimals) {
  QLocale c(QLocale::C);
  c.setNumberOptions(QLocale::DefaultNumberOptions);
  return c.toString(v, 'f', decimals);
}

QString fmtKiB(double kib) { return fmtFixed(kib, 1) + QStringLiteral(" KiB"); }

QStringList adviceFromDocument(const json::Value& document) {
  QStringList out;
  for (const auto& a : document["advice"].asArray()) {
    QString s;
    if (a.isString()) {
      s = QString::fromStdString(a.asString());
    } else if (a["message"].isString()) {
      s = QString::fromStdString(a["message"].asString());
    } else if (a["lines"].isArray()) {
      QStringList lines;
      for (const auto& l : a["lines"].asArray()) lines << QString::fromStdString(l.asString());
      s = lines.join(QLatin1Char('\n'));
    } else if (a["text"].isString()) {
      s = QString::fromStdString(a["text"].asString());
    }
    if (!s.trimmed().isEmpty()) out << s.trimmed();
  }
  return out;
}

PdfReportWriter::PdfReportWriter(PdfComposer& composer, const PdfReportInput& input, QWidget* host)
    : c_(composer), in_(input), a_(*input.analysis), host_(host), pal_(ChartPalette::light()) {}

QString PdfReportWriter::section(const QString& title) { return QStringLiteral("%1   %2").arg(++section_).arg(title); }

QString PdfReportWriter::modelName() const {
  return QString::fromStdString(report::networkName(a_.modelPath.empty() ? std::string("model") : a_.modelPath));
}

QString PdfReportWriter::targetName() const { return QString::fromStdString(a_.profile.name); }

void PdfReportWriter::titlePage() {
  const auto& st = c_.style();
  c_.block(70, [](QPainter&, const QRectF&) {});
  c_.paragraph(in_.title.isEmpty() ? (a_.performance ? tr("Performance report") : tr("Compatibility report")) : in_.title, 26,
               st.accent, true);
  c_.paragraph(modelName(), 17, st.text, true);
  c_.paragraph(tr("on %1").arg(targetName()) +
                   (a_.profile.description.empty() ? QString() : QStringLiteral(" \u2014 ") + QString::fromStdString(a_.profile.description)),
               12, st.muted);
  c_.space(18);
  if (a_.performance) {
    const auto& e = *a_.performance;
    std::vector<std::pair<QString, QString>> kpi = {
        {tr("Inference time (NPU)"), fmtFixed(e.inferenceTimeMs, 3) + tr(" ms")},
        {tr("With CPU operators (estimate)"), fmtFixed(e.totalTimeWithCpuMs, 3) + tr(" ms")},
        {tr("Inferences per second"), fmtFixed(e.totalTimeWithCpuMs > 0 ? 1000.0 / e.totalTimeWithCpuMs : 0, 1)},
        {tr("SRAM used"), fmtKiB(e.sramUsedKiB)},
        {tr("Flash used"), fmtKiB(e.onChipFlashUsedKiB + e.offChipFlashUsedKiB)},
        {tr("Operators on NPU / CPU"), QStringLiteral("%1 / %2").arg(a_.ethosU ? a_.ethosU->npuOps : e.npuOperators)
                                           .arg(a_.ethosU ? a_.ethosU->cpuOps : e.cpuOperators)}};
    c_.metrics(kpi, 3, 15);
  } else {
    auto rows = placementRows(in_.document, a_.ethosU ? &*a_.ethosU : nullptr);
    int on = 0, off = 0;
    for (const auto& r : rows) {
      on += r.verdict == PlacementRow::Verdict::OnTarget;
      off += r.verdict == PlacementRow::Verdict::OffTarget;
    }
    bool npu = a_.profile.isEthosU();
    if (!rows.empty())
      c_.metrics({{npu ? tr("Operators on the NPU") : tr("Compatible operators"), QString::number(on)},
                  {npu ? tr("Operators on the CPU") : tr("Incompatible operators"), QString::number(off)},
                  {tr("Share off the target"), fmtFixed(on + off ? 100.0 * off / (on + off) : 0, 1) + QStringLiteral(" %")}},
                 3, 15);
  }
  c_.space(14);
  const auto& m = *a_.model;
  const auto& sg = m.subgraphs.front();
  PdfTable t;
  t.columns = {{tr("Run"), 1.0}, {QString(), 2.6, Qt::AlignLeft, true}};
  auto row = [&](const QString& k, const QString& v) { t.rows.push_back({k, v}); };
  row(tr("Model file"), QString::fromStdString(a_.modelPath));
  if (!m.description.empty()) row(tr("Description"), QString::fromStdString(m.description));
  row(tr("Operators"), tr("%1 in %2 subgraph(s)").arg(m.operatorCount()).arg(m.subgraphs.size()));
  row(tr("MACs (model)"), fmtInt(static_cast<double>(sg.facts.totalMacs)));
  row(tr("Weights"), QStringLiteral("%1 parameters, %2").arg(fmtInt(static_cast<double>(m.parameterCount())),
                                                             humanBytes(static_cast<double>(m.weightBytes()))));
  row(tr("Target profile"), targetName() + (a_.profile.sourcePath.empty() ? tr(" (built-in)")
                                                                       : QStringLiteral(" (%1)").arg(QString::fromStdString(a_.profile.sourcePath))));
  if (a_.profile.isEthosU()) {
    row(tr("Accelerator"), QString::fromStdString(a_.profile.acceleratorConfigName()));
    row(tr("System config / memory mode"), QString::fromStdString(a_.profile.systemConfigName + " / " + a_.profile.memoryModeName));
    row(tr("NPU clock"), fmtFixed(a_.profile.coreClockHz() / 1e6, 0) + tr(" MHz"));
    if (!a_.profile.hostCpu().empty())
      row(tr("Host CPU (fallback)"), QStringLiteral("%1 at %2 MHz").arg(QString::fromStdString(a_.profile.hostCpu()))
                                         .arg(fmtFixed(a_.profile.hostCpuClockHz() / 1e6, 0)));
  }
  if (a_.ethosU) row(tr("Placement rules"), QString::fromStdString(a_.ethosU->rulesVersion));
  row(tr("Generated"), QLocale(QLocale::C).toString(in_.generated, QStringLiteral("yyyy-MM-dd HH:mm")) +
                           tr(" by InferScope %1").arg(QStringLiteral(INFERSCOPE_VERSION)));
  c_.table(t);
  if (a_.performance)
    c_.paragraph(tr("NPU figures follow Vela's performance model (cycles, memory and bandwidth as Vela reports them). "
                    "Figures for operators left on the CPU are InferScope's coarse estimate for the host Cortex-M core "
                    "and are labelled as such."),
                 st.bodySize - 1, st.muted);
  c_.newPage();
}

void PdfReportWriter::summary() {
  if (!a_.performance) return;
  const auto& e = *a_.performance;
  c_.heading(section(tr("Network summary")));
  PdfTable t;
  t.columns = {{tr("Figure"), 2.2}, {tr("Value"), 1.4, Qt::AlignRight}, {tr("Unit"), 1.2}};
  auto row = [&](const QString& k, const QString& v, const QString& u) { t.rows.push_back({k, v, u}); };
  row(tr("Accelerator configuration"), QString::fromStdString(e.accelerator), QString());
  row(tr("Total SRAM used"), fmtFixed(e.sramUsedKiB, 2), tr("KiB"));
  if (e.dramUsedKiB > 0) row(tr("Total DRAM used"), fmtFixed(e.dramUsedKiB, 2), tr("KiB"));
  if (e.onChipFlashUsedKiB > 0) row(tr("Total on-chip flash used"), fmtFixed(e.onChipFlashUsedKiB, 2), tr("KiB"));
  if (e.offChipFlashUsedKiB > 0) row(tr("Total off-chip flash used"), fmtFixed(e.offChipFlashUsedKiB, 2), tr("KiB"));
  row(tr("Weights (original / encoded)"),
      QStringLiteral("%1 / %2").arg(fmtInt(static_cast<double>(e.originalWeightBytes)), fmtInt(static_cast<double>(e.encodedWeightBytes))),
      tr("bytes"));
  const char* areas[] = {"SRAM", "DRAM", "On-chip flash", "Off-chip flash"};
  for (int i = 0; i < estimate::kMemAreaCount; ++i) {
    double b = e.readBytes[static_cast<std::size_t>(i)] + e.writeBytes[static_cast<std::size_t>(i)];
    if (b > 0) row(tr("%1 bandwidth").arg(QString::fromLatin1(areas[i])), fmtFixed(b / 1e6, 2), tr("MB/inference"));
  }
  row(tr("Neural network MACs"), fmtInt(static_cast<double>(e.macs)), tr("MACs/inference"));
  row(tr("NPU cycles"), fmtInt(e.npuCycles), tr("cycles"));
  row(tr("SRAM access cycles"), fmtInt(e.sramAccessCycles), tr("cycles"));
  if (e.dramAccessCycles > 0) row(tr("DRAM access cycles"), fmtInt(e.dramAccessCycles), tr("cycles"));
  if (e.onChipFlashAccessCycles > 0) row(tr("On-chip flash access cycles"), fmtInt(e.onChipFlashAccessCycles), tr("cycles"));
  if (e.offChipFlashAccessCycles > 0) row(tr("Off-chip flash access cycles"), fmtInt(e.offChipFlashAccessCycles), tr("cycles"));
  row(tr("Total cycles"), fmtInt(e.totalCycles), tr("cycles"));
  row(tr("Inference time (NPU)"), fmtFixed(e.inferenceTimeMs, 3), tr("ms"));
  row(tr("Inferences per second (NPU)"), fmtFixed(e.inferencesPerSecond, 2), tr("inferences/s"));
  if (!e.cpuOps.empty()) {
    row(tr("CPU operators, estimated cycles"), fmtInt(e.cpuCyclesEstimate), tr("CPU cycles"));
    row(tr("CPU operators, estimated time"), fmtFixed(e.cpuTimeMs, 3), tr("ms"));
    row(tr("NPU + CPU time (estimate)"), fmtFixed(e.totalTimeWithCpuMs, 3), tr("ms"));
  }
  t.emphasis.assign(t.rows.size(), false);
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (t.rows[i][0] == tr("Total cycles") || t.rows[i][0] == tr("Inference time (NPU)")) t.emphasis[i] = true;
  c_.table(t);
}

void PdfReportWriter::advice() {
  QStringList items = adviceFromDocument(in_.document);
  if (items.isEmpty() && a_.ethosU) {
    // Without a document: the compatibility check's own hints, per CPU operator.
    for (const auto& op : a_.ethosU->ops) {
      if (!op.onCpu() || op.disposition != compat::Disposition::Runs) continue;
      QString head = tr("Operator %1 (%2 '%3') runs on the CPU").arg(op.index).arg(QString::fromStdString(op.type),
                                                                                  QString::fromStdString(op.name));
      if (const auto* r = op.primaryReason()) head += QStringLiteral(": ") + QString::fromStdString(r->text());
      for (const auto& hint : op.advice) head += QStringLiteral("\n\u2192 ") + QString::fromUtf8(hint.data(), static_cast<qsizetype>(hint.size()));
      items << head;
    }
    if (items.isEmpty() && a_.ethosU->cpuOps == 0)
      items << tr("All %1 operators run on the NPU: the model needs no CPU fallback on %2.").arg(a_.ethosU->npuOps).arg(targetName());
  }
  if (items.isEmpty()) return;
  c_.heading(section(tr("Advice")));
  c_.bullets(items);
}

Result<PdfReportResult> renderPdfReport(const PdfReportInput& input) {
  if (!input.analysis || !input.analysis->model) return makeError(ErrorCode::Usage, "the report needs an analysis run");
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  PdfReportResult out;
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout::Millimeter);
    writer.setCreator(QStringLiteral("InferScope " INFERSCOPE_VERSION));
    QString name = QString::fromStdString(report::networkName(input.analysis->modelPath));
    writer.setTitle(QStringLiteral("%1 \u2014 %2").arg(name, QString::fromStdString(input.analysis->profile.name)));
    PdfComposer composer(&writer);
    composer.setRunningHeader(QStringLiteral("%1 \u00b7 %2").arg(name, QString::fromStdString(input.analysis->profile.name)),
                              !input.title.isEmpty()          ? input.title
                              : input.analysis->performance ? PdfReportWriter::tr("InferScope performance report")
                                                            : PdfReportWriter::tr("InferScope compatibility report"));
    composer.setFooterText(PdfReportWriter::tr("InferScope %1 \u00b7 %2")
                               .arg(QStringLiteral(INFERSCOPE_VERSION), QLocale(QLocale::C).toString(input.generated, QStringLiteral("yyyy-MM-dd"))));
    QWidget host;
    host.setAttribute(Qt::WA_DontShowOnScreen);
    PdfReportWriter w(composer, input, &host);
    w.titlePage();
    w.summary();
    w.advice();
    w.compatibility();
    w.charts();
    w.perLayer();
    w.cpuOperators();
    w.comparison();
    if (input.includeGraph) w.graph();
    w.notes();
    if (!composer.paint()) return makeError(ErrorCode::Io, "could not paint the PDF pages");
    out.pages = composer.pageCount();
  }
  buffer.close();
  out.pdf = bytes;
  return out;
}

Result<int> writePdfReport(const QString& path, const PdfReportInput& input) {
  auto r = renderPdfReport(input);
  if (!r) return r.error();
  auto s = writeFileAtomic(path.toStdString(), std::string_view(r->pdf.constData(), static_cast<std::size_t>(r->pdf.size())));
  if (!s) return s.error();
  return r->pages;
}

}  // namespace inferscope::widgets
