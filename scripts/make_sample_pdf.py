"""Regenerate samples/annual-leisure-contract-review.pdf.

The sample is a fictional council report (our own writing) laid out the way a real
council PDF is: a running header and a "Page N of 3" footer on every page, numbered
paragraphs with hanging indents, a word hyphenated across a line break and a ruled
table whose "£000" columns hold plain numbers. Its gold file is
samples/annual-leisure-contract-review.pdf.gold.json; if you change the text, change
the gold file too.

Needs reportlab (not a pipeline dependency):  pip install reportlab
Run:  python scripts/make_sample_pdf.py [output.pdf]
"""

from __future__ import annotations

import os
import sys

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "annual-leisure-contract-review.pdf")

# Bitstream Vera ships inside reportlab, so the output does not depend on system fonts.
# Embedded TrueType fonts carry a ToUnicode map, so "£" and "—" extract as text.
_FONT_DIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
pdfmetrics.registerFont(TTFont("Vera", os.path.join(_FONT_DIR, "Vera.ttf")))
pdfmetrics.registerFont(TTFont("VeraBd", os.path.join(_FONT_DIR, "VeraBd.ttf")))

SHY = "\u00ad"  # soft hyphen: a place where the line breaker may hyphenate a word

HEADER = "Westmarsh District Council \u2014 Cabinet 4 June 2025"
TOTAL_PAGES = 3

# The report. Blocks: ("title", text), ("meta", label, value), ("h", text),
# ("p", number, text), ("item", text), ("table", caption, rows), ("page",).
REPORT = [
    ("title", "Leisure Management Contract: Annual Review 2024/25"),
    ("meta", "Report to:", "Cabinet"),
    ("meta", "Date of meeting:", "4 June 2025"),
    ("meta", "Report of:", "Head of Communities and Leisure"),
    ("meta", "Cabinet Member:", "Cabinet Member for Health and Leisure"),
    ("meta", "Key decision:", "No"),
    ("meta", "Status:", "Public"),
    ("h", "1. Summary"),
    ("p", "1.1",
     "Fenmoor Leisure Trust Limited (\u201cFenmoor\u201d) runs the Council\u2019s three leisure "
     "centres, Marshgate Pool, Abbey Fields Sports Centre and Hollins Lane Leisure Centre, under "
     "a 15-year contract that began on 1 October 2019 and runs to 30 September 2034. The contract "
     "may be extended by up to five years."),
    ("p", "1.2",
     "This report reviews Fenmoor\u2019s performance and the finances of the contract in 2024/25, "
     "the fifth full financial year of the contract."),
    ("h", "2. Recommendations"),
    ("p", "2.1", "That Cabinet:"),
    ("item", "(a) notes Fenmoor\u2019s performance in 2024/25; and"),
    ("item", "(b) agrees to continue utilities support of up to \u00a3300,000 in 2025/26, to be "
             "reviewed at the next annual review."),
    ("h", "3. Background"),
    ("p", "3.1",
     f"Fenmoor, a charitable trust, was appointed after an open procure{SHY}ment exercise. The "
     "Council pays Fenmoor a contract sum, \u00a31.25m in 2024/25, which rises each April in line "
     "with inflation. Fenmoor keeps the income from its customers and shares any surplus with "
     "the Council."),
    ("p", "3.2",
     "Under the Local Government Act 1999 the Council has a duty to secure continuous "
     f"improve{SHY}ment in the way its functions are exercised, having regard to economy, "
     "efficiency and effectiveness. This annual review is one of the ways in which the Council "
     "meets that duty."),
    ("p", "3.3",
     "As the employer, Fenmoor holds the duties under the Health and Safety at Work etc. Act "
     "1974 at all three centres. The Council checks compliance through quarterly audits."),
    ("h", "4. Performance in 2024/25"),
    ("p", "4.1",
     "The centres recorded 1,084,000 visits, up 6.3% on 2023/24. Growth was strongest in "
     "swimming lessons and in the exercise referral scheme."),
    ("p", "4.2",
     "The contract sets a customer satisfaction target of 85%. Fenmoor achieved 88.4% in the "
     "annual survey carried out in February 2025, the third year in a row above target."),
    ("p", "4.3",
     f"Pool water quality and plant mainte{SHY}nance met the contract standard at every "
     "monthly inspection. One reportable incident was notified to the Health and Safety "
     "Executive (HSE) and was closed without further action."),
    ("p", "4.4",
     "In March 2024 the Council received \u00a3186,000 from Sport England\u2019s Swimming Pool "
     "Support Fund towards solar panels at Marshgate Pool, which have cut the pool\u2019s "
     "electricity use by 22 per cent."),
    ("p", "4.5",
     "Eastvale County Council funds the exercise referral scheme at \u00a352,500 a year under an "
     "agreement that runs from 1 April 2024 to 31 March 2027."),
    ("h", "5. Financial position"),
    ("p", "5.1", "Table 1 sets out the cost of the contract to the Council."),
    ("table", "Table 1: Leisure contract costs", [
        ["", "2023/24\n\u00a3000", "2024/25\n\u00a3000"],
        ["Contract sum", "1,210", "1,250"],
        ["Utilities support", "342", "298"],
        ["Income share received", "(64)", "(87)"],
        ["Net cost to the Council", "1,488", "1,461"],
    ]),
    ("p", "5.2",
     "Utilities support fell as energy prices eased. The net cost of \u00a31.461m was "
     "\u00a327,000 lower than in 2023/24."),
    ("p", "5.3",
     "The capital programme includes \u00a32.4m in 2026/27 to replace the roof of the Hollins "
     "Lane sports hall."),
    ("h", "6. Risks"),
    ("p", "6.1",
     "The main risk is the condition of Marshgate Pool, which opened in 1988. A condition "
     "survey in November 2024 estimated backlog maintenance of \u00a33.1m over the next ten "
     "years. Officers will bring options for the pool to Cabinet before the capital programme "
     "is next reviewed."),
    ("p", "6.2",
     "Energy prices remain uncertain. Each 10% rise in gas prices would add about \u00a335,000 "
     "a year to utilities support."),
    ("h", "7. Legal implications"),
    ("p", "7.1",
     "There are no new legal implications. The review supports the Council\u2019s duty under "
     "the 1999 Act."),
    ("h", "8. Contact"),
    ("meta", "Report author:", "Leisure Contracts Manager"),
    ("meta", "Background papers:", "None"),
]

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 72, PAGE_W - 72
TOP, BOTTOM = PAGE_H - 90, 80
BODY, BODY_SIZE, LEADING = "Vera", 12, 18
BOLD = "VeraBd"
NUM_W = 32  # hanging indent for paragraph numbers


def width(text: str, font: str = BODY, size: float = BODY_SIZE) -> float:
    return pdfmetrics.stringWidth(text.replace(SHY, ""), font, size)


def wrap(text: str, max_w: float, font: str = BODY, size: float = BODY_SIZE) -> list[str]:
    """Greedy line breaking; a word with soft hyphens may be split as 'procure-' / 'ment'."""
    lines: list[str] = []
    line = ""
    words = text.split(" ")
    i = 0
    while i < len(words):
        word = words[i]
        trial = word if not line else line + " " + word
        if width(trial, font, size) <= max_w:
            line = trial
            i += 1
            continue
        if SHY in word:
            parts = word.split(SHY)
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                cand = head if not line else line + " " + head
                if width(cand, font, size) <= max_w:
                    lines.append(cand)
                    words[i] = SHY.join(parts[k:])
                    line = ""
                    break
            else:
                lines.append(line)
                line = ""
            continue
        lines.append(line)
        line = ""
    if line:
        lines.append(line)
    return [ln.replace(SHY, "") for ln in lines]


class Writer:
    def __init__(self, path: str):
        self.c = canvas.Canvas(path, pagesize=A4, invariant=1)  # reproducible bytes
        self.c.setTitle("Leisure Management Contract: Annual Review 2024/25")
        self.c.setAuthor("Westmarsh District Council")
        self.page = 1
        self.y = TOP
        self.hyphenated: list[str] = []
        self._furniture()

    def _furniture(self) -> None:
        c = self.c
        c.setFont(BODY, 9)
        c.drawRightString(RIGHT, PAGE_H - 50, HEADER)
        c.setLineWidth(0.5)
        c.line(LEFT, PAGE_H - 56, RIGHT, PAGE_H - 56)
        c.setFont(BODY, 9)
        c.drawCentredString(PAGE_W / 2, 45, f"Page {self.page} of {TOTAL_PAGES}")

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = TOP
        self._furniture()

    def need(self, h: float) -> None:
        if self.y - h < BOTTOM:
            self.new_page()

    def text_lines(self, lines: list[str], x: float, font: str = BODY, size: float = BODY_SIZE) -> None:
        for ln in lines:
            self.need(LEADING)
            self.c.setFont(font, size)
            self.c.drawString(x, self.y, ln)
            if ln.endswith("-") and not ln.endswith(" -"):
                self.hyphenated.append(ln.rsplit(" ", 1)[-1])
            self.y -= LEADING

    def title(self, text: str) -> None:
        self.c.setFont(BOLD, 15)
        self.c.drawString(LEFT, self.y, text)
        self.y -= 28

    def meta(self, label: str, value: str) -> None:
        self.need(LEADING)
        self.c.setFont(BOLD, BODY_SIZE)
        self.c.drawString(LEFT, self.y, label)
        self.c.setFont(BODY, BODY_SIZE)
        self.c.drawString(LEFT + 140, self.y, value)
        self.y -= LEADING

    def heading(self, text: str) -> None:
        self.need(LEADING * 3)
        self.y -= 8
        self.c.setFont(BOLD, 12)
        self.c.drawString(LEFT, self.y, text)
        self.y -= LEADING + 2

    def para(self, number: str, text: str) -> None:
        lines = wrap(text, RIGHT - LEFT - NUM_W)
        self.need(LEADING * min(2, len(lines)))
        self.c.setFont(BODY, BODY_SIZE)
        self.c.drawString(LEFT, self.y, number)
        self.text_lines(lines, LEFT + NUM_W)
        self.y -= 5

    def item(self, text: str) -> None:
        self.text_lines(wrap(text, RIGHT - LEFT - NUM_W - 14), LEFT + NUM_W + 14)
        self.y -= 3

    def table(self, caption: str, rows: list[list[str]]) -> None:
        t = Table(rows, colWidths=[220, 90, 90])
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), BODY, BODY_SIZE),
            ("FONT", (0, 0), (-1, 0), BOLD, BODY_SIZE),
            ("FONT", (0, -1), (-1, -1), BOLD, BODY_SIZE),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.91, 0.93)),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        _, h = t.wrapOn(self.c, RIGHT - LEFT, self.y - BOTTOM)
        self.need(h + 30)
        self.y -= 4
        self.c.setFont(BOLD, BODY_SIZE)
        self.c.drawString(LEFT + NUM_W, self.y, caption)
        self.y -= 8
        t.drawOn(self.c, LEFT + NUM_W, self.y - h)
        self.y -= h + 18

    def save(self) -> None:
        self.c.save()


def build(path: str = OUT) -> Writer:
    w = Writer(path)
    for block in REPORT:
        kind = block[0]
        if kind == "title":
            w.title(block[1])
        elif kind == "meta":
            w.meta(block[1], block[2])
        elif kind == "h":
            w.heading(block[1])
        elif kind == "p":
            w.para(block[1], block[2])
        elif kind == "item":
            w.item(block[1])
        elif kind == "table":
            w.table(block[1], block[2])
        elif kind == "page":
            w.new_page()
        else:
            raise ValueError(kind)
    if w.page != TOTAL_PAGES:
        raise SystemExit(f"layout gave {w.page} pages, expected {TOTAL_PAGES}")
    if not w.hyphenated:
        raise SystemExit("no word was hyphenated across a line break; adjust the text")
    w.save()
    return w


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    writer = build(out)
    print(f"wrote {out}: {writer.page} pages; hyphenated at line ends: {writer.hyphenated}")
