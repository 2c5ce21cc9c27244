// The PDF report's compatibility section (see pdf_report_writer.h): the split between target and
// CPU, why operators are off the target (grouped by the constraint they fail) and the operators.
#include <map>

#include "core/report/export.h"
#include "widgets/report/pdf_report_writer.h"
#include "widgets/report/report_graph.h"

namespace inferscope::widgets {

namespace {
// Operators listed one by one; beyond this the exports have the rest.
constexpr std::size_t kMaxOperatorRows = 150;

// Vela words a reason as "<constraint>: <what this operator has>" ("...: Op has stride WxH as:
// 4x4"); the constraint groups operators, the rest is this operator's detail.
std::pair<QString, QString> splitReason(const QString& reason) {
  const auto at = reason.lastIndexOf(QStringLiteral(": Op "));
  if (at < 0) return {reason, QString()};
  return {reason.left(at), reason.mid(at + 2)};
}

struct ReasonGroup {
  QString reason;
  int count = 0;
  std::map<QString, int> types;
};
}  // namespace

void PdfReportWriter::compatibility() {
  auto rows = placementRows(in_.document, a_.ethosU ? &*a_.ethosU : nullptr);
  if (rows.empty()) return;
  c_.heading(section(tr("Compatibility")));
  int on = 0, off = 0;
  for (const auto& r : rows) {
    on += r.verdict == PlacementRow::Verdict::OnTarget;
    off += r.verdict == PlacementRow::Verdict::OffTarget;
  }
  QString checker = QString::fromStdString(in_.document["compatibility"]["checker"].asString());
  if (checker.isEmpty() && a_.ethosU) checker = QString::fromStdString(a_.ethosU->rulesVersion);
  const int total = on + off;
  const bool npu = a_.profile.isEthosU();
  if (npu) {
    QString text = tr("%1 of %2 operators run on the NPU and %3 on the CPU (%4 %).")
                       .arg(on)
                       .arg(total)
                       .arg(off)
                       .arg(fmtFixed(total ? 100.0 * off / total : 0, 1));
    if (a_.ethosU)
      text += tr(" The graph splits into %1 NPU partition(s) with %2 CPU\u2194NPU transition(s).")
                  .arg(a_.ethosU->segments.size())
                  .arg(a_.ethosU->transitions);
    c_.paragraph(text + (checker.isEmpty() ? QString() : tr(" Placement follows %1.").arg(checker)));
  } else {
    c_.paragraph(tr("%1 of %2 operators are compatible with %3 and %4 are not (%5 %).%6")
                     .arg(on)
                     .arg(total)
                     .arg(targetName())
                     .arg(off)
                     .arg(fmtFixed(total ? 100.0 * off / total : 0, 1))
                     .arg(checker.isEmpty() ? QString() : tr(" Checked against %1.").arg(checker)));
  }

  // Why: one row per constraint, with how many operators of which types fail it.
  std::vector<ReasonGroup> groups;
  std::map<QString, std::size_t> groupOf;
  std::vector<int> rowGroup(rows.size(), -1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].verdict != PlacementRow::Verdict::OffTarget) continue;
    QString key = splitReason(rows[i].reason).first;
    if (key.isEmpty()) key = tr("(no reason given)");
    auto [it, added] = groupOf.emplace(key, groups.size());
    if (added) groups.push_back({key, 0, {}});
    auto& g = groups[it->second];
    ++g.count;
    ++g.types[rows[i].type];
    rowGroup[i] = static_cast<int>(it->second);
  }
  if (!groups.empty()) {
    c_.heading(npu ? tr("Why operators run on the CPU") : tr("Why operators are not compatible"), 2);
    PdfTable t;
    t.columns = {{tr("Ref"), 0.3}, {tr("Reason"), 3.4, Qt::AlignLeft, true}, {tr("Operators"), 0.6, Qt::AlignRight},
                 {tr("Types"), 1.6, Qt::AlignLeft, true}};
    for (std::size_t g = 0; g < groups.size(); ++g) {
      QStringList types;
      for (const auto& [type, n] : groups[g].types) types << (n > 1 ? QStringLiteral("%1 \u00d7%2").arg(type).arg(n) : type);
      t.rows.push_back({QStringLiteral("R%1").arg(g + 1), groups[g].reason, QString::number(groups[g].count), types.join(QStringLiteral(", "))});
      t.rowMarks.push_back(pal_.cpu);
    }
    t.markColumn = 0;
    c_.table(t);
  }

  // The operators, in graph order.
  c_.heading(tr("Operators"), 2);
  const bool multi = rows.front().subgraph != rows.back().subgraph;
  const std::size_t shown = std::min(rows.size(), kMaxOperatorRows);
  if (shown < rows.size())
    c_.paragraph(tr("The first %1 of %2 operators; %3 and the JSON document list every operator with every reason.")
                     .arg(shown)
                     .arg(rows.size())
                     .arg(QString::fromStdString(report::networkName(a_.modelPath)) + QStringLiteral("_compatibility.csv")),
                 0, c_.style().muted);
  PdfTable t;
  t.columns = {{tr("#"), 0.35, Qt::AlignRight},
               {tr("Operator"), 1.3},
               {tr("Name"), 2.0},
               {tr("Placement"), 0.8},
               {tr("Reason"), 3.2, Qt::AlignLeft, true}};
  t.markColumn = 3;
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& r = rows[i];
    QString index = multi ? QStringLiteral("%1:%2").arg(r.subgraph).arg(r.index) : QString::number(r.index);
    QString reason = r.reason;
    if (rowGroup[i] >= 0) {
      auto detail = splitReason(r.reason).second;
      reason = QStringLiteral("R%1").arg(rowGroup[i] + 1) + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    }
    t.rows.push_back({index, r.type, r.name, r.placement, reason});
    t.rowMarks.push_back(r.verdict == PlacementRow::Verdict::NotCounted ? pal_.mutedText
                         : r.verdict == PlacementRow::Verdict::OffTarget ? pal_.cpu
                                                                         : pal_.npuCompute);
    // Bold marks the exceptions; when most operators are off the target it would mark nothing.
    t.emphasis.push_back(r.verdict == PlacementRow::Verdict::OffTarget && 4 * off < total);
  }
  c_.table(t);
}

}  // namespace inferscope::widgets
