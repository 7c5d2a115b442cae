// An audit run as the store keeps it (store/store.h) and back: every field the outputs are
// rendered from, so that a stored run renders byte for byte as it did when it ran.
//
//   store::RunRecord rec = to_record(run);
//   int64_t id = *store.add_run(rec);
//   AuditRun again = *from_record(*store.run(id));   // render(again, f) == render(run, f)
#pragma once

#include "cleannet/audit/run.h"
#include "cleannet/core/result.h"
#include "cleannet/store/store.h"

namespace cleannet::audit {

store::RunRecord to_record(const AuditRun& run);
// The error names the run and the part of it that does not read back (a store written by
// another program, or damaged in a way its digests did not catch).
core::Result<AuditRun> from_record(const store::RunRecord& record);

}  // namespace cleannet::audit
