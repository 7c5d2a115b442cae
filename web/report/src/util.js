// Small DOM and formatting helpers shared by the sections.

// h("a", {href, class: "x"}, "text", child...) -> element. Attributes whose value is
// null, undefined or false are left out; "on*" functions become listeners.
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith("svg:");
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4)) : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function section(id, title, ...children) {
  return h("section", { id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), ...children);
}

export const num = (n) => (typeof n === "number" ? n.toLocaleString("en-GB") : n ?? "–");

// A verdict badge: the word is always written; the colour only repeats it.
export function badge(kind, label) {
  return h("span", { class: `badge v-${kind}` }, label ?? kind);
}

export const para = (text) => h("p", null, text);

// Only http(s) links are made clickable; anything else is shown as text.
export function link(url, label) {
  return /^https?:\/\//i.test(url || "") ? h("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, label ?? url) : label ?? url;
}

export function countBy(items, key) {
  const m = new Map();
  for (const it of items) {
    const k = key(it);
    m.set(k, (m.get(k) || 0) + 1);
  }
  return m;
}

export const severities = ["error", "warning", "note"];
