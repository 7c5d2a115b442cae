// What the seeded generators of SYNTHETIC benchmark input (mrt_generate, trace_generate)
// share: the random numbers (splitmix64, no std:: distributions, so that the same seed gives
// the same bytes on every machine) and their command lines ("--name VALUE" and flags).
//
//   uint64_t n = 1000, seed = 1;  bool array = false;
//   if (!bench::parse_options(argc, argv, {{"--traces", &n}, {"--seed", &seed}, {"--array", &array}}))
//     return bench::usage("usage: gen [--traces N] [--seed S] [--array]");
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>

namespace bench {

struct Rng {
  uint64_t s;
  uint64_t next() {  // splitmix64
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
  bool chance(uint32_t percent) { return below(100) < percent; }
};

// One option: a number, a string or a flag (exactly one pointer set).
struct Option {
  const char* name;
  uint64_t* number = nullptr;
  std::string* text = nullptr;
  bool* flag = nullptr;
  Option(const char* n, uint64_t* v) : name(n), number(v) {}
  Option(const char* n, std::string* v) : name(n), text(v) {}
  Option(const char* n, bool* v) : name(n), flag(v) {}
};

// False on an unknown option or one missing its value.
inline bool parse_options(int argc, char** argv, std::initializer_list<Option> options) {
  for (int i = 1; i < argc; ++i) {
    const Option* o = nullptr;
    for (const Option& c : options)
      if (!std::strcmp(argv[i], c.name)) o = &c;
    if (!o) return false;
    if (o->flag) {
      *o->flag = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (o->number)
      *o->number = std::strtoull(v, nullptr, 10);
    else
      *o->text = v;
  }
  return true;
}

inline int usage(const char* text) {
  std::fprintf(stderr, "%s\n", text);
  return 2;
}

}  // namespace bench
