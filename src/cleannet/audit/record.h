// An audit run as the store keeps it (store/store.h) and back: every field the outputs are
// rendered from, so that a stored run renders byte for byte as it did when it ran.
//
//   int64_t id = *store_run(store, run);             // = store.add_run(to_record(run))
//   AuditRun again = *from_record(*store.run(id));   // render(again, f) == render(run, f)
#pragma once

#include "cleannet/audit/run.h"
#include "cleannet/core/result.h"
#include "cleannet/store/store.h"

namespace cleannet::audit {

// documents=false: the findings' documents are left empty (store_run writes them itself).
store::RunRecord to_record(const AuditRun& run, bool documents = true);
// Adds the run to the store: what add_run(to_record(run)) stores, each finding's document
// written straight into the store's compressed blocks rather than all held at once first.
core::Result<int64_t> store_run(store::Store& store, const AuditRun& run);
// The error names the run and the part of it that does not read back (a store written by
// another program, or damaged in a way its digests did not catch).
core::Result<AuditRun> from_record(const store::RunRecord& record);

}  // namespace cleannet::audit
