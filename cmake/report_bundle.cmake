# Runs the front end's bundle command (docs/report.md): `node web/report/build.mjs OUTDIR` from
# the source root, after checking what it needs, so that a missing set-up fails the build with
# the step that fixes it rather than with node's module-resolution error.
# -DNODE=... -DSOURCE_DIR=... -DOUTDIR=...
if(EXISTS "${SOURCE_DIR}/web/report/package.json" AND NOT EXISTS "${SOURCE_DIR}/web/report/node_modules")
  message(FATAL_ERROR "${SOURCE_DIR}/web/report/node_modules: expected the front end's npm packages, "
                      "found none: run scripts/setup (npm ci in web/report)")
endif()
execute_process(COMMAND "${NODE}" web/report/build.mjs "${OUTDIR}" WORKING_DIRECTORY "${SOURCE_DIR}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "node web/report/build.mjs ${OUTDIR}: failed (${rc}); see its message above")
endif()
