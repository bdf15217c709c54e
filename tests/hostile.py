"""A corpus whose titles, bodies and outlets carry hostile markup (for the browser test).

Every payload that could run sets ``window.__pwned`` and ``document.title = 'PWNED'`` or opens a
dialog, so a browser can tell whether any of it executed. The articles are otherwise ordinary news
prose (quotes, attributions, numbers), so every report template has something to measure.
"""

from __future__ import annotations

import csv
from pathlib import Path

RUN = "window.__pwned=1;document.title='PWNED'"
PAYLOADS = {
    "script": f"<script>{RUN}</script>",
    "img": f'<img src=x onerror="{RUN};alert(1)">',
    "svg": f"<svg onload={RUN}>",
    "html_link": f'<a href="javascript:{RUN}">read more</a>',
    "md_link": f"[read more](javascript:{RUN})",
    "textarea": f"</textarea><script>{RUN}</script>",
    "iframe": f'<iframe src="javascript:{RUN}"></iframe>',
    "quote_break": f"\" onmouseover=\"{RUN}\" x=\"",
    "squote_break": f"' autofocus onfocus='{RUN}' x='",
    "math": "prices of $x^2$ and $\\foo$ and $5",
}

OUTLETS = [
    f"Daily {PAYLOADS['script']}",
    f"Herald {PAYLOADS['quote_break']}",
    f"$\\foo$ Times {PAYLOADS['img']}",
]

TITLES = [
    f"{PAYLOADS['img']} Leaders meet in the harbour city",
    f"{PAYLOADS['svg']} Summit ends with a joint statement",
    f"{PAYLOADS['md_link']} Talks continue into the night",
    f"{PAYLOADS['textarea']} Ministers sign trade accord",
    f"Costs rise as {PAYLOADS['math']} talks go on",
    f"{PAYLOADS['html_link']} {PAYLOADS['squote_break']} Officials praise the visit",
]

PARAGRAPHS = [
    "The president arrived in the harbour city on Tuesday for two days of talks with the prime "
    "minister, officials said. Crowds lined the main avenue as the motorcade passed.",
    "\"We will not accept {p} any delay in the agreement,\" the foreign minister told reporters. "
    "He said the two governments had worked for months on the text.",
    "According to the trade ministry, exports between the two countries rose by 12 percent last "
    "year. Analysts warned that the figures could fall again if tariffs return.",
    "Critics called the visit a failure and a dangerous distraction {p} from the crisis at home. "
    "Opposition leaders said the talks achieved nothing of value.",
    "The agreement covers energy, shipping and fisheries, a spokesperson said. A second meeting "
    "is planned for the autumn, according to a statement from the presidential office.",
    "Residents interviewed near the port were hopeful. \"It is good news for jobs here,\" said one "
    "dock worker, who asked not to be named. Others were less sure {p} of the benefits.",
]


def _body(index: int) -> str:
    payloads = list(PAYLOADS.values())
    lines = []
    for number, paragraph in enumerate(PARAGRAPHS):
        lines.append(paragraph.format(p=payloads[(index + number) % len(payloads)]))
    return "\n\n".join(lines) + "\n"


def build_hostile_corpus(folder: Path) -> Path:
    """Write the hostile corpus: four .txt articles (metadata from manifest.csv), one Markdown
    article with front matter and one saved HTML page whose text contains escaped markup."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for index in range(4):
        name = f"{index:03d}_hostile.txt"
        (folder / name).write_text(_body(index), encoding="utf-8")
        rows.append({"source_file": name, "article_id": f"{index:03d}_hostile",
                     "outlet": OUTLETS[index % len(OUTLETS)], "title": TITLES[index],
                     "author": PAYLOADS["squote_break"], "published": "2024-06-19",
                     "url": f"javascript:{RUN}", "language": "en", "event": "harbour-summit",
                     "notes": PAYLOADS["iframe"]})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    front = (f"---\ntitle: '{TITLES[4]}'\noutlet: \"{OUTLETS[1].replace(chr(34), chr(92) + chr(34))}\"\n"
             f"published: 2024-06-20\nlanguage: en\n---\n")
    (folder / "004_hostile.md").write_text(front + _body(4), encoding="utf-8")
    escaped = {key: value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               for key, value in PAYLOADS.items()}
    paragraphs = "".join(f"<p>{p.format(p=escaped['script'])}</p>\n" for p in PARAGRAPHS)
    page = (f"<!DOCTYPE html><html><head><title>{escaped['img']} Officials praise the visit</title>"
            f"<meta property=\"og:site_name\" content=\"{escaped['svg']} Gazette\">"
            f"<script>{RUN}</script></head><body><article><h1>{escaped['img']} Officials praise "
            f"the visit</h1>{paragraphs}<p><a href=\"javascript:{RUN}\">Share</a></p></article>"
            "</body></html>")
    (folder / "005_hostile.html").write_text(page, encoding="utf-8")
    return folder
