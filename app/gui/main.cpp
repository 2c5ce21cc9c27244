// The InferScope desktop application: `inferscope [MODEL.tflite ...]`.
#include <QApplication>

#include "widgets/application.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("InferScope"));
  QApplication::setOrganizationDomain(QStringLiteral("inferscope.github.io"));
  QApplication::setApplicationName(QStringLiteral("InferScope"));
  QApplication::setApplicationVersion(QStringLiteral(INFERSCOPE_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("io.github.inferscope.InferScope"));
  inferscope::widgets::installTranslations(app);
  auto options = inferscope::widgets::parseArguments(QApplication::arguments());
  inferscope::widgets::applyTheme(app, options.theme);
  return inferscope::widgets::run(app, options);
}
