"""The sheet's columns, their English and Chinese headers, and a template to
download with one example row of each type (rules: see spreadsheet.py)."""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, pgettext_lazy

from tabular.writing import csv_bytes

OPTION_COUNT = 8
OPTIONS = [f"option_{number}" for number in range(1, OPTION_COUNT + 1)]


def _option_aliases(number: int) -> set[str]:
    return {
        f"option_{number}",
        f"option {number}",
        f"option{number}",
        f"選項{number}",
        f"选项{number}",
        f"選項 {number}",
        f"选项 {number}",
    }


COLUMN_ALIASES: dict[str, set[str]] = {
    "type": {"type", "qtype", "question type", "題型", "题型", "類型", "类型"},
    "category": {"category", "分類", "分类", "類別", "类别"},
    "topic": {"topic", "主題", "主题", "知識點", "知识点"},
    "difficulty": {"difficulty", "難度", "难度"},
    "name": {"name", "title", "名稱", "名称", "標題", "标题"},
    "stem": {"stem", "question", "question text", "題幹", "题干", "題目", "题目"},
    **{name: _option_aliases(number) for number, name in enumerate(OPTIONS, start=1)},
    "correct": {"correct", "正確選項", "正确选项"},
    "weights": {"weights", "weight", "權重", "权重"},
    "answer": {"answer", "答案"},
    "tolerance": {"tolerance", "容差", "誤差", "误差"},
    "tolerance_kind": {
        "tolerance_kind",
        "tolerance kind",
        "容差類型",
        "容差类型",
        "誤差類型",
        "误差类型",
    },
    "unit": {"unit", "單位", "单位"},
    "back": {"back", "背面", "卡背"},
    "feedback": {"feedback", "general feedback", "general_feedback", "解析", "回饋", "反馈"},
}
REQUIRED_COLUMNS = {"type", "stem"}


@dataclass(frozen=True)
class TemplateColumn:
    name: str  # canonical, as in COLUMN_ALIASES
    header: str  # the header the template writes
    label: str  # what messages call the column (translated)


TEMPLATE_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("type", "題型", pgettext_lazy("question", "type")),
    TemplateColumn("category", "分類", gettext_lazy("category")),
    TemplateColumn("topic", "主題", gettext_lazy("topic")),
    TemplateColumn("difficulty", "難度", gettext_lazy("difficulty")),
    TemplateColumn("name", "名稱", gettext_lazy("name")),
    TemplateColumn("stem", "題幹", gettext_lazy("stem")),
    *(
        TemplateColumn(name, f"選項{number}", format_lazy("{} {}", gettext_lazy("option"), number))
        for number, name in enumerate(OPTIONS, start=1)
    ),
    TemplateColumn("correct", "正確選項", gettext_lazy("correct")),
    TemplateColumn("weights", "權重", gettext_lazy("weights")),
    TemplateColumn("answer", "答案", gettext_lazy("answer")),
    TemplateColumn("tolerance", "容差", gettext_lazy("tolerance")),
    TemplateColumn("tolerance_kind", "容差類型", gettext_lazy("tolerance kind")),
    TemplateColumn("unit", "單位", gettext_lazy("unit")),
    TemplateColumn("back", "背面", gettext_lazy("back")),
    TemplateColumn("feedback", "解析", gettext_lazy("feedback")),
)
LABELS = {column.name: column.label for column in TEMPLATE_COLUMNS}

_EXAMPLES = (
    {
        "type": "單選",
        "category": "產品/存款",
        "topic": "存款",
        "difficulty": "2",
        "stem": "活期存款的特點是什麼？",
        "option_1": "隨時支取",
        "option_2": "利率最高",
        "option_3": "不能轉帳",
        "correct": "1",
        "feedback": "活期存款可隨時支取，利率較低。",
    },
    {
        "type": "多選",
        "category": "產品/理財",
        "topic": "理財",
        "stem": "下列哪些屬於理財產品的風險提示內容？",
        "option_1": "風險等級",
        "option_2": "最差情形",
        "option_3": "客戶經理的業績",
        "correct": "1;2",
        "weights": "50;50",
    },
    {
        "type": "判斷",
        "category": "合規",
        "stem": "客戶經理可以代客戶保管網銀密碼。",
        "answer": "錯",
    },
    {
        "type": "簡答",
        "category": "產品/存款",
        "stem": "存款保險的最高償付限額是多少萬元人民幣？",
        "option_1": "50",
        "option_2": "五十",
    },
    {
        "type": "數值",
        "category": "產品/存款",
        "stem": "一年期定期存款的年利率是多少？",
        "answer": "1.5",
        "tolerance": "0.05",
        "tolerance_kind": "絕對",
        "unit": "%",
    },
    {
        "type": "排序",
        "category": "流程",
        "stem": "把開戶的步驟排好順序。",
        "option_1": "核實身分",
        "option_2": "風險評估",
        "option_3": "簽署協議",
    },
    {
        "type": "配對",
        "category": "產品",
        "stem": "把產品和它的風險等級配對。",
        "option_1": "國債 => 低風險",
        "option_2": "股票型基金 => 高風險",
        "option_3": "=> 中風險",
    },
    {
        "type": "記憶卡",
        "category": "一口清/轄區",
        "stem": "本支行轄區有幾個社區？",
        "back": "12 個",
    },
)


def template_rows() -> tuple[list[str], list[list[str]]]:
    """The template's header and one example row of each type, in Chinese."""
    header = [column.header for column in TEMPLATE_COLUMNS]
    rows = [[example.get(column.name, "") for column in TEMPLATE_COLUMNS] for example in _EXAMPLES]
    return header, rows


def template_csv() -> str:
    """The template as CSV text, written by the shared writer. Served as a
    download it wants a UTF-8 BOM in front, or Excel guesses the encoding."""
    header, rows = template_rows()
    return csv_bytes(rows, header=header, bom=False).decode("utf-8")
