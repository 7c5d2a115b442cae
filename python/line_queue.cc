#include "line_queue.h"

#include <utility>

namespace cleannet::python {

void LineQueue::push(std::string chunk) {
  if (chunk.empty()) return;
  std::unique_lock<std::mutex> l(mu_);
  cv_.wait(l, [&] { return cancelled_ || queued_bytes_ < max_bytes_ || chunks_.empty(); });
  if (cancelled_) return;
  queued_bytes_ += chunk.size();
  pushed_bytes_ += chunk.size();
  chunks_.push_back(std::move(chunk));
  cv_.notify_all();
}

void LineQueue::finish() {
  std::lock_guard<std::mutex> l(mu_);
  finished_ = true;
  cv_.notify_all();
}

std::optional<std::string> LineQueue::pop() {
  if (pos_ >= current_.size()) {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return cancelled_ || finished_ || !chunks_.empty(); });
    if (cancelled_ || chunks_.empty()) return std::nullopt;
    current_ = std::move(chunks_.front());
    chunks_.pop_front();
    queued_bytes_ -= current_.size();
    pos_ = 0;
    cv_.notify_all();  // room for the writer
  }
  size_t end = current_.find('\n', pos_);
  if (end == std::string::npos) end = current_.size();
  std::string line = current_.substr(pos_, end - pos_);
  pos_ = end + 1;
  return line;
}

void LineQueue::cancel() {
  std::lock_guard<std::mutex> l(mu_);
  cancelled_ = true;
  chunks_.clear();
  queued_bytes_ = 0;
  cv_.notify_all();
}

size_t LineQueue::pushed_bytes() const {
  std::lock_guard<std::mutex> l(mu_);
  return pushed_bytes_;
}

bool LineQueue::cancelled() const {
  std::lock_guard<std::mutex> l(mu_);
  return cancelled_;
}

std::streamsize LineQueueBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  if (pending_.size() >= chunk_bytes_) push_lines(false);
  return n;
}

LineQueueBuf::int_type LineQueueBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_.push_back(traits_type::to_char_type(c));
  if (pending_.size() >= chunk_bytes_) push_lines(false);
  return c;
}

int LineQueueBuf::sync() {
  push_lines(true);
  return 0;
}

// Whole lines only, unless `all`: a reader never sees half a line. Pieces of at most
// chunk_bytes (a line longer than that is a piece of its own), so that the queue's bound holds
// to within one piece even when the writer hands over megabytes at once.
void LineQueueBuf::push_lines(bool all) {
  size_t start = 0;
  while (start < pending_.size() && (all || pending_.size() - start >= chunk_bytes_)) {
    size_t end = pending_.size();
    if (start + chunk_bytes_ < pending_.size()) {
      end = pending_.rfind('\n', start + chunk_bytes_ - 1);
      if (end == std::string::npos || end < start) end = pending_.find('\n', start + chunk_bytes_);
      if (end == std::string::npos) {
        if (!all) break;  // a long line not yet ended
        end = pending_.size();
      } else {
        ++end;
      }
    }
    queue_.push(pending_.substr(start, end - start));
    start = end;
  }
  pending_.erase(0, start);
}

}  // namespace cleannet::python
