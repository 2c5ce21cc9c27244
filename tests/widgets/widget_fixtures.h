// Models built in code for the widget tests, and shared test set-up.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>
#include <cstring>
#include <vector>

#include "core/model/builder.h"
#include "core/model_fixtures.h"

namespace inferscope::testdata {

// Keeps QSettings of tests away from the user's, and each test program's away from the others'
// (ctest runs them side by side; recent files and view options must not leak between them).
// Call in initTestCase.
inline void isolateSettings() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("InferScopeTests"));
  QCoreApplication::setApplicationName(QStringLiteral("InferScopeTests-") +
                                       QFileInfo(QCoreApplication::applicationFilePath()).completeBaseName());
}

// Screenshot tests (review aids, not checks) write to INFERSCOPE_SCREENSHOT_DIR (created here; empty:
// none) the given sample and the models of INFERSCOPE_SCREENSHOT_MODELS (colon-separated).
inline QStringList screenshotModels(const QString& sample, QString* dir) {
  *dir = qEnvironmentVariable("INFERSCOPE_SCREENSHOT_DIR");
  if (dir->isEmpty()) return {};
  QDir().mkpath(*dir);
  QStringList models{sample};
  models << qEnvironmentVariable("INFERSCOPE_SCREENSHOT_MODELS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
  return models;
}

// Subgraph 0: x -> WHILE(cond 1, body 2) -> y; subgraph 1: LESS(x, 10); subgraph 2: ADD(x, 1).
// Also an IF in subgraph 0 and a signature, for navigation tests.
inline model::ModelPtr controlFlowModel() {
  using namespace model;
  ModelBuilder b;
  b.setDescription("control flow");
  auto x = b.addTensor({"x", DType::INT32, {1}});
  auto y = b.addTensor({"y", DType::INT32, {1}});
  b.addOperator(BuiltinOp::WHILE, {x}, {y}, {{"cond_subgraph_index", 1}, {"body_subgraph_index", 2}}).value();
  auto z = b.addTensor({"z", DType::INT32, {1}});
  auto c = b.addTensor({"flag", DType::BOOL, {}});
  b.addOperator(BuiltinOp::IF, {c, y}, {z}, {{"then_subgraph_index", 2}, {"else_subgraph_index", 2}}).value();
  b.setInputs({x, c});
  b.setOutputs({z});
  b.setSubgraphName("main");

  b.addSubgraph("cond");
  auto cx = b.addTensor({"x", DType::INT32, {1}});
  auto ten = b.addConstant({"ten", DType::INT32, {1}}, std::vector<std::int32_t>{10});
  auto lt = b.addTensor({"lt", DType::BOOL, {1}});
  b.addOperator(BuiltinOp::LESS, {cx, ten}, {lt}).value();
  b.setInputs({cx});
  b.setOutputs({lt});

  b.addSubgraph("body");
  auto bx = b.addTensor({"x", DType::INT32, {1}});
  auto one = b.addConstant({"one", DType::INT32, {1}}, std::vector<std::int32_t>{1});
  auto by = b.addTensor({"x_next", DType::INT32, {1}});
  b.addOperator(BuiltinOp::ADD, {bx, one}, {by}).value();
  b.setInputs({bx});
  b.setOutputs({by});

  SignatureDef sig;
  sig.key = "serving_default";
  sig.subgraphIndex = 0;
  sig.inputs = {{"x", static_cast<std::uint32_t>(x)}};
  sig.outputs = {{"z", static_cast<std::uint32_t>(z)}};
  b.selectSubgraph(0);
  b.addSignature(sig);
  return b.build().value();
}

}  // namespace inferscope::testdata
