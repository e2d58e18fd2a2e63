// The walker, the breath pacer and the words on the player's screen, without a browser.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Walker, announcement, breath, breathPhase, endHeadline, mss, partOf, summaryWords }
  from "../../handbook/widgets/guide.js";

/** @param {string} name */
const fixture = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

const close = (/** @type {number} */ a, /** @type {number} */ b) => Math.abs(a - b) < 1e-9;

test("the breath splits in two: in, then out, each a fraction of its half", () => {
  const table = [[0, 6, "Breathe in", 0], [2.5, 6, "Breathe in", 0.5], [5, 6, "Breathe out", 0],
                 [7.5, 6, "Breathe out", 0.5], [10, 6, "Breathe in", 0], [32, 6, "Breathe in", 0.4],
                 [3.75, 12, "Breathe out", 0.5]];
  for (const [elapsed, bpm, word, fraction] of table) {
    const got = breathPhase(Number(elapsed), Number(bpm));
    assert.equal(got.word, word, `${elapsed} s at ${bpm}`);
    assert.ok(close(got.fraction, Number(fraction)), `${elapsed} s at ${bpm}: ${got.fraction}`);
  }
});

test("the breath's fraction stays within a half breath, the circle within its sizes", () => {
  for (let n = 0; n < 2000; n += 1) {
    const elapsed = (n * 1.7371) % 3600, bpm = 6 + (n % 61) / 10;
    const { word, fraction } = breathPhase(elapsed, bpm);
    assert.ok(word === "Breathe in" || word === "Breathe out");
    assert.ok(fraction >= 0 && fraction <= 1, `${fraction}`);
    const { scale } = breath(elapsed, bpm);
    assert.ok(scale >= 0.55 - 1e-12 && scale <= 1 + 1e-12, `${scale}`);
  }
});

test("M:SS rounds a countdown up to the whole second", () => {
  assert.deepEqual([0, 0.2, 1, 59.01, 60, 61.5, -3].map(mss),
                   ["0:00", "0:01", "0:01", "1:00", "1:00", "1:02", "0:00"]);
});

test("a walker counts from its clock and never before Start", () => {
  const tl = fixture("quad-neck.json");
  let now = 1000;
  const walker = new Walker(tl.phases, () => now);
  now += 50;
  assert.equal(walker.state().elapsed, 0);
  walker.start();
  now += 15.5;
  const st = walker.state();
  assert.deepEqual([st.status, st.index, st.label, mss(st.remaining)],
                   ["running", 1, "Hold: left side", "0:20"]);
});

test("a movement's counts are one part; every other phase is its own", () => {
  const tl = fixture("catcow-neck.json");
  assert.deepEqual(partOf(tl.phases, 3), [1, 6]);
  assert.deepEqual(partOf(tl.phases, 0), [0, 0]);
  assert.deepEqual(partOf(tl.phases, 7), [7, 7]);
});

test("rests read naturally: what comes after them, the last round named", () => {
  const tl = fixture("catcow-neck.json");
  const shown = tl.phases.map((/** @type {{ shown: string }} */ p) => p.shown);
  assert.ok(shown.includes("Rest, then round 2 of 3"));
  assert.ok(shown.includes("Rest, then the last round"));
  assert.ok(!shown.some((/** @type {string} */ s) => /^Rest \(\d of \d\)$/.test(s)));
});

test("a screen reader hears each part once: a movement by its name, not its counts", () => {
  const tl = fixture("catcow-neck.json");
  const said = tl.phases.map((/** @type {any} */ p) => announcement(p, p.name));
  assert.equal(new Set(said.slice(1, 7)).size, 1); // six counts, one announcement
  assert.equal(said[0], "Get ready: Cat-cow");
  assert.equal(said[8], "Hold (1 of 3): Neck turn");
  assert.equal(announcement(null, ""), "Done");
});

test("the end screen says what was held and what was not", () => {
  assert.deepEqual(summaryWords({ held: 110, planned: 110, skipped: [], short: [] }),
                   ["1:50 of stretching held, of 1:50 planned", "Every stretch held in full."]);
  assert.equal(summaryWords({ held: 3, planned: 110, skipped: ["A", "B"], short: ["C"] })[1],
               "Skipped: A and B. Cut short: C.");
});

test("the end screen praises only a class that was mostly held", () => {
  const end = (/** @type {number} */ held) => endHeadline({ held, planned: 100, skipped: [], short: [] });
  assert.equal(end(100), "Well done!");
  assert.equal(end(51), "Well done!");
  assert.equal(end(50), "The class is over");
  assert.equal(end(3), "The class is over"); // every stretch cut short: no praise
  assert.equal(endHeadline({ held: 0, planned: 0, skipped: [], short: [] }), "The class is over");
});
