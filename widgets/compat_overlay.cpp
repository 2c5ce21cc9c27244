#include "widgets/compat_overlay.h"

#include <QCoreApplication>

namespace inferscope::widgets {

namespace {
QString tr(const char* s) { return QCoreApplication::translate("CompatOverlay", s); }
}  // namespace

QString compatTooltip(const CompatData& data, const CompatEntry& e) {
  QStringList lines;
  lines << tr("%1: %2").arg(data.target, e.placement);
  for (const auto& r : e.reasons) lines << QStringLiteral("\u2022 ") + r;
  for (const auto& a : e.advice) lines << QStringLiteral("\u2192 ") + a;
  if (!e.note.isEmpty()) lines << e.note;
  return lines.join(QLatin1Char('\n'));
}

NodeDecorationsPtr compatibilityOverlay(const CompatData& data) {
  auto d = std::make_shared<NodeDecorations>();
  using V = CompatEntry::Verdict;
  d->setTitle(QStringLiteral("%1 \u00B7 %2").arg(data.target, data.checker));
  d->addLegend(tr("%1 (%2)").arg(data.onTargetName).arg(data.onTarget), verdictColor(V::OnTarget));
  d->addLegend(tr("%1 (%2)").arg(data.offTargetName).arg(data.offTarget), verdictColor(V::OffTarget));
  if (data.folded) d->addLegend(tr("Folded at compile time (%1)").arg(data.folded), verdictColor(V::Folded));
  if (data.unreachable) d->addLegend(tr("Dropped, unreachable (%1)").arg(data.unreachable), verdictColor(V::Unreachable));
  for (const auto& e : data.entries) {
    NodeDecoration nd;
    nd.fill = verdictColor(e.verdict);
    // Badges name the placement, so it also reads in the operators table's overlay column.
    if (e.verdict == V::OffTarget) nd.badge = data.offTargetName;
    else if (e.verdict == V::OnTarget) nd.badge = data.onTargetName;
    nd.badgeColor = nd.fill;
    nd.tooltip = compatTooltip(data, e);
    d->set(e.subgraph, e.index, std::move(nd));
  }
  return d;
}

}  // namespace inferscope::widgets
