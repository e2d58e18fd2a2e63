// The guided player in the browser. The kernel sends a timeline once (handbook/timing/payload.py);
// this module walks it on the browser's own clock, draws it with requestAnimationFrame, sounds
// Web Audio tones, speaks cues, answers keys, holds a wake lock, and tells the kernel what
// happened (events, each with the time by this clock) so it can record each hold.
//
// The Walker mirrors handbook.timer.Timer line by line, and the targets mirror next_target,
// back_target and phase_back_target: tests/test_walker.py runs one set of scenarios through
// both and compares them boundary by boundary. Change one, change the other.

// The walker ----------------------------------------------------------------------------------
function bisectRight(xs, x) {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < xs[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

export class Walker {
  constructor(phases, clock) {
    this.phases = phases;
    this.total = phases[phases.length - 1].end;
    this.starts = phases.map((p) => p.start);
    this.clock = clock;
    this._status = "idle";
    this.banked = 0;
    this.startedAt = 0;
    this.runs = 0;
    this._lived = []; // spans of the timeline really run, as Timer._lived
    this._runFrom = null;
  }
  _closeRun(until) {
    if (this._runFrom !== null && until > this._runFrom) this._lived.push([this._runFrom, until]);
    this._runFrom = null;
  }
  lived() {
    this._settle();
    const now = this._elapsed();
    const running = this._runFrom !== null && now > this._runFrom;
    return [...this._lived, ...(running ? [[this._runFrom, now]] : [])];
  }
  _elapsed() {
    if (this._status === "running") {
      return Math.min(this.total, this.clock() - this.startedAt + this.banked);
    }
    return this.banked;
  }
  _settle() {
    if (this._status === "running" && this._elapsed() >= this.total) {
      this._closeRun(this.total);
      this._status = "done";
      this.banked = this.total;
    }
  }
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
  get status() { this._settle(); return this._status; }
  start() {
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
  reset() {
    this._status = "idle";
    this.banked = 0;
    this._lived = [];
    this._runFrom = null;
    this.runs += 1;
  }
  skip() {
    this._settle();
    if (this._status === "done") return;
    const index = bisectRight(this.starts, this._elapsed()) - 1;
    const target = index + 1 < this.phases.length ? this.phases[index + 1].start : this.total;
    if (this._status === "idle") this._status = "paused";
    this._moveTo(target);
  }
  seek(target) {
    const was = this.status;
    if (target < this.state().elapsed) this.reset();
    while (this.status !== "done" && this.state().elapsed < target) this.skip();
    if (was === "running") this.start();
  }
  state() {
    this._settle();
    const elapsed = this._elapsed();
    if (this._status === "done") {
      return { status: "done", phase: null, index: this.phases.length, elapsed: this.total,
               remaining: 0, remainingTotal: 0, phaseProgress: 1, totalProgress: 1,
               label: "Done" };
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

export function stretchStarts(phases) {
  const starts = new Map();
  for (const [i, p] of phases.entries()) if (!starts.has(p.item)) starts.set(p.item, i);
  return [...starts.keys()].sort((a, b) => a - b).map((item) => starts.get(item));
}

function currentItem(phases, state) {
  return state.phase !== null ? state.phase.item : phases[phases.length - 1].item;
}

export function nextTarget(phases, state) {
  const starts = stretchStarts(phases);
  const item = currentItem(phases, state);
  if (state.phase === null || item + 1 >= starts.length) return phases[phases.length - 1].end;
  return phases[starts[item + 1]].start;
}

export function backTarget(phases, state, grace) {
  const starts = stretchStarts(phases);
  const item = currentItem(phases, state);
  const start = phases[starts[item]].start;
  if (state.elapsed - start < grace && item > 0) return phases[starts[item - 1]].start;
  return start;
}

export function phaseBackTarget(phases, state, grace) {
  const index = Math.min(state.index, phases.length - 1);
  const start = phases[index].start;
  if (state.phase !== null && state.elapsed - start < grace && index > 0) {
    return phases[index - 1].start;
  }
  return start;
}

// One move of the player, as the kernel's Replica replays it (handbook/timing/replica.py).
export function move(walker, kind, grace) {
  const phases = walker.phases;
  if (kind === "start") walker.start();
  else if (kind === "pause") walker.pause();
  else if (kind === "skip") walker.skip();
  else if (kind === "back") walker.seek(phaseBackTarget(phases, walker.state(), grace));
  else if (kind === "next") walker.seek(nextTarget(phases, walker.state()));
  else if (kind === "previous") walker.seek(backTarget(phases, walker.state(), grace));
  else if (kind === "reset") walker.reset();
}

// What a run really held, as handbook/timing/summary.py says it: the end screen's words.
const HELD_KINDS = ["hold", "move"];
const SLACK_S = 1.0;

export function summary(phases, spans) {
  const held = new Map(), planned = new Map(), names = new Map();
  for (const p of phases) {
    if (!names.has(p.item)) names.set(p.item, p.name);
    if (!HELD_KINDS.includes(p.kind)) continue;
    planned.set(p.item, (planned.get(p.item) || 0) + (p.end - p.start));
    let lived = 0;
    for (const [start, end] of spans) lived += Math.max(0, Math.min(end, p.end) - Math.max(start, p.start));
    held.set(p.item, (held.get(p.item) || 0) + lived);
  }
  const items = [...planned.keys()].sort((a, b) => a - b);
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  return { held: sum(held), planned: sum(planned),
           skipped: items.filter((i) => held.get(i) < SLACK_S).map((i) => names.get(i)),
           short: items.filter((i) => held.get(i) >= SLACK_S && held.get(i) < planned.get(i) - SLACK_S)
             .map((i) => names.get(i)) };
}

function roundMss(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function listed(names) {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function summaryWords(s) {
  const held = `${roundMss(s.held)} of stretching held, of ${roundMss(s.planned)} planned`;
  const parts = [];
  if (s.skipped.length) parts.push(`Skipped: ${listed(s.skipped)}.`);
  if (s.short.length) parts.push(`Cut short: ${listed(s.short)}.`);
  return [held, parts.join(" ") || "Every stretch held in full."];
}

export function mss(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// Breath: in for half a breath, out for the other half; the circle's scale eases between.
export function breath(intoHold, bpm) {
  const half = 30 / bpm;
  const into = Math.max(0, intoHold) % (2 * half);
  const inhaling = into < half;
  const fraction = Math.min((inhaling ? into : into - half) / half, 1);
  const eased = (1 - Math.cos(Math.PI * fraction)) / 2;
  return { word: inhaling ? "Breathe in" : "Breathe out",
           scale: 0.55 + 0.45 * (inhaling ? eased : 1 - eased) };
}

// Sound: short tones synthesized with Web Audio, scheduled on the audio clock ----------------
const TONES = {
  ready: [[523.25, 0.12]],
  hold: [[659.25, 0.1], [880.0, 0.16]],
  switch: [[784.0, 0.1], [0, 0.06], [784.0, 0.1]],
  rest: [[440.0, 0.22]],
  done: [[523.25, 0.14], [659.25, 0.14], [783.99, 0.3]],
};
const OTHER_TONE = [[587.33, 0.14]]; // a phase kind without a tone of its own
const LOOKAHEAD_S = 0.3; // cues this close are scheduled ahead, on the audio clock
const STALE_S = 1.0; // a cue found later than this (a hidden page) is dropped, not said late

const VOICE_KEY = "handbook-voice";
const GONE = "The kernel has stopped: this run is not being recorded. " +
             "Run the cell again to reconnect.";

function voiceRemembered() {
  try { return localStorage.getItem(VOICE_KEY) !== "off"; } catch { return true; }
}

function typing() {
  const a = document.activeElement;
  return !!a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName));
}

// The controller: one per widget model, shared by its views ----------------------------------
class Player {
  constructor(model) {
    this.model = model;
    this.session = Math.random().toString(36).slice(2) + Date.now().toString(36);
    this.views = new Set();
    this.followers = new Set();
    this.frozen = null;
    this.gone = false;
    this.voice = voiceRemembered();
    this.audio = null;
    this.sounds = []; // scheduled oscillators
    this.timers = []; // scheduled speech
    this.wake = null;
    this.frame = 0;
    this.load();
    this.send("open");
  }

  now() { return this.frozen ?? performance.now() / 1000; }

  load() {
    this.quiet();
    this.tl = this.model.get("timeline");
    const phases = this.tl && this.tl.phases;
    this.walker = phases && phases.length ? new Walker(phases, () => this.now()) : null;
    this.seen = 0;
    this.cursor = 0;
    this.where = null;
    this.past = []; // spans lived in earlier runs of this class (Back begins a run anew)
    this.releaseWake();
    this.redraw();
  }

  send(type) {
    if (this.gone || !this.tl) return;
    try {
      this.model.send({ type, t: this.now(), session: this.session, timeline: this.tl.id });
    } catch { /* the comm has gone: lost() says so */ }
  }

  state() { return this.walker ? this.walker.state() : null; }

  // Everything this class really held, Back and all (for the end screen).
  lived() { return this.walker ? [...this.past, ...this.walker.lived()] : []; }

  act(kind) {
    if (!this.walker) return;
    const w = this.walker;
    this.frozen = performance.now() / 1000;
    try {
      if (kind === "toggle") kind = w.status === "running" ? "pause" : "start";
      if (kind === "start" && w.status === "done") {
        move(w, "reset", this.tl.back_grace); // once more from the top, as after Reset
        this.past = [];
        this.send("reset");
      }
      if (kind === "start") this.unlockAudio();
      const runs = w.runs, lived = w.lived();
      move(w, kind, this.tl.back_grace);
      if (kind === "reset") this.past = [];
      else if (w.runs !== runs) this.past.push(...lived); // Back went back: keep what was held
      if (kind === "start") for (const view of this.views) view.began();
      this.send(kind);
      const st = w.state();
      this.seen = st.index;
      this.rearm(st);
    } finally {
      this.frozen = null;
    }
    this.redraw();
  }

  // Cues: after any move the next is the first at or after the new place, so landing on a
  // phase's start says that phase, and a resumed hold goes on to its next cue.
  rearm(st) {
    this.quiet();
    const cues = this.tl.cues;
    let n = 0;
    while (n < cues.length && cues[n].at < st.elapsed) n += 1;
    this.cursor = n;
    if (st.status === "running") {
      this.lockWake();
      this.loop();
    } else {
      this.releaseWake();
      if (st.status === "done") this.cues(st); // skipped to the end: "done"
    }
  }

  cues(st) {
    const cues = this.tl.cues;
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
    if (!this.walker) return;
    const st = this.walker.state();
    if (st.status === "running" || st.status === "done") {
      if (st.index !== this.seen) {
        const crossed = this.walker.phases.slice(this.seen, st.index);
        this.seen = st.index;
        if (st.status === "done") { this.send("done"); this.releaseWake(); }
        else if (crossed.some((p) => p.kind === "hold")) this.send("hold");
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

  cue(cue, delay) {
    if (cue.say && this.voice) {
      this.timers.push(setTimeout(() => this.speak(cue.say), delay * 1000));
    }
    if (cue.tone && !this.model.get("muted")) {
      try { this.tone(cue.tone, delay); } catch (err) { console.error("handbook: no tone", err); }
    }
  }

  unlockAudio() { // from the Start click: browsers start an AudioContext only after a gesture
    try {
      if (!this.audio) {
        const Context = window.AudioContext || window.webkitAudioContext;
        if (Context) this.audio = new Context();
      }
      if (this.audio && this.audio.state === "suspended") this.audio.resume();
    } catch { this.audio = null; }
  }

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

  speak(words) {
    const synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === "undefined") return;
    try {
      const say = new SpeechSynthesisUtterance(words);
      say.lang = document.documentElement.lang || "en";
      synth.speak(say);
    } catch { /* a browser without voices stays silent */ }
  }

  async lockWake() {
    if (this.wake || !navigator.wakeLock || document.hidden) return;
    try {
      this.wake = await navigator.wakeLock.request("screen");
      this.wake.addEventListener("release", () => { this.wake = null; });
      if (!this.walker || this.walker.status !== "running") this.releaseWake();
    } catch { this.wake = null; }
  }

  releaseWake() {
    if (this.wake) { this.wake.release().catch(() => {}); this.wake = null; }
  }

  setVoice(on) {
    this.voice = on;
    try { localStorage.setItem(VOICE_KEY, on ? "on" : "off"); } catch { /* private mode */ }
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
  }
}

// Pictures (picture.js) find their player here, by the key the kernel gave both.
function registry() {
  globalThis.__handbookPlayers ??= { players: new Map(), waiting: new Map() };
  return globalThis.__handbookPlayers;
}

// A view: the same player drawn in a timer or on a class's stage ----------------------------
function element(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

class View {
  constructor(player, model, el) {
    this.player = player;
    this.model = model;
    this.el = el;
    this.cls = model.get("mode") === "class";
    this.shown = {};
    this.build();
  }

  build() {
    const el = this.el;
    el.replaceChildren();
    el.classList.add("hb-guide", this.cls ? "hb-guide-class" : "hb-guide-timer");
    el.dataset.key = this.model.get("key"); // one player, however often its view is drawn
    el.tabIndex = 0;
    el.setAttribute("data-lm-suppress-shortcuts", "true"); // JupyterLab leaves our keys alone
    el.setAttribute("role", "group");
    el.setAttribute("aria-label", "Guided timer: Space starts and pauses, arrows move, R resets");
    const p = (cls, text) => { const e = element("div", cls, text); return e; };
    this.title = p("hb-title");
    this.progress = p(this.cls ? "hb-class-progress" : "hb-progress");
    this.name = p("hb-class-name");
    this.phase = p("hb-phase");
    this.remaining = p("hb-remaining");
    this.remaining.setAttribute("role", "timer");
    this.cue = p("hb-class-cue");
    this.next = p("hb-next");
    this.pacer = p("hb-pacer");
    this.circle = p("hb-breath");
    this.word = element("span", "hb-breath-word");
    this.pacer.append(this.circle, this.word);
    this.bars = p("hb-bars");
    this.phaseBar = element("progress", "hb-phase-progress");
    this.totalBar = element("progress", "hb-total-progress");
    this.phaseBar.max = this.totalBar.max = 1;
    this.bars.append(this.phaseBar, this.totalBar);
    this.total = p(this.cls ? "hb-class-total" : "hb-total");
    this.controls = p("hb-controls");
    const button = (label, kind, cls) => {
      const b = element("button", `hb-button ${cls || ""}`.trim(), label);
      b.type = "button";
      b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the keys' focus
      b.addEventListener("click", () => {
        this.el.focus({ preventScroll: true });
        kind();
      });
      this.controls.append(b);
      return b;
    };
    const act = (kind) => () => this.player.act(kind);
    this.start = button("Start", act("start"), "hb-start");
    this.pause = button("Pause", act("pause"), "hb-pause");
    if (this.cls) {
      this.back = button("Back", act("previous"), "hb-back");
      this.skip = button("Next", act("next"), "hb-skip");
    } else {
      this.back = null;
      this.reset = button("Reset", act("reset"), "hb-reset");
      this.skip = button("Skip", act("skip"), "hb-skip");
    }
    if (this.cls) {
      this.present = button("Present", () => this.toggleFullscreen(), "hb-present");
      this.onFullscreen = () => this.draw(this.player.state());
      document.addEventListener("fullscreenchange", this.onFullscreen);
    }
    this.mute = button("Mute", () => {
      this.model.set("muted", !this.model.get("muted"));
      this.model.save_changes();
      this.draw(this.player.state());
    }, "hb-mute");
    this.voice = button("Voice", () => this.player.setVoice(!this.player.voice), "hb-voice");
    this.status = p("hb-status");
    this.status.setAttribute("role", "status");
    const parts = this.cls
      ? [this.progress, this.name, this.phase, this.remaining, this.cue, this.next, this.pacer,
         this.total, this.controls, this.status]
      : [this.title, this.progress, this.phase, this.remaining, this.next, this.pacer, this.bars,
         this.total, this.controls, this.status];
    el.append(...parts);
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
      this.onPageKey = (e) => {
        if (!this.el.isConnected || !this.visible || this.el.contains(e.target) || typing()) {
          return;
        }
        this.key(e);
      };
      window.addEventListener("keydown", this.onPageKey, true);
    }
  }

  root() { return this.el.closest(".hb-class") || this.el; }

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

  key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (e.target instanceof HTMLButtonElement && (e.key === " " || e.key === "Enter")) return;
    const forward = this.cls ? "next" : "skip";
    const backward = this.cls ? "previous" : "back";
    const kind = { " ": "toggle", Spacebar: "toggle", ArrowRight: forward, PageDown: forward,
                   ArrowLeft: backward, PageUp: backward, r: "reset", R: "reset" }[e.key];
    if (!kind) return;
    e.preventDefault();
    e.stopPropagation();
    this.player.act(kind);
  }

  set(el, key, text) { // touch the page only when something changed
    if (this.shown[key] !== text) { this.shown[key] = text; el.textContent = text; }
  }

  draw(st) {
    const tl = this.player.tl;
    if (!st || !tl) return;
    const phase = st.phase;
    const items = tl.items || [];
    const item = phase ? phase.item : items.length - 1;
    const kind = phase ? phase.kind : "done";
    const label = phase && phase.reps > 1 ? `${st.label} (${phase.rep} of ${phase.reps})`
      : st.label;
    this.set(this.title, "title", this.model.get("title"));
    this.set(this.phase, "phase", label);
    if (this.shown.kind !== kind) {
      this.phase.classList.remove(`hb-kind-${this.shown.kind}`);
      this.phase.classList.add(`hb-kind-${kind}`);
      this.shown.kind = kind;
    }
    this.set(this.remaining, "remaining", mss(st.remaining));
    const name = items[item] ? items[item].name : "";
    if (this.cls) {
      this.set(this.progress, "progress", `Stretch ${item + 1} of ${items.length}`);
      this.set(this.name, "name", phase ? name : "Well done!");
      const notes = this.model.get("notes") || [];
      if (phase) this.set(this.cue, "cue", notes[item] || "");
      const nextUp = !phase ? "" : item + 1 < items.length
        ? `Next up: ${items[item + 1].name}` : "Next up: the end of the class";
      this.set(this.next, "next", nextUp);
      if (phase) {
        this.set(this.total, "total", `${mss(st.remainingTotal)} left in the class`);
      } else { // the end: what was really held, and what was not
        const [held, missed] = summaryWords(summary(tl.phases, this.player.lived()));
        this.set(this.total, "total", held);
        this.set(this.cue, "cue", missed);
      }
      const inClass = st.status === "running" || st.status === "paused";
      this.root().classList.toggle("hb-in-class", inClass);
      const full = !!document.fullscreenElement;
      this.set(this.present, "present", full ? "Leave full screen" : "Present");
    } else {
      this.set(this.progress, "progress",
               items.length > 1 ? `Stretch ${item + 1} of ${items.length}: ${name}` : "");
      this.set(this.next, "next", phase && phase.next ? `Next up: ${phase.next}` : "");
      this.set(this.total, "total", `${mss(tl.total)} in all`);
      this.phaseBar.value = st.phaseProgress;
      this.totalBar.value = st.totalProgress;
    }
    let scale = 0.6, word = "Breathe freely";
    if (phase && phase.kind === "hold" && st.status !== "idle") {
      ({ scale, word } = breath(st.elapsed - phase.start, tl.bpm));
    }
    this.circle.style.transform = `scale(${scale.toFixed(4)})`;
    this.set(this.word, "word", word);
    const running = st.status === "running";
    this.start.disabled = running; // a finished timer starts again from the top
    this.pause.disabled = !running;
    this.skip.disabled = st.status === "done";
    if (this.back) this.back.disabled = st.status === "idle";
    const muted = this.model.get("muted");
    this.mute.setAttribute("aria-pressed", String(muted));
    this.set(this.mute, "mute", muted ? "Muted" : "Mute");
    this.voice.setAttribute("aria-pressed", String(this.player.voice));
    this.set(this.voice, "voice", this.player.voice ? "Voice on" : "Voice off");
    const status = this.player.gone ? GONE : this.model.get("status");
    this.set(this.status, "status", status);
    this.status.classList.toggle("hb-warning", !!status);
    this.el.classList.toggle("hb-running", running);
  }

  dispose() {
    this.el.removeEventListener("keydown", this.onKey);
    if (this.onPageKey) window.removeEventListener("keydown", this.onPageKey, true);
    if (this.onFullscreen) document.removeEventListener("fullscreenchange", this.onFullscreen);
    if (this.seenBy) this.seenBy.disconnect();
  }
}

function playerOf(model) { return registry().players.get(model.get("key")); }

// Voila shuts a page's kernel down when the page goes, with a POST that must carry the value
// of the page's _xsrf cookie. A Voila page never sets that cookie, so the POST was refused
// (403) and the kernel stayed until the idle cull. A cookie the page sets itself passes the
// same check (a double submit: another site can neither read nor set it); one the server
// set (JupyterLab's) is kept.
function ensureXsrfCookie() {
  if (typeof document === "undefined" || /(?:^|;\s*)_xsrf=/.test(document.cookie)) return;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  document.cookie = `_xsrf=${token}; path=/; SameSite=Strict`;
}

export default {
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
    const onStatus = (_, status) => {
      if (["dead", "restarting", "autorestarting"].includes(status)) lost();
    };
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

  render({ model, el }) {
    const player = playerOf(model);
    if (!player) return undefined;
    const view = new View(player, model, el);
    player.views.add(view);
    view.draw(player.state());
    return () => { player.views.delete(view); view.dispose(); };
  },
};
