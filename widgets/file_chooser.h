// Asking the user for a file to save to, behind a function so tests can answer instead of a modal
// QFileDialog. Exports (charts, reports) take a SaveFileChooser; the default shows the dialog.
#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace inferscope::widgets {

struct SaveFileRequest {
  QString title;
  QString suggestedPath;  // directory and file name proposed
  QString filter;         // "PNG image (*.png);;SVG drawing (*.svg)"
};

// Returns the chosen path with an extension from the chosen filter when the user typed none;
// empty when the user cancelled.
using SaveFileChooser = std::function<QString(QWidget* parent, const SaveFileRequest& request)>;

SaveFileChooser dialogSaveFileChooser();

// The application-wide chooser charts and exports use (tests replace it; null restores the dialog).
const SaveFileChooser& saveFileChooser();
void setSaveFileChooser(SaveFileChooser chooser);

}  // namespace inferscope::widgets
