"""The workbook contract, declared once: every sheet, column and parameter of the input.

The reader (generator.workbook.reading), `rmo init` (generator.workbook.blank: headers, widths,
drop-downs, the «Инструкция» sheet), `rmo new-year` (generator.workbook.newyear) and
docs/workbook.md (`python -m generator.workbook.contract_docs > docs/workbook.md`)
are all derived from this module.
Adding a column means: one `Column` here, and the code that uses its value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import (
    EventKind,
    Fulfilment,
    Level,
    MeetingForm,
    MeetingStatus,
    MemberStatus,
    PlanSection,
    Result,
    Sex,
    Summary,
    TalkKind,
)
from ..russian.lists import (
    EVENT_KIND_WORDS,
    FORM_ALSO,
    FULFILMENT_WORDS,
    GIVEN_ALSO,
    LEVEL_WORDS,
    MEETING_STATUS_WORDS,
    MEMBER_STATUS_ALSO,
    PLAN_SECTION_ALSO,
    REMOTE_PLACE,
    RESULT_ALSO,
    SEX_ALSO,
    SUMMARY_ALSO,
    Given,
    also,
)
from ..russian.talks import TALK_WORDS
from ..russian.text import normalize_key
from .cells import (
    CellType,
    Choice,
    Date,
    MarkType,
    MeetingRef,
    Number,
    PersonRef,
    SchoolYearType,
    Text,
    YesNo,
)

if TYPE_CHECKING:
    from .cells import Context
    from .collect import Row


class Layout(enum.Enum):
    TABLE = "таблица"  # header in row 1, one record per row
    PARAMETERS = "параметры"  # «Параметр» — «Значение»
    ATTENDANCE = "посещаемость"  # «ФИО», then one column per meeting


@dataclass(frozen=True)
class Column:
    name: str
    type: CellType
    required: bool = False  # the header must be there and the value filled in
    width: int = 12
    cleared: bool = False  # emptied by `rmo new-year`
    help: str = ""
    aliases: tuple[str, ...] = ()  # other headers read as this one
    what: str = ""  # how a message names the expected value, when not the type's words

    @property
    def key(self) -> str:
        return normalize_key(self.name)

    def read(self, ctx: Context, row: Row, required: bool | None = None) -> Any:
        """This column's value in the row, through its type."""
        return self.type.read(ctx, row, self.name,
                              required=self.required if required is None else required,
                              what=self.what)

    def read_with_tail(self, ctx: Context, row: Row) -> tuple[Any, str]:
        """A closed list's value and the comment or reason typed after it."""
        assert isinstance(self.type, Choice)
        return self.type.read_with_tail(ctx, row, self.name, required=self.required,
                                        what=self.what)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: CellType
    required: bool = False
    help: str = ""
    example: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    layout: Layout = Layout.TABLE
    help: str = ""
    emptied: bool = False  # every data row removed by `rmo new-year`
    missing: str = ""  # what the documents say when an optional sheet is missing

    @property
    def key(self) -> str:
        return normalize_key(self.name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


# --- closed lists and the other spellings accepted for their values -----------------------

# The words of each list are in generator.russian.lists, with the forms documents print.
STATUS = Choice(MemberStatus, MEMBER_STATUS_ALSO)
SEX = Choice(Sex, SEX_ALSO, allowed=f"«{Sex.FEMALE.value}», «{Sex.MALE.value}» или пусто (пол "
                                    "определится по ФИО).")
SECTION = Choice(PlanSection, PLAN_SECTION_ALSO)
FULFILMENT = Choice(
    Fulfilment, also(FULFILMENT_WORDS), tail="prefix",
    allowed=", ".join(f"«{f.value}»" for f in Fulfilment) + " (после них можно комментарий "
                                                           "через двоеточие).",
    dropdown_style="warning",
)
MEETING_STATUS = Choice(
    MeetingStatus, also(MEETING_STATUS_WORDS), tail="reason", wrong="такого статуса нет",
    allowed=f"пусто, «{MeetingStatus.CANCELLED.value}» или «{MeetingStatus.MOVED.value}», "
            "причина — после двоеточия.",
    dropdown_style="warning",
)
FORM = Choice(MeetingForm, FORM_ALSO)
TALK_KIND = Choice(TalkKind, also(TALK_WORDS))
EVENT_KIND = Choice(EventKind, also(EVENT_KIND_WORDS))
LEVEL = Choice(Level, also(LEVEL_WORDS))
RESULT = Choice(Result, RESULT_ALSO)
SUMMARY = Choice(Summary, SUMMARY_ALSO)

GIVEN = YesNo(Given, GIVEN_ALSO,
              allowed="пусто или «да» (пункт проведён), «нет» (не проведён).")

PERSON = PersonRef()
SPEAKERS = PersonRef(what="ФИО докладчиков", many=True, dropdown_style="warning")

# --- the sheets ------------------------------------------------------------------------------

# Every parameter of «Объединение» by object.
TITLE = Parameter("Название", Text(), True, "краткое название объединения",
                  "РМО школьных библиотекарей")
SCHOOL_YEAR = Parameter("Учебный год", SchoolYearType(), True, "два соседних года",
                        "2025/2026")
THEME = Parameter("Методическая тема", Text(), True, "тема года",
                  "Библиотеки как центры внеклассной работы и творческого развития.")
HEAD = Parameter("Руководитель", PERSON, True, "ФИО с листа «Участники»", "Леонтьева Н.А.")
SECRETARY = Parameter("Секретарь", PERSON, False,
                      "ФИО с листа «Участники»; подписывает протоколы", "")
FULL_NAME = Parameter("Полное название", Text(), False, "для шапки документов",
                      "Районное методическое объединение школьных библиотекарей")
ORGANISATION = Parameter("Организация", Text(), False,
                         "учреждение, при котором работает объединение", "МАУ «БМЦ»")
PLACE = Parameter("Место проведения", Text(), False, "место заседаний по умолчанию", "МАУ «БМЦ»")
TOWN = Parameter("Населённый пункт", Text(one_line=True), False,
                 "где составлены документы", "г. Белоярский")
SIGNER = Parameter("Подписывает справки", Text(one_line=True), False,
                   "кто подписывает справки о выступлении; справку руководителя без этой строки "
                   "подписать некому", "Директор МАУ «БМЦ» Е.А. Иванова")
GOAL = Parameter("Цель", Text(), False, "цель работы объединения на год; для паспорта РМО",
                 "Совершенствование профессиональной компетентности школьных библиотекарей.")

PARAMETERS: tuple[Parameter, ...] = (TITLE, SCHOOL_YEAR, THEME, HEAD, SECRETARY, FULL_NAME,
                                     ORGANISATION, PLACE, TOWN, SIGNER, GOAL)

# Every column by object, named after its sheet: the code refers to these, never to a
# header typed again (a typo then fails in mypy, not in a user's workbook).

ASSOCIATION_PARAMETER = Column("Параметр", Text(), True, 24,
                               help="название параметра, как в списке ниже")
ASSOCIATION_VALUE = Column("Значение", Text(), False, 90, help="значение параметра")

PLAN_SECTION = Column("Раздел", SECTION, True, 24,
                      help="Задачи, Направления работы, Формы работы или Ожидаемые результаты")
PLAN_TEXT = Column("Текст", Text(), True, 90, help="один пункт плана, без номера и маркера")
PLAN_FULFILMENT = Column("Выполнение", FULFILMENT, False, 30, cleared=True,
                         help="только для задач, в мае: выполнена, частично, не выполнена; "
                              "комментарий — после двоеточия")

PEOPLE_NAME = Column("ФИО", Text(what="ФИО", words=True, one_line=True), True, 30,
                     help="«Мазеева Р.В.» или полностью; по этому ФИО человека ищут на других "
                          "листах", aliases=("Ф.И.О.", "Фамилия И.О."))
PEOPLE_POSITION = Column("Должность", Text(words=True, one_line=True), True, 26,
                         help="педагог-библиотекарь, библиотекарь, методист…",
                         what="текст (должность)")
PEOPLE_INSTITUTION = Column("Учреждение", Text(one_line=True), True, 34,
                            help="СОШ № 3, МАУ «БМЦ»…", what="текст (учреждение)")
PEOPLE_STATUS = Column("Статус", STATUS, False, 16,
                       help="член РМО (по умолчанию) или приглашённый: гостей не считают "
                            "отсутствующими")
PEOPLE_SEX = Column("Пол", SEX, False, 8,
                    help="ж или м — только если его не понять по фамилии (Бойко, Ким): для "
                         "справок о выступлении")

CALENDAR_SECTION = Column("Раздел", Text(), False, 40,
                          help="заголовок над группой строк плана")
CALENDAR_PERIOD = Column("Срок", Text(), True, 26, help="В течение года, май, Сентябрь – октябрь",
                         what="срок (например, «В течение года»)")
CALENDAR_CONTENT = Column("Содержание", Text(), True, 60,
                          help="пункт работы; несколько пунктов с одним сроком — в одной "
                               "ячейке, каждый с новой строки (Alt+Enter)",
                          what="текст (содержание работы)")
CALENDAR_RESPONSIBLE = Column("Ответственный", Text(), True, 30,
                              help="Руководитель МО, РМО библиотекарей; для нескольких "
                                   "пунктов — так же, по строке на пункт",
                              what="текст (ответственный)")
CALENDAR_MEETING = Column("Заседание", MeetingRef(), False, 12,
                          help="здесь в плане стоит блок заседания с этим номером, взятый с листов "
                               "«Заседания» и «Повестка» (тогда остальное можно не заполнять)")

MEETINGS_NUMBER = Column("№", MeetingRef(), True, 6, help="1, 2, 3…, без повторов",
                         aliases=("Номер", "№ заседания"))
MEETINGS_PERIOD = Column("Срок", Text(), True, 30,
                         help="как в плане: «Сентябрь – октябрь – ноябрь»", what="срок из плана")
MEETINGS_DATE = Column("Дата", Date(), False, 14, cleared=True,
                       help="когда заседание прошло (15.10.2025 или 15 октября 2025); пусто — "
                            "ещё не прошло, протокол не делается")
MEETINGS_PLACE = Column("Место", Text(), False, 36,
                        help="где; по умолчанию — «Место проведения» с листа «Объединение»")
MEETINGS_STATUS = Column("Статус", MEETING_STATUS, False, 30, cleared=True,
                         help="пусто, отменено или перенесено; причина — после двоеточия")
MEETINGS_FORM = Column("Форма", FORM, False, 16,
                       help="очно или дистанционно; по умолчанию дистанционно, если Место "
                            f"начинается с «{REMOTE_PLACE[0]}» или «{REMOTE_PLACE[1]}»")

AGENDA_MEETING = Column("Заседание", MeetingRef(), True, 12,
                        help="заседание, к которому относится пункт: 1, 2, 3…")
AGENDA_CONTENT = Column("Содержание", Text(), True, 60,
                        help="пункт повестки, как в плане. Пункт или решение об утверждении "
                             "плана («Утверждение плана работы …», «Утвердить план …») "
                             "проведённого заседания ставит над планом гриф «УТВЕРЖДЁН "
                             "протоколом заседания РМО от … № …»",
                        what="текст (пункт повестки)")
AGENDA_SPEAKERS = Column("Докладчики", SPEAKERS, False, 30, help="кто выступает с пунктом")
AGENDA_RESPONSIBLE = Column("Ответственный", Text(), False, 26,
                            help="текст вместо докладчиков: «Руководитель МО»")
AGENDA_HEARD = Column("Слушали", Text(), False, 40, help="кратко, о чём говорили")
AGENDA_DECIDED = Column("Решили", Text(), False, 50, help="решения, каждое с новой строки")
AGENDA_GIVEN = Column("Проведено", GIVEN, False, 12, help="«нет», если пункт не состоялся")
AGENDA_KIND = Column("Вид", TALK_KIND, False, 18,
                     help="выступление (по умолчанию), сообщение, доклад, мастер-класс, "
                          "презентация, открытое занятие, консультация, обсуждение (без "
                          "справки); если пусто — по началу текста: «Мастер-класс «…»», "
                          "«Сообщение «…»», «Методическая консультация по …»")
AGENDA_VOTE = Column("Голосование", Text(), False, 24,
                     help="как принято решение: «единогласно» или «за – 12, против – 0»")

ATTENDANCE_NAME = Column("ФИО", PersonRef(dropdown_style="stop"), True, 30,
                         help="чьи отметки в строке", aliases=("Ф.И.О.",))

PARTICIPATION_NAME = Column("ФИО", PersonRef(dropdown_style="stop"), True, 26,
                            help="кто участвовал")
PARTICIPATION_EVENT = Column("Мероприятие", Text(), True, 50,
                             help="название конкурса, конференции, курсов",
                             what="текст (название мероприятия)")
PARTICIPATION_KIND = Column("Вид", EVENT_KIND, True, 26, help="вид мероприятия")
PARTICIPATION_LEVEL = Column("Уровень", LEVEL, True, 18, help="уровень мероприятия")
PARTICIPATION_RESULT = Column("Результат", RESULT, False, 16,
                              help="участник, призёр, победитель…")
PARTICIPATION_DATE = Column("Дата", Text(), False, 14, help="дата или текст")
PARTICIPATION_HOURS = Column("Часы", Number(what="число часов, например 72"), False, 8,
                             help="для курсов")

CONCLUSIONS_SECTION = Column("Раздел", SUMMARY, True, 26,
                             help="Выводы, Проблемы, Задачи на следующий год")
CONCLUSIONS_TEXT = Column("Текст", Text(), True, 100,
                          help="слова руководителя, по пункту в строке")

# Each sheet by object, as the columns. A sheet's help says only what is about the sheet as
# a whole (what one row is, how rows relate): each column's detail is its own help, said once.

ASSOCIATION = Sheet(
    "Объединение", (ASSOCIATION_PARAMETER, ASSOCIATION_VALUE), layout=Layout.PARAMETERS,
    help="Одна строка — один параметр объединения: его название и значение.")
PLAN_SECTIONS = Sheet(
    "Разделы плана", (PLAN_SECTION, PLAN_TEXT, PLAN_FULFILMENT),
    help="Одна строка — один пункт плана; пункты раздела идут в плане в том порядке, в каком "
         "стоят здесь.")
PEOPLE = Sheet(
    "Участники", (PEOPLE_NAME, PEOPLE_POSITION, PEOPLE_INSTITUTION, PEOPLE_STATUS, PEOPLE_SEX),
    help="Одна строка — один человек: все члены РМО и приглашённые.")
CALENDAR = Sheet(
    "Календарный план", (CALENDAR_SECTION, CALENDAR_PERIOD, CALENDAR_CONTENT,
                         CALENDAR_RESPONSIBLE, CALENDAR_MEETING),
    help="Одна строка — один пункт плана работы, кроме заседаний, в порядке плана; заседание "
         "встаёт в план строкой с его номером.")
MEETINGS = Sheet(
    "Заседания", (MEETINGS_NUMBER, MEETINGS_PERIOD, MEETINGS_DATE, MEETINGS_PLACE,
                  MEETINGS_STATUS, MEETINGS_FORM),
    help="Одна строка — одно заседание; по его номеру на него ссылаются «Повестка», "
         "«Посещаемость» и «Календарный план».")
AGENDA = Sheet(
    "Повестка", (AGENDA_MEETING, AGENDA_CONTENT, AGENDA_SPEAKERS, AGENDA_RESPONSIBLE,
                 AGENDA_HEARD, AGENDA_DECIDED, AGENDA_GIVEN, AGENDA_KIND, AGENDA_VOTE),
    emptied=True,
    help="Одна строка — один пункт повестки; пункты всех заседаний по порядку, заседание — по "
         "его номеру.")
ATTENDANCE = Sheet(
    "Посещаемость", (
        ATTENDANCE_NAME,
        Column("1", MarkType(), False, 10, cleared=True, help="отметка о заседании № 1"),
        Column("2", MarkType(), False, 10, cleared=True, help="отметка о заседании № 2"),
        Column("3", MarkType(), False, 10, cleared=True, help="отметка о заседании № 3"),
    ), layout=Layout.ATTENDANCE,
    help="Одна строка — один человек, один столбец — одно заседание (в заголовке — его номер).")
PARTICIPATION = Sheet(
    "Участие", (PARTICIPATION_NAME, PARTICIPATION_EVENT, PARTICIPATION_KIND,
                PARTICIPATION_LEVEL, PARTICIPATION_RESULT, PARTICIPATION_DATE,
                PARTICIPATION_HOURS),
    required=False, emptied=True, missing="сведения об участии в мероприятиях не внесены",
    help="Одна строка — одно участие одного человека: конкурсы, конференции, семинары, курсы, "
         "публикации членов РМО.")
CONCLUSIONS = Sheet(
    "Итоги", (CONCLUSIONS_SECTION, CONCLUSIONS_TEXT), required=False, emptied=True,
    missing="итоги года не внесены",
    help="Одна строка — один пункт итогов года: слова руководителя для анализа работы в мае.")

SHEETS: tuple[Sheet, ...] = (ASSOCIATION, PLAN_SECTIONS, PEOPLE, CALENDAR, MEETINGS, AGENDA,
                             ATTENDANCE, PARTICIPATION, CONCLUSIONS)

INSTRUCTION_SHEET = "Инструкция"
INTRODUCTION = (
    "Одна книга — один учебный год. Программа rmo делает из неё план работы, протоколы "
    "заседаний и анализ работы за год. Названия листов и столбцов менять нельзя (программа "
    "скажет, если не узнает название); порядок столбцов — любой; свои столбцы и листы можно "
    "добавлять, программа их не читает и предупреждает об этом. Пустые строки пропускаются."
)

SHEET_ORDER = tuple(s.name for s in SHEETS)
