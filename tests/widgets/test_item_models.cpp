// Every item model of the UI under QAbstractItemModelTester, plus the behaviour behind them.
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

#include "widget_fixtures.h"
#include "widgets/graph_search.h"
#include "widgets/operator_table_model.h"
#include "widgets/properties_builder.h"
#include "widgets/property_model.h"
#include "widgets/tensor_data.h"
#include "widgets/tensor_values_model.h"

using namespace inferscope;
using namespace inferscope::widgets;

class ItemModelsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { testdata::isolateSettings(); }

  void operatorTable() {
    OperatorTableModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(OperatorTableModel::SortRole);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    auto model = testdata::smallCnn();
    m.setSubgraph(model, 0);
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.data(m.index(0, OperatorTableModel::Type), Qt::DisplayRole).toString(), QStringLiteral("CONV_2D"));
    QCOMPARE(m.data(m.index(0, OperatorTableModel::Name), Qt::DisplayRole).toString(), QStringLiteral("conv"));
    QCOMPARE(m.data(m.index(0, OperatorTableModel::Inputs), Qt::DisplayRole).toString(), QStringLiteral("1\u00D78\u00D78\u00D73"));
    QCOMPARE(m.data(m.index(0, OperatorTableModel::Macs), OperatorTableModel::SortRole).toLongLong(), 8 * 8 * 16 * 27);
    QCOMPARE(m.data(m.index(0, OperatorTableModel::Params), OperatorTableModel::SortRole).toLongLong(), 432 + 16);

    // Sorting by MACs (numbers, not text) and filtering by type.
    proxy.sort(OperatorTableModel::Macs, Qt::DescendingOrder);
    QCOMPARE(proxy.data(proxy.index(0, OperatorTableModel::Type)).toString(), QStringLiteral("CONV_2D"));
    QCOMPARE(proxy.data(proxy.index(1, OperatorTableModel::Type)).toString(), QStringLiteral("FULLY_CONNECTED"));
    proxy.setFilterFixedString(QStringLiteral("depthwise"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterFixedString(QString());

    // Decorations show up in the overlay column.
    auto d = std::make_shared<NodeDecorations>();
    d->set(0, 1, {QColor(Qt::green), {}, QStringLiteral("NPU"), {}, QStringLiteral("runs on the NPU")});
    m.setDecorations(d);
    QCOMPARE(m.data(m.index(1, OperatorTableModel::Overlay), Qt::DisplayRole).toString(), QStringLiteral("NPU"));
    QCOMPARE(m.data(m.index(1, OperatorTableModel::Overlay), Qt::ToolTipRole).toString(), QStringLiteral("runs on the NPU"));
    QVERIFY(m.data(m.index(0, OperatorTableModel::Overlay), Qt::DisplayRole).toString().isEmpty());

    m.setSubgraph(testdata::controlFlowModel(), 2);
    QCOMPARE(m.rowCount(), 1);
    m.setSubgraph(nullptr, 0);
    QCOMPARE(m.rowCount(), 0);
  }

  void propertyTrees() {
    PropertyModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto model = testdata::smallCnn();
    m.setRoot(operatorProperties(*model, 0, 0));
    QVERIFY(m.find(QStringLiteral("Attributes")).isValid());
    auto padding = m.find(QStringLiteral("padding"));
    QVERIFY(padding.isValid());
    QCOMPARE(m.data(padding.siblingAtColumn(1), Qt::DisplayRole).toString(), QStringLiteral("SAME"));
    auto filter = m.find(QStringLiteral("filter"));
    QVERIFY(filter.isValid());
    auto link = m.data(filter.siblingAtColumn(1), PropertyModel::LinkRole).value<PropertyLink>();
    QCOMPARE(link.kind, PropertyLink::Kind::Tensor);
    QCOMPARE(link.index, model->subgraphs[0].operators[0].inputs[1]);

    // Per-channel quantization: a formula and one row per channel.
    m.setRoot(tensorProperties(*model, 0, model->subgraphs[0].operators[0].inputs[1]));
    QVERIFY(m.find(QStringLiteral("Quantization")).isValid());
    auto channels = m.find(QStringLiteral("channels"));
    QVERIFY(channels.isValid());
    QCOMPARE(m.rowCount(channels), 16);
    QVERIFY(m.data(m.find(QStringLiteral("formula")).siblingAtColumn(1), Qt::DisplayRole).toString().contains(QStringLiteral("scale[c]")));
    QCOMPARE(m.data(m.find(QStringLiteral("bytes")).siblingAtColumn(1), Qt::DisplayRole).toString().contains(QStringLiteral("432 bytes")), true);

    // Per-tensor quantization formula.
    m.setRoot(tensorProperties(*model, 0, model->subgraphs[0].inputs[0]));
    QCOMPARE(m.data(m.find(QStringLiteral("formula")).siblingAtColumn(1), Qt::DisplayRole).toString(),
             QStringLiteral("real = 0.05 \u00D7 (q \u2212 -1)"));

    m.setRoot(modelProperties(*model, QString()));
    QCOMPARE(m.data(m.find(QStringLiteral("description")).siblingAtColumn(1), Qt::DisplayRole).toString(), QStringLiteral("small test CNN"));
    QCOMPARE(m.data(m.find(QStringLiteral("min_runtime_version")).siblingAtColumn(1), Qt::DisplayRole).toString(), QStringLiteral("1.5.0"));

    // Control flow links to subgraphs; signatures are listed.
    auto cf = testdata::controlFlowModel();
    m.setRoot(operatorProperties(*cf, 0, 0));
    auto body = m.find(QStringLiteral("body"));
    QVERIFY(body.isValid());
    auto bl = m.data(body.siblingAtColumn(1), PropertyModel::LinkRole).value<PropertyLink>();
    QCOMPARE(bl.kind, PropertyLink::Kind::Subgraph);
    QCOMPARE(bl.index, 2);
    m.setRoot(modelProperties(*cf, QString()));
    QVERIFY(m.find(QStringLiteral("serving_default")).isValid());
    m.setRoot(nullptr);
    QCOMPARE(m.rowCount(), 0);
  }

  void search() {
    SearchResultModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto model = testdata::smallCnn();
    auto hits = searchModel(*model, QStringLiteral("conv"));
    // Operators CONV_2D and DEPTHWISE_CONV_2D, then tensors named conv..., conv/w, conv/b.
    QVERIFY(hits.size() >= 2);
    QCOMPARE(hits[0].kind, SearchHit::Kind::Operator);
    m.setHits(hits);
    QCOMPARE(m.rowCount(), static_cast<int>(hits.size()));
    // Quoted: exact field match only.
    auto exact = searchModel(*model, QStringLiteral("\"conv\""));
    int ops = 0, tensors = 0;
    for (const auto& h : exact) (h.kind == SearchHit::Kind::Operator ? ops : tensors)++;
    QCOMPARE(ops, 1);      // the CONV_2D named "conv" (its output tensor)
    QCOMPARE(tensors, 1);  // the tensor "conv"
    // dtype and shape, in any notation.
    QVERIFY(!searchModel(*model, QStringLiteral("int32")).isEmpty());
    auto shape = searchModel(*model, QStringLiteral("1x8x8x16"));
    QCOMPARE(shape.size(), 1);
    QCOMPARE(shape[0].label, QStringLiteral("conv"));
    QCOMPARE(searchModel(*model, QStringLiteral("[1, 8, 8, 16]")).size(), 1);
    QCOMPARE(searchModel(*model, QStringLiteral("8\u00D78")).size(), 2);  // substring of two shapes
    QVERIFY(searchModel(*model, QStringLiteral("\"8x8\"")).isEmpty());   // but no exact 8x8
    QVERIFY(searchModel(*model, QStringLiteral("   ")).isEmpty());
    m.setHits({});
    QCOMPARE(m.rowCount(), 0);
  }

  void tensorValues() {
    TensorValuesModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<double> v(1000);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i);
    m.setValues(v, {250, 4}, false);
    QCOMPARE(m.columnCount(), 4);
    QCOMPARE(m.rowCount(), TensorValuesModel::kTruncatedRows);
    QVERIFY(m.truncated());
    QCOMPARE(m.data(m.index(2, 3), Qt::DisplayRole).toString(), QStringLiteral("11"));
    QCOMPARE(m.headerData(2, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("[2]"));
    m.setFull(true);
    QCOMPARE(m.rowCount(), 250);
    QVERIFY(!m.truncated());
    m.setValues({0.5, 1.5}, {2}, true);
    QCOMPARE(m.columnCount(), 1);
    QCOMPARE(m.data(m.index(1, 0), Qt::DisplayRole).toString(), QStringLiteral("1.5"));
    m.setValues({}, {}, false);
    QCOMPARE(m.rowCount(), 0);
  }
};

QTEST_MAIN(ItemModelsTest)
#include "test_item_models.moc"
