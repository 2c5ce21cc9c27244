// The CLI's output on the standard streams, through C stdio. Nothing in inferscope-cli includes
// <iostream>: its static initialiser (the eight standard stream objects and the classic locale)
// cost ~0.15 ms of every run on the development VM, some 5% of a small model's whole check.
#pragma once

#include <initializer_list>
#include <string_view>

namespace inferscope::cli {

// Writes the pieces to stdout in order; false once stdout is in error.
bool out(std::initializer_list<std::string_view> pieces);
// Writes the pieces to stderr in order.
void err(std::initializer_list<std::string_view> pieces);
// Flushes stdout. When anything written to it was lost (a full disk, a closed pipe), says so on
// stderr and returns 1 ("failure writing output") in place of a status of 0; else `status`.
int flushOutput(int status);

}  // namespace inferscope::cli
