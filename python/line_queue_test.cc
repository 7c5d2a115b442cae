// The bounded line queue under the verdict iterator: lines arrive whole and in order however
// the writer cuts its writes, the writer waits while the queue is full, and cancelling frees
// a writer that waits (the iterator closed early).
#include "line_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace cleannet::python {
namespace {

std::vector<std::string> drain(LineQueue& q) {
  std::vector<std::string> out;
  while (auto l = q.pop()) out.push_back(*l);
  return out;
}

TEST(LineQueue, LinesArriveWholeAndInOrderWhateverTheWrites) {
  LineQueue q(1 << 20);
  std::thread writer([&] {
    LineQueueBuf buf(q, 8);  // tiny chunks: many pushes, lines cut across writes
    std::ostream out(&buf);
    out << "{\"a\":1}\n{\"b\":" << 2 << "}\n";
    out.write("{\"c\":3", 6);
    out << "}\nlast without newline";
    out.flush();
    q.finish();
  });
  std::vector<std::string> got = drain(q);
  writer.join();
  EXPECT_EQ(got, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "last without newline"}));
}

TEST(LineQueue, WriterWaitsWhileFull) {
  LineQueue q(100);
  std::atomic<int> pushed{0};
  std::thread writer([&] {
    for (int i = 0; i < 50; ++i) {
      q.push(std::string(60, 'x') + "\n");
      ++pushed;
    }
    q.finish();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_LE(pushed.load(), 3);  // two chunks fit (the first always does), the next waits
  EXPECT_EQ(drain(q).size(), 50u);
  writer.join();
}

TEST(LineQueue, CancelFreesAWaitingWriterAndEndsTheReader) {
  LineQueue q(10);
  std::thread writer([&] {
    for (int i = 0; i < 1000; ++i) q.push("a line\n");
    q.finish();
  });
  EXPECT_EQ(q.pop(), "a line");
  q.cancel();
  writer.join();  // would hang if push() kept waiting
  EXPECT_EQ(q.pop(), std::nullopt);
  EXPECT_TRUE(q.cancelled());
}

}  // namespace
}  // namespace cleannet::python
