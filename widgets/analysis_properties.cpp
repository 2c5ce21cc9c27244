#include "widgets/analysis_properties.h"

#include <QCoreApplication>
#include <cmath>

#include "core/util/text.h"

namespace inferscope::widgets {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("AnalysisProperties", s); }
QString cycles(double v) { return QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(std::llround(v)))); }

PropertyItem* addLong(PropertyItem* parent, const QString& name, const QString& value) {
  auto* it = parent->add(name, value);
  it->tooltip = value;
  return it;
}

// Vela's constraint texts continue on indented lines ("- Stride h must be ..."): one row each.
void addRule(PropertyItem* parent, const QString& rule) {
  const auto lines = rule.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  for (int i = 1; i < lines.size(); ++i) addLong(parent, QString(), lines[i].trimmed());
}

void addCompat(PropertyItem* root, const CompatData& d, const CompatEntry& e) {
  auto* s = root->section(tr("Compatibility"));
  s->add(tr("target"), QStringLiteral("%1 (%2)").arg(d.target, d.checker));
  s->add(d.hasPartitions ? tr("placement") : tr("verdict"), e.placement);
  for (int i = 0; i < e.reasons.size(); ++i) {
    const QString name = e.reasons.size() > 1 ? tr("reason %1").arg(i + 1) : tr("reason");
    if (i < e.rules.size() && !e.rules[i].isEmpty()) {
      // Ethos-U: the rule (first line, then its criteria) and what this operator has.
      auto* r = addLong(s, name, e.rules[i].section(QLatin1Char('\n'), 0, 0).trimmed());
      r->tooltip = e.reasons[i] + tr("\n(rule %1)").arg(e.ruleIds.value(i));
      addRule(r, e.rules[i]);
      if (!e.details.value(i).isEmpty()) addLong(r, tr("this operator"), e.details[i].simplified());
    } else {
      addLong(s, name, e.reasons[i]);
    }
  }
  for (const auto& a : e.advice) addLong(s, tr("advice"), a);
  if (!e.note.isEmpty()) addLong(s, tr("note"), e.note);
}

void addPerformance(PropertyItem* root, const estimate::Estimate& e, const OperatorCost& c, int op) {
  auto* s = root->section(tr("Performance"));
  if (c.cpu) {
    s->add(tr("runs on"), tr("CPU (InferScope estimate)"));
    s->add(tr("CPU cycles"), cycles(c.cpuCycles));
    s->add(tr("time"), tr("%1 ms").arg(c.timeMs, 0, 'f', 3));
    if (!c.cpuBasis.isEmpty()) addLong(s, tr("basis"), c.cpuBasis);
    return;
  }
  s->add(tr("op cycles"), cycles(c.opCycles));
  s->add(tr("network"), QStringLiteral("%1 %").arg(c.networkPercent, 0, 'f', 2));
  s->add(tr("time"), tr("%1 ms").arg(c.timeMs, 0, 'f', 4));
  s->add(tr("NPU cycles"), cycles(c.npuCycles));
  const char* areas[] = {QT_TRANSLATE_NOOP("AnalysisProperties", "SRAM access"),
                         QT_TRANSLATE_NOOP("AnalysisProperties", "DRAM access"),
                         QT_TRANSLATE_NOOP("AnalysisProperties", "on-chip flash"),
                         QT_TRANSLATE_NOOP("AnalysisProperties", "off-chip flash")};
  for (int a = 0; a < estimate::kMemAreaCount; ++a)
    if (c.accessCycles[a] > 0) s->add(tr(areas[a]), tr("%1 cycles").arg(cycles(c.accessCycles[a])));
  if (c.macs > 0) s->add(tr("MACs"), cycles(static_cast<double>(c.macs)));
  s->add(tr("SRAM in use"), QString::fromStdString(text::humanBytes(static_cast<double>(c.peakSram))));
  auto* rows = s->add(tr("NPU operations"), QString::number(c.layers));
  for (const auto& l : e.layers) {
    if (l.sourceOp != op) continue;
    auto* r = rows->add(QString::fromStdString(l.nngOperator), tr("%1 cycles, util %2 %").arg(cycles(l.opCycles)).arg(l.utilPercent, 0, 'f', 1));
    r->tooltip = QString::fromStdString(l.name);
  }
}

}  // namespace

void addAnalysisProperties(PropertyItem* root, const AnalysisOutcome& o, int subgraph, int op) {
  if (o.compat)
    if (const auto* e = o.compat->find(subgraph, op)) addCompat(root, *o.compat, *e);
  if (subgraph != 0 || !o.costs) return;
  const auto* est = o.estimate();
  const auto* c = o.costs->find(op);
  if (est && c && (c->layers > 0 || c->cpu)) addPerformance(root, *est, *c, op);
}

}  // namespace inferscope::widgets
