# The two commands a user needs: `make demo` and `make test`. Both run scripts/setup
# first, so each alone does everything on a fresh Debian 12 machine.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD ?= build-asan
# Clang builds it: its sanitizers are the reference implementation and it compiles the
# instrumented code in much less time than GCC (docs/testing.md, "CI time"); the normal
# build stays with GCC, so both compilers see the code. -O1 keeps asserts (Debug, no NDEBUG)
# and full ASan/UBSan checks while running the suite faster than -O0; CI runs it after the
# normal pass. Warnings are errors in the normal build; here they are shown but do not stop
# the build (another compiler's warnings, some set off by the instrumentation). -g1 (line
# tables and function names) is all the sanitizers' stack traces use; full -g only adds
# compile time and object size for the linker to read.
CMAKE_FLAGS += -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
CMAKE_FLAGS += -DCLEANNET_SANITIZE=ON -DCLEANNET_BENCH=OFF -DCLEANNET_WERROR=OFF -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1"
else
BUILD ?= build
CMAKE_FLAGS += -DCMAKE_BUILD_TYPE=RelWithDebInfo
endif
FUZZ_SECONDS ?= 60
CLEANNET := $(BUILD)/apps/cleannet/cleannet

.PHONY: all setup build demo test bench fuzz format clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The demo runs the cleannet binary alone (scripts/demo), so it builds that target and not the
# tests, benchmarks and header checks that `make build` and `make test` build.
demo: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) -t cleannet
	@scripts/demo $(CLEANNET)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

bench: setup
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLEANNET_WERROR=OFF -DCLEANNET_BENCH=ON
	cmake --build build-bench -j $(JOBS)
	scripts/bench build-bench
	scripts/bench-path build-bench
	scripts/bench-asgraph build-bench
	scripts/bench-mrt build-bench
	scripts/bench-trace build-bench
	scripts/bench-apps build-bench
	scripts/bench-audit build-bench
	scripts/bench-report build-bench
	scripts/bench-scale build-bench
# Last: it exits 1 while a goal of issue 20 is missed, which would stop the ones after it.
	scripts/bench-decompress build-bench

fuzz: setup
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCLEANNET_FUZZ=ON -DCLEANNET_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz -j $(JOBS)
	scripts/fuzz build-fuzz $(FUZZ_SECONDS)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-bench build-fuzz
