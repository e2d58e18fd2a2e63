// The browser's walker against the tests' Python oracle (tests/timing/oracle.py): run by
// tests/timing/test_walker.py with node's test runner. Each scenario holds a timeline built by
// the Python engine, steps (a move, or only a look, at a time on the browser's clock) and what
// the oracle showed and reported after each step. Not a *.test.mjs file: it needs the
// scenarios that the Python test writes, so `node --test tests/js/` leaves it out.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Recording, Walker, mss, summary, summaryWords } from "../../handbook/widgets/guide.js";

const scenarios = JSON.parse(readFileSync(String(process.env.HB_WALKER_SCENARIOS), "utf8"));

for (const scenario of scenarios) {
  test(scenario.name, () => {
    let now = 0;
    const tl = scenario.timeline;
    const walker = new Walker(tl.phases, () => now, tl.words.done);
    const recording = new Recording(walker, tl.spans);
    scenario.steps.forEach((/** @type {{ t: number, do: string }} */ step, /** @type {number} */ n) => {
      now = Math.max(now, step.t);
      const held = recording.step(step.do === "look" ? "hold" : step.do, tl.back_grace);
      const st = walker.state();
      const seen = { status: st.status, index: st.index, elapsed: st.elapsed,
                     remaining: mss(st.remaining), label: st.label, held,
                     holding: recording.holding() };
      assert.deepEqual(seen, scenario.expected[n], `step ${n}: ${step.do} at ${step.t}`);
    });
    const lived = walker.lived();
    assert.deepEqual(lived, scenario.end.lived, "the spans really run");
    const said = summary(tl.phases, lived);
    assert.deepEqual(said, scenario.end.summary, "the end screen's figures");
    assert.deepEqual(summaryWords(said, tl.words), scenario.end.words, "the end screen's words");
  });
}
