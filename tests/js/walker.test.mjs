// The walker, the breath pacer and the words on the player's screen, without a browser.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Walker, announcement, breath, breathPhase, endHeadline, mss, partOf, summaryWords, word }
  from "../../handbook/widgets/guide.js";

/** @param {string} name */
const fixture = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

const close = (/** @type {number} */ a, /** @type {number} */ b) => Math.abs(a - b) < 1e-9;

test("the breath splits in two: in, then out, each a fraction of its half", () => {
  const table = [[0, 6, true, 0], [2.5, 6, true, 0.5], [5, 6, false, 0],
                 [7.5, 6, false, 0.5], [10, 6, true, 0], [32, 6, true, 0.4],
                 [3.75, 12, false, 0.5]];
  for (const [elapsed, bpm, inhaling, fraction] of table) {
    const got = breathPhase(Number(elapsed), Number(bpm));
    assert.equal(got.inhaling, inhaling, `${elapsed} s at ${bpm}`);
    assert.ok(close(got.fraction, Number(fraction)), `${elapsed} s at ${bpm}: ${got.fraction}`);
  }
});

test("the breath's fraction stays within a half breath, the circle within its sizes", () => {
  for (let n = 0; n < 2000; n += 1) {
    const elapsed = (n * 1.7371) % 3600, bpm = 6 + (n % 61) / 10;
    const { inhaling, fraction } = breathPhase(elapsed, bpm);
    assert.equal(typeof inhaling, "boolean");
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
  const said = tl.phases.map((/** @type {any} */ p) => announcement(p, p.name, tl.words));
  assert.equal(new Set(said.slice(1, 7)).size, 1); // six counts, one announcement
  assert.equal(said[0], "Get ready: Cat-cow");
  assert.equal(said[8], "Hold (1 of 3): Neck turn");
  assert.equal(announcement(null, "", tl.words), "Done");
});

test("the end screen says what was held and what was not", () => {
  const words = fixture("quad-neck.json").words;
  assert.deepEqual(summaryWords({ held: 110, planned: 110, skipped: [], short: [] }, words),
                   ["1:50 of stretching held, of 1:50 planned", "Every stretch held in full."]);
  assert.equal(summaryWords({ held: 3, planned: 110, skipped: ["A", "B"], short: ["C"] }, words)[1],
               "Skipped: A and B. Cut short: C.");
});

test("the end screen praises only a class that was mostly held", () => {
  const words = fixture("quad-neck.json").words;
  const end = (/** @type {number} */ held) =>
    endHeadline({ held, planned: 100, skipped: [], short: [] }, words);
  assert.equal(end(100), "Well done!");
  assert.equal(end(51), "Well done!");
  assert.equal(end(50), "The class is over");
  assert.equal(end(3), "The class is over"); // every stretch cut short: no praise
  assert.equal(endHeadline({ held: 0, planned: 0, skipped: [], short: [] }, words), "The class is over");
});

test("the player's words come from the timeline, in its language, with their values filled", () => {
  /** @type {Record<string, string>} */
  const words = { well_done: "¡Muy bien!", class_over: "La clase ha terminado",
                  and: "{names} y {last}", skipped: "Saltados: {names}.", cut_short: "Acortados: {names}.",
                  held: "{held} de estiramiento mantenido, de {planned} previstos",
                  all_held: "Todos mantenidos.", done: "Hecho", stretch_of: "Estiramiento {n} de {count}" };
  assert.equal(endHeadline({ held: 90, planned: 100, skipped: [], short: [] }, words), "¡Muy bien!");
  assert.equal(endHeadline({ held: 9, planned: 100, skipped: [], short: [] }, words), "La clase ha terminado");
  assert.deepEqual(summaryWords({ held: 3, planned: 110, skipped: ["A", "B"], short: ["C"] }, words),
                   ["0:03 de estiramiento mantenido, de 1:50 previstos", "Saltados: A y B. Acortados: C."]);
  assert.equal(word(words, "stretch_of", { n: 2, count: 5 }), "Estiramiento 2 de 5");
  assert.equal(word(words, "missing"), ""); // a word the timeline lacks: nothing, never English
  let now = 0;
  const walker = new Walker(fixture("quad-neck.json").phases, () => now, words.done);
  walker.start();
  now = 1000;
  assert.equal(walker.state().label, "Hecho");
  const tl = fixture("quad-neck.json");
  assert.equal(tl.lang, "en"); // the voice's language travels with the words
  for (const key of ["start", "pause", "next", "back", "well_done", "class_over", "breathe_in"]) {
    assert.ok(tl.words[key], `the engine sends the word ${key}`);
  }
});
