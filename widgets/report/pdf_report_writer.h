// Internal: the sections of the PDF report, written into a PdfComposer. pdf_report.cpp has the
// title page, summary, advice and compatibility; pdf_report_sections.cpp the charts, tables,
// target comparison, graph and notes.
#pragma once

#include <QCoreApplication>
#include <QWidget>

#include "widgets/charts/chart_style.h"
#include "widgets/report/pdf_composer.h"
#include "widgets/report/pdf_report.h"

namespace inferscope::widgets {

class PdfReportWriter {
  Q_DECLARE_TR_FUNCTIONS(PdfReport)

 public:
  PdfReportWriter(PdfComposer& composer, const PdfReportInput& input, QWidget* host);

  void titlePage();
  void summary();
  void advice();
  void compatibility();
  void charts();
  void perLayer();
  void cpuOperators();
  void comparison();
  void graph();
  void notes();

 private:
  QString section(const QString& title);  // numbered heading text: "3  Compatibility"
  QString modelName() const;
  QString targetName() const;

  PdfComposer& c_;
  const PdfReportInput& in_;
  const analysis::Analysis& a_;
  QWidget* host_;  // parent of the chart widgets; alive until the pages are painted
  ChartPalette pal_;
  int section_ = 0;
};

// Number formatting shared by the sections.
QString fmtInt(double v);             // 1,234,567
QString fmtFixed(double v, int decimals);
QString fmtKiB(double kib);           // "1,234.5 KiB"

}  // namespace inferscope::widgets
