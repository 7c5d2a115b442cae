// cloud check as one library call: a walk with an unreadable file gives the report on the
// readable ones, the error and the walk's note (hand-checked: tests/data/cloud/walk).
#include "cleannet/cloud/run.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cleannet::cloud {
namespace {

const std::string kWalk = CLEANNET_SOURCE_DIR "/tests/data/cloud/walk/one-bad-file";

struct Fixture {
  trust::Registry reg = *trust::load_registry({}, true);
  trust::Resolver resolver{reg};
  trust::Policy policy = *trust::load_policy("clean-network");
  CloudInputs inputs(std::vector<std::string> paths) {
    CloudInputs in;
    in.paths = std::move(paths);
    in.resolver = &resolver;
    in.policy = &policy;
    in.status_options.as_of = *core::Date::parse("2025-01-01");
    return in;
  }
};

TEST(RunCheck, ReadableInputsReportedUnreadableOnesErrors) {
  Fixture f;
  report::CheckReport r = run_check(f.inputs({kWalk}));
  EXPECT_TRUE(r.reported);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pos().file, kWalk + "/bad.tf");
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], kWalk + ": read 2 files (.tf 1, .tf.json 1, tfvars 0), refused 1, skipped 1 (not Terraform)");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].organisation, "alibaba-cloud");
  EXPECT_EQ(r.findings[1].organisation, "tencent-cloud");
  EXPECT_TRUE(r.violations);
  EXPECT_EQ(report::exit_code(r), 2);
  EXPECT_EQ(r.summary["as_of"], "2025-01-01");
  EXPECT_EQ(r.text_head, "cloud check of " + kWalk + "; policy clean-network, as of 2025-01-01\n");
  EXPECT_EQ(r.text_tail,
            "2 asset(s): 2 denied, 0 warned, 0 allowed, 0 public only, 0 unclassified, 0 not cloud resources (policy "
            "clean-network)\n");
}

TEST(RunCheck, NothingReadIsNoReport) {
  Fixture f;
  report::CheckReport r = run_check(f.inputs({kWalk + "/no-such.tf"}));
  EXPECT_FALSE(r.reported);
  EXPECT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(report::exit_code(r), 2);
}

}  // namespace
}  // namespace cleannet::cloud
