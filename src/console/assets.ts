/**
 * The console's only assets, served by mores itself (no CDN: it works
 * offline and on Workers, which has no file system). Colours meet WCAG AA:
 * body text #1a1a1a on #fff (17:1), links #0b4f9c (8:1), marks #1a1a1a on
 * #ffe08a (15:1).
 */
export const CSS = `
:root { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.45; }
body { margin: 0; }
a { color: #0b4f9c; }
header.bar { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #1f2d3d; color: #fff; flex-wrap: wrap; }
header.bar a { color: #fff; }
header.bar nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
header.bar form { margin-left: auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: .5rem; top: .5rem; background: #fff; color: #0b4f9c; padding: .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #c8c8c8; vertical-align: top; }
tr.current { outline: 3px solid #0b4f9c; }
mark { background: #ffe08a; color: #1a1a1a; padding: 0 .1em; border-bottom: 2px solid #8a5a00; }
blockquote { margin: .5rem 0; padding: .6rem .9rem; border-left: 4px solid #5a6b7d; background: #f3f5f7; white-space: pre-wrap; }
.text { font-size: 1.15rem; }
section { margin: 1.4rem 0; }
.card { border: 1px solid #c8c8c8; border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; }
.muted { color: #4a4a4a; }
.notice { border-left: 4px solid #1d6b2f; background: #eef7f0; padding: .6rem .9rem; }
.problem { border-left: 4px solid #a11d1d; background: #fbeeee; padding: .6rem .9rem; }
pre { background: #f3f5f7; padding: .6rem; overflow-x: auto; }
.add { color: #14581f; } .del { color: #8f1414; }
fieldset { border: 1px solid #c8c8c8; border-radius: 6px; margin: .6rem 0; }
label { display: inline-block; margin: .2rem 0; }
select, input { max-width: 100%; font: inherit; }
details { margin: .3rem 0; }
textarea { width: 100%; min-height: 6rem; font: inherit; }
textarea.yaml { min-height: 22rem; font-family: ui-monospace, monospace; }
button { font: inherit; padding: .35rem .9rem; border: 1px solid #0b4f9c; background: #0b4f9c; color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: #0b4f9c; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
kbd { border: 1px solid #8a8a8a; border-radius: 3px; padding: 0 .3em; font-size: .85em; }
svg text { fill: #1a1a1a; font-size: 12px; }
svg[role=img] { max-width: 100%; height: auto; display: block; }
ul.legend { list-style: none; display: flex; gap: 1rem; padding: 0; }
`;

/**
 * Keyboard shortcuts, the console's one script (pages work without it):
 * j / k move through the list (or to the next / previous case), c claims,
 * a / u / m choose allow / uphold / modify and put the cursor in the rationale.
 */
export const KEYS_JS = `
(() => {
  const typing = (t) => t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  const rows = () => Array.from(document.querySelectorAll("[data-row]"));
  let at = -1;
  const move = (step) => {
    const list = rows();
    if (list.length === 0) {
      const link = document.querySelector(step > 0 ? "a[rel=next]" : "a[rel=prev]");
      if (link) link.click();
      return;
    }
    list.forEach((r) => r.classList.remove("current"));
    at = Math.max(0, Math.min(list.length - 1, at + step));
    list[at].classList.add("current");
    const link = list[at].querySelector("a");
    if (link) link.focus();
  };
  const choose = (value) => {
    const radio = document.querySelector('input[name="choice"][value="' + value + '"]');
    if (!radio) return;
    radio.checked = true;
    const why = document.querySelector("textarea[name=rationale]");
    if (why) why.focus();
  };
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const act = { j: () => move(1), k: () => move(-1), a: () => choose("allow"), u: () => choose("uphold"), m: () => choose("modify"),
      c: () => { const b = document.getElementById("claim"); if (b) b.click(); } }[e.key];
    if (act) { e.preventDefault(); act(); }
  });
})();
`;
