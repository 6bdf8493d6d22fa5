"""Tables whose columns a template's {%tc for %} loop makes: widths that Word and LibreOffice
agree on.

docxtpl repeats a cell once per item of a {%tc for %} loop (the summary's participation
levels: only the levels that have data). When there are fewer columns than the template drew,
docxtpl drops grid columns from the end of the table and shares their width equally among
all the rest, while each cell keeps the width the template gave it: LibreOffice then draws
the grid, Word the cells, and the columns move under their headers.

Here the grid is made again from the cells of the fullest row, the table keeps its width, and
the width left over goes to the columns under the header that a loop merged ({% hm %}, marked
while the template is prepared), or to the widest column when there is none.
"""

from __future__ import annotations

import re
from functools import lru_cache

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARK = "rmo:loop-header"  # an XML comment in the cell {% hm %} spans over the loop's columns
_SPAN = '<w:gridSpan w:val="{{ loop.length }}"/>'
_GRIDS = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.DOTALL)


@lru_cache(maxsize=1)
def template_class():
    """DocxTemplate with the marking and the fixing above (docxtpl imported when needed)."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def patch_xml(self, src_xml):
            return super().patch_xml(src_xml).replace(_SPAN, f"{_SPAN}<!--{MARK}-->")

        def fix_tables(self, xml):
            # Each table's grid as the template drew it, in document order (as iter goes).
            drawn = [grid.count("<w:gridCol") for grid in _GRIDS.findall(xml)]
            tree = super().fix_tables(xml)
            for table, columns in zip(tree.iter(f"{W}tbl"), drawn):
                # Refit where a loop ran: its header is marked, or columns went (no level).
                if len(table.findall(f"{W}tblGrid/{W}gridCol")) != columns or \
                        any(c.text == MARK for c in table.iter(_comment())):
                    refit(table)
            for comment in [c for c in tree.iter(_comment()) if c.text == MARK]:
                comment.getparent().remove(comment)
            return tree

    return Template


def _comment():
    """lxml's tag of comments (imported here: python-docx brings lxml, without type stubs)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree.Comment


def refit(table) -> None:
    """Make the grid of a table that lost columns to a loop from its cells (see the module)."""
    grid = table.find(f"{W}tblGrid")
    width = table.find(f"{W}tblPr/{W}tblW")
    if grid is None or width is None or width.get(f"{W}type") != "dxa":
        return
    rows = [tr.findall(f"{W}tc") for tr in table.iter(f"{W}tr")]
    fullest = max(rows, key=len)
    if any(_span(tc) > 1 for tc in fullest):
        return
    columns = [_width(tc) for tc in fullest]
    loop = _loop_columns(rows)
    free = int(width.get(f"{W}w")) - sum(columns)
    targets = loop or [max(range(len(columns)), key=columns.__getitem__)]
    for i in targets:
        columns[i] += free // len(targets)
    for col in list(grid):
        grid.remove(col)
    for value in columns:
        col = grid.makeelement(f"{W}gridCol", {f"{W}w": str(value)})
        grid.append(col)
    for cells in rows:
        start = 0
        for tc in cells:
            span = _span(tc)
            tcw = tc.find(f"{W}tcPr/{W}tcW")
            if tcw is not None:
                tcw.set(f"{W}w", str(sum(columns[start:start + span])))
                tcw.set(f"{W}type", "dxa")
                merged = tc.find(f"{W}tcPr/{W}gridSpan")
                if merged is not None:
                    # docxtpl puts it last in tcPr; Word wants it right after tcW.
                    tcw.addnext(merged)
            start += span


def _loop_columns(rows) -> list[int]:
    """The grid columns under the marked header cell."""
    for cells in rows:
        start = 0
        for tc in cells:
            if any(c.text == MARK for c in tc.iter(_comment())):
                return list(range(start, start + _span(tc)))
            start += _span(tc)
    return []


def _span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(f"{W}val")) if span is not None else 1


def _width(tc) -> int:
    tcw = tc.find(f"{W}tcPr/{W}tcW")
    return int(tcw.get(f"{W}w")) if tcw is not None and tcw.get(f"{W}w", "").isdigit() else 0
