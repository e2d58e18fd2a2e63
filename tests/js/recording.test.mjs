// What the browser reports to the kernel: each span (a hold, a side of a movement) finished or
// left, with the seconds really held, once a run. The timelines are the engine's own
// (tests/js/fixtures, held to the engine by tests/timing/test_js_fixtures.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Recording, Walker } from "../../handbook/widgets/guide.js";

/** @param {string} name */
const fixture = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

// ready 0-5, left 5-35, switch 35-40, right 40-70, rest 70-80, neck 80-100
const QUAD_NECK = fixture("quad-neck.json");

/** A page playing a timeline: send(kind, at) moves (or looks) at t0 + at; what it reported. */
function page(tl = QUAD_NECK, t0 = 500) {
  let now = t0;
  const walker = new Walker(tl.phases, () => now);
  const recording = new Recording(walker, tl.spans);
  /** @param {string} kind @param {number} at */
  const send = (kind, at) => {
    now = t0 + at;
    return recording.step(kind, tl.back_grace).map(({ span, seconds }) => {
      const s = tl.spans[span];
      return [s.stretch, s.side, Math.round(seconds * 1e6) / 1e6, s.end - s.start];
    });
  };
  return { send, walker, recording };
}

test("each side is reported when it ends, once", () => {
  const { send } = page();
  assert.deepEqual(send("start", 0), []);
  assert.deepEqual(send("hold", 35.01), [["quad", "left", 30, 30]]);
  assert.deepEqual(send("hold", 70.02), [["quad", "right", 30, 30]]);
  assert.deepEqual(send("done", 100), [["neck", null, 20, 20]]);
  assert.deepEqual(send("done", 101), []);
});

test("a hold left part-way is reported with what was held", () => {
  const { send, walker } = page();
  send("start", 0);
  assert.deepEqual(send("pause", 20), []);
  assert.equal(walker.state().status, "paused");
  assert.equal(walker.state().elapsed, 20);
  assert.deepEqual(send("skip", 60), [["quad", "left", 15, 30]]);
});

test("pauses do not count as holding", () => {
  const { send } = page();
  send("start", 0);
  send("pause", 15);
  send("start", 100);
  assert.deepEqual(send("hold", 120), [["quad", "left", 30, 30]]);
});

test("skipped holds are not reported", () => {
  const { send, walker } = page();
  send("start", 0);
  for (let n = 0; n < 4; n += 1) assert.deepEqual(send("skip", 1), []); // ready, left, switch, right
  assert.equal(walker.state().phase?.kind, "rest");
  send("previous", 1.5); // back to the start of the stretch: a new run
  send("skip", 1.5);
  assert.deepEqual(send("skip", 3.5), [["quad", "left", 2, 30]]); // two seconds of it, then on
});

test("reset and back report the hold left and begin a new run", () => {
  const { send, walker } = page();
  send("start", 0);
  assert.deepEqual(send("reset", 25), [["quad", "left", 20, 30]]);
  send("start", 30);
  assert.deepEqual(send("hold", 65.5), [["quad", "left", 30, 30]]); // the same hold, again
  assert.deepEqual(send("back", 75), [["quad", "right", 5, 30]]); // 5 s into the right side
  assert.equal(walker.state().phase?.side, "right");
  assert.deepEqual(send("hold", 105), [["quad", "right", 30, 30]]);
});

test("next and previous move by stretch", () => {
  const { send, walker } = page();
  send("start", 0);
  assert.deepEqual(send("next", 10), [["quad", "left", 5, 30]]);
  assert.equal(walker.state().phase?.stretch, "neck");
  assert.deepEqual(send("previous", 11), [["neck", null, 1, 20]]); // within the grace:
  assert.equal(walker.state().elapsed, 0); // back to the stretch before
});

test("what closing the player would record: the hold in progress, as of now", () => {
  const { send, recording } = page(QUAD_NECK, 1);
  send("start", 0);
  send("pause", 12);
  assert.deepEqual(recording.holding(), [{ span: 0, seconds: 7, run: 0 }]);
  assert.deepEqual(recording.holding(), [{ span: 0, seconds: 7, run: 0 }]); // looking reports nothing
  assert.deepEqual(send("hold", 13), []);
});

test("a movement is reported a side at a time, and Skip leaves the whole side", () => {
  // ready 0-5, arch/round x3 (3 s each) 5-23, rest 23-33, neck 3 x 20 s with rests of 10
  const tl = fixture("catcow-neck.json");
  const { send, walker } = page(tl);
  send("start", 0);
  assert.equal(walker.state().label, "Get ready");
  send("skip", 1);
  assert.equal(walker.state().label, "Arch · 1 of 3");
  assert.deepEqual(send("skip", 9), [["cc", null, 8, 18]]); // from count 2: the whole movement
  assert.equal(walker.state().phase?.kind, "rest");
  assert.equal(walker.state().elapsed, 23);
  send("back", 9.5); // within the grace: back to the start of the movement, a new run
  assert.equal(walker.state().label, "Arch · 1 of 3");
  send("back", 12); // 2.5 s in: the start of this part, the movement, not of the count
  assert.equal(walker.state().elapsed, 5);
});
