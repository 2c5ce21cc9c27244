// Decoding constant tensors, their statistics, and the .npy / CSV exports; the tensor viewer.
#include <QFile>
#include <QtTest>

#include "support/shared_data.h"
#include "widget_fixtures.h"
#include "widgets/tensor_data.h"
#include "widgets/tensor_values_model.h"
#include "widgets/tensor_viewer.h"

using namespace inferscope;
using namespace inferscope::widgets;
using model::DType;

namespace {
model::Tensor constant(DType t, std::vector<std::int32_t> shape, const std::vector<std::uint8_t>& bytes) {
  model::Tensor x;
  x.name = std::string("t");  // not a char* assignment: GCC 12 warns falsely (-Wrestrict) on that
  x.dtype = t;
  x.shape = std::move(shape);
  x.data.bytes = std::span<const std::uint8_t>(bytes.data(), bytes.size());
  return x;
}
template <class T>
std::vector<std::uint8_t> raw(std::vector<T> v) {
  std::vector<std::uint8_t> b(v.size() * sizeof(T));
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}
}  // namespace

class TensorDataTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { testdata::isolateSettings(); }

  void decodesEveryKindOfElement() {
    auto f = raw<float>({1.5f, -2.f, 0.f});
    QCOMPARE(decodeTensor(constant(DType::FLOAT32, {3}, f), false).value(), (std::vector<double>{1.5, -2, 0}));
    auto h = raw<std::uint16_t>({0x3C00, 0xC000, 0x3555});  // 1, -2, ~0.333
    auto hv = decodeTensor(constant(DType::FLOAT16, {3}, h), false).value();
    QCOMPARE(hv[0], 1.0);
    QCOMPARE(hv[1], -2.0);
    QVERIFY(std::abs(hv[2] - 0.33325) < 1e-4);
    std::vector<std::uint8_t> i4{0x7F, 0x08};  // low nibble first: 15->-1, 7, 8->-8, 0
    QCOMPARE(decodeTensor(constant(DType::INT4, {4}, i4), false).value(), (std::vector<double>{-1, 7, -8, 0}));
    auto i8 = raw<std::int8_t>({-128, 0, 127});
    QCOMPARE(decodeTensor(constant(DType::INT8, {3}, i8), false).value(), (std::vector<double>{-128, 0, 127}));
    QVERIFY(!decodeTensor(constant(DType::STRING, {1}, i8), false).ok());
  }

  void dequantizesPerTensorAndPerChannel() {
    auto q = raw<std::int8_t>({10, 20, 10, 20});
    auto t = constant(DType::INT8, {2, 2}, q);
    t.quant = model::quantParams(0.5f, 10);
    QCOMPARE(decodeTensor(t, true).value(), (std::vector<double>{0, 5, 0, 5}));
    t.quant = model::quantPerChannel({1.0f, 0.25f}, 0);  // channel = row
    QCOMPARE(decodeTensor(t, true).value(), (std::vector<double>{10, 20, 2.5, 5}));
    t.quant = model::quantPerChannel({1.0f, 0.25f}, 1);  // channel = column
    QCOMPARE(decodeTensor(t, true).value(), (std::vector<double>{10, 5, 10, 5}));
  }

  void statisticsAndHistogram() {
    std::vector<double> v{0, 0, 1, 2, 3, 4};
    auto s = computeStats(v);
    QCOMPARE(s.count, 6);
    QCOMPARE(s.min, 0.0);
    QCOMPARE(s.max, 4.0);
    QCOMPARE(s.mean, 10.0 / 6);
    QCOMPARE(s.zeros, 2);
    QVERIFY(std::abs(s.sparsity() - 1.0 / 3) < 1e-12);
    QVERIFY(std::abs(s.stddev - std::sqrt((2 * 25.0 / 9 + 4.0 / 9 + 1.0 / 9 + 16.0 / 9 + 49.0 / 9) / 6)) < 1e-12);
    auto h = histogram(v, 4, 0, 4);
    QCOMPARE(h, (std::vector<std::int64_t>{2, 1, 1, 2}));
  }

  void npyAndCsvExports() {
    auto dir = testdata::tempDir();
    auto bytes = raw<std::int8_t>({1, -2, 3, -4, 5, -6});
    auto t = constant(DType::INT8, {2, 3}, bytes);
    t.quant = model::quantParams(0.5f, 0);
    auto npy = (dir / "t.npy").string();
    QVERIFY(writeNpy(npy, t).ok());
    QFile f(QString::fromStdString(npy));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray all = f.readAll();
    QVERIFY(all.startsWith("\x93NUMPY\x01\x00"));
    int headerLen = static_cast<unsigned char>(all[8]) | (static_cast<unsigned char>(all[9]) << 8);
    QCOMPARE((10 + headerLen) % 64, 0);
    QByteArray header = all.mid(10, headerLen);
    QVERIFY(header.contains("'descr': '|i1'"));
    QVERIFY(header.contains("'shape': (2, 3)"));
    QCOMPARE(all.mid(10 + headerLen), QByteArray(reinterpret_cast<const char*>(bytes.data()), 6));

    auto csv = (dir / "t.csv").string();
    QVERIFY(writeCsv(csv, t).ok());
    QFile c(QString::fromStdString(csv));
    QVERIFY(c.open(QIODevice::ReadOnly));
    auto lines = QString::fromUtf8(c.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QStringLiteral("index,d0,d1,value,real"));
    QCOMPARE(lines[5], QStringLiteral("4,1,1,5,2.5"));

    auto one = raw<float>({2.5f});
    QVERIFY(writeNpy((dir / "v.npy").string(), constant(DType::FLOAT32, {1}, one)).ok());
    QFile v(QString::fromStdString((dir / "v.npy").string()));
    QVERIFY(v.open(QIODevice::ReadOnly));
    QVERIFY(v.readAll().contains("'shape': (1,)"));
  }

  void viewerShowsStatsAndExports() {
    auto m = testdata::smallCnn();
    int w = m->subgraphs[0].operators[0].inputs[1];  // 16x3x3x3 int8 per-channel
    TensorViewer viewer(m, 0, w);
    viewer.setAttribute(Qt::WA_DeleteOnClose, false);
    viewer.show();
    QTRY_VERIFY(viewer.ready());
    QCOMPARE(viewer.stats().count, 432);
    QCOMPARE(viewer.valuesModel()->columnCount(), 3);
    QCOMPARE(viewer.valuesModel()->rowCount(), 144);
    auto dir = testdata::tempDir();
    QVERIFY(viewer.exportNpy(QString::fromStdString((dir / "w.npy").string())).ok());
    QVERIFY(viewer.exportCsv(QString::fromStdString((dir / "w.csv").string())).ok());
  }
};

QTEST_MAIN(TensorDataTest)
#include "test_tensor_data.moc"
