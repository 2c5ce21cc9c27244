#include "widgets/report/pdf_composer.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QTextLayout>
#include <algorithm>
#include <cmath>

namespace inferscope::widgets {

namespace {
constexpr double kHeaderPt = 26;  // running header band
constexpr double kFooterPt = 24;  // footer band
constexpr double kMinWrapPt = 48;  // narrowest a wrapping table column gets
constexpr double kMaxColumnShare = 0.3;  // widest a column that does not wrap gets

// Wrapping at word boundaries, and inside a word only when it is wider than the line (tensor
// names, file names).
QTextOption wrapOption(Qt::Alignment align = Qt::AlignLeft) {
  QTextOption o(align);
  o.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  return o;
}

double wrappedHeight(const QString& text, const QFont& f, QPaintDevice* device, double width) {
  QTextLayout layout(text, f, device);
  layout.setTextOption(wrapOption());
  layout.beginLayout();
  int lines = 0;
  while (true) {
    QTextLine line = layout.createLine();
    if (!line.isValid()) break;
    line.setLineWidth(width);
    ++lines;
  }
  layout.endLayout();
  return std::max(1, lines) * QFontMetricsF(f, device).lineSpacing();
}

// The widest word of a header (headers wrap between words).
double widestWord(const QString& text, const QFontMetricsF& m) {
  double w = 0;
  for (const auto& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) w = std::max(w, m.horizontalAdvance(word));
  return w;
}
}  // namespace

// Internally every length is in device units; the public API speaks points (k_ converts).
static double devicePointScale(QPagedPaintDevice* d) { return d->logicalDpiY() / 72.0; }

PdfComposer::PdfComposer(QPagedPaintDevice* device, PdfStyle style) : device_(device), style_(std::move(style)) {
  const double k = devicePointScale(device_);
  QRect paint = device_->pageLayout().paintRectPixels(device_->logicalDpiY());
  pageWidth_ = paint.width();
  pageHeight_ = paint.height();
  marginTop_ = kHeaderPt * k;
  width_ = pageWidth_;
  height_ = pageHeight_ - (kHeaderPt + kFooterPt) * k;
  pages_.emplace_back();
}

double PdfComposer::unitsPerPoint() const { return devicePointScale(device_); }

QFont PdfComposer::font(double size, bool bold) const {
  QFont f(style_.fontFamily);
  f.setPointSizeF(size > 0 ? size : style_.bodySize);
  f.setBold(bold);
  f.setStyleStrategy(QFont::PreferAntialias);
  return f;
}

double PdfComposer::lineHeight(const QFont& f) const { return QFontMetricsF(f, device_).lineSpacing(); }

double PdfComposer::textHeight(const QString& text, const QFont& f, double width) const {
  QFontMetricsF fm(f, device_);
  return fm.boundingRect(QRectF(0, 0, width, 1e9), Qt::TextWordWrap, text).height();
}

void PdfComposer::newPage() {
  y_ = 0;
  if (!pages_.back().empty()) pages_.emplace_back();
}

void PdfComposer::space(double points) {
  if (y_ == 0) return;  // no leading space at the top of a page
  y_ += points * devicePointScale(device_);
  if (y_ > height_) newPage();
}

void PdfComposer::keep(double points) {
  if (y_ > 0 && remaining() < points * devicePointScale(device_)) newPage();
}

void PdfComposer::place(double height, PaintFn paint) {
  if (y_ > 0 && y_ + height > height_) newPage();
  pages_.back().push_back({QRectF(0, y_, width_, height), std::move(paint)});
  y_ += height;
}

void PdfComposer::block(double height, PaintFn paint) { place(height * devicePointScale(device_), std::move(paint)); }

void PdfComposer::heading(const QString& text, int level) {
  const double k = devicePointScale(device_);
  double size = level <= 1 ? style_.bodySize + 7 : level == 2 ? style_.bodySize + 3 : style_.bodySize + 1;
  QFont f = font(size, true);
  space(level <= 1 ? 10 : 8);
  // A heading keeps at least a few lines of what follows on its page.
  keep(size * 1.6 + 90);
  double h = lineHeight(f) + (level <= 1 ? 6 * k : 3 * k);
  auto color = level <= 1 ? style_.accent : style_.text;
  auto rule = style_.rule;
  place(h, [=](QPainter& p, const QRectF& r) {
    p.setFont(f);
    p.setPen(color);
    p.drawText(r, Qt::AlignLeft | Qt::AlignTop, text);
    if (level <= 1) {
      p.setPen(QPen(rule, 0.8 * k));
      p.drawLine(QPointF(r.left(), r.bottom() - 2 * k), QPointF(r.right(), r.bottom() - 2 * k));
    }
  });
  space(level <= 1 ? 6 : 3);
}

void PdfComposer::paragraph(const QString& text, double size, const QColor& color, bool bold) {
  QFont f = font(size, bold);
  QColor c = color.isValid() ? color : style_.text;
  // Lay the text out in lines so a long paragraph can continue on the next page.
  QTextLayout layout(text, f, device_);
  layout.setTextOption(wrapOption());
  layout.beginLayout();
  QStringList lines;
  while (true) {
    QTextLine line = layout.createLine();
    if (!line.isValid()) break;
    line.setLineWidth(width_);
    lines << text.mid(line.textStart(), line.textLength()).trimmed();
  }
  layout.endLayout();
  double lh = lineHeight(f);
  for (const auto& l : lines)
    place(lh, [=](QPainter& p, const QRectF& r) {
      p.setFont(f);
      p.setPen(c);
      p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, l);
    });
  space(4);
}

void PdfComposer::bullets(const QStringList& items, double size) {
  const double k = devicePointScale(device_);
  QFont f = font(size);
  double indent = 12 * k;
  QColor c = style_.text, accent = style_.accent;
  for (const auto& item : items) {
    double h = textHeight(item, f, width_ - indent) + 3 * k;
    if (h > height_) {  // never happens for advice; keep the page flow safe anyway
      paragraph(QStringLiteral("\u2022 ") + item, size);
      continue;
    }
    place(h, [=](QPainter& p, const QRectF& r) {
      p.setFont(f);
      p.setPen(accent);
      p.drawText(QRectF(r.left(), r.top(), indent, r.height()), Qt::AlignLeft | Qt::AlignTop, QStringLiteral("\u2022"));
      p.setPen(c);
      p.drawText(QRectF(r.left() + indent, r.top(), r.width() - indent, r.height()), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, item);
    });
  }
  space(4);
}

void PdfComposer::metrics(const std::vector<std::pair<QString, QString>>& items, int columns, double valueSize) {
  const double k = devicePointScale(device_);
  QFont lf = font(style_.bodySize - 1.5), vf = font(valueSize, true);
  double gap = 8 * k;
  double cw = (width_ - gap * (columns - 1)) / columns;
  double h = lineHeight(lf) + lineHeight(vf) + 12 * k;
  auto st = style_;
  for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(columns)) {
    std::vector<std::pair<QString, QString>> row(items.begin() + static_cast<std::ptrdiff_t>(i),
                                                 items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), i + static_cast<std::size_t>(columns))));
    place(h + gap, [=](QPainter& p, const QRectF& r) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        QRectF card(r.left() + static_cast<double>(c) * (cw + gap), r.top(), cw, h);
        p.setPen(Qt::NoPen);
        p.setBrush(st.stripe);
        p.drawRoundedRect(card, 4 * k, 4 * k);
        p.setBrush(st.accent);
        p.drawRect(QRectF(card.left(), card.top(), 3 * k, card.height()));
        QRectF inner = card.adjusted(10 * k, 6 * k, -6 * k, -6 * k);
        p.setFont(lf);
        p.setPen(st.muted);
        p.drawText(inner, Qt::AlignLeft | Qt::AlignTop, row[c].first);
        p.setFont(vf);
        p.setPen(st.text);
        p.drawText(inner, Qt::AlignLeft | Qt::AlignBottom, row[c].second);
      }
    });
  }
  space(4);
}

std::vector<double> PdfComposer::columnWidths(const PdfTable& t, const QFontMetricsF& fm, const QFontMetricsF& bold,
                                              const QFontMetricsF& header, double padX) const {
  // Columns that do not wrap get the width of their widest cell (bold rows included) or header
  // word; wrapping columns share what is left by weight. When even that does not fit, every
  // column gets a share proportional to its natural width (long cells are then elided).
  const std::size_t n = t.columns.size();
  std::vector<double> natural(n, 0);
  double fixed = 0, wrapWeight = 0;
  for (std::size_t c = 0; c < n; ++c) {
    double w = widestWord(t.columns[c].title, header);
    if (!t.columns[c].wrap) {
      for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (c >= static_cast<std::size_t>(t.rows[i].size())) continue;
        const auto& m = i < t.emphasis.size() && t.emphasis[i] ? bold : fm;
        w = std::max(w, m.horizontalAdvance(t.rows[i][static_cast<int>(c)]));
      }
    }
    if (static_cast<int>(c) == t.markColumn && !t.rowMarks.empty()) w += std::min(fm.height(), 6 * unitsPerPoint()) + 3 * unitsPerPoint();
    // One long name must not squeeze every other column: beyond a share of the width it is elided.
    natural[c] = std::min(w + 2 * padX + 1, t.columns[c].wrap ? width_ : width_ * kMaxColumnShare);
    if (t.columns[c].wrap) wrapWeight += t.columns[c].weight;
    else fixed += natural[c];
  }
  std::vector<double> widths(n, 0);
  double minWrap = 0;
  for (std::size_t c = 0; c < n; ++c)
    if (t.columns[c].wrap) minWrap += std::max(natural[c], kMinWrapPt * unitsPerPoint());
  if (fixed + minWrap <= width_) {
    double left = width_ - fixed;
    for (std::size_t c = 0; c < n; ++c)
      widths[c] = t.columns[c].wrap ? left * t.columns[c].weight / wrapWeight : natural[c];
    if (wrapWeight == 0) {  // spread the slack over every column
      double extra = left / static_cast<double>(n);
      for (auto& w : widths) w += extra;
    }
    return widths;
  }
  double total = 0;
  for (std::size_t c = 0; c < n; ++c) total += t.columns[c].wrap ? std::max(natural[c], kMinWrapPt * unitsPerPoint()) : natural[c];
  for (std::size_t c = 0; c < n; ++c)
    widths[c] = width_ * (t.columns[c].wrap ? std::max(natural[c], kMinWrapPt * unitsPerPoint()) : natural[c]) / total;
  return widths;
}

void PdfComposer::table(const PdfTable& t) {
  const double k = devicePointScale(device_);
  if (t.columns.empty()) return;
  QFont f = font(t.fontSize > 0 ? t.fontSize : style_.bodySize - 1);
  QFont hf = f;
  hf.setBold(true);
  QFont bf = hf;
  const double padX = std::clamp(f.pointSizeF() * 0.3, 1.8, 3.0) * k, padY = 2.2 * k;
  QFontMetricsF fm(f, device_), hfm(hf, device_), bfm(bf, device_);
  auto widths = columnWidths(t, fm, bfm, hfm, padX);
  auto cellHeight = [&](const QString& s, std::size_t col, const QFont& font) {
    if (!t.columns[col].wrap) return QFontMetricsF(font, device_).height();
    return wrappedHeight(s, font, device_, widths[col] - 2 * padX);
  };
  double headerH = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    headerH = std::max(headerH, hfm.boundingRect(QRectF(0, 0, widths[c] - 2 * padX, 1e9), Qt::TextWordWrap, t.columns[c].title).height());
  headerH += 2 * padY;
  auto cols = t.columns;
  auto st = style_;
  const int markColumn = t.markColumn;
  auto paintRow = [=](QPainter& p, const QRectF& r, const QStringList& cells, const QFont& font, bool header, bool stripe,
                      QColor mark) {
    p.setPen(Qt::NoPen);
    if (header) p.fillRect(r, st.headerFill);
    else if (stripe) p.fillRect(r, st.stripe);
    double x = r.left();
    p.setFont(font);
    QFontMetricsF m(font, p.device());
    for (std::size_t c = 0; c < cols.size(); ++c) {
      QRectF cell(x + padX, r.top() + padY, widths[c] - 2 * padX, r.height() - 2 * padY);
      if (static_cast<int>(c) == markColumn && mark.isValid()) {
        p.setPen(Qt::NoPen);
        p.setBrush(mark);
        double s = std::min(cell.height(), 6 * k);
        p.drawRoundedRect(QRectF(cell.left(), cell.top() + (m.height() - s) / 2, s, s), 1.5 * k, 1.5 * k);
        cell.setLeft(cell.left() + s + 3 * k);
      }
      QString s = c < static_cast<std::size_t>(cells.size()) ? cells[static_cast<int>(c)] : QString();
      p.setPen(header ? st.text : st.text);
      Qt::Alignment a = cols[c].align | Qt::AlignTop;
      if (header) p.drawText(cell, a | Qt::TextWordWrap, s);
      else if (cols[c].wrap) p.drawText(cell, s, wrapOption(cols[c].align));
      else p.drawText(cell, a, m.elidedText(s, Qt::ElideMiddle, cell.width()));
      x += widths[c];
    }
    p.setPen(QPen(st.rule, 0.5 * k));
    p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()));
  };
  QStringList titles;
  for (const auto& c : t.columns) titles << c.title;
  auto header = [&] {
    place(headerH, [=](QPainter& p, const QRectF& r) { paintRow(p, r, titles, hf, true, false, QColor()); });
  };
  // The header plus at least two rows start together.
  keep((headerH + 2 * (fm.height() + 2 * padY)) / k);
  header();
  std::vector<double> heights;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const bool bold = i < t.emphasis.size() && t.emphasis[i];
    double h = 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      h = std::max(h, cellHeight(c < static_cast<std::size_t>(row.size()) ? row[static_cast<int>(c)] : QString(), c, bold ? bf : f));
    heights.push_back(h + 2 * padY);
  }
  const std::size_t n = t.rows.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& row = t.rows[i];
    const bool bold = i < t.emphasis.size() && t.emphasis[i];
    const double h = heights[i];
    // The last two rows (e.g. a total and the row above it) go together: no lone row on a page.
    const double together = i + 2 == n && i > 0 ? h + heights[i + 1] : h;
    if (y_ + together > height_) {
      newPage();
      header();
    }
    QColor mark = i < t.rowMarks.size() ? t.rowMarks[i] : QColor();
    bool stripe = i % 2 == 1;
    place(h, [=](QPainter& p, const QRectF& r) { paintRow(p, r, row, bold ? bf : f, false, stripe, mark); });
  }
  space(8);
}

void PdfComposer::figure(double height, PaintFn paint, const QString& caption, double width) {
  const double k = devicePointScale(device_);
  double h = height * k, w = width > 0 ? std::min(width * k, width_) : width_;
  QFont cf = font(style_.bodySize - 1);
  cf.setItalic(true);
  double ch = caption.isEmpty() ? 0 : textHeight(caption, cf, width_) + 4 * k;
  QColor muted = style_.muted;
  place(h + ch, [=](QPainter& p, const QRectF& r) {
    QRectF area(r.left() + (r.width() - w) / 2, r.top(), w, h);
    p.save();
    p.setClipRect(area.adjusted(-1, -1, 1, 1));
    paint(p, area);
    p.restore();
    if (!caption.isEmpty()) {
      p.setFont(cf);
      p.setPen(muted);
      p.drawText(QRectF(r.left(), area.bottom() + 4 * k, r.width(), ch), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, caption);
    }
  });
  space(10);
}

bool PdfComposer::paint() {
  const double k = devicePointScale(device_);
  QPainter p;
  if (!p.begin(device_)) return false;
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  const int n = pageCount();
  QFont hf = font(style_.bodySize - 1.5);
  for (int i = 0; i < n; ++i) {
    if (i > 0) device_->newPage();
    // Running header (not on the title page) and footer.
    p.setFont(hf);
    p.setPen(style_.muted);
    QRectF head(0, 0, pageWidth_, (kHeaderPt - 8) * k);
    if (i > 0) {
      QFontMetricsF hm(hf, device_);
      double rightW = hm.horizontalAdvance(headerRight_);
      p.drawText(head, Qt::AlignLeft | Qt::AlignVCenter, hm.elidedText(headerLeft_, Qt::ElideMiddle, pageWidth_ - rightW - 24 * k));
      p.drawText(head, Qt::AlignRight | Qt::AlignVCenter, headerRight_);
      p.setPen(QPen(style_.rule, 0.6 * k));
      p.drawLine(QPointF(0, head.bottom() + 2 * k), QPointF(pageWidth_, head.bottom() + 2 * k));
    }
    QRectF foot(0, pageHeight_ - (kFooterPt - 8) * k, pageWidth_, (kFooterPt - 8) * k);
    p.setPen(QPen(style_.rule, 0.6 * k));
    p.drawLine(QPointF(0, foot.top() - 2 * k), QPointF(pageWidth_, foot.top() - 2 * k));
    p.setPen(style_.muted);
    p.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, footer_);
    p.drawText(foot, Qt::AlignRight | Qt::AlignVCenter, tr("Page %1 of %2").arg(i + 1).arg(n));
    for (const auto& item : pages_[static_cast<std::size_t>(i)]) {
      p.save();
      QRectF r = item.rect.translated(0, marginTop_);
      item.paint(p, r);
      p.restore();
    }
  }
  return p.end();
}

}  // namespace inferscope::widgets
