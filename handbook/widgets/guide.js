// The guided player in the browser: the one clock that runs. The kernel sends a timeline once
// (handbook/timing/payload.py: phases, the spans a progress log records, cues); this module
// walks it on the browser's own clock, draws it with requestAnimationFrame, sounds Web Audio
// tones, speaks cues, answers keys and holds a wake lock. The events it sends the kernel carry
// what was really lived: the spans (a hold, a side of a movement) finished or left, each with
// the seconds held, which handbook/timing/events.py checks and the progress recorder writes.
//
// Typed with JSDoc and checked by `tsc --checkJs` (tsconfig.json, run by `make lint`). Its
// walk is tested with node's test runner (tests/js/*.test.mjs) and held, scenario by scenario,
// to the Python oracle the tests keep (tests/timing/oracle.py, tests/timing/test_walker.py).

/** @typedef {"idle" | "running" | "paused" | "done"} Status */
/** @typedef {"ready" | "hold" | "move" | "switch" | "rest"} Kind */
/**
 * One phase of the timeline (payload.PlayerPhase).
 * @typedef {{ kind: Kind, start: number, end: number, label: string, shown?: string,
 *   stretch: string, name: string, item: number, side: "left" | "right" | null,
 *   side_name?: string | null, rep: number, reps: number, next: string | null }} Phase
 */
/**
 * What one progress record covers (payload.PlayerSpan): a hold, or a side of a movement.
 * @typedef {{ start: number, end: number, item: number, stretch: string,
 *   side: "left" | "right" | null }} Span
 */
/** @typedef {{ at: number, say: string, tone: string | null }} Cue */
/**
 * The whole timeline the kernel sends (payload.PlayerTimeline).
 * @typedef {{ id: number, total: number, bpm: number, back_grace: number, phases: Phase[],
 *   spans?: Span[], items?: { stretch: string, name: string }[], cues: Cue[],
 *   words?: Words, lang?: string }} Timeline
 */
/**
 * The player's words in the handbook's language (payload.words): it writes none of its own.
 * Templates name their values: "Stretch {n} of {count}".
 * @typedef {Record<string, string>} Words
 */
/**
 * What the player shows at one moment.
 * @typedef {{ status: Status, phase: Phase | null, index: number, elapsed: number,
 *   remaining: number, remainingTotal: number, phaseProgress: number, totalProgress: number,
 *   label: string }} State
 */
/**
 * A span of the timeline held: its index, the seconds held, and the run it was held in (a run
 * begins at Start after Reset, or when Back goes back), so each is recorded once a run.
 * @typedef {{ span: number, seconds: number, run: number }} Held
 */
/** @typedef {[number, number]} Run  a stretch of the timeline that really ran: [from, to] */
/** @typedef {"start" | "pause" | "skip" | "back" | "next" | "previous" | "reset"} Move */

/**
 * A word of the player's, its {placeholders} filled; "" for a word the timeline lacks.
 * @param {Words | undefined} words @param {string} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function word(words, key, values = {}) {
  const template = (words && words[key]) || "";
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

// The walker ----------------------------------------------------------------------------------
/**
 * @param {number[]} xs sorted numbers
 * @param {number} x
 * @returns {number} where x would go, after any equal to it
 */
function bisectRight(xs, x) {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < xs[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Walks a timeline against a monotonic clock: elapsed = (now - startedAt) + banked. */
export class Walker {
  /**
   * @param {Phase[]} phases that tile the timeline from 0
   * @param {() => number} clock seconds, monotonic (injected: tests need no real time)
   * @param {string} [done] the label at the end (the timeline's words.done)
   */
  constructor(phases, clock, done = "") {
    this.done = done;
    this.phases = phases;
    this.total = phases[phases.length - 1].end;
    this.starts = phases.map((p) => p.start);
    this.clock = clock;
    /** @type {Status} */
    this._status = "idle";
    this.banked = 0;
    this.startedAt = 0;
    this.runs = 0; // how many times the timeline was begun afresh (Reset, going back)
    /** @type {Run[]} */
    this._lived = []; // stretches of the timeline really run
    /** @type {number | null} */
    this._runFrom = null;
  }

  /** @param {number} until */
  _closeRun(until) {
    if (this._runFrom !== null && until > this._runFrom) this._lived.push([this._runFrom, until]);
    this._runFrom = null;
  }

  /** @returns {Run[]} the stretches of the timeline that really ran, skipped parts left out */
  lived() {
    this._settle();
    const now = this._elapsed();
    const from = this._runFrom;
    return from !== null && now > from ? [...this._lived, [from, now]] : [...this._lived];
  }

  _elapsed() {
    if (this._status === "running") {
      return Math.min(this.total, this.clock() - this.startedAt + this.banked);
    }
    return this.banked;
  }

  _settle() { // latch "done" once a running walk has reached the end
    if (this._status === "running" && this._elapsed() >= this.total) {
      this._closeRun(this.total);
      this._status = "done";
      this.banked = this.total;
    }
  }

  /** @param {number} elapsed */
  _moveTo(elapsed) {
    const running = this._status === "running";
    if (running) this._closeRun(this._elapsed());
    this.banked = elapsed;
    this.startedAt = this.clock();
    if (elapsed >= this.total) {
      this._status = "done";
      this.banked = this.total;
    } else if (running) {
      this._runFrom = elapsed;
    }
  }

  /** @returns {Status} */
  get status() { this._settle(); return this._status; }

  start() { // from idle, or on from a pause
    this._settle();
    if (this._status === "idle" || this._status === "paused") {
      this._status = "running";
      this.startedAt = this.clock();
      this._runFrom = this.banked;
    }
  }

  pause() {
    this._settle();
    if (this._status === "running") {
      this.banked = this._elapsed();
      this._closeRun(this.banked);
      this._status = "paused";
    }
  }

  reset() { // idle at the start, forgetting what ran
    this._status = "idle";
    this.banked = 0;
    this._lived = [];
    this._runFrom = null;
    this.runs += 1;
  }

  skip() { // to the start of the next phase (from the last, the end); running or not
    this._settle();
    if (this._status === "done") return;
    const index = bisectRight(this.starts, this._elapsed()) - 1;
    const target = index + 1 < this.phases.length ? this.phases[index + 1].start : this.total;
    if (this._status === "idle") this._status = "paused";
    this._moveTo(target);
  }

  /**
   * To the phase starting at target seconds, a running walk still running. Going back begins
   * a new run (as reset does); going forward skips, so what is jumped over is not held.
   * @param {number} target
   */
  seek(target) {
    const was = this.status;
    if (target < this.state().elapsed) this.reset();
    while (this.status !== "done" && this.state().elapsed < target) this.skip();
    if (was === "running") this.start();
  }

  /** @returns {State} what to show now */
  state() {
    this._settle();
    const elapsed = this._elapsed();
    if (this._status === "done") {
      return { status: "done", phase: null, index: this.phases.length, elapsed: this.total,
               remaining: 0, remainingTotal: 0, phaseProgress: 1, totalProgress: 1,
               label: this.done };
    }
    const index = bisectRight(this.starts, elapsed) - 1;
    const phase = this.phases[index];
    const into = elapsed - phase.start;
    return { status: this._status, phase, index, elapsed, remaining: phase.end - elapsed,
             remainingTotal: this.total - elapsed,
             phaseProgress: Math.min(1, into / (phase.end - phase.start)),
             totalProgress: elapsed / this.total, label: phase.label };
  }
}

// Where the moves go -----------------------------------------------------------------------
/**
 * @param {Phase[]} phases
 * @returns {number[]} the index of the first phase of each stretch (item), in order
 */
export function stretchStarts(phases) {
  /** @type {Map<number, number>} */
  const starts = new Map();
  for (const [i, p] of phases.entries()) if (!starts.has(p.item)) starts.set(p.item, i);
  return [...starts.keys()].sort((a, b) => a - b).map((item) => /** @type {number} */ (starts.get(item)));
}

/** @param {Phase[]} phases @param {State} state */
function currentItem(phases, state) {
  return state.phase !== null ? state.phase.item : phases[phases.length - 1].item;
}

/**
 * Where Next goes: the start of the next stretch, or the end after the last.
 * @param {Phase[]} phases @param {State} state @returns {number}
 */
export function nextTarget(phases, state) {
  const starts = stretchStarts(phases);
  const item = currentItem(phases, state);
  if (state.phase === null || item + 1 >= starts.length) return phases[phases.length - 1].end;
  return phases[starts[item + 1]].start;
}

/**
 * Where Back (by stretch) goes: this stretch's start, or the one before within grace s of it.
 * @param {Phase[]} phases @param {State} state @param {number} grace @returns {number}
 */
export function backTarget(phases, state, grace) {
  const starts = stretchStarts(phases);
  const item = currentItem(phases, state);
  const start = phases[starts[item]].start;
  if (state.elapsed - start < grace && item > 0) return phases[starts[item - 1]].start;
  return start;
}

// Parts: what a person lives as one step. Each phase is one, but a movement's side (all its
// reps, one move phase per count) is a single part, so Skip never moves by one count.
/** @param {Phase} a @param {Phase} b */
function sameRun(a, b) {
  return a.kind === "move" && b.kind === "move" && a.item === b.item && a.side === b.side;
}

/**
 * @param {Phase[]} phases @param {number} index
 * @returns {[number, number]} the first and last phase of the part the phase is in
 */
export function partOf(phases, index) {
  let first = index, last = index;
  while (first > 0 && sameRun(phases[first - 1], phases[first])) first -= 1;
  while (last + 1 < phases.length && sameRun(phases[last], phases[last + 1])) last += 1;
  return [first, last];
}

/**
 * Where a timer's Skip goes: the end of this part (a movement's side, not one count).
 * @param {Phase[]} phases @param {State} state @returns {number}
 */
export function skipTarget(phases, state) {
  if (state.phase === null) return phases[phases.length - 1].end;
  return phases[partOf(phases, state.index)[1]].end;
}

/**
 * Where a timer's Back goes: the start of this part, or of the one before within grace s.
 * @param {Phase[]} phases @param {State} state @param {number} grace @returns {number}
 */
export function partBackTarget(phases, state, grace) {
  const first = partOf(phases, Math.min(state.index, phases.length - 1))[0];
  const start = phases[first].start;
  if (state.phase !== null && state.elapsed - start < grace && first > 0) {
    return phases[partOf(phases, first - 1)[0]].start;
  }
  return start;
}

/**
 * One move of the player.
 * @param {Walker} walker @param {Move} kind @param {number} grace
 */
export function move(walker, kind, grace) {
  const phases = walker.phases;
  if (kind === "start") walker.start();
  else if (kind === "pause") walker.pause();
  else if (kind === "skip") walker.seek(skipTarget(phases, walker.state()));
  else if (kind === "back") walker.seek(partBackTarget(phases, walker.state(), grace));
  else if (kind === "next") walker.seek(nextTarget(phases, walker.state()));
  else if (kind === "previous") walker.seek(backTarget(phases, walker.state(), grace));
  else if (kind === "reset") walker.reset();
}

// What was held: the spans a walk finished or left, each reported once a run ------------------
const LEAVING = ["skip", "back", "next", "previous", "reset"]; // moves that leave their part

/** @param {Span} span @param {Run[]} lived @returns {number} seconds of the span lived */
function overlap(span, lived) {
  let held = 0;
  for (const [start, end] of lived) held += Math.max(0, Math.min(end, span.end) - Math.max(start, span.start));
  return held;
}

/** The spans (holds, a movement's sides) a walk finished or left, each once a run. */
export class Recording {
  /** @param {Walker} walker @param {Span[]} spans as the kernel sent them */
  constructor(walker, spans) {
    this.walker = walker;
    this.spans = spans;
    /** @type {Map<number, number>} phase index -> the span it is part of */
    this.spanOf = new Map();
    spans.forEach((span, n) => {
      walker.phases.forEach((phase, i) => {
        if (span.start <= phase.start && phase.start < span.end) this.spanOf.set(i, n);
      });
    });
    /** @type {Set<number>} */
    this.reported = new Set();
    this.runs = walker.runs;
  }

  /** @param {number} n @param {Run[]} lived @returns {Held} */
  _held(n, lived) {
    const span = this.spans[n];
    return { span: n, seconds: Math.min(overlap(span, lived), span.end - span.start),
             run: this.runs };
  }

  /** @param {boolean} [mark] @returns {Held[]} spans ended, not yet reported, held at all */
  finished(mark = true) {
    const st = this.walker.state(), lived = this.walker.lived();
    /** @type {Held[]} */
    const found = [];
    for (const [n, span] of this.spans.entries()) {
      if (span.end > st.elapsed && st.status !== "done") break;
      if (this.reported.has(n) || overlap(span, lived) <= 0) continue;
      if (mark) this.reported.add(n);
      found.push(this._held(n, lived));
    }
    return found;
  }

  /** @param {boolean} [mark] @returns {Held[]} the span being held now, if held at all */
  inProgress(mark = true) {
    const st = this.walker.state();
    const n = st.phase === null ? undefined : this.spanOf.get(st.index);
    if (n === undefined || this.reported.has(n)) return [];
    const lived = this.walker.lived();
    if (overlap(this.spans[n], lived) <= 0) return [];
    if (mark) this.reported.add(n);
    return [this._held(n, lived)];
  }

  /** @returns {Held[]} what closing the player now would record */
  holding() { return [...this.finished(false), ...this.inProgress(false)]; }

  /**
   * Make a move (or only look: "hold", "done", "open"); what it finished or left.
   * @param {string} kind @param {number} grace @returns {Held[]}
   */
  step(kind, grace) {
    const held = this.finished();
    if (LEAVING.includes(kind)) held.push(...this.inProgress());
    if (kind !== "hold" && kind !== "done" && kind !== "open") {
      move(this.walker, /** @type {Move} */ (kind), grace);
    }
    if (this.walker.runs !== this.runs) { // reset, or gone back: a new run
      this.runs = this.walker.runs;
      this.reported.clear();
    }
    return held;
  }
}

// What a run really held: the end screen's words ---------------------------------------------
const HELD_KINDS = ["hold", "move"];
const SLACK_S = 1.0; // within this of its plan a stretch is held in full; under it, skipped

/**
 * @typedef {{ held: number, planned: number, skipped: string[], short: string[] }} Summary
 */

/** @param {Phase[]} phases @param {Run[]} spans @returns {Summary} */
export function summary(phases, spans) {
  /** @type {Map<number, number>} */
  const held = new Map(), planned = new Map();
  /** @type {Map<number, string>} */
  const names = new Map();
  for (const p of phases) {
    if (!names.has(p.item)) names.set(p.item, p.name);
    if (!HELD_KINDS.includes(p.kind)) continue;
    planned.set(p.item, (planned.get(p.item) || 0) + (p.end - p.start));
    let lived = 0;
    for (const [start, end] of spans) lived += Math.max(0, Math.min(end, p.end) - Math.max(start, p.start));
    held.set(p.item, (held.get(p.item) || 0) + lived);
  }
  const items = [...planned.keys()].sort((a, b) => a - b);
  /** @param {Map<number, number>} m */
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  /** @param {number} i */
  const heldOf = (i) => held.get(i) || 0;
  /** @param {number} i */
  const name = (i) => names.get(i) || "";
  return { held: sum(held), planned: sum(planned),
           skipped: items.filter((i) => heldOf(i) < SLACK_S).map(name),
           short: items.filter((i) => heldOf(i) >= SLACK_S && heldOf(i) < (planned.get(i) || 0) - SLACK_S)
             .map(name) };
}

/** @param {number} seconds @returns {string} M:SS, rounded half up */
function roundMss(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * @param {string[]} names @param {Words | undefined} words
 * @returns {string} "a", "a and b", "a, b and c" (in the words' language)
 */
function listed(names, words) {
  if (names.length === 1) return names[0];
  return word(words, "and", { names: names.slice(0, -1).join(", "), last: names[names.length - 1] });
}

/**
 * @param {Summary} s @param {Words | undefined} words
 * @returns {[string, string]} what was held; what was skipped or cut short
 */
export function summaryWords(s, words) {
  const held = word(words, "held", { held: roundMss(s.held), planned: roundMss(s.planned) });
  const parts = [];
  if (s.skipped.length) parts.push(word(words, "skipped", { names: listed(s.skipped, words) }));
  if (s.short.length) parts.push(word(words, "cut_short", { names: listed(s.short, words) }));
  return [held, parts.join(" ") || word(words, "all_held")];
}

/** More than this share of the planned holds held: the class was mostly done. */
const MOSTLY = 0.5;

/**
 * The end screen's headline: praise only for a class that was mostly held, else plain words
 * (the numbers under it say what was held either way).
 * @param {Summary} s @param {Words | undefined} words @returns {string}
 */
export function endHeadline(s, words) {
  return word(words, s.planned > 0 && s.held > MOSTLY * s.planned ? "well_done" : "class_over");
}

/** @param {number} seconds @returns {string} a countdown as M:SS, rounded up */
export function mss(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * Breath: in for half a breath, out for the other half.
 * @param {number} intoHold seconds @param {number} bpm breaths a minute
 * @returns {{ inhaling: boolean, fraction: number }} in or out, and how far into that half (0..1)
 */
export function breathPhase(intoHold, bpm) {
  const half = 30 / bpm;
  const into = Math.max(0, intoHold) % (2 * half);
  const inhaling = into < half;
  return { inhaling, fraction: Math.min((inhaling ? into : into - half) / half, 1) };
}

/**
 * The pacer's circle eases between small (out) and full (in).
 * @param {number} intoHold @param {number} bpm @returns {{ inhaling: boolean, scale: number }}
 */
export function breath(intoHold, bpm) {
  const { inhaling, fraction } = breathPhase(intoHold, bpm);
  const eased = (1 - Math.cos(Math.PI * fraction)) / 2;
  return { inhaling, scale: 0.55 + 0.45 * (inhaling ? eased : 1 - eased) };
}

/**
 * What a screen reader hears when the phase changes: once a part, never every second.
 * @param {Phase | null} phase @param {string} name the stretch's name
 * @param {Words | undefined} words
 */
export function announcement(phase, name, words) {
  if (phase === null) return word(words, "done");
  if (phase.kind === "move") {
    return phase.side_name ? word(words, "announce_side", { name: phase.name, side: phase.side_name })
      : phase.name;
  }
  const label = phase.shown || phase.label;
  return phase.kind === "hold" || phase.kind === "ready" ? word(words, "announce", { label, name })
    : label;
}

// Sound: short tones synthesized with Web Audio, scheduled on the audio clock ----------------
/** @type {Record<string, [number, number][]>} [frequency (0: silence), seconds] */
const TONES = {
  ready: [[523.25, 0.12]],
  hold: [[659.25, 0.1], [880.0, 0.16]],
  switch: [[784.0, 0.1], [0, 0.06], [784.0, 0.1]],
  rest: [[440.0, 0.22]],
  done: [[523.25, 0.14], [659.25, 0.14], [783.99, 0.3]],
  count: [[1046.5, 0.06]], // 3, 2, 1 before each change: short and high
};
/** @type {[number, number][]} */
const OTHER_TONE = [[587.33, 0.14]]; // a phase kind without a tone of its own
const LOOKAHEAD_S = 0.3; // cues this close are scheduled ahead, on the audio clock
const STALE_S = 1.0; // a cue found later than this (a hidden page) is dropped, not said late

const VOICE_KEY = "handbook-voice";
const LARGE_KEY = "handbook-large";

/**
 * A choice kept in this browser: on unless it was turned off (or, by default off, turned on).
 * @param {string} key @param {boolean} byDefault @returns {boolean}
 */
function remembered(key, byDefault) {
  try {
    const kept = localStorage.getItem(key);
    return kept === null ? byDefault : kept === "on";
  } catch { return byDefault; }
}

/** @param {string} key @param {string} value */
function remember(key, value) {
  try { localStorage.setItem(key, value); } catch { /* private mode */ }
}

function typing() {
  const a = document.activeElement;
  return !!a && (/** @type {HTMLElement} */ (a).isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName));
}

function stillPlease() { // the person asked the system for less motion
  try { return matchMedia("(prefers-reduced-motion: reduce)").matches; } catch { return false; }
}

/**
 * The part of an anywidget model the player uses.
 * @typedef {{ get(name: string): any, set(name: string, value: unknown): void,
 *   save_changes(): void, send(content: object): void,
 *   on(event: string, callback: (...args: any[]) => void): void,
 *   widget_manager?: { kernel?: any } }} Model
 */
/** @typedef {{ item: number, side: number }} Where  the stretch and side (0 left, 1 right) shown */

// The controller: one per widget model, shared by its views ----------------------------------
class Player {
  /** @param {Model} model */
  constructor(model) {
    this.model = model;
    this.session = Math.random().toString(36).slice(2) + Date.now().toString(36);
    /** @type {Set<View>} */
    this.views = new Set();
    /** @type {Set<(where: Where) => void>} pictures following the player (picture.js) */
    this.followers = new Set();
    /** @type {number | null} */
    this.frozen = null;
    this.gone = false;
    this.voice = remembered(VOICE_KEY, true);
    /** @type {AudioContext | null} */
    this.audio = null;
    /** @type {OscillatorNode[]} scheduled tones */
    this.sounds = [];
    /** @type {ReturnType<typeof setTimeout>[]} scheduled speech */
    this.timers = [];
    /** @type {WakeLockSentinel | null} */
    this.wake = null;
    this.frame = 0;
    this.framed = 0;
    /** @type {ReturnType<typeof setInterval> | 0} */
    this.interval = 0;
    /** @type {Timeline | null} */
    this.tl = null;
    /** @type {Walker | null} */
    this.walker = null;
    /** @type {Recording | null} */
    this.recording = null;
    this.seen = 0;
    this.cursor = 0;
    /** @type {Where | null} */
    this.where = null;
    /** @type {Run[]} spans lived in earlier runs of this class (Back begins a run anew) */
    this.past = [];
    this.load();
    this.send("open", []);
  }

  now() { return this.frozen ?? performance.now() / 1000; }

  /** @returns {Words} the words of the timeline now loaded (its language) */
  words() { return (this.tl && this.tl.words) || {}; }

  load() {
    this.quiet();
    this.tl = this.model.get("timeline");
    const phases = this.tl && this.tl.phases;
    this.walker = phases && phases.length
      ? new Walker(phases, () => this.now(), word(this.words(), "done")) : null;
    this.recording = this.walker && this.tl ? new Recording(this.walker, this.tl.spans || []) : null;
    this.seen = 0;
    this.cursor = 0;
    this.where = null;
    this.past = [];
    this.releaseWake();
    this.redraw();
  }

  /**
   * Tell the kernel what happened, with what was really held.
   * @param {string} type @param {Held[]} held finished or left with this event
   */
  send(type, held) {
    if (this.gone || !this.tl) return;
    const w = this.walker, rec = this.recording;
    try {
      this.model.send({ type, t: this.now(), session: this.session, timeline: this.tl.id,
                        status: w ? w.status : "idle", held,
                        holding: rec ? rec.holding() : [] });
    } catch { /* the comm has gone: lost() says so */ }
  }

  /** @returns {State | null} */
  state() { return this.walker ? this.walker.state() : null; }

  /** @returns {Run[]} everything this class really held, Back and all (for the end screen) */
  lived() { return this.walker ? [...this.past, ...this.walker.lived()] : []; }

  /** @param {Move | "toggle"} kind */
  act(kind) {
    const w = this.walker, rec = this.recording, tl = this.tl;
    if (!w || !rec || !tl) return;
    this.frozen = performance.now() / 1000;
    try {
      if (kind === "toggle") kind = w.status === "running" ? "pause" : "start";
      if (kind === "start" && w.status === "done") { // once more from the top, as after Reset
        this.send("reset", rec.step("reset", tl.back_grace));
        this.past = [];
      }
      if (kind === "start") this.unlockAudio();
      const runs = w.runs, lived = w.lived();
      const held = rec.step(kind, tl.back_grace);
      if (kind === "reset") this.past = [];
      else if (w.runs !== runs) this.past.push(...lived); // Back went back: keep what was held
      if (kind === "start") for (const view of this.views) view.began();
      this.send(kind, held);
      const st = w.state();
      this.seen = st.index;
      this.rearm(st);
    } finally {
      this.frozen = null;
    }
    this.redraw();
  }

  /**
   * Cues: after any move the next is the first at or after the new place, so landing on a
   * phase's start says that phase, and a resumed hold goes on to its next cue.
   * @param {State} st
   */
  rearm(st) {
    this.quiet();
    const cues = this.tl ? this.tl.cues : [];
    let n = 0;
    while (n < cues.length && cues[n].at < st.elapsed) n += 1;
    this.cursor = n;
    if (st.status === "running") {
      this.cues(st); // now, in the click: a busy page's first frame may come a second later
      this.lockWake();
      this.loop();
    } else {
      this.releaseWake();
      if (st.status === "done") this.cues(st); // skipped to the end: "done"
    }
  }

  /** @param {State} st */
  cues(st) {
    const cues = this.tl ? this.tl.cues : [];
    while (this.cursor < cues.length && cues[this.cursor].at <= st.elapsed + LOOKAHEAD_S) {
      const cue = cues[this.cursor];
      this.cursor += 1;
      if (cue.at >= st.elapsed - STALE_S) this.cue(cue, Math.max(0, cue.at - st.elapsed));
    }
  }

  quiet() {
    for (const osc of this.sounds) { try { osc.stop(); } catch { /* not started yet */ } }
    this.sounds = [];
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    try { window.speechSynthesis && window.speechSynthesis.cancel(); } catch { /* none */ }
  }

  tick() {
    const w = this.walker, rec = this.recording;
    if (!w || !rec) return;
    const st = w.state();
    if (st.status === "running" || st.status === "done") {
      if (st.index !== this.seen) {
        this.seen = st.index;
        const held = rec.step(st.status === "done" ? "done" : "hold", 0);
        if (st.status === "done") { this.send("done", held); this.releaseWake(); }
        else if (held.length) this.send("hold", held);
      }
      this.cues(st);
    }
    this.redraw(st); // the clock on screen moves on whatever a sound or a voice did
  }

  loop() {
    if (this.frame) return;
    const step = () => {
      this.frame = 0;
      this.framed = performance.now();
      try { this.tick(); } finally {
        if (this.walker && this.walker.status === "running") {
          this.frame = requestAnimationFrame(step);
        }
      }
    };
    this.framed = performance.now();
    this.frame = requestAnimationFrame(step);
    // A hidden page, or a browser too busy to paint, gets no animation frames: a slower
    // timer then keeps the clock, the cues and the events going.
    if (!this.interval) {
      this.interval = setInterval(() => {
        if (document.hidden || performance.now() - this.framed > 500) this.tick();
        if (!this.walker || this.walker.status !== "running") {
          clearInterval(this.interval);
          this.interval = 0;
        }
      }, 250);
    }
  }

  /** @param {Cue} cue @param {number} delay seconds from now */
  cue(cue, delay) {
    if (cue.say && this.voice) {
      const words = cue.say;
      this.timers.push(setTimeout(() => this.speak(words), delay * 1000));
    }
    if (cue.tone && !this.model.get("muted")) {
      try { this.tone(cue.tone, delay); } catch (err) { console.error("handbook: no tone", err); }
    }
  }

  unlockAudio() { // from the Start click: browsers start an AudioContext only after a gesture
    try {
      if (!this.audio) {
        const Context = window.AudioContext ||
          /** @type {typeof AudioContext | undefined} */ (/** @type {any} */ (window).webkitAudioContext);
        if (Context) this.audio = new Context();
      }
      if (this.audio && this.audio.state === "suspended") this.audio.resume();
    } catch { this.audio = null; }
  }

  /** @param {string} kind @param {number} delay */
  tone(kind, delay) {
    const ctx = this.audio;
    if (!ctx) return;
    let at = ctx.currentTime + delay;
    for (const [freq, length] of TONES[kind] || OTHER_TONE) {
      if (freq) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.3, at + 0.01);
        gain.gain.setValueAtTime(0.3, at + length - 0.01);
        gain.gain.linearRampToValueAtTime(0, at + length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + length);
        this.sounds.push(osc);
      }
      at += length;
    }
    if (this.sounds.length > 64) this.sounds.splice(0, this.sounds.length - 64);
  }

  /** @param {string} words */
  speak(words) {
    const synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === "undefined") return;
    try {
      const say = new SpeechSynthesisUtterance(words);
      say.lang = (this.tl && this.tl.lang) || document.documentElement.lang;
      synth.speak(say);
    } catch { /* a browser without voices stays silent */ }
  }

  async lockWake() {
    if (this.wake || !navigator.wakeLock || document.hidden) return;
    try {
      const wake = await navigator.wakeLock.request("screen");
      this.wake = wake;
      wake.addEventListener("release", () => { this.wake = null; });
      if (!this.walker || this.walker.status !== "running") this.releaseWake();
    } catch { this.wake = null; }
  }

  releaseWake() {
    if (this.wake) { this.wake.release().catch(() => {}); this.wake = null; }
  }

  /** @param {boolean} on */
  setVoice(on) {
    this.voice = on;
    remember(VOICE_KEY, on ? "on" : "off");
    if (!on) this.quiet();
    const st = this.state();
    if (st && st.status === "running") this.rearm(st);
    this.redraw();
  }

  lost() {
    if (this.gone) return;
    this.gone = true;
    this.redraw();
  }

  /** @param {State | null} [st] */
  redraw(st) {
    st = st || this.state();
    for (const view of this.views) view.draw(st);
    const phase = st && st.phase;
    const item = phase ? phase.item : (this.tl && this.tl.items ? this.tl.items.length - 1 : 0);
    const where = { item, side: phase && phase.side === "right" ? 1 : 0 };
    if (!this.where || this.where.item !== where.item || this.where.side !== where.side) {
      this.where = where;
      for (const follow of this.followers) follow(where);
    }
  }

  dispose() {
    this.quiet();
    this.releaseWake();
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.interval) clearInterval(this.interval);
    this.walker = null;
    this.recording = null;
  }
}

/**
 * Pictures (picture.js) find their player here, by the key the kernel gave both: `players`
 * by key, and `waiting`, the pictures drawn before their player, called when it comes.
 * @returns {{ players: Map<string, Player>, waiting: Map<string, ((player: Player) => void)[]> }}
 */
function registry() {
  const global = /** @type {any} */ (globalThis);
  global.__handbookPlayers ??= { players: new Map(), waiting: new Map() };
  return global.__handbookPlayers;
}

// A view: the same player drawn in a timer or on a class's stage ----------------------------
/**
 * @param {string} tag @param {string} [cls] @param {string} [text]
 * @returns {HTMLElement}
 */
function element(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

class View {
  /** @param {Player} player @param {Model} model @param {HTMLElement} el */
  constructor(player, model, el) {
    this.player = player;
    this.model = model;
    this.el = el;
    this.cls = model.get("mode") === "class";
    /** @type {Record<string, string>} what is on the page now */
    this.shown = {};
    /** @type {Words | null} the words the labels were last set in */
    this.said = null;
    el.replaceChildren();
    el.classList.add("hb-guide", this.cls ? "hb-guide-class" : "hb-guide-timer");
    el.classList.toggle("hb-large", remembered(LARGE_KEY, false));
    el.dataset.key = this.model.get("key"); // one player, however often its view is drawn
    el.tabIndex = 0;
    el.setAttribute("data-lm-suppress-shortcuts", "true"); // JupyterLab leaves our keys alone
    el.setAttribute("role", "group");

    /** @param {string} cls @param {string} [text] */
    const p = (cls, text) => element("div", cls, text);
    this.title = p("hb-title");
    this.progress = p(this.cls ? "hb-class-progress" : "hb-progress");
    this.name = p("hb-class-name");
    this.phase = p("hb-phase");
    this.remaining = p("hb-remaining");
    this.remaining.setAttribute("role", "timer"); // a timer is not read out every second
    this.cue = p("hb-class-cue");
    this.next = p("hb-next");
    this.pacer = p("hb-pacer");
    this.circle = p("hb-breath");
    this.circle.setAttribute("aria-hidden", "true");
    this.word = element("span", "hb-breath-word");
    this.pacer.append(this.circle, this.word);
    this.bars = p("hb-bars");
    this.phaseBar = /** @type {HTMLProgressElement} */ (element("progress", "hb-phase-progress"));
    this.totalBar = /** @type {HTMLProgressElement} */ (element("progress", "hb-total-progress"));
    this.phaseBar.max = this.totalBar.max = 1;
    this.bars.append(this.phaseBar, this.totalBar);
    this.total = p(this.cls ? "hb-class-total" : "hb-total");
    this.controls = p("hb-controls");
    /** @param {string} key its word @param {() => void} kind @param {string} [cls] */
    const button = (key, kind, cls) => {
      const b = /** @type {HTMLButtonElement} */ (element("button", `hb-button ${cls || ""}`.trim(),
                                                          word(player.words(), key)));
      b.type = "button";
      b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the keys' focus
      b.addEventListener("click", () => {
        this.el.focus({ preventScroll: true });
        kind();
      });
      this.controls.append(b);
      return b;
    };
    /** @param {Move} kind */
    const act = (kind) => () => this.player.act(kind);
    this.start = button("start", act("start"), "hb-start");
    this.pause = button("pause", act("pause"), "hb-pause");
    /** @type {HTMLButtonElement | null} */
    this.back = null;
    /** @type {HTMLButtonElement | null} */
    this.present = null;
    if (this.cls) {
      this.back = button("back", act("previous"), "hb-back");
      this.skip = button("next", act("next"), "hb-skip");
    } else {
      this.reset = button("reset", act("reset"), "hb-reset");
      this.skip = button("skip", act("skip"), "hb-skip");
    }
    if (this.cls) {
      this.present = button("present", () => this.toggleFullscreen(), "hb-present");
      this.onFullscreen = () => this.draw(this.player.state());
      document.addEventListener("fullscreenchange", this.onFullscreen);
    }
    this.mute = button("mute", () => {
      this.model.set("muted", !this.model.get("muted"));
      this.model.save_changes();
      this.draw(this.player.state());
    }, "hb-mute");
    this.voice = button("voice", () => this.player.setVoice(!this.player.voice), "hb-voice");
    this.large = button("large", () => {
      const on = !this.el.classList.contains("hb-large");
      remember(LARGE_KEY, on ? "on" : "off");
      for (const view of this.player.views) view.el.classList.toggle("hb-large", on);
      this.draw(this.player.state());
    }, "hb-large-toggle");
    this.status = p("hb-status");
    this.status.setAttribute("role", "status");
    // Said to a screen reader as each part begins (politely: after what it is reading).
    this.live = p("hb-live");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("aria-atomic", "true");
    const parts = this.cls
      ? [this.progress, this.name, this.phase, this.remaining, this.cue, this.next, this.pacer,
         this.total, this.controls, this.status, this.live]
      : [this.title, this.progress, this.phase, this.remaining, this.next, this.pacer, this.bars,
         this.total, this.controls, this.status, this.live];
    el.append(...parts);
    /** @param {KeyboardEvent} e */
    this.onKey = (e) => this.key(e);
    el.addEventListener("keydown", this.onKey);
    if (this.cls) { // a presenter's clicker: keys anywhere on the page, unless typing
      this.visible = true;
      if (typeof IntersectionObserver !== "undefined") {
        this.seenBy = new IntersectionObserver((seen) => {
          this.visible = seen[seen.length - 1].isIntersecting;
        });
        this.seenBy.observe(el);
      }
      /** @param {KeyboardEvent} e */
      this.onPageKey = (e) => {
        if (!this.el.isConnected || !this.visible || this.el.contains(/** @type {Node} */ (e.target)) || typing()) {
          return;
        }
        this.key(e);
      };
      window.addEventListener("keydown", this.onPageKey, true);
    }
  }

  root() { return /** @type {HTMLElement} */ (this.el.closest(".hb-class") || this.el); }

  toggleFullscreen() { // the whole class on the screen; Escape (the browser's own) leaves
    const root = this.root();
    try {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
    } catch { /* a browser without the Fullscreen API: the page as it is */ }
  }

  began() { // Start: the stage to the top of the screen, the setup folded away (see draw)
    if (this.cls && !document.fullscreenElement) { // after the panel has folded
      requestAnimationFrame(() => this.root().scrollIntoView({ block: "start", behavior: "instant" }));
    }
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (e.target instanceof HTMLButtonElement && (e.key === " " || e.key === "Enter")) return;
    const forward = this.cls ? "next" : "skip";
    const backward = this.cls ? "previous" : "back";
    /** @type {Record<string, Move | "toggle">} */
    const keys = { " ": "toggle", Spacebar: "toggle", ArrowRight: forward, PageDown: forward,
                   ArrowLeft: backward, PageUp: backward, r: "reset", R: "reset" };
    const kind = keys[e.key];
    if (!kind) return;
    e.preventDefault();
    e.stopPropagation();
    this.player.act(kind);
  }

  /** @param {HTMLElement} el @param {string} key @param {string} text */
  set(el, key, text) { // touch the page only when something changed
    if (this.shown[key] !== text) { this.shown[key] = text; el.textContent = text; }
  }

  /**
   * The labels that are not shown as text (aria-label, title), in the timeline's language:
   * set when its words change (a timeline in another language brings other words).
   * @param {Words} words
   */
  words(words) {
    if (this.said === words) return;
    this.said = words;
    this.el.setAttribute("aria-label", word(words, "label"));
    this.phaseBar.setAttribute("aria-label", word(words, "phase_bar"));
    this.totalBar.setAttribute("aria-label", word(words, "total_bar"));
    this.mute.title = word(words, "mute_title");
    this.large.title = word(words, "large_title");
    /** @type {[HTMLButtonElement | null | undefined, string][]} */
    const buttons = [[this.start, "start"], [this.pause, "pause"], [this.back, "back"],
                     [this.reset, "reset"], [this.skip, this.cls ? "next" : "skip"]];
    for (const [button, key] of buttons) if (button) button.textContent = word(words, key);
    this.set(this.large, "large", word(words, "large"));
  }

  /** @param {State | null} st */
  draw(st) {
    const tl = this.player.tl;
    if (!st || !tl) return;
    const phase = st.phase;
    const items = tl.items || [];
    const item = phase ? phase.item : items.length - 1;
    const kind = phase ? phase.kind : "done";
    const label = phase ? phase.shown || st.label : st.label;
    const words = this.player.words();
    this.words(words);
    this.set(this.title, "title", this.model.get("title"));
    this.set(this.phase, "phase", label);
    if (this.shown.kind !== kind) {
      this.phase.classList.remove(`hb-kind-${this.shown.kind}`);
      this.phase.classList.add(`hb-kind-${kind}`);
      this.shown.kind = kind;
    }
    this.set(this.remaining, "remaining", mss(st.remaining));
    const name = items[item] ? items[item].name : "";
    // A screen reader hears each part as it begins, not the seconds (not before Start).
    this.set(this.live, "live", st.status === "idle" ? "" : announcement(phase, name, words));
    if (this.cls) {
      this.set(this.progress, "progress", word(words, "stretch_of", { n: item + 1, count: items.length }));
      const ended = phase ? null : summary(tl.phases, this.player.lived());
      this.set(this.name, "name", ended ? endHeadline(ended, words) : name);
      const notes = this.model.get("notes") || [];
      if (phase) this.set(this.cue, "cue", notes[item] || "");
      const nextUp = !phase ? "" : item + 1 < items.length
        ? word(words, "next_up", { name: items[item + 1].name }) : word(words, "next_end");
      this.set(this.next, "next", nextUp);
      if (phase) {
        this.set(this.total, "total", word(words, "left_in_class", { time: mss(st.remainingTotal) }));
      } else if (ended) { // the end: what was really held, and what was not
        const [held, missed] = summaryWords(ended, words);
        this.set(this.total, "total", held);
        this.set(this.cue, "cue", missed);
      }
      const inClass = st.status === "running" || st.status === "paused";
      this.root().classList.toggle("hb-in-class", inClass);
      const full = !!document.fullscreenElement;
      if (this.present) this.set(this.present, "present", word(words, full ? "leave_full_screen" : "present"));
    } else {
      this.set(this.progress, "progress",
               items.length > 1 ? word(words, "stretch_of_name", { n: item + 1, count: items.length, name })
                 : "");
      this.set(this.next, "next", phase && phase.next ? word(words, "next_up", { name: phase.next }) : "");
      this.set(this.total, "total", word(words, "in_all", { time: mss(tl.total) }));
      this.phaseBar.value = st.phaseProgress;
      this.totalBar.value = st.totalProgress;
    }
    let scale = 0.6, breathWord = "breathe_freely";
    if (phase && phase.kind === "hold" && st.status !== "idle") {
      const now = breath(st.elapsed - phase.start, tl.bpm);
      scale = now.scale;
      breathWord = now.inhaling ? "breathe_in" : "breathe_out";
      if (stillPlease()) scale = 0.8; // the words pace the breath; the circle holds still
    }
    this.circle.style.transform = `scale(${scale.toFixed(4)})`;
    this.set(this.word, "word", word(words, breathWord));
    const running = st.status === "running";
    this.start.disabled = running; // a finished timer starts again from the top
    this.pause.disabled = !running;
    this.skip.disabled = st.status === "done";
    if (this.back) this.back.disabled = st.status === "idle";
    const muted = !!this.model.get("muted");
    this.mute.setAttribute("aria-pressed", String(muted));
    this.set(this.mute, "mute", word(words, muted ? "muted" : "mute"));
    this.voice.setAttribute("aria-pressed", String(this.player.voice));
    this.set(this.voice, "voice", word(words, this.player.voice ? "voice_on" : "voice_off"));
    this.large.setAttribute("aria-pressed", String(this.el.classList.contains("hb-large")));
    const status = this.player.gone ? word(words, "gone") : this.model.get("status");
    this.set(this.status, "status", status);
    this.status.classList.toggle("hb-warning", !!status);
    this.el.classList.toggle("hb-running", running);
  }

  dispose() {
    if (this.onKey) this.el.removeEventListener("keydown", this.onKey);
    if (this.onPageKey) window.removeEventListener("keydown", this.onPageKey, true);
    if (this.onFullscreen) document.removeEventListener("fullscreenchange", this.onFullscreen);
    if (this.seenBy) this.seenBy.disconnect();
  }
}

/** @param {Model} model */
function playerOf(model) { return registry().players.get(model.get("key")); }

// Voila shuts a page's kernel down when the page goes, with a POST that must carry the value
// of the page's _xsrf cookie. A Voila page never sets that cookie, so the POST was refused
// (403) and the kernel stayed until the idle cull. A cookie the page sets itself passes the
// same check (a double submit: another site can neither read nor set it); one the server
// set (JupyterLab's) is kept.
// A page served sandboxed (Jupyter's files/ view of the class page) may not touch cookies.
function ensureXsrfCookie() {
  try {
    if (typeof document === "undefined" || /(?:^|;\s*)_xsrf=/.test(document.cookie)) return;
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    document.cookie = `_xsrf=${token}; path=/; SameSite=Strict`;
  } catch { /* no cookies here, and no kernel to shut down either */ }
}

export default {
  /** @param {{ model: Model }} props */
  initialize({ model }) {
    ensureXsrfCookie();
    const reg = registry();
    const key = model.get("key");
    const player = new Player(model);
    reg.players.set(key, player);
    for (const wake of reg.waiting.get(key) || []) wake(player);
    reg.waiting.delete(key);
    const load = () => player.load();
    const redraw = () => player.redraw();
    const lost = () => player.lost();
    model.on("change:timeline", load);
    model.on("change:status", redraw);
    model.on("change:muted", redraw);
    model.on("change:notes", redraw);
    model.on("change:title", redraw);
    // JupyterLab and Voila mark a view disconnected when its kernel restarts or goes away.
    model.on("comm_live_update", () => setTimeout(() => {
      const views = [...player.views];
      if (!views.length || views.some((v) => v.el.closest(".jupyter-widgets-disconnected"))) {
        lost();
      }
    }, 0));
    const kernel = model.widget_manager && model.widget_manager.kernel;
    /** @param {unknown} _ @param {string} status */
    const onStatus = (_, status) => {
      if (["dead", "restarting", "autorestarting"].includes(status)) lost();
    };
    /** @param {unknown} _ @param {string} status */
    const onConnection = (_, status) => { if (status === "disconnected") lost(); };
    try {
      kernel?.statusChanged?.connect(onStatus);
      kernel?.connectionStatusChanged?.connect(onConnection);
    } catch { /* another front end: comm_live_update is enough */ }
    const onVisible = () => {
      if (!document.hidden && player.walker && player.walker.status === "running") {
        player.lockWake();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      try {
        kernel?.statusChanged?.disconnect(onStatus);
        kernel?.connectionStatusChanged?.disconnect(onConnection);
      } catch { /* gone already */ }
      document.removeEventListener("visibilitychange", onVisible);
      player.dispose();
      if (reg.players.get(key) === player) reg.players.delete(key);
    };
  },

  /** @param {{ model: Model, el: HTMLElement }} props */
  render({ model, el }) {
    const player = playerOf(model);
    if (!player) return undefined;
    const view = new View(player, model, el);
    player.views.add(view);
    view.draw(player.state());
    return () => { player.views.delete(view); view.dispose(); };
  },
};
