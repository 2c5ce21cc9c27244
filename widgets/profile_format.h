// Text for target-profile quantities shown in the profile editor and selector: frequencies, sizes,
// bandwidths, and the colours used for memory areas and messages in light and dark palettes.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <cstdint>

#include "core/targets/types.h"

namespace inferscope::widgets {

QString formatHz(double hz);                // "500 MHz", "1.2 GHz", "32.768 kHz"
QString formatBytes(std::int64_t bytes);     // "384 KiB", "4 GiB", "1.5 MiB"
QString formatBytesPerCycle(double b);       // "8", "0.5"
QString formatGBps(double bytesPerSecond);   // "4.00 GB/s"

// Fill colour of a memory area in the diagram, readable under both palettes.
QColor memoryAreaColor(targets::MemoryArea a, bool dark);
QColor errorTextColor(const QPalette& p);
QColor mutedTextColor(const QPalette& p);
bool isDarkPalette(const QPalette& p);

}  // namespace inferscope::widgets
