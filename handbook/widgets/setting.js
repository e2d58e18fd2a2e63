// A setting chosen on a scale: the browser's own slider (<input type="range">) with its
// label, so every control has a name a screen reader says, and the value beside it.
// ipywidgets' IntSlider draws a handle no label names; this one is native, keyboard and all.

/**
 * @typedef {{ get(name: string): any, set(name: string, value: unknown): void,
 *   save_changes(): void, on(event: string, callback: () => void): void,
 *   off(event: string, callback: () => void): void }} Model
 */

let made = 0; // ids that tie each label to its slider

export default {
  /** @param {{ model: Model, el: HTMLElement }} props */
  render({ model, el }) {
    const id = `hb-setting-${++made}`;
    el.classList.add("hb-setting");
    const label = document.createElement("label");
    label.htmlFor = id;
    const input = document.createElement("input");
    input.type = "range";
    input.id = id;
    const shown = document.createElement("output");
    shown.htmlFor.add(id);
    shown.setAttribute("aria-hidden", "true"); // the slider says its own value
    el.replaceChildren(label, input, shown);
    const draw = () => {
      label.textContent = model.get("description");
      input.min = String(model.get("min"));
      input.max = String(model.get("max"));
      input.step = String(model.get("step"));
      input.value = String(model.get("value"));
      input.disabled = !!model.get("disabled");
      const unit = model.get("unit");
      const text = unit ? `${input.value} ${unit}` : input.value;
      shown.textContent = text;
      input.setAttribute("aria-valuetext", text);
    };
    const moved = () => {
      model.set("value", Number(input.value));
      model.save_changes();
    };
    input.addEventListener("input", moved);
    const names = ["value", "min", "max", "step", "disabled", "description", "unit"];
    for (const name of names) model.on(`change:${name}`, draw);
    draw();
    return () => {
      input.removeEventListener("input", moved);
      for (const name of names) model.off(`change:${name}`, draw);
    };
  },
};
