// A stretch's picture that follows a guided player on the same page (guide.js): the item and
// side being held, drawn from the pictures the kernel sent once ([first side, second side]
// per stretch). It finds its player by the key the kernel gave both.
//
// Movement you can see: a picture drawn with motion (handbook.pictures.draw.svg(motion=True))
// carries poses from start to end (class hb-motion, frames hb-frame). On the player's own clock
// (its walker's state, read each animation frame) the figure moves between a movement's two
// ends in time with the count, and a hold eases from its position's neutral pose into the
// stretch during "Get ready". With prefers-reduced-motion, nothing moves: the still picture
// (a movement's two panels) stays.

/**
 * What a picture needs of its player (guide.js's Player): its timeline, its clock's state,
 * where it is, and the set of followers it tells when that changes.
 * @typedef {{ kind: string, item: number, side: string | null, rep: number, label: string }} Phase
 * @typedef {{ status: string, index: number, phaseProgress: number }} State
 * @typedef {{ item: number, side: number }} Where  the stretch and side (0 left, 1 right) shown
 * @typedef {{ tl: { phases: Phase[] } | null, state(): State | null, where?: Where,
 *   followers: Set<(where: Where) => void> }} Player
 * @typedef {{ players: Map<string, Player>,
 *   waiting: Map<string, ((player: Player) => void)[]> }} Registry
 * @typedef {{ get(name: string): any, on(event: string, callback: () => void): void,
 *   off(event: string, callback: () => void): void }} Model
 * @typedef {({ value: string, numbers: number[] } | null)[][]} Numbers  per element, per attribute
 */

/** @returns {Registry} the players on this page, by the key the kernel gave each (guide.js's) */
function registry() {
  const global = /** @type {any} */ (globalThis);
  global.__handbookPlayers ??= { players: new Map(), waiting: new Map() };
  return global.__handbookPlayers;
}

/** @param {number} p @returns {number} */
const ease = (p) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, p)));

/**
 * Where the figure is between its two drawn poses (0 = start, 1 = end) for a player's state, or
 * null when the still picture should show (not started, done, or another item).
 * A movement's rep of two parts goes there (first part) and back (second); a rep of one part
 * goes there and back within it. A hold eases in during "Get ready" and stays in the stretch.
 * @param {{kind: string, item: number, side: string|null, rep: number, label: string}[]} phases
 * @param {{status: string, index: number, phaseProgress: number} | null} st
 * @param {number} item the item this picture shows
 * @param {boolean} movement whether its frames go from a movement's start to its turn
 * @returns {number | null}
 */
export function poseAt(phases, st, item, movement) {
  if (!st || st.status === "idle" || st.status === "done") return null;
  const phase = phases[st.index];
  if (!phase || phase.item !== item) return null;
  const p = st.phaseProgress;
  if (phase.kind === "ready") return movement ? 0 : ease(p);
  if (phase.kind !== "move") return movement ? 0 : 1;
  // The run of move phases this one is in (same item, side and set); the parts of one rep
  // are the words its labels go through before the first comes again ("Arch", "Round").
  const same = (/** @type {any} */ q) => q && q.kind === "move" && q.item === phase.item
    && q.side === phase.side && q.rep === phase.rep;
  let first = st.index;
  while (same(phases[first - 1])) first -= 1;
  const word = (/** @type {any} */ q) => String(q.label).split(" · ")[0];
  const words = [word(phases[first])];
  while (same(phases[first + words.length])
         && word(phases[first + words.length]) !== words[0]) words.push(word(phases[first + words.length]));
  const parts = words.length;
  const part = (st.index - first) % parts;
  if (parts === 1) return p < 0.5 ? ease(2 * p) : ease(2 - 2 * p);
  return part % 2 === 0 ? ease(p) : 1 - ease(p);
}

/**
 * Whether this page may move pictures (not when the person asked for reduced motion).
 * @param {{ matchMedia?: (query: string) => { matches: boolean } }} win
 * @returns {boolean}
 */
export function mayMove(win = globalThis) {
  const query = win.matchMedia && win.matchMedia("(prefers-reduced-motion: reduce)");
  return !(query && query.matches);
}

const NUMBERED = ["d", "cx", "cy", "r"];
const NUMBER = /-?\d+(?:\.\d+)?/g;

/**
 * A frame's numbers, attribute by attribute, to ease between two frames drawn alike.
 * @param {Element} frame @returns {Numbers}
 */
function numbersOf(frame) {
  return [...frame.querySelectorAll("*")].map((el) => NUMBERED.map((name) => {
    const value = el.getAttribute(name);
    return value === null ? null : { value, numbers: (value.match(NUMBER) || []).map(Number) };
  }));
}

/** @param {Numbers} a @param {Numbers} b @returns {boolean} drawn alike, number for number */
function alike(a, b) {
  return a.length === b.length && a.every((attrs, i) => attrs.every((x, j) => {
    const y = b[i][j];
    return (x === null) === (y === null) && (!x || !y || x.numbers.length === y.numbers.length);
  }));
}

/** A moving picture: its frames, and how to show the pose at t (null: the still picture). */
class Motion {
  /** @param {SVGSVGElement} root */
  constructor(root) {
    this.root = root;
    /** @type {SVGElement[]} the still picture's parts, hidden while the figure moves */
    this.still = [...root.querySelectorAll(".hb-still")].map((e) => /** @type {SVGElement} */ (e));
    /** @type {SVGGElement | null} */
    this.group = root.querySelector(".hb-motion");
    this.frames = this.group ? [...this.group.querySelectorAll(".hb-frame")] : [];
    this.movement = this.group ? this.group.dataset.kind === "movement" : false;
    this.numbers = this.frames.map(numbersOf);
    this.shown = -1;
  }

  /** @param {number | null} t between the two poses (0 start, 1 end); null: the still picture */
  show(t) {
    const moving = t !== null && this.frames.length > 1;
    for (const el of this.still) el.style.display = moving ? "none" : "";
    if (!this.group) return;
    this.group.setAttribute("display", moving ? "inline" : "none");
    if (!moving) return;
    const at = t * (this.frames.length - 1);
    const k = Math.min(this.frames.length - 2, Math.floor(at));
    const f = at - k;
    const pick = f < 0.5 ? k : k + 1;
    if (this.shown !== pick) {
      if (this.shown >= 0) this.restore(this.shown);
      this.frames.forEach((frame, i) => frame.setAttribute("display", i === pick ? "inline" : "none"));
      this.shown = pick;
    }
    const other = pick === k ? k + 1 : k;
    if (alike(this.numbers[pick], this.numbers[other])) this.blend(pick, other, pick === k ? f : 1 - f);
  }

  /**
   * Move the shown frame's numbers part of the way (w) toward the next frame's.
   * @param {number} pick @param {number} other @param {number} w
   */
  blend(pick, other, w) {
    const els = this.frames[pick].querySelectorAll("*");
    this.numbers[pick].forEach((attrs, i) => attrs.forEach((x, j) => {
      if (!x || !x.numbers.length) return;
      const to = /** @type {{ numbers: number[] }} */ (this.numbers[other][i][j]).numbers;
      let n = 0;
      const value = x.value.replace(NUMBER, () => {
        const v = x.numbers[n] + (to[n] - x.numbers[n]) * w;
        n += 1;
        return v.toFixed(1);
      });
      els[i].setAttribute(NUMBERED[j], value);
    }));
  }

  /** @param {number} i the frame whose numbers go back to as drawn */
  restore(i) {
    const els = this.frames[i].querySelectorAll("*");
    this.numbers[i].forEach((attrs, n) => attrs.forEach((x, j) => {
      if (x) els[n].setAttribute(NUMBERED[j], x.value);
    }));
  }
}

export default {
  /** @param {{ model: Model, el: HTMLElement }} view */
  render({ model, el }) {
    /** @type {Where} */
    let where = { item: 0, side: 0 };
    /** @type {string | null} */
    let shown = null;
    /** @type {Motion | null} */
    let motion = null;
    /** @type {Player | null} */
    let player = null;
    let frame = 0;
    const moves = mayMove();
    const draw = () => {
      const pictures = model.get("pictures") || [];
      const pair = pictures[Math.min(where.item, pictures.length - 1)] || [];
      const svg = pair[where.side] || pair[0] || "";
      if (svg !== shown) {
        shown = svg;
        el.innerHTML = svg; // drawn by handbook.pictures, with every text from data escaped
        const root = el.querySelector("svg");
        motion = root && moves ? new Motion(root) : null;
      }
    };
    // Each animation frame: the pose the player's clock says, while a player runs.
    const tick = () => {
      frame = requestAnimationFrame(tick);
      if (!motion || !player || !player.tl) return;
      const st = player.state(); // the player's own clock: its walker's state, or null
      motion.show(poseAt(player.tl.phases, st, where.item, motion.movement));
    };
    const follow = (/** @type {Where} */ now) => { where = now; draw(); };
    const onPictures = () => { shown = null; draw(); };
    model.on("change:pictures", onPictures);
    const reg = registry();
    const key = model.get("follows");
    const attach = (/** @type {Player} */ found) => {
      player = found;
      found.followers.add(follow);
      if (found.where) follow(found.where);
    };
    const known = reg.players.get(key);
    if (known) attach(known);
    else reg.waiting.set(key, [...(reg.waiting.get(key) || []), attach]);
    draw();
    if (moves) frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      model.off("change:pictures", onPictures);
      if (player) player.followers.delete(follow);
    };
  },
};
