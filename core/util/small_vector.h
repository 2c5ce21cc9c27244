// A short list of trivially copyable values kept inline, on the heap only past N entries: for the
// many per-operator lists (inputs, outputs, producers) that hold one to three values nearly always.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <type_traits>
#include <vector>

namespace inferscope::util {

template <class T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable values");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() = default;
  SmallVector(std::initializer_list<T> values) : SmallVector(values.begin(), values.end()) {}
  template <class It>
  SmallVector(It first, It last) {
    for (; first != last; ++first) push_back(static_cast<T>(*first));
  }
  SmallVector(const SmallVector&) = default;
  SmallVector& operator=(const SmallVector&) = default;
  // Moving leaves the source empty, as a moved-from std::vector is in practice.
  SmallVector(SmallVector&& o) noexcept : size_(o.size_), more_(std::move(o.more_)) {
    copyLocal(o);
    o.size_ = 0;
    o.more_.clear();
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      size_ = o.size_;
      more_ = std::move(o.more_);
      copyLocal(o);
      o.size_ = 0;
      o.more_.clear();
    }
    return *this;
  }

  void push_back(const T& v) {
    if (size_ < N) {
      local_[size_] = v;
    } else {
      if (size_ == N) more_.assign(local_, local_ + N);
      more_.push_back(v);
    }
    ++size_;
  }
  void clear() {
    size_ = 0;
    more_.clear();
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return size_ > N ? more_.data() : local_; }
  const T* data() const { return size_ > N ? more_.data() : local_; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  std::reverse_iterator<const T*> rbegin() const { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const { return std::reverse_iterator<const T*>(begin()); }

  friend bool operator==(const SmallVector& a, const SmallVector& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

 private:
  void copyLocal(const SmallVector& o) {
    for (std::size_t i = 0; i < N && i < o.size_; ++i) local_[i] = o.local_[i];
  }

  std::size_t size_ = 0;
  T local_[N] = {};
  std::vector<T> more_;  // all the values once there are more than N
};

}  // namespace inferscope::util
