"""Demo content of the courses app: the course catalogue with a case-study
course on winning enterprise customers (two lessons, three cases) and a
product course on deposits that ends with the quizzes app's drill; beside the
catalogue, a course of four risk case reviews written by the risk department.

Every client is anonymised (某精密製造企業, A 公司...), as a bank's own trainers
would write them. Pages are published with a revision, as an editor would.

build() adds what is missing and leaves what exists alone (pages are found by
their slug under their parent, risk factors by name), so running it again
changes nothing; clear() removes exactly the pages and risk factors build()
adds, and the catalogue and the risk review course once nothing else is left
under them. Nothing here needs a request.
"""

import logging
from contextlib import contextmanager
from datetime import date

from django.db.models import Q
from wagtail.models import Page, Site

from people.models import Person
from quizzes.models import Drill, Topic

from .authoring import authoring_unused_remove
from .models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
    RiskCaseReviewPage,
    RiskFactor,
    RiskReviewCoursePage,
)
from .models.pages import CaseOutcome, CompletionRule, CourseFormat
from .models.risk import Confidentiality, LaterStatus, RiskDecision

LOGINS: list = []  # the people app prints the demo logins

CATALOGUE_SLUG = "courses"
RISK_COURSE_SLUG = "risk-reviews"
DEPOSIT_DRILL = "存款產品一口清"  # built by quizzes.demo
DEPOSIT_TOPIC = "demo-deposits"  # likewise

CATALOGUE = {
    "title": "課程目錄",
    "slug": CATALOGUE_SLUG,
    "intro": (
        "練兵的課程都在這裡：**案例教學**講真實（已脫敏）的營銷案例，"
        "**產品知識**課以一口清收尾，學完就要能張口說清。\n"
        "可以按主題、對象和形式篩選。風險管理部的**風險案例解析**在另一個欄目，"
        "按保密級別開放。"
    ),
}

# --- 贏得企業客戶: a case-study course ------------------------------------------

WINNING_COURSE = {
    "title": "贏得企業客戶：對公營銷案例教學",
    "slug": "winning-enterprise-customers",
    "objectives": (
        "學完本課，你能夠：\n\n"
        "1. 從財務報表和「水電稅薪」讀懂一家企業的真實經營；\n"
        "2. 找到企業最痛的一個點，用一個產品切入，再做成綜合金融服務；\n"
        "3. 在三個真實案例的關鍵時刻做出自己的判斷，並和專家的答案對照。"
    ),
    "audience": "對公客戶經理、對公團隊長",
    "course_format": CourseFormat.CASE_DISCUSSION,
    "estimated_minutes": 180,
}

WINNING_LESSONS = [
    {
        "title": "第一課：讀懂企業客戶——報表之外的經營真相",
        "slug": "reading-the-enterprise",
        "estimated_minutes": 30,
        "body": [
            (
                "markdown",
                "## 先看三表，再看「水電稅薪」\n"
                "企業的財務報表告訴你它**想讓你看到什麼**；"
                "水費、電費、納稅和代發工資告訴你它**實際在做什麼**。\n\n"
                "| 看什麼 | 從哪裡看 | 說明什麼 |\n"
                "|---|---|---|\n"
                "| 用電量 | 電費繳納記錄 | 製造企業的開工率，比營收更難造假 |\n"
                "| 納稅額 | 完稅證明、稅務系統授權查詢 | 收入的真實規模 |\n"
                "| 代發人數 | 代發工資流水 | 員工規模與穩定性 |\n"
                "| 結算流水 | 本行及他行對賬單 | 上下游是誰、回款週期多長 |\n\n"
                "拜訪前做好功課：工商信息、司法涉訴、行業地位、在他行的授信。"
                "第一次見財務總監，就要能說出他們的主要客戶和回款週期。",
            ),
            (
                "key_points",
                {
                    "heading": "本課要點",
                    "points": [
                        "報表要和水電稅薪交叉驗證，對不上的地方就是要問的地方",
                        "現金流比利潤重要：看經營活動現金流淨額是否長期為正",
                        "拜訪前查清工商、涉訴和他行授信，不打無準備之仗",
                        "找到企業的決策鏈：董事長、財務總監、出納各關心什麼",
                    ],
                },
            ),
            (
                "discussion",
                {
                    "question": (
                        "你轄區內有一家年營收 3 億元的製造企業，報表利潤率 12%，"
                        "但近半年用電量比去年同期下降了三成。**你下一次拜訪會問什麼？"
                        "先問誰？**"
                    )
                },
            ),
        ],
    },
    {
        "title": "第二課：從一筆貸款到主辦行——綜合金融服務方案",
        "slug": "from-loan-to-main-bank",
        "estimated_minutes": 30,
        "body": [
            (
                "markdown",
                "## 一個切入點，一套方案\n"
                "企業不缺銀行，缺的是**懂它的銀行**。"
                "只拼貸款利率，總有人比你更便宜；能解決企業的實際問題，"
                "才能從「備選行」做到「主辦行」。\n\n"
                "常見的切入點：\n\n"
                "- **代發工資**：員工多、到賬慢、出納手工操作多；\n"
                "- **票據與供應鏈金融**：上游供應商要回款、下游經銷商要賬期；\n"
                "- **現金管理**：集團多賬戶、資金歸集難；\n"
                "- **跨境結算**：有進出口、換匯成本高。\n\n"
                "切進去之後，用結算、存款、代發、個人業務把關係做厚，"
                "目標是企業的**主要結算行**。",
            ),
            (
                "key_points",
                {
                    "heading": "本課要點",
                    "points": [
                        "先解決一個真問題，再談綜合服務",
                        "價格是最後的武器，不是第一個",
                        "方案要寫給決策人看：省多少錢、省多少人手、降多少風險",
                        "關係要做到多層：決策層、財務部門、業務部門都要有人",
                    ],
                },
            ),
            (
                "discussion",
                {
                    "question": (
                        "競爭行的貸款報價比我行低 30 個基點，客戶財務總監暗示"
                        "「你們跟一下就給你們做」。**跟還是不跟？如果不跟，你拿什麼打動他？**"
                    )
                },
            ),
        ],
    },
]

WINNING_CASES = [
    {
        "title": "某精密製造企業：以代發工資撬動主辦行",
        "slug": "precision-manufacturer-payroll",
        "client_profile": (
            "某精密製造企業（下稱 A 公司），民營，成立於 2008 年，為整車廠配套精密零部件。"
            "年營收約 6 億元，員工約 1,200 人，位於轄區內的工業園區。\n"
            "主要結算在兩家國有大行，在他行有授信 1.5 億元；"
            "在我行只有一個一般結算戶，日均存款不足 200 萬元。"
        ),
        "situation": (
            "團隊長在晨會上把 A 公司列為當季重點客戶。客戶經理第一次正式拜訪財務總監，"
            "對方客氣但冷淡：「我們和現在的銀行合作得挺好。」\n"
            "聊天中財務總監提到：每月 10 日發工資，代發行的批量文件常出錯，"
            "出納要加班核對，員工也抱怨工資晚到。"
        ),
        "how_it_went": (
            "客戶經理沒有急著談貸款，而是請運營主管一起上門，兩週內做完代發系統對接和"
            "批量文件模板，第一個月代發零差錯、上午十點前全部到賬。\n"
            "隨後在廠區辦了兩場員工金融服務日，開卡、房貸諮詢、子女教育儲蓄一起做。"
            "半年後財務總監主動提出把部分上游貨款改由我行開立銀行承兌匯票，"
            "一年後 A 公司把基本戶遷到我行。"
        ),
        "timeline": [
            ("2025 年 3 月", "首次拜訪財務總監，了解到代發工資的痛點"),
            ("2025 年 4 月", "運營主管上門，代發系統對接完成"),
            ("2025 年 5 月", "首月代發 1,180 人，零差錯"),
            ("2025 年 7 月", "廠區員工金融服務日，新開借記卡 600 餘張"),
            ("2025 年 10 月", "首筆銀行承兌匯票 3,000 萬元"),
            ("2026 年 3 月", "基本戶遷入我行，日均存款升至 8,000 萬元以上"),
        ],
        "decision_points": [
            {
                "prompt": (
                    "財務總監說「和現在的銀行合作得挺好」，但順口抱怨了代發工資的問題。"
                    "**第二次拜訪，你先推什麼？**"
                ),
                "options": (
                    "直接報流動資金貸款，利率比他行低 20 個基點\n"
                    "先解決代發工資：帶運營主管上門做系統對接方案\n"
                    "推薦結構性存款，把企業的閒置資金先拉過來\n"
                    "請支行行長出面約董事長吃飯"
                ),
                "expert_answer": (
                    "**先解決代發工資。**客戶主動說出口的痛點就是最好的切入點："
                    "成本低、見效快、讓出納和員工每個月都感受到我行的服務。"
                    "一上來拼貸款價格，只會被拿去和現在的銀行議價。"
                    "行長拜訪是好事，但要等有了服務成果再去，才有話可說。"
                ),
                "actual_outcome": (
                    "客戶經理選擇先做代發，兩週完成對接。"
                    "財務總監後來說：「你們是第一家來問我們出納累不累的銀行。」"
                ),
            }
        ],
        "outcome": CaseOutcome.SUCCESS,
        "lessons_learned": (
            "- 聽出客戶的**真痛點**，比背熟產品手冊重要；\n"
            "- 代發工資是對公客戶的「黏合劑」：一頭連企業，一頭連上千個個人客戶；\n"
            "- 服務見效後再談授信和結算，議價地位完全不同；\n"
            "- 運營、個金條線一起上門，客戶看到的是一家銀行，不是一個客戶經理。"
        ),
        "discussion_questions": (
            "1. 如果 A 公司的代發已經由他行做得很好，你還能找到哪個切入點？\n"
            "2. 本案中個人金融部門的作用是什麼？你所在的支行能做到嗎？"
        ),
        "industry": "製造業",
        "product": "代發工資",
    },
    {
        "title": "A 公司：只拼價格，輸掉了供應鏈金融項目",
        "slug": "supermarket-chain-price-war",
        "client_profile": (
            "A 公司是一家區域連鎖商超，門店 46 家，年銷售額約 18 億元，"
            "上游供應商 300 餘家，大多是中小食品和日用品企業，賬期 60 至 90 天。"
        ),
        "situation": (
            "A 公司計劃上線供應鏈金融平台，讓供應商憑對 A 公司的應收賬款融資，"
            "同時邀請三家銀行參與比選。我行與 A 公司有多年存款合作，"
            "支行志在必得。"
        ),
        "how_it_went": (
            "第一輪溝通中，客戶經理把重點放在融資利率上，報價比競爭行低 15 個基點。"
            "競爭行隨即跟進降價，客戶經理再次申請降價，審批用了三週。\n"
            "與此同時，競爭行帶著科技部門上門，演示了與 A 公司採購系統直連、"
            "供應商線上確權、T+0 放款的方案。A 公司最終選擇了競爭行，"
            "理由是「系統對接方案更成熟，供應商體驗更好」。"
            "半年後，我行在 A 公司的日均存款也下降了四成。"
        ),
        "timeline": [
            ("2025 年 8 月", "A 公司啟動供應鏈金融平台比選"),
            ("2025 年 8 月", "我行首輪報價，低於競爭行 15 個基點"),
            ("2025 年 9 月", "競爭行跟進降價；我行二次降價審批歷時三週"),
            ("2025 年 9 月", "競爭行演示系統直連方案"),
            ("2025 年 10 月", "A 公司確定合作銀行，我行落選"),
            ("2026 年 4 月", "A 公司在我行日均存款下降約 40%"),
        ],
        "decision_points": [
            {
                "prompt": (
                    "比選剛開始，你知道競爭行的融資報價大約比我行低 10 個基點。"
                    "**你第一輪方案的重點放在哪裡？**"
                ),
                "options": (
                    "利率：申請特殊定價，報價直接低於競爭行\n"
                    "系統與體驗：約分行科技部門，先摸清 A 公司採購系統和供應商的需求\n"
                    "關係：請分行領導拜訪 A 公司董事長，以多年合作爭取傾斜\n"
                    "額度：承諾給足額度，供應商隨借隨還"
                ),
                "expert_answer": (
                    "**系統與體驗。**供應鏈金融的使用者是 300 家供應商，"
                    "他們在意的是確權快不快、放款快不快、操作難不難；"
                    "A 公司在意的是不增加財務人員的工作量。"
                    "利率只是門檻，達到市場水平即可。"
                    "先摸清採購系統，才知道要調動行內哪些資源，也才能判斷能不能贏。"
                ),
                "actual_outcome": (
                    "客戶經理選擇拼利率，兩輪降價後仍然落選。"
                    "事後了解到，A 公司財務總監從第一次會議起就最關心系統對接。"
                ),
            },
            {
                "prompt": "競爭行跟進降價之後，**你還有什麼選擇？**",
                "options": (
                    "再申請一次降價\n"
                    "停止降價，改為補一套系統對接和供應商培訓方案\n"
                    "退出比選，保住存款合作"
                ),
                "expert_answer": (
                    "停止降價、補方案。再降價只會讓客戶確信我行只有價格可談；"
                    "這時應該坦白請客戶說明評選標準，把行內科技和交易銀行部請到現場。"
                    "即使最終落選，也要讓客戶看到我行的專業，保住原有合作。"
                ),
                "actual_outcome": "支行再次申請降價，審批三週，錯過了客戶的評選窗口。",
            },
        ],
        "outcome": CaseOutcome.FAILURE,
        "lessons_learned": (
            "- **價格戰沒有贏家**：降價容易被跟上，服務和系統能力很難被複製；\n"
            "- 先問清客戶的評選標準和真正的決策人，再做方案；\n"
            "- 對公營銷是團隊作戰，科技、交易銀行、審批都要提前介入；\n"
            "- 丟掉一個項目，往往連帶丟掉原有業務：落選後要主動回訪，修補關係。"
        ),
        "discussion_questions": (
            "1. 如果你是本案的客戶經理，第一次會議你會帶誰去？\n"
            "2. 審批時效三週，問題在哪裡？客戶經理能做什麼？"
        ),
        "industry": "批發零售",
        "product": "供應鏈金融",
    },
    {
        "title": "某生物醫藥企業：知識產權質押做成科創首貸",
        "slug": "biotech-ip-pledge-first-loan",
        "client_profile": (
            "某生物醫藥企業（下稱 B 公司），成立五年，研發體外診斷試劑，"
            "擁有發明專利 14 項，兩款產品已取得註冊證。年營收約 8,000 萬元，"
            "尚未盈利，剛完成 B 輪融資 2 億元。無廠房，無可抵押的不動產。"
        ),
        "situation": (
            "B 公司準備擴建生產線，需要流動資金約 3,000 萬元。"
            "他們找過兩家銀行，都因「沒有抵押、沒有利潤」被婉拒。"
            "客戶經理是在轄區科創園區的一次路演上認識 B 公司創始人的。"
        ),
        "how_it_went": (
            "客戶經理沒有用傳統製造業的眼光看 B 公司，而是請分行科技金融中心一起，"
            "從研發團隊、專利質量、註冊證和在手訂單評估企業。"
            "方案是 2,000 萬元知識產權質押貸款，加投資機構的認股選擇權安排，"
            "同時用政府風險補償基金分擔部分風險。\n"
            "貸款三個月後，B 公司把募集資金和代發工資都放在我行；"
            "一年後新產品上市，授信增加到 5,000 萬元。"
        ),
        "timeline": [
            ("2025 年 5 月", "園區路演上結識 B 公司創始人"),
            ("2025 年 6 月", "分行科技金融中心上門盡職調查"),
            ("2025 年 7 月", "專利評估完成，納入政府風險補償基金"),
            ("2025 年 8 月", "知識產權質押貸款 2,000 萬元放款"),
            ("2025 年 11 月", "B 輪募集資金及代發工資轉入我行"),
            ("2026 年 8 月", "新產品上市，授信增至 5,000 萬元"),
        ],
        "decision_points": [
            {
                "prompt": (
                    "B 公司沒有抵押物，報表連續虧損，但現金充裕、專利紮實。"
                    "**你向支行行長匯報時，建議怎麼做？**"
                ),
                "options": (
                    "按常規流程：沒有抵押、沒有利潤，婉拒\n"
                    "要求創始人以個人房產抵押，再按普通流動資金貸款申報\n"
                    "請科技金融中心一起評估，按科創企業的標準設計方案\n"
                    "先不談貸款，只做存款和結算"
                ),
                "expert_answer": (
                    "**按科創企業的標準評估。**科創企業的價值在人、專利和訂單，不在廠房；"
                    "知識產權質押、政府風險補償和投貸聯動正是為這類企業設計的。"
                    "要求創始人押房子，等於告訴他我行看不懂他的企業。"
                    "當然，評估後做不了也要坦白說明原因。"
                ),
                "actual_outcome": (
                    "客戶經理請來科技金融中心，一個月內完成評估和方案。"
                    "B 公司創始人後來說：「你們是唯一一家先問我們研發管線的銀行。」"
                ),
            }
        ],
        "outcome": CaseOutcome.SUCCESS,
        "lessons_learned": (
            "- 看科創企業要換一副眼鏡：人、專利、訂單、投資人；\n"
            "- 善用行內的專業團隊和政府的風險分擔政策；\n"
            "- 首貸是關係的開始：募集資金、代發、員工個人業務會隨之而來；\n"
            "- 風險不會因為換了眼鏡而消失，貸後要盯緊研發進度和現金消耗。"
        ),
        "discussion_questions": (
            "1. 你轄區內有哪些「輕資產、有專利」的企業？你了解它們的融資需求嗎？\n"
            "2. 本案中哪些風險是客戶經理在貸後必須持續關注的？"
        ),
        "industry": "生物醫藥",
        "product": "知識產權質押貸款",
    },
]

# --- 存款產品知識: a product course ending with the drill ---------------------------

DEPOSIT_COURSE = {
    "title": "存款產品知識",
    "slug": "deposit-products",
    "objectives": (
        "學完本課，你能夠**一口清**說出本行主要存款產品的起存金額、期限、利率和"
        "支取規則，講清存款保險的保障範圍，並通過「存款產品一口清」測驗。"
    ),
    "audience": "全體客戶經理、大堂經理",
    "course_format": CourseFormat.SELF_PACED,
    "estimated_minutes": 40,
}

DEPOSIT_LESSONS = [
    {
        "title": "存款產品要素一覽",
        "slug": "deposit-essentials",
        "estimated_minutes": 15,
        "body": [
            (
                "markdown",
                "## 主要存款產品\n"
                "| 產品 | 起存金額 | 期限 | 要點 |\n"
                "|---|---|---|---|\n"
                "| 活期存款 | 無 | 無 | 隨存隨取，掛牌年利率 0.20% |\n"
                "| 整存整取定期 | 50 元 | 3 個月至 5 年 | 一年期掛牌 1.35%，提前支取按活期計息 |\n"
                "| 七天通知存款 | 5 萬元 | 不定期 | 支取前須提前七天通知銀行 |\n"
                "| 個人大額存單 | 20 萬元 | 1 個月至 3 年 | 可轉讓、可質押，利率高於同期限定期 |\n\n"
                "利率表每季度複核一次，**以總行最新發布為準**。"
                "向客戶報利率之前，先看一眼本月的利率表。",
            ),
            (
                "key_points",
                {
                    "heading": "要背下來的數字",
                    "points": [
                        "一年期定存掛牌年利率 1.35%",
                        "個人大額存單 20 萬元起存",
                        "七天通知存款須提前七天通知",
                        "存款保險最高償付 50 萬元（本息合計，同一存款人同一家銀行）",
                    ],
                },
            ),
            (
                "discussion",
                {
                    "question": (
                        "一位退休客戶手上有 80 萬元，說「只要保本，利息高一點就行」。"
                        "**你會怎麼組合配置？怎麼向他解釋存款保險？**"
                    )
                },
            ),
        ],
    },
    {
        "title": "存款保險與客戶溝通",
        "slug": "deposit-insurance-and-clients",
        "estimated_minutes": 15,
        "body": [
            (
                "markdown",
                "## 存款保險保什麼、不保什麼\n"
                "存款保險保障的是**存款**：個人和企業的活期、定期、通知存款、大額存單。"
                "理財產品、基金、保險、債券都**不在**保障範圍內。\n\n"
                "客戶問「放在你們這裡安全嗎」，不要只說「大銀行不會倒」，"
                "而要講清楚：存款受存款保險保障，同一存款人在同一家銀行的存款本息合計"
                "最高償付 50 萬元；理財產品不保本，要看風險等級。\n\n"
                "說完，用下面的一口清檢驗自己。",
            ),
            (
                "drill",
                {
                    "drill": DEPOSIT_DRILL,  # replaced by the Drill when built
                    "introduction": "三分鐘，五道題：存款產品要素張口就來。",
                },
            ),
            (
                "discussion",
                {
                    "question": (
                        "客戶把理財產品也當成「存款」。**你用哪一句話讓他分清兩者，"
                        "又不讓他覺得你在推銷？**"
                    )
                },
            ),
        ],
    },
]

# --- 風險案例解析: the risk department's reviews ----------------------------------

RISK_FACTORS = [
    ("行業周期風險", "行業景氣度下行、產能過剩或政策變化，令企業收入和盈利大幅波動。"),
    ("擔保不足", "抵押物價值不足、變現困難，或保證人本身實力不足、互保。"),
    ("關聯交易", "與實際控制人控制的其他企業之間的交易和資金往來，可能轉移資金或虛增收入。"),
    ("現金流不足", "經營活動現金流不足以覆蓋本息，還款依賴再融資或資產處置。"),
    ("財務數據失真", "報表與納稅、水電、銀行流水等外部數據不一致，或審計意見保留。"),
]

RISK_COURSE = {
    "title": "風險案例解析",
    "slug": RISK_COURSE_SLUG,
    "objectives": (
        "風險管理部定期復盤自己批准和否決的授信案例。每個案例都有申請、"
        "審批決定和理由、風險因素、後來的情況，以及客戶經理和風險經理各自的看法。\n\n"
        "學完本課，你能夠：\n\n"
        "1. 在調查階段就識別出風險經理會問的問題；\n"
        "2. 站在風險經理的位置讀一份授信申請（**換位思考**）；\n"
        "3. 說清楚一筆授信的第一還款來源。"
    ),
    "audience": "客戶經理、團隊長、支行行長",
    "course_format": CourseFormat.CASE_DISCUSSION,
    "estimated_minutes": 120,
}

RISK_REVIEWS = [
    {
        "title": "某汽車零部件企業 3,000 萬元流動資金貸款：批准，按期還款",
        "slug": "auto-parts-working-capital",
        "confidentiality": Confidentiality.CONFIDENTIAL,
        "expert": "D0002",
        "review_date": date(2026, 3, 18),
        "application_summary": (
            "申請人為某汽車零部件企業，為三家整車廠配套，年營收約 4.5 億元。"
            "申請流動資金貸款 3,000 萬元，期限一年，用於採購原材料。"
            "擔保方式：對整車廠的應收賬款質押，實際控制人夫婦連帶責任保證。"
        ),
        "decision": RiskDecision.APPROVED,
        "rationale": (
            "- 第一還款來源清楚：對整車廠的應收賬款回款穩定，賬期 90 天，近三年無壞賬；\n"
            "- 用電量、納稅與報表營收基本一致；\n"
            "- 汽車行業處於調整期，故期限控制在一年，並按季核查應收賬款。"
        ),
        "factors": ["行業周期風險"],
        "mitigants": (
            "應收賬款質押並在中登網登記，回款路徑鎖定在我行賬戶；"
            "每季度核查前五大客戶的訂單和回款；單一整車廠佔比超過 50% 時重新評估。"
        ),
        "later_status": LaterStatus.PERFORMING,
        "later_notes": (
            "貸款按期歸還並續貸。期間一家整車廠銷量下滑，企業按約定提前告知，"
            "並用新增的新能源車型訂單補上了缺口。"
        ),
        "customer_manager_view": (
            "站在風險經理的位置看，我最初的調查報告只寫了「企業經營良好」，"
            "沒有拆開回款結構。風險經理要的是：錢從哪裡來、什麼時候來、"
            "如果一家整車廠出問題怎麼辦。補充了前五大客戶的回款明細之後，審批只用了一週。"
        ),
        "risk_manager_view": (
            "站在客戶經理的位置看，這是一個需要儘快拿下的好客戶，他們擔心審批拖延讓客戶流失。"
            "我們在審查意見裡把要補的材料一次列清，而不是一輪一輪地問，"
            "這也是我們這次做得比較好的地方。"
        ),
    },
    {
        "title": "某建材貿易公司 5,000 萬元授信：批准，一年後違約",
        "slug": "building-materials-trader-default",
        "confidentiality": Confidentiality.CONFIDENTIAL,
        "expert": "D0002",
        "review_date": date(2026, 6, 24),
        "application_summary": (
            "申請人為某建材貿易公司（下稱 A 公司），主營鋼材和水泥貿易，報表年營收約 12 億元。"
            "申請綜合授信 5,000 萬元，其中銀行承兌匯票 3,000 萬元、流動資金貸款 2,000 萬元。"
            "擔保方式：同一實際控制人控制的另一家企業保證，加一處商業房產抵押（評估值 2,800 萬元）。"
        ),
        "decision": RiskDecision.APPROVED,
        "rationale": (
            "當時的判斷：企業經營多年，與我行有三年結算往來，"
            "抵押加保證的擔保結構看起來足夠，銷售收入規模可以支撐授信額度。"
        ),
        "factors": ["關聯交易", "財務數據失真", "擔保不足"],
        "mitigants": "商業房產抵押；關聯企業保證；承兌匯票保證金比例 30%。",
        "later_status": LaterStatus.DEFAULTED,
        "later_notes": (
            "放款一年後，A 公司的主要下游房地產項目停工，回款中斷。核查發現：\n\n"
            "- 報表營收中約四成是與關聯企業之間的循環貿易，納稅額只對應約 5 億元收入；\n"
            "- 保證企業與 A 公司互相擔保，同時出現困難；\n"
            "- 商業房產的變現價值不足評估值的六成。\n\n"
            "貸款轉入不良，目前正在訴訟處置。"
        ),
        "customer_manager_view": (
            "換到風險經理的位置，我才看明白：我把「流水大」當成了「生意好」。"
            "那些進進出出的大額資金，很多是在關聯企業之間打轉。"
            "當時客戶催得急，我沒有去查納稅和下游合同，"
            "調查報告裡寫的營收是企業自己給的報表數字。"
        ),
        "risk_manager_view": (
            "換到客戶經理的位置，我們也要承認：審查時看到了關聯交易的跡象，"
            "但只在意見裡寫了一句「關注關聯交易」，沒有要求拆開核實，"
            "也沒有把互保當成擔保不足來看。風險是客戶經理和風險經理一起漏掉的，"
            "兩道防線都只守了一半。"
        ),
    },
    {
        "title": "某連鎖餐飲企業 800 萬元經營貸款：否決，客戶在他行正常還款",
        "slug": "restaurant-chain-rejected",
        "confidentiality": Confidentiality.CONFIDENTIAL,
        "expert": "D0003",
        "review_date": date(2026, 9, 16),
        "application_summary": (
            "申請人為某連鎖餐飲企業，在轄區內有 12 家門店，年營業額約 9,000 萬元。"
            "申請經營貸款 800 萬元，期限兩年，用於新開 4 家門店。"
            "擔保方式：實際控制人個人保證，無抵押物。"
        ),
        "decision": RiskDecision.REJECTED,
        "rationale": (
            "- 經營活動現金流淨額近兩年波動大，新開門店的投入回收期超過貸款期限；\n"
            "- 門店均為租賃，無抵押物，個人保證實力有限；\n"
            "- 餐飲業受消費環境影響大，擴張期的企業風險集中暴露。"
        ),
        "factors": ["現金流不足", "擔保不足"],
        "mitigants": "",
        "later_status": LaterStatus.NOT_LENT,
        "later_notes": (
            "企業隨後在他行獲得 500 萬元貸款，額度按收單流水核定，資金按月受託支付。"
            "新門店開業後經營正常，貸款至今按期還本付息；企業的收單和代發也隨之轉到了他行。"
        ),
        "customer_manager_view": (
            "從風險經理的位置看，800 萬元兩年期、純信用，確實超出了企業能證明的還款能力。"
            "我當時只想著幫客戶把需求全部滿足，沒有想過用更小的額度、"
            "更短的期限先做起來，也沒有把門店的收單流水整理成還款依據。"
        ),
        "risk_manager_view": (
            "從客戶經理的位置看，這家企業的收單流水穩定、真實，是看得見的第一還款來源。"
            "我們按傳統的抵押思路一口否決，沒有給出「能做多少、怎麼做」的替代方案。"
            "他行做成的，正是我們可以提出的方案。以後否決一筆申請，也要告訴客戶經理哪條路走得通。"
        ),
    },
    {
        "title": "某集團併購貸款 2.6 億元：否決，兩年後集團債務危機",
        "slug": "group-acquisition-loan-rejected",
        "confidentiality": Confidentiality.RESTRICTED,
        "expert": "D0003",
        "review_date": date(2026, 10, 28),
        "application_summary": (
            "申請人為某民營集團下屬投資公司，集團涉及化工、地產和貿易。"
            "申請併購貸款 2.6 億元，用於收購一家化工企業 70% 的股權，"
            "以被收購企業股權質押，集團母公司保證。"
            "集團是分行的重點客戶，在我行有存款約 6 億元。"
        ),
        "decision": RiskDecision.REJECTED,
        "rationale": (
            "- 集團合併報表與各子公司單體報表加總相差較大，內部往來款佔總資產約三成；\n"
            "- 被收購企業的主要客戶是集團內的貿易公司，收入的獨立性存疑；\n"
            "- 集團整體資產負債率超過 75%，多家子公司之間存在互保；\n"
            "- 併購後的還款依賴被收購企業的分紅，而其現金流主要來自關聯銷售。"
        ),
        "factors": ["關聯交易", "財務數據失真", "現金流不足"],
        "mitigants": "",
        "later_status": LaterStatus.NOT_LENT,
        "later_notes": (
            "集團轉向另一家銀行取得併購貸款。兩年後，集團地產板塊資金鏈斷裂，"
            "多家子公司債務違約，被收購的化工企業也因關聯銷售中斷而停產。"
            "我行在集團的存款逐步流失，但沒有新增風險暴露。"
        ),
        "customer_manager_view": (
            "站在風險經理的位置，我承認當時把「存款大戶」和「還款能力強」畫了等號。"
            "分行和支行都很重視這個客戶，否決後我們壓力很大，"
            "但事後看，那些內部往來款就是危機的伏筆，我在調查中應該把它們拆出來。"
        ),
        "risk_manager_view": (
            "站在客戶經理的位置，否決一個重點客戶，意味著他們要面對客戶的不滿和存款流失。"
            "我們當時花了兩次會議向分行解釋否決理由，並建議保留結算、不擴大授信，"
            "這一點值得堅持。也要反思：如果更早參與貸前調查，客戶經理就不必在申報後才被否決。"
        ),
    },
]


# --- building --------------------------------------------------------------------


@contextmanager
def _quiet_wagtail_log():
    """Wagtail logs every page created, edited, published and deleted at INFO:
    some sixty lines of noise in the output of `make demo`."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def _site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def _publish(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` as a draft, then publish its first revision."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class _Builder:
    def __init__(self, log):
        self.log = log
        self.added = 0

    def child(self, parent: Page, model, slug: str, make):
        """The page `slug` under `parent`, or a new one from make() (unsaved), published."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = make()
        page.slug = slug
        self.added += 1
        return _publish(parent, page)

    def lessons(self, course: Page, lessons: list[dict], drill: Drill | None) -> None:
        for spec in lessons:
            body = []
            for block_type, value in spec["body"]:
                if block_type == "drill":
                    if drill is None:
                        continue  # the quizzes demo is not there: no drill to embed
                    value = {**value, "drill": drill}
                body.append((block_type, value))
            self.child(
                course,
                LessonPage,
                spec["slug"],
                lambda spec=spec, body=body: LessonPage(
                    title=spec["title"], estimated_minutes=spec["estimated_minutes"], body=body
                ),
            )

    def cases(self, course: Page) -> None:
        for spec in WINNING_CASES:
            self.child(course, CaseStudyPage, spec["slug"], lambda spec=spec: _case(spec))


def _case(spec: dict) -> CaseStudyPage:
    page = CaseStudyPage(
        title=spec["title"],
        client_profile=spec["client_profile"],
        situation=spec["situation"],
        how_it_went=spec["how_it_went"],
        timeline=[("event", {"when": when, "what": what}) for when, what in spec["timeline"]],
        outcome=spec["outcome"],
        lessons_learned=spec["lessons_learned"],
        discussion_questions=spec["discussion_questions"],
        industry=spec["industry"],
        product=spec["product"],
    )
    page.decision_points = [DecisionPoint(**point) for point in spec["decision_points"]]
    return page


def _review(spec: dict, factors: dict[str, RiskFactor]) -> RiskCaseReviewPage:
    page = RiskCaseReviewPage(
        title=spec["title"],
        confidentiality=spec["confidentiality"],
        application_summary=spec["application_summary"],
        decision=spec["decision"],
        rationale=spec["rationale"],
        mitigants=spec["mitigants"],
        later_status=spec["later_status"],
        later_notes=spec["later_notes"],
        customer_manager_view=spec["customer_manager_view"],
        risk_manager_view=spec["risk_manager_view"],
        reviewing_expert=Person.objects.filter(employee_id=spec["expert"]).first(),
        review_date=spec["review_date"],
    )
    page.risk_factors = [factors[name] for name in spec["factors"]]
    return page


def _catalogue(builder: _Builder, root: Page) -> CourseIndexPage:
    # There is at most one catalogue (max_count); an existing one is used wherever it is.
    catalogue = CourseIndexPage.objects.first()
    if catalogue is not None:
        return catalogue
    return builder.child(
        root,
        CourseIndexPage,
        CATALOGUE["slug"],
        lambda: CourseIndexPage(title=CATALOGUE["title"], intro=CATALOGUE["intro"]),
    )


def build(*, log=print) -> None:
    with _quiet_wagtail_log():
        _build(log)


def _build(log) -> None:
    builder = _Builder(log)
    root = _site_root()
    catalogue = _catalogue(builder, root)

    winning = builder.child(
        catalogue,
        CoursePage,
        WINNING_COURSE["slug"],
        lambda: CoursePage(**{k: v for k, v in WINNING_COURSE.items() if k != "slug"}),
    )
    builder.lessons(winning, WINNING_LESSONS, None)
    builder.cases(winning)

    drill = Drill.objects.filter(title=DEPOSIT_DRILL).order_by("pk").first()
    if drill is None:
        log(f"courses: no drill 「{DEPOSIT_DRILL}」 (quizzes demo not loaded): none embedded.")

    def deposit_course() -> CoursePage:
        course = CoursePage(**{k: v for k, v in DEPOSIT_COURSE.items() if k != "slug"})
        if drill is not None:
            course.completion_rule = CompletionRule.LESSONS_AND_DRILL
            course.final_drill = drill
        course.topics = list(Topic.objects.filter(code=DEPOSIT_TOPIC))
        return course

    deposits = builder.child(catalogue, CoursePage, DEPOSIT_COURSE["slug"], deposit_course)
    builder.lessons(deposits, DEPOSIT_LESSONS, drill)

    factors = {}
    for name, description in RISK_FACTORS:
        factors[name], created = RiskFactor.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        builder.added += created
    risk_course = builder.child(
        root,
        RiskReviewCoursePage,
        RISK_COURSE["slug"],
        lambda: RiskReviewCoursePage(**{k: v for k, v in RISK_COURSE.items() if k != "slug"}),
    )
    for spec in RISK_REVIEWS:
        builder.child(
            risk_course,
            RiskCaseReviewPage,
            spec["slug"],
            lambda spec=spec: _review(spec, factors),
        )
    log(
        f"courses: {builder.added} pages and risk factors added "
        f"(catalogue {catalogue.url}, risk reviews {risk_course.url})."
    )


def clear(*, log=print) -> None:
    with _quiet_wagtail_log():
        _clear(log)


def _clear(log) -> None:
    root = _site_root()
    removed = 0
    catalogue = CourseIndexPage.objects.first()
    if catalogue is not None:
        courses = catalogue.get_children().filter(
            slug__in=[WINNING_COURSE["slug"], DEPOSIT_COURSE["slug"]]
        )
        for course in courses:
            removed += course.get_descendant_count() + 1
            course.delete()
        catalogue.refresh_from_db()
        if catalogue.slug == CATALOGUE_SLUG and not catalogue.get_children().exists():
            catalogue.delete()
            removed += 1
    risk_course = root.get_children().filter(slug=RISK_COURSE_SLUG).type(RiskReviewCoursePage)
    for course in risk_course:
        reviews = course.get_children().filter(slug__in=[s["slug"] for s in RISK_REVIEWS])
        for review in reviews:
            review.delete()
            removed += 1
        course.refresh_from_db()
        if not course.get_children().exists():
            course.delete()
            removed += 1
    # The demo's risk factors, unless a review of someone else's still uses them.
    unused = RiskFactor.objects.filter(name__in=[name for name, _ in RISK_FACTORS]).filter(
        ~Q(pk__in=RiskCaseReviewPage.risk_factors.through.objects.values("riskfactor_id"))
    )
    unused.delete()
    authoring_unused_remove()
    log(f"courses: demo courses removed ({removed} pages).")
