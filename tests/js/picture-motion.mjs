// The moving picture (picture.js) against timelines built by the Python engine: run with
// node --test by tests/pictures/test_motion.py (not by `make js`: it needs those timelines).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const { poseAt, mayMove } = await import(new URL("../../handbook/widgets/picture.js",
                                                 import.meta.url));
const { hold, twoParts, onePart } = JSON.parse(readFileSync(process.env.HB_PICTURE_TIMELINES, "utf8"));
const at = (phases, kind, n = 0) => phases.map((p, i) => [p, i]).filter(([p]) => p.kind === kind)[n][1];
const st = (index, phaseProgress, status = "running") => ({ status, index, phaseProgress });
const near = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} is not ${b}`);

test("nothing moves before the start or after the end", () => {
  assert.equal(poseAt(hold, null, 0, false), null);
  assert.equal(poseAt(hold, st(0, 0, "idle"), 0, false), null);
  assert.equal(poseAt(hold, st(hold.length, 1, "done"), 0, false), null);
});

test("a hold eases into the stretch during Get ready, then stays there", () => {
  const ready = at(hold, "ready");
  near(poseAt(hold, st(ready, 0), 0, false), 0);
  near(poseAt(hold, st(ready, 0.5), 0, false), 0.5);
  near(poseAt(hold, st(ready, 1), 0, false), 1);
  assert.ok(poseAt(hold, st(ready, 0.1), 0, false) < 0.1); // eased: slow at first
  near(poseAt(hold, st(at(hold, "hold"), 0.3), 0, false), 1);
  assert.equal(poseAt(hold, st(ready, 0.5), 1, false), null); // another item's picture
});

test("a movement of two parts goes to its turn on the first and back on the second", () => {
  const first = at(twoParts, "move", 0), second = at(twoParts, "move", 1);
  near(poseAt(twoParts, st(at(twoParts, "ready"), 0.7), 0, true), 0); // ready at its start
  near(poseAt(twoParts, st(first, 0), 0, true), 0);
  near(poseAt(twoParts, st(first, 0.5), 0, true), 0.5);
  near(poseAt(twoParts, st(first, 1), 0, true), 1);
  near(poseAt(twoParts, st(second, 0), 0, true), 1);
  near(poseAt(twoParts, st(second, 1), 0, true), 0);
  near(poseAt(twoParts, st(at(twoParts, "move", 2), 1), 0, true), 1); // the next rep
});

test("a movement of one part goes there and back within it", () => {
  const move = at(onePart, "move", 3);
  near(poseAt(onePart, st(move, 0), 0, true), 0);
  near(poseAt(onePart, st(move, 0.5), 0, true), 1);
  near(poseAt(onePart, st(move, 1), 0, true), 0);
});

test("no motion when the person asks for reduced motion", () => {
  assert.equal(mayMove({ matchMedia: () => ({ matches: true }) }), false);
  assert.equal(mayMove({ matchMedia: () => ({ matches: false }) }), true);
  assert.equal(mayMove({}), true);
});
