// Hands for the 编辑 Editor e2e files (editor.test.mjs, editor-build.test.mjs): clicks at
// the rectangles the app reports, keys held across frames, text typed through the DOM
// overlay; the test API only reads state and rectangles. editorUi(() => page) binds them
// to the page a file opened.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT, clickRect } from './browser.mjs';

export const same = (a, b) => a && b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
export const within = (r, box) => r.y >= box.y - 0.5 && r.y + r.height <= box.y + box.height + 0.5;

export function editorUi(getPage) {
  const page = () => getPage();
  const frames = (n = 1) => page().evaluate((k) => window.peizou.frames(k), n);
  const state = () => page().evaluate(() => window.peizou.state());
  const editor = async () => (await state()).editor;
  const rects = () => page().evaluate(() => window.peizou.rects());

  // Waits, frame by frame, until fn(editor state, arg) holds; returns that state.
  async function waitEditor(fn, arg = null, timeout = 60000) {
    const end = Date.now() + timeout;
    for (;;) {
      const e = await editor();
      if (fn(e, arg)) return e;
      if (Date.now() > end) {
        fs.mkdirSync(OUTPUT, { recursive: true });
        fs.writeFileSync(path.join(OUTPUT, 'editor-timeout.json'), JSON.stringify(e, null, 1));
        throw new Error(`timed out waiting for ${fn} (state in test-output/editor-timeout.json)`);
      }
      await frames(1);
    }
  }

  // Waits, frame by frame, until fn(whole state, arg) holds.
  async function waitState(fn, arg = null, timeout = 30000) {
    const end = Date.now() + timeout;
    for (;;) {
      const s = await state();
      if (fn(s, arg)) return s;
      assert.ok(Date.now() < end, `timed out waiting for ${fn}`);
      await frames(1);
    }
  }

  // Waits, frame by frame, until fn(rects) holds; returns the rects.
  async function waitRects(fn, timeout = 30000) {
    const end = Date.now() + timeout;
    for (;;) {
      const r = await rects();
      if (fn(r)) return r;
      assert.ok(Date.now() < end, `timed out waiting for ${fn}`);
      await frames(1);
    }
  }

  // A hand's click on the app's rectangle for `name` (browser.mjs), and one more frame to settle.
  async function click(name) {
    await clickRect(page(), name);
    await frames(1);
  }

  // A key held across a frame (ImGui 1.86 samples key state once per frame).
  async function press(key) {
    await page().keyboard.down(key);
    await frames(1);
    await page().keyboard.up(key);
    await frames(1);
  }

  async function chord(modifiers, key) {
    for (const m of modifiers) await page().keyboard.down(m);
    await press(key);
    for (const m of [...modifiers].reverse()) await page().keyboard.up(m);
    await frames(1);
  }

  // Clicks an item of a scrolling pane, scrolling it until the item is in sight (the app
  // reports only the rectangles of items drawn in sight): up until the pane no longer
  // moves (its top), then down until the item shows. One wheel event scrolls the pane by a
  // few lines whatever its delta, so the ends are found by watching the pane's items.
  async function clickItem(name, pane = 'editor.outline') {
    const inside = (r, k) => k !== pane && r[k] && r[pane] && within(r[k], r[pane]) && r[k].x >= r[pane].x - 0.5 &&
      r[k].x <= r[pane].x + r[pane].width;
    const shown = (r) => JSON.stringify(Object.keys(r).filter((k) => inside(r, k)).sort().map((k) => [k, r[k].y]));
    let down = false;
    for (let i = 0; i < 200; i++) {
      const r = await rects();
      assert.ok(r[pane], `${pane} is shown`);
      if (r[name] && within(r[name], r[pane])) return click(name);
      const was = shown(r);
      await page().mouse.move(r[pane].x + r[pane].width / 2, r[pane].y + r[pane].height / 2);
      await page().mouse.wheel(0, down ? 120 : -120);
      await frames(2);
      if (shown(await rects()) === was) {  // an end: the top (then go down) or the bottom
        if (down) break;
        down = true;
      }
    }
    await page().screenshot({ path: path.join(OUTPUT, 'editor-not-found.png') });
    fs.writeFileSync(path.join(OUTPUT, 'editor-not-found.json'), JSON.stringify({ rects: await rects(), editor: await editor() }, null, 1));
    assert.fail(`${name} is not in ${pane} (test-output/editor-not-found.png, .json)`);
  }

  // Replaces the number in an ImGui number field: click, select all, type, Enter.
  async function typeNumber(field, text, pane = null) {
    if (pane) await clickItem(field, pane);
    else await click(field);
    await chord(['Control'], 'a');
    for (const ch of text) await press(ch);
    await press('Enter');
    await frames(2);
  }

  // Replaces the text of an overlay text field (the DOM <input> over it) and leaves it;
  // an empty text is typed as select-all and Backspace.
  async function typeText(field, text, pane = null) {
    if (pane) await clickItem(field, pane);
    else await click(field);
    await page().waitForFunction(() => document.activeElement && document.activeElement.id === 'peizou-text-input');
    await page().evaluate(() => document.activeElement.select());
    if (text === '') await page().keyboard.press('Backspace');
    else await page().keyboard.insertText(text);  // as an IME commits: the whole phrase at once
    await frames(1);
    await page().keyboard.press('Enter');
    await waitEditor((e) => e.editing === '');
  }

  // Selects a Library entry by a click, once the click can land on it. Why a plain click was
  // unreliable after a reload: the item's rectangle is reported even while the list has it
  // scrolled out of sight (the list scrolls to the restored user file), so the click hit
  // another row; and the tabs change width when the large font arrives. So: the Library
  // tab is clicked until the state says it shows; the list is scrolled until the item lies
  // inside it and its rectangle is the same on two frames; then one click, and the state's
  // selection must follow.
  async function selectEntry(file) {
    await page().waitForFunction(() => window.peizou.state().fonts.large !== 'loading', null, { timeout: 60000 });
    for (let i = 0; (await state()).screen !== 'library'; i++) {
      assert.ok(i < 10, 'the Library tab does not show');
      await click('tab.library');
    }
    let last = null;
    for (let i = 0; i < 200; i++) {
      const r = await rects();
      const item = r[`library.item.${file}`];
      const list = r['library.list'];
      assert.ok(item && list, `the Library lists ${file}`);
      if (!within(item, list)) {  // scrolled out of sight: the wheel over the list brings it in
        await page().mouse.move(list.x + list.width / 2, list.y + list.height / 2);
        await page().mouse.wheel(0, item.y < list.y ? -200 : 200);
        last = null;
      } else if (same(item, last)) {
        await click(`library.item.${file}`);
        await waitState((s, f) => s.selection === f, file);
        return;
      } else {
        last = item;
      }
      await frames(1);
    }
    assert.fail(`could not select ${file}`);
  }

  return { frames, state, editor, rects, waitEditor, waitState, waitRects, click, press, chord, clickItem,
    typeNumber, typeText, selectEntry };
}

// One walk decision made as a citizen who knows the process would: every needed paper in
// hand ticked by its digit and handed over with Space; a step whose papers are all in hand,
// else wait, else home; in person; else the first option. Waits for the choice to count
// (or the debrief, or a refusal) and returns that walkthrough state.
export async function decideAsCitizen(w, press, waitWalk) {
  const d = w.decision;
  if (d.kind === 'handover') {
    const held = new Set(w.held);
    for (const [i, o] of d.options.entries()) {
      if (!o.needed || !held.has(o.id) || o.checked) continue;
      await press(`Digit${i + 1}`);
      await waitWalk((w, x) => w.decision.options.find((y) => y.id === x).checked === true, o.id);
    }
    await press('Space');
  } else if (d.kind === 'next_step') {
    const have = new Set([...w.held, ...w.submitted]);
    let i = d.options.findIndex((o) => o.needs && o.needs.every((m) => have.has(m)));
    if (i < 0) i = d.options.findIndex((o) => o.id === 'wait');
    if (i < 0) i = d.options.findIndex((o) => o.id === 'home');
    await press(`Digit${Math.max(i, 0) + 1}`);
  } else if (d.kind === 'channel') {
    await press(`Digit${d.options.findIndex((o) => o.id === 'in_person') + 1}`);
  } else {
    await press('Digit1');
  }
  return waitWalk((w, n) => w.phase === 'debrief' || w.choices === n + 1 || w.message !== '', w.choices);
}
