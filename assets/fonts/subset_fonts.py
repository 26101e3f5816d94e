#!/usr/bin/python3
"""Subsets Noto Sans CJK SC (face 2 of Debian's NotoSansCJK-Regular.ttc) at build time.

  ui.otf     the characters of the given text files (UI strings, every scenario, the
             messages the scenario loader can show) + ASCII + common punctuation;
             shipped inside the page.
  large.otf  the characters of 通用规范汉字表 level 1 (3,500 common hanzi, tgh_level1.txt)
             that ui.otf lacks; fetched lazily by the page only when text outside ui.otf
             appears (inline, gzipped, in dist/peizou.html). The app merges it into ui.otf
             (ImFontConfig::MergeMode), so it needs no glyph ui.otf has (issue 17).

usage: subset_fonts.py OUT_DIR FILE...   (run with Debian's /usr/bin/python3: fontTools)
"""
import os
import subprocess
import sys

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = 2  # Noto Sans CJK SC

ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
PUNCTUATION = ("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～￥％＋－×÷＝"
               "　①②③④⑤⑥⑦⑧⑨⑩→←↑↓▲▼●○■□☑☐✓✗°")


def tgh_level1():
    """The 3,500 level-1 characters of 通用规范汉字表 (tgh_level1.txt: where they come from)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tgh_level1.txt")
    with open(path, encoding="utf-8") as f:
        chars = "".join(line.strip() for line in f if not line.startswith("#"))
    if len(chars) != 3500 or len(set(chars)) != 3500 or not all(0x3400 <= ord(c) <= 0x9FFF for c in chars):
        sys.exit(f"subset_fonts.py: {path}: expected 3,500 distinct CJK characters, got {len(chars)}")
    return chars


def used_text(paths):
    text = []
    for path in paths:
        with open(path, encoding="utf-8", errors="ignore") as f:
            text.append(f.read())
    return "".join(text)


def subset(chars, out):
    chars_file = out + ".chars.txt"
    keep = sorted(set(c for c in chars if c.isprintable() or c == "\u3000"))
    with open(chars_file, "w", encoding="utf-8") as f:
        f.write("".join(keep))
    tmp = out + ".tmp"
    subprocess.run([
        "/usr/bin/python3", "-m", "fontTools.subset", FONT, f"--font-number={FACE}",
        f"--text-file={chars_file}", f"--output-file={tmp}",
        "--layout-features=", "--no-hinting", "--desubroutinize", "--name-IDs=1,2",
        "--notdef-outline",
    ], check=True)
    os.replace(tmp, out)
    return len(keep)


def main():
    out_dir, paths = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    small = ASCII + PUNCTUATION + used_text(paths)
    n_small = subset(small, os.path.join(out_dir, "ui.otf"))
    n_large = subset("".join(set(tgh_level1()) - set(small)), os.path.join(out_dir, "large.otf"))
    for name, n in (("ui.otf", n_small), ("large.otf", n_large)):
        size = os.path.getsize(os.path.join(out_dir, name))
        print(f"fonts: {name}: {n} characters, {size} bytes")


if __name__ == "__main__":
    main()
