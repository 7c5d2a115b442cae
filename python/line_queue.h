// A bounded queue of text lines between one writer thread and one reader thread, and the
// std::streambuf that feeds it: the way a library call that writes its results to a
// std::ostream (trace::check's verdicts, one JSON line each) becomes a pull iterator whose
// memory stays bounded however many lines the call writes.
//
//   LineQueue q(8 << 20);                       // at most ~8 MiB of lines waiting
//   std::thread t([&] { LineQueueBuf buf(q); std::ostream out(&buf);
//                       write_everything(out); buf.pubsync(); q.finish(); });
//   while (auto line = q.pop()) use(*line);     // blocks while the queue is empty
//   q.cancel();                                 // reader gone: writes are dropped, the writer never blocks
//   t.join();
//
// The writer blocks while the queue holds more than its bound, so a slow reader slows the
// writer instead of letting the lines pile up. Lines travel in chunks of whole lines (one
// lock per chunk, not per line).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace cleannet::python {

class LineQueue {
 public:
  explicit LineQueue(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Writer side. push() blocks while more than max_bytes wait (at least one chunk is always
  // accepted); after cancel() it drops the chunk and returns at once.
  void push(std::string chunk);
  void finish();  // no more lines

  // Reader side. The next line without its newline; nullopt once finish() was called and
  // every line has been popped, or after cancel().
  std::optional<std::string> pop();
  void cancel();
  bool cancelled() const;
  // Bytes accepted by push() so far: how far the writer has got (tests of the bound).
  size_t pushed_bytes() const;

 private:
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> chunks_;
  size_t queued_bytes_ = 0, pushed_bytes_ = 0;
  bool finished_ = false, cancelled_ = false;
  // The reader's current chunk and where its next line starts (only the reader touches them).
  std::string current_;
  size_t pos_ = 0;
};

// Cuts what is written into chunks that end at a newline and pushes them; the last
// unterminated piece goes at sync() (std::flush, pubsync).
class LineQueueBuf : public std::streambuf {
 public:
  explicit LineQueueBuf(LineQueue& queue, size_t chunk_bytes = 64 * 1024) : queue_(queue), chunk_bytes_(chunk_bytes) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void push_lines(bool all);
  LineQueue& queue_;
  const size_t chunk_bytes_;
  std::string pending_;
};

}  // namespace cleannet::python
