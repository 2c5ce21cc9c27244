// The compatibility check as the GUI presents it: one entry per operator, whatever the target
// (NPU / CPU for Ethos-U; compatible / not compatible for the others), plus the model-level counts,
// partitions and advice. Built from the core reports on the worker thread, then shared read-only by
// the overlay, the table, the summary and the properties sidebar. Targets come through core's
// uniform CompatReport; Ethos-U adds partitions, folded / dropped operators and rule ids.
#pragma once

#include <QColor>
#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "core/compat/compat.h"

namespace inferscope::widgets {

struct CompatEntry {
  enum class Verdict {
    OnTarget,     // runs on the NPU / compatible
    OffTarget,    // falls back to the CPU / not compatible
    Folded,       // computed at compile time: neither CPU nor NPU work
    Unreachable,  // not reachable from an output: dropped by the compiler
  };
  int subgraph = 0;
  int index = 0;
  QString type;       // "CONV_2D"; the custom code for custom operators
  QString name;       // first output tensor
  Verdict verdict = Verdict::OnTarget;
  QString placement;  // "NPU" / "CPU" / "compatible" / "not compatible" / "folded" / "dropped"
  QStringList reasons;  // readable, one line each, the primary one first
  QStringList ruleIds;  // stable rule ids, parallel to reasons where the checker has them
  QStringList rules;    // the constraint as the checker words it (may span lines), parallel to ruleIds
  QStringList details;  // what this operator has, parallel to ruleIds
  QStringList advice;   // changes that would move it onto the target
  QString note;         // why it is folded / dropped

  bool offTarget() const { return verdict == Verdict::OffTarget; }
  QString primaryReason() const { return reasons.value(0); }
};

struct CompatAdvice {
  bool warning = false;
  QString category;   // "compatibility", "performance", "deployment"
  QStringList lines;  // as the checker words them (indented lines continue a list or hold code)
};

struct CompatData {
  QString target;        // "Ethos-U55-128"
  QString checker;       // "Vela 3.10 rules"
  QString onTargetName;  // "NPU" / "compatible"
  QString offTargetName; // "CPU" / "not compatible"
  bool hasPartitions = false;  // segments and transitions are meaningful (Ethos-U)
  int total = 0;         // counted operators (not folded, not dropped)
  int onTarget = 0, offTarget = 0, folded = 0, unreachable = 0;
  int segments = 0, transitions = 0;
  QStringList notes;     // model-level remarks of the checker
  std::vector<CompatAdvice> advice;  // MLIA's and InferScope's advice, in the checker's order
  std::vector<CompatEntry> entries;  // every operator, subgraph-major, index order

  const CompatEntry* find(int subgraph, int op) const;
  double offTargetPercent() const { return total ? 100.0 * offTarget / total : 0.0; }

  void index();  // builds the lookup used by find (call after filling entries)

 private:
  QHash<quint64, int> byOp_;
};

using CompatDataPtr = std::shared_ptr<const CompatData>;

// Any target's check (Ethos-U placement as Vela makes it, Cortex-A, TOSA, Cortex-M).
CompatDataPtr compatFromReport(const compat::CompatReport& report);

// The overlay and table colours of a verdict (chosen to read on light and dark themes).
QColor verdictColor(CompatEntry::Verdict v);

}  // namespace inferscope::widgets
