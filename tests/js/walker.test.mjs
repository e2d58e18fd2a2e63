// The browser's walker against the Python engine: node --test, run by tests/test_walker.py.
// Each scenario holds a timeline built by the Python engine, steps (a move, or only a look, at a
// time on the browser's clock) and what the Python engine showed after each step.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const { Walker, mss, move, summary, summaryWords } = await import(new URL("../../handbook/widgets/guide.js",
                                                   import.meta.url));
const scenarios = JSON.parse(readFileSync(process.env.HB_WALKER_SCENARIOS, "utf8"));

for (const scenario of scenarios) {
  test(scenario.name, () => {
    let now = 0;
    const tl = scenario.timeline;
    const walker = new Walker(tl.phases, () => now);
    scenario.steps.forEach((step, n) => {
      now = step.t;
      if (step.do !== "look") move(walker, step.do, tl.back_grace);
      const st = walker.state();
      const seen = { status: st.status, index: st.index, elapsed: st.elapsed,
                     remaining: mss(st.remaining), label: st.label };
      assert.deepEqual(seen, scenario.expected[n], `step ${n}: ${step.do} at ${step.t}`);
    });
    const lived = walker.lived();
    assert.deepEqual(lived, scenario.end.lived, "the spans really run");
    const said = summary(tl.phases, lived);
    assert.deepEqual(said, scenario.end.summary, "the end screen's figures");
    assert.deepEqual(summaryWords(said), scenario.end.words, "the end screen's words");
  });
}
