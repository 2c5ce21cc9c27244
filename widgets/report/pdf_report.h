// The PDF report of one analysis run, for a team lead: a title page with the model, the target and
// the headline figures; the Vela-style summary; advice; the compatibility table; the performance
// charts; the per-layer and CPU tables; the target comparison; and the graph with the NPU/CPU
// overlay. Rendered with QPdfWriter + QPainter (vector charts and graph), written atomically. Needs
// a QApplication (the offscreen platform is enough).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <memory>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/report/compare.h"
#include "core/util/json.h"
#include "core/util/result.h"

namespace inferscope::widgets {

struct PdfReportInput {
  std::shared_ptr<const analysis::Analysis> analysis;  // model, profile, compatibility, performance
  // The run's JSON document (as the CLI prints it). Its "advice" entries are listed; when it has
  // none, advice comes from the compatibility check's per-operator hints.
  json::Value document;
  std::vector<report::TargetFigures> comparison;  // optional: the target comparison section
  QString title;                                  // default: "Performance report"
  QDateTime generated = QDateTime::currentDateTime();
  bool includeGraph = true;
};

struct PdfReportResult {
  QByteArray pdf;
  int pages = 0;
};

Result<PdfReportResult> renderPdfReport(const PdfReportInput& input);
// Renders and writes atomically; returns the page count.
Result<int> writePdfReport(const QString& path, const PdfReportInput& input);

// The advice lines of a run document's "advice" array (strings, or objects with "message",
// "lines" or "text").
QStringList adviceFromDocument(const json::Value& document);

}  // namespace inferscope::widgets
