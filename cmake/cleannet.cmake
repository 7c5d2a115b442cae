# One helper per target kind, so that each module's CMakeLists.txt is a few lines
# (after abseil's absl_cc_library / absl_cc_test).

# cleannet_module(NAME SRCS a.cc b.cc DEPS core ... LIBS external::lib ...)
# Builds library cleannet_<NAME> from src/cleannet/<NAME>; its public headers are
# included as "cleannet/<NAME>/x.h". DEPS are other cleannet modules (downward only).
function(cleannet_module name)
  cmake_parse_arguments(M "" "" "SRCS;DEPS;LIBS" ${ARGN})
  add_library(cleannet_${name} STATIC ${M_SRCS})
  target_include_directories(cleannet_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  foreach(dep IN LISTS M_DEPS)
    target_link_libraries(cleannet_${name} PUBLIC cleannet_${dep})
  endforeach()
  target_link_libraries(cleannet_${name} PUBLIC ${M_LIBS})
endfunction()

# cleannet_test(NAME SRCS x_test.cc DEPS trust ... [LABELS fast|slow] [PREFIX bgp.])
# A GoogleTest binary registered with CTest; the source dir is passed so that tests
# find their golden files without depending on the working directory. PREFIX goes before
# each discovered test name (so that `ctest -R bgp` finds a module's tests).
function(cleannet_test name)
  cmake_parse_arguments(T "" "PREFIX" "SRCS;DEPS;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SRCS})
  foreach(dep IN LISTS T_DEPS)
    target_link_libraries(${name} PRIVATE cleannet_${dep})
  endforeach()
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    CLEANNET_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CLEANNET_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS fast)
  endif()
  # Binaries labelled slow (oracles on many random inputs) start first under ctest -j, where
  # a fresh clone has no timings yet to order by (see the end of tests/CMakeLists.txt).
  set(cost 0)
  if("slow" IN_LIST T_LABELS)
    set(cost 30)
  endif()
  include(GoogleTest)
  gtest_discover_tests(${name} TEST_PREFIX "${T_PREFIX}" PROPERTIES LABELS "${T_LABELS}" COST ${cost}
                       DISCOVERY_TIMEOUT 60)
endfunction()

# cleannet_fuzzer(NAME SRCS f.cc DEPS ...): a libFuzzer target (only with CLEANNET_FUZZ).
function(cleannet_fuzzer name)
  cmake_parse_arguments(F "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${F_SRCS})
  foreach(dep IN LISTS F_DEPS)
    target_link_libraries(${name} PRIVATE cleannet_${dep})
  endforeach()
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()

# cleannet_benchmark(NAME SRCS b.cc DEPS ...): a Google Benchmark binary.
function(cleannet_benchmark name)
  cmake_parse_arguments(B "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${B_SRCS})
  foreach(dep IN LISTS B_DEPS)
    target_link_libraries(${name} PRIVATE cleannet_${dep})
  endforeach()
  target_link_libraries(${name} PRIVATE benchmark::benchmark)
endfunction()

# cleannet_embed(OUT_SRC INPUT NAMESPACE FUNCTION): compiles a data file into the binary as
# `std::string_view NAMESPACE::FUNCTION()`, so the bundled registry and policies travel
# with the executable and cannot drift from the build.
function(cleannet_embed out_var input ns fn)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${fn}.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out} -DNS=${ns} -DFN=${fn}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS "${input}" ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    COMMENT "Embedding ${input}")
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

# Every public header must compile on its own (after libosmium): one translation unit per
# header that includes only that header, built as part of the normal build.
function(cleannet_header_check module)
  # Compile-only: the normal build checks each header once; the sanitizer build (CI's
  # second pass over the same sources) would only repeat it, at CI time's expense.
  if(CLEANNET_SANITIZE)
    return()
  endif()
  file(GLOB headers RELATIVE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/src/cleannet/${module}/*.h)
  set(srcs)
  foreach(h IN LISTS headers)
    string(MAKE_C_IDENTIFIER ${h} stem)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/header_check/${stem}.cc)
    file(WRITE ${out}.tmp "#include \"${h}\"\n#include \"${h}\"  // and guarded against double inclusion\n")
    file(COPY_FILE ${out}.tmp ${out} ONLY_IF_DIFFERENT)
    list(APPEND srcs ${out})
  endforeach()
  add_library(cleannet_${module}_header_check OBJECT ${srcs})
  target_link_libraries(cleannet_${module}_header_check PRIVATE cleannet_${module})
endfunction()
