// `iochound test PACK...`: each pack test binds its fixtures to tables, runs the whole pack (with
// its exclusions) over them, and compares the alerts with the expected ones exactly: every expected
// alert must appear (same rule, evidence values, suppression), and no other alert may.
#pragma once

#include <string>
#include <vector>

#include "packs/pack.h"

namespace iochound::packs {

struct TestOutcome {
  std::string name;  // PACK/TEST
  bool passed = false;
  size_t alerts = 0;
  size_t suppressed = 0;
  std::vector<std::string> problems;  // what differed, each naming the expectation's FILE:LINE
};

// Runs every test of `pack`. Data errors in fixtures fail the test that read them.
std::vector<TestOutcome> RunPackTests(const Pack& pack);

}  // namespace iochound::packs
