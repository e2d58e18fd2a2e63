// A stretch's picture that follows a guided player on the same page (guide.js): the item and
// side being held, drawn from the pictures the kernel sent once ([first side, second side]
// per stretch). It finds its player by the key the kernel gave both.

function registry() {
  globalThis.__handbookPlayers ??= { players: new Map(), waiting: new Map() };
  return globalThis.__handbookPlayers;
}

export default {
  render({ model, el }) {
    let where = { item: 0, side: 0 };
    let shown = null;
    const draw = () => {
      const pictures = model.get("pictures") || [];
      const pair = pictures[Math.min(where.item, pictures.length - 1)] || [];
      const svg = pair[where.side] || pair[0] || "";
      if (svg !== shown) {
        shown = svg;
        el.innerHTML = svg; // drawn by handbook.pictures, with every text from data escaped
      }
    };
    const follow = (now) => { where = now; draw(); };
    const onPictures = () => { shown = null; draw(); };
    model.on("change:pictures", onPictures);
    const reg = registry();
    const key = model.get("follows");
    let player = null;
    const attach = (found) => {
      player = found;
      player.followers.add(follow);
      if (player.where) follow(player.where);
    };
    if (reg.players.has(key)) attach(reg.players.get(key));
    else reg.waiting.set(key, [...(reg.waiting.get(key) || []), attach]);
    draw();
    return () => { if (player) player.followers.delete(follow); };
  },
};
