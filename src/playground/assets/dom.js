// What the playground and the report page both draw with: DOM elements and text only, never HTML strings (the pages
// run under a strict CSP, and nothing from a paste may become markup).

// biome-ignore lint/correctness/noUnusedVariables: a global for the page scripts loaded after this one
const $ = (id) => document.getElementById(id);

/** An element with `class`, `text` or attributes, and its children (null, undefined and false are left out). */
// biome-ignore lint/correctness/noUnusedVariables: a global for the page scripts loaded after this one
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
