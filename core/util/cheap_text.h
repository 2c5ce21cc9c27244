// Text that is either borrowed from storage that outlives it (string literals, static rule tables)
// or owned. Copying borrowed text costs no allocation: reports repeat the same rule and hint texts
// for hundreds of operators.
//
//   util::CheapText a = "a literal";                     // borrowed (a literal lives for the program)
//   util::CheapText b = std::string("made ") + name;     // owned
//   util::CheapText c = util::CheapText::borrow(text);   // borrowed: the caller vouches for its lifetime
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace inferscope::util {

class CheapText {
 public:
  CheapText() = default;
  // A character array: meant for string literals (do not pass a local buffer).
  template <std::size_t N>
  CheapText(const char (&literal)[N]) : view_(literal, N - 1) {}  // NOLINT(google-explicit-constructor)
  CheapText(std::string owned) : owned_(std::move(owned)), own_(true) { view_ = owned_; }  // NOLINT
  static CheapText borrow(std::string_view s) {
    CheapText t;
    t.view_ = s;
    return t;
  }

  CheapText(const CheapText& o) : owned_(o.owned_), view_(o.view_), own_(o.own_) {
    if (own_) view_ = owned_;
  }
  CheapText(CheapText&& o) noexcept : owned_(std::move(o.owned_)), view_(o.view_), own_(o.own_) {
    if (own_) view_ = owned_;
    o.clear();
  }
  CheapText& operator=(const CheapText& o) {
    if (this != &o) *this = CheapText(o);
    return *this;
  }
  CheapText& operator=(CheapText&& o) noexcept {
    if (this != &o) {
      owned_ = std::move(o.owned_);
      own_ = o.own_;
      view_ = own_ ? std::string_view(owned_) : o.view_;
      o.clear();
    }
    return *this;
  }

  std::string_view view() const { return view_; }
  operator std::string_view() const { return view_; }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view_); }
  const char* data() const { return view_.data(); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  char operator[](std::size_t i) const { return view_[i]; }
  std::size_t find(std::string_view s, std::size_t pos = 0) const { return view_.find(s, pos); }
  std::size_t find(char c, std::size_t pos = 0) const { return view_.find(c, pos); }

  friend bool operator==(const CheapText& a, const CheapText& b) { return a.view_ == b.view_; }
  friend bool operator==(const CheapText& a, std::string_view b) { return a.view_ == b; }
  friend std::string operator+(std::string a, const CheapText& b) { return a.append(b.view_); }
  friend std::string operator+(const CheapText& a, std::string_view b) { return std::string(a.view_).append(b); }
  friend std::ostream& operator<<(std::ostream& os, const CheapText& t) { return os << t.view_; }

 private:
  void clear() {
    owned_.clear();
    view_ = {};
    own_ = false;
  }

  std::string owned_;
  std::string_view view_;
  bool own_ = false;
};

}  // namespace inferscope::util
