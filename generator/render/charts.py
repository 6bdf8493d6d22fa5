"""Native Word bar charts: editable in Word (with their data), drawn by LibreOffice.

A chart is DrawingML XML in its own part of the .docx, with a small embedded workbook that
Word opens on «Изменить данные». python-pptx can write such XML, but importing it costs about
0.2 s on every build and pulls in Pillow and XlsxWriter; one bar chart is a page of XML, and
the embedded workbook is written with openpyxl, which rmo already uses.
"""

from __future__ import annotations

from html import escape  # xml.sax.saxutils drags in urllib and email: 40 ms

from ..documents.chart import BarChart

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_CM = 360000
SHEET = "Лист1"


class ChartRun:
    """Inserted by docxtpl where the template says {{ chart }}: adds the chart's parts to the
    document being rendered and returns the run that shows it (as docxtpl's InlineImage)."""

    def __init__(self, template, chart: BarChart, number: int):
        self.template, self.chart, self.number = template, chart, number

    def __html__(self) -> str:
        part = self.template.current_rendering_part
        r_id = add_chart(part, self.chart, self.number)
        return "</w:t></w:r>" + inline_run(r_id, self.chart, self.number) + \
            '<w:r><w:t xml:space="preserve">'

    __str__ = __html__


def add_chart(document_part, chart: BarChart, number: int) -> str:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document_part.package
    workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Sheet{number}.xlsx"), XLSX_CT,
                    chart_workbook(chart), package)
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART_CT, b"", package)
    data_id = chart_part.relate_to(workbook, RT_PACKAGE)
    chart_part._blob = chart_xml(chart, data_id).encode("utf-8")
    return document_part.relate_to(chart_part, RT_CHART)


def inline_run(r_id: str, chart: BarChart, number: int) -> str:
    cx = int(chart.width_cm * EMU_PER_CM)
    cy = int(chart.height_cm * EMU_PER_CM)
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{NS_WP}" distT="0" distB="0" distL="0" '
        f'distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + number}" name="Диаграмма {number}" '
        f'descr="{escape(chart.title)}"/>'
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{NS_A}"><a:graphicData uri="{NS_C}">'
        f'<c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" r:id="{r_id}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _text_props(size: int, bold: bool = False) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{b}>'
        '<a:latin typeface="Times New Roman"/><a:cs typeface="Times New Roman"/>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="ru-RU"/></a:p></c:txPr>'
    )


def chart_xml(chart: BarChart, data_id: str) -> str:
    n = len(chart.categories)
    last = n + 1
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>'
                   for i, c in enumerate(chart.categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(chart.values))
    scaling = '<c:orientation val="minMax"/>'
    # Counts are whole: no 0.5 steps on the axis of a small count.
    unit = '<c:majorUnit val="1"/>' if chart.maximum is None and max(chart.values,
                                                                     default=0) <= 10 else ""
    if chart.maximum is not None:
        scaling += f'<c:max val="{chart.maximum}"/><c:min val="0"/>'
    else:
        scaling += '<c:min val="0"/>'
    # Lying bars: categories down the left from the top (reversed order), values along the
    # bottom (the value axis crosses at the last category, which is now the lowest).
    direction, cat_pos, val_pos = ("bar", "l", "b") if chart.horizontal else ("col", "b", "l")
    cat_order = "maxMin" if chart.horizontal else "minMax"
    val_crosses = "max" if chart.horizontal else "autoZero"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
        '<c:date1904 val="0"/><c:lang val="ru-RU"/><c:roundedCorners val="0"/>'
        '<c:chart>'
        '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1">'
        '<a:latin typeface="Times New Roman"/></a:defRPr></a:pPr>'
        f'<a:r><a:rPr lang="ru-RU" sz="1200" b="1"><a:latin typeface="Times New Roman"/></a:rPr>'
        f'<a:t>{escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/>'
        '<c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/>'
        f'<c:tx><c:strRef><c:f>{SHEET}!$B$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{escape(chart.series)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        '<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props(1100, bold=True)}'
        '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
        '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
        '<c:showBubbleSize val="0"/></c:dLbls>'
        f'<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${last}</c:f><c:strCache>'
        f'<c:ptCount val="{n}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>{SHEET}!$B$2:$B${last}</c:f><c:numCache>'
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{vals}</c:numCache>'
        '</c:numRef></c:val></c:ser>'
        '<c:gapWidth val="80"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling>'
        f'<c:orientation val="{cat_order}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{cat_pos}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text_props(1100)}'
        '<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="50010002"/><c:scaling>{scaling}</c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{val_pos}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill>'
        '<a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text_props(1000)}'
        f'<c:crossAx val="50010001"/><c:crosses val="{val_crosses}"/>'
        f'<c:crossBetween val="between"/>{unit}</c:valAx>'
        '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props(1100)}'
        f'<c:externalData r:id="{data_id}"><c:autoUpdate val="0"/></c:externalData>'
        '</c:chartSpace>'
    )


def chart_workbook(chart: BarChart) -> bytes:
    """The chart's data as a workbook Word opens on «Изменить данные»; same data, same bytes."""
    from openpyxl import Workbook

    from ..ooxml import xlsx_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["", chart.series])
    for category, value in zip(chart.categories, chart.values):
        sheet.append([category, value])
    sheet.column_dimensions["A"].width = 30
    return xlsx_bytes(book, fixed=True)

