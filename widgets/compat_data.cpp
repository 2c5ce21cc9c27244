#include "widgets/compat_data.h"

#include <QCoreApplication>

namespace inferscope::widgets {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("CompatData", s); }
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
quint64 key(int sg, int op) { return (quint64(quint32(sg)) << 32) | quint32(op); }

// "ethos-u55-128" -> "Ethos-U55-128", "cortex-a" -> "Cortex-A", "tosa" -> "TOSA".
QString targetTitle(const std::string& name) {
  QString t = qs(name);
  if (t == QLatin1String("tosa")) return QStringLiteral("TOSA");
  for (const char* prefix : {"ethos-", "cortex-"}) {
    const auto p = QLatin1String(prefix);
    if (t.startsWith(p)) {
      QString rest = t.mid(p.size());
      if (!rest.isEmpty()) rest[0] = rest[0].toUpper();
      return QString(p).left(1).toUpper() + QString(p).mid(1, p.size() - 2) + QLatin1Char('-') + rest;
    }
  }
  return t;
}

}  // namespace

const CompatEntry* CompatData::find(int subgraph, int op) const {
  auto it = byOp_.constFind(key(subgraph, op));
  return it == byOp_.constEnd() ? nullptr : &entries[static_cast<std::size_t>(it.value())];
}

void CompatData::index() {
  byOp_.clear();
  byOp_.reserve(static_cast<qsizetype>(entries.size()));
  for (std::size_t i = 0; i < entries.size(); ++i) byOp_.insert(key(entries[i].subgraph, entries[i].index), static_cast<int>(i));
}

CompatDataPtr compatFromReport(const compat::CompatReport& r) {
  auto d = std::make_shared<CompatData>();
  const auto* ethosU = r.ethosU ? &*r.ethosU : nullptr;
  d->target = targetTitle(ethosU ? ethosU->target.name() : r.target);
  d->checker = qs(r.checker);
  d->onTargetName = ethosU ? QStringLiteral("NPU") : tr("compatible");
  d->offTargetName = ethosU ? QStringLiteral("CPU") : tr("not compatible");
  d->total = r.totalOperators;
  d->offTarget = r.offTargetOperators;
  d->onTarget = r.totalOperators - r.offTargetOperators;
  if (ethosU) {
    d->hasPartitions = true;
    d->folded = ethosU->foldedOps;
    d->unreachable = ethosU->unreachableOps;
    d->segments = static_cast<int>(ethosU->segments.size());
    d->transitions = ethosU->transitions;
    for (const auto& n : ethosU->notes) d->notes << qs(n);
  }
  for (const auto& a : r.advice) {
    CompatAdvice ca;
    ca.warning = a.severity == "warning";
    ca.category = qs(a.category);
    for (const auto& l : a.lines) ca.lines << qs(l);
    d->advice.push_back(std::move(ca));
  }
  d->entries.reserve(r.ops.size());
  for (std::size_t i = 0; i < r.ops.size(); ++i) {
    const auto& op = r.ops[i];
    // The facade and the Ethos-U report list the same operators in the same order.
    const auto* eop = ethosU && i < ethosU->ops.size() ? &ethosU->ops[i] : nullptr;
    CompatEntry e;
    e.subgraph = op.subgraph;
    e.index = op.index;
    e.type = op.type == "CUSTOM" && !op.customCode.empty() ? qs(op.customCode) : qs(op.type);
    e.name = qs(op.name);
    e.placement = qs(op.placement);
    if (op.counted) {
      e.verdict = op.onTarget ? CompatEntry::Verdict::OnTarget : CompatEntry::Verdict::OffTarget;
    } else {
      e.verdict = eop && eop->disposition == compat::Disposition::Unreachable ? CompatEntry::Verdict::Unreachable
                                                                              : CompatEntry::Verdict::Folded;
      e.placement = e.verdict == CompatEntry::Verdict::Folded ? tr("folded") : tr("dropped");
    }
    for (const auto& reason : op.reasons) e.reasons << qs(reason);
    if (eop)
      for (const auto& reason : eop->reasons) {
        e.ruleIds << qs(reason.id);
        e.rules << qs(reason.rule);
        e.details << qs(reason.detail);
      }
    for (const auto& a : op.advice) e.advice << qs(a);
    e.note = qs(op.note);
    d->entries.push_back(std::move(e));
  }
  d->index();
  return d;
}

QColor verdictColor(CompatEntry::Verdict v) {
  switch (v) {
    case CompatEntry::Verdict::OnTarget: return QColor(46, 160, 67);
    case CompatEntry::Verdict::OffTarget: return QColor(215, 58, 73);
    case CompatEntry::Verdict::Folded: return QColor(110, 130, 160);
    case CompatEntry::Verdict::Unreachable: return QColor(150, 150, 150);
  }
  return {};
}

}  // namespace inferscope::widgets
