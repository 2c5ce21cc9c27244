#include "widgets/file_chooser.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>

namespace inferscope::widgets {

namespace {
// "PNG image (*.png)" -> "png"
QString extensionOf(const QString& filter) {
  static const QRegularExpression re(QStringLiteral(R"(\*\.(\w+))"));
  auto m = re.match(filter);
  return m.hasMatch() ? m.captured(1) : QString();
}

SaveFileChooser& current() {
  static SaveFileChooser chooser = dialogSaveFileChooser();
  return chooser;
}
}  // namespace

SaveFileChooser dialogSaveFileChooser() {
  return [](QWidget* parent, const SaveFileRequest& r) {
    QString selected;
    QString path = QFileDialog::getSaveFileName(parent, r.title, r.suggestedPath, r.filter, &selected);
    if (path.isEmpty()) return path;
    if (QFileInfo(path).suffix().isEmpty()) {
      QString ext = extensionOf(selected.isEmpty() ? r.filter : selected);
      if (!ext.isEmpty()) path += QLatin1Char('.') + ext;
    }
    return path;
  };
}

const SaveFileChooser& saveFileChooser() { return current(); }

void setSaveFileChooser(SaveFileChooser chooser) { current() = chooser ? std::move(chooser) : dialogSaveFileChooser(); }

}  // namespace inferscope::widgets
