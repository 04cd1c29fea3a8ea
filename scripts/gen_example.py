#!/usr/bin/env python3
"""Generate the example ledger of 示例县 (2021–2024) as record files under records/.

Deterministic: one random.Random(20240101) drawn in a fixed order, so two runs write
byte-identical files. Generated files end with `-gNNN.md`; only those are deleted before
writing, so hand-written records (any other name) are never touched.
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20240101
YEARS = (2021, 2022, 2023, 2024)
AS_OF = date(2024, 12, 15)  # the example ledger is "as of" this day: nothing is dated later
GENERATED_NAME = re.compile(r"-g\d{3}\.md$")
FORBIDDEN = ("复工复产", "明察暗访")  # each occurs in exactly one hand-written record

# Yearly totals, hand-written records included (see HANDWRITTEN).
MEETINGS = {2021: 52, 2022: 46, 2023: 41, 2024: 38}
DOCUMENTS = {2021: 96, 2022: 85, 2023: 77, 2024: 70}
RESEARCH = {2021: 156, 2022: 143, 2023: 128, 2024: 112}
INSPECTIONS = {2021: 34, 2022: 31, 2023: 27, 2024: 36}
NOTICES = {2021: 5, 2022: 6, 2023: 5, 2024: 7}
STANDING_MEETINGS = {2021: 18, 2022: 16, 2023: 14, 2024: 13}
NO_MEETING_MONTHS = {2021: (2, 8), 2022: (8,), 2023: (2,), 2024: (1,)}
# Hand-written records counted in the totals above, so the generator writes fewer.
HANDWRITTEN = {(2022, "meeting"): 1, (2022, "research"): 1, (2023, "research"): 1, (2024, "inspection"): 1,
               (2024, "doc_rejection"): 1}
# The hand-written 2023 notice takes issue 3 on 2023-06-20; generated issues fit around it.
RESERVED_NOTICE = {2023: (3, date(2023, 6, 20))}

TOWNSHIPS = {"城关镇": "chengguan", "东关镇": "dongguan", "西河乡": "xihe", "南山镇": "nanshan",
             "北川乡": "beichuan", "柳树镇": "liushu", "桃园乡": "taoyuan", "石门镇": "shimen",
             "清水镇": "qingshui", "白杨乡": "baiyang"}
COMPANIES = {"示例县宏达建材有限公司": "hongda", "示例县绿源农业科技有限公司": "lvyuan",
             "示例县兴盛食品有限公司": "xingsheng", "示例县华信电子有限公司": "huaxin",
             "示例县恒通物流有限公司": "hengtong", "示例县润丰农牧有限公司": "runfeng"}
DEPARTMENTS = {"县教育局": "jiaoyu", "县卫健局": "weijian", "县农业农村局": "nongye", "县住建局": "zhujian",
               "县交通运输局": "jiaotong", "县市场监管局": "shichang", "县文旅局": "wenlv",
               "县发改局": "fagai", "县财政局": "caizheng", "县应急管理局": "yingji",
               "县自然资源局": "ziran", "县人社局": "renshe"}
WINDOWS = ["县政务服务中心", "县不动产登记中心", "县医保服务中心", "县社保服务中心", "城关镇便民服务中心"]
LEADERS = ["县长张明"] * 3 + ["常务副县长李华"] * 2 + ["副县长王强", "副县长刘洋", "副县长陈静"] * 2
OFFICE = "县政府办公室"
ALL_YEAR = tuple(range(1, 13))


def T(text: str, start: str = "", end: str = "9999", months: tuple[int, ...] = ()) -> tuple:
    """A vocabulary item valid from start to end (ISO dates) and, optionally, only in some months."""
    return (text, start, end, months)


def active(pool: list[tuple], day: date) -> list[str]:
    """Items of a pool that make sense on a given day."""
    iso = day.isoformat()
    return [text for text, start, end, months in pool
            if start <= iso <= end and (not months or day.month in months)]


STUDY_TOPICS = [
    T("习近平新时代中国特色社会主义思想"), T("中央八项规定及其实施细则精神"),
    T("习近平总书记关于党的作风建设的重要论述"), T("习近平总书记关于“三农”工作的重要论述"),
    T("《党政机关厉行节约反对浪费条例》"), T("习近平法治思想"), T("《中国共产党问责条例》"),
    T("习近平总书记关于安全生产的重要论述"), T("习近平生态文明思想"),
    T("党史学习教育", "2021-02-20", "2021-12-31"),
    T("习近平总书记“七一”重要讲话精神", "2021-07-01", "2021-12-31"),
    T("党的十九届六中全会精神", "2021-11-11", "2022-10-15"),
    T("习近平总书记关于统筹疫情防控和经济社会发展的重要论述", "2021-01-01", "2022-12-07"),
    T("党的二十大精神", "2022-10-24"),
    T("学习贯彻习近平新时代中国特色社会主义思想主题教育", "2023-04-01", "2023-12-31"),
    T("党纪学习教育", "2024-04-01", "2024-07-31"),
    T("《中国共产党纪律处分条例》", "2024-01-01"),
    T("党的二十届三中全会精神", "2024-07-19"),
]
CAMPAIGNS = {"党史学习教育", "党的二十大精神", "学习贯彻习近平新时代中国特色社会主义思想主题教育",
             "党纪学习教育", "党的二十届三中全会精神"}
RESEARCH_TOPICS = [
    T("疫情防控", "2021-01-01", "2022-12-07"), T("企业恢复生产", "2021-01-01", "2022-12-31"),
    T("巩固拓展脱贫攻坚成果", "2021-01-01", "2022-12-31"), T("乡村振兴"), T("项目建设"),
    T("人居环境整治"), T("民生实事"), T("安全生产"), T("防汛备汛", months=(5, 6, 7, 8)),
    T("秋粮收购", months=(9, 10, 11)), T("春耕生产", months=(3, 4, 5)), T("高标准农田建设"),
]
COMPANY_TOPICS = [T("企业恢复生产", "2021-01-01", "2022-12-31"), T("项目建设"), T("营商环境"),
                  T("安全生产"), T("企业用工"), T("科技创新")]
MEETING_TOPICS = [
    T("疫情防控", "2021-01-01", "2022-12-07"), T("企业恢复生产", "2021-01-01", "2022-12-31"),
    T("城区供水管网改造"), T("老旧小区改造"), T("高标准农田建设"), T("农村人居环境整治"), T("安全生产"),
    T("森林防火", months=(1, 2, 3, 4, 10, 11, 12)), T("防汛抗旱", months=(4, 5, 6, 7, 8)),
    T("秸秆禁烧", months=(5, 6, 9, 10)), T("重点项目建设"), T("招商引资"), T("优化营商环境"),
    T("义务教育学校布局调整"), T("县医院新院区建设"), T("冬季清洁取暖", months=(9, 10, 11, 12)),
    T("耕地保护"), T("根治欠薪", months=(1, 11, 12)), T("巩固拓展脱贫攻坚成果"), T("民生实事项目"),
]
TOPIC_TAGS = {"疫情防控": "疫情防控", "乡村振兴": "乡村振兴", "巩固拓展脱贫攻坚成果": "乡村振兴",
              "人居环境整治": "乡村振兴", "农村人居环境整治": "乡村振兴", "民生实事": "民生",
              "民生实事项目": "民生", "老旧小区改造": "民生", "安全生产": "安全生产"}


@dataclass
class Record:
    """One record to write: front-matter fields (in output order) and a Markdown body."""

    type: str
    day: date
    slug: str
    fields: dict[str, object]
    body: str


def record(type_: str, day: date, slug: str, title: str, body: str, unit: str | None = OFFICE,
           tags: list[str] | None = None, **fields: object) -> Record:
    head: dict[str, object] = {"title": title}
    if unit:
        head["unit"] = unit
    if tags:
        head["tags"] = list(dict.fromkeys(tags))[:3]
    return Record(type_, day, slug, {**head, **fields}, body)


# ---------------------------------------------------------------- dates

def weekday_between(rng: random.Random, start: date, end: date) -> date:
    """A random working day (Mon–Fri) in [start, end]."""
    days = [start + timedelta(i) for i in range((end - start).days + 1)]
    return rng.choice([d for d in days if d.weekday() < 5] or days)


def day_in_month(rng: random.Random, year: int, month: int, first: int = 1, last: int = 31) -> date:
    last = min(last, calendar.monthrange(year, month)[1])
    if (year, month) == (AS_OF.year, AS_OF.month):
        last = min(last, AS_OF.day)  # the ledger holds nothing after its "as of" day
    return weekday_between(rng, date(year, month, first), date(year, month, last))


def any_day(rng: random.Random, year: int, months: tuple[int, ...] = ALL_YEAR) -> date:
    return day_in_month(rng, year, rng.choice(months))


def spread(rng: random.Random, start: date, end: date, k: int) -> list[date]:
    """k working days, one in each of k equal slices of [start, end]."""
    span = ((end - start).days + 1) / k
    return [weekday_between(rng, start + timedelta(int(i * span)), start + timedelta(int((i + 1) * span) - 1))
            for i in range(k)]


def tags_for(*topics: str) -> list[str]:
    return [TOPIC_TAGS[t] for t in topics if t in TOPIC_TAGS]


# ---------------------------------------------------------------- record types

def gen_study(rng: random.Random, year: int) -> list[Record]:
    out = []

    def topic_on(day: date) -> str:
        topics = active(STUDY_TOPICS, day)
        campaigns = [t for t in topics if t in CAMPAIGNS]
        return rng.choice(campaigns) if campaigns and rng.random() < 0.4 else rng.choice(topics)

    for month in range(1, 13):
        day = day_in_month(rng, year, month, 8, 25)
        # Before the Spring Festival the group always studies the Eight-point Regulation.
        topic = "中央八项规定及其实施细则精神" if month == 1 else topic_on(day)
        body = (f"县政府党组理论学习中心组集体学习{topic}，县长张明主持并讲话。"
                f"{rng.choice(['班子成员结合分管工作作了交流发言。', '会议要求把学习成果转化为推动工作的实际成效。', '与会人员围绕学习内容逐一谈认识、谈体会。'])}")
        out.append(record("study", day, f"zhongxinzu-{month}", f"县政府党组理论学习中心组{year}年第{month}次集体学习",
                          body, tags=["八项规定"] if "八项规定" in topic else [], form="中心组学习", topic=topic,
                          host="县长张明", attendees=rng.randint(15, 22)))
    forms = ["集中研讨"] * rng.randint(5, 7) + ["专题党课"] * rng.randint(2, 4) + ["专题辅导"] * rng.randint(1, 2)
    forms += ["读书班"] * (1 if year == 2024 else rng.randint(0, 1))
    slugs = {"集中研讨": "yantao", "专题党课": "dangke", "专题辅导": "fudao", "读书班": "dushuban"}
    for form in forms:
        day = any_day(rng, year, (5,) if year == 2024 and form == "读书班" else ALL_YEAR)
        topic, host = topic_on(day), rng.choice(LEADERS)
        if year == 2024 and form == "读书班":
            topic = "党纪学习教育"  # the 2024 campaign had a reading class in every government
        title = {"集中研讨": f"围绕{topic}开展集中研讨", "专题党课": f"{host}讲授{topic}专题党课",
                 "专题辅导": f"{topic}专题辅导报告会", "读书班": f"{topic}读书班"}[form]
        body = f"{host}主持，政府系统党员领导干部参加。{rng.choice(['大家联系思想和工作实际深入交流。', '会上印发了学习资料。', '会议对下一步学习作出安排。'])}"
        attendees = rng.randint(20, 45) if form in ("集中研讨", "读书班") else rng.randint(60, 150)
        out.append(record("study", day, slugs[form], title, body, tags=["八项规定"] if "八项规定" in topic else [],
                          form=form, topic=topic, host=host, attendees=attendees))
    return out


def gen_research(rng: random.Random, year: int) -> list[Record]:
    out = []
    for _ in range(RESEARCH[year] - HANDWRITTEN.get((year, "research"), 0)):
        day, leader = any_day(rng, year), rng.choice(LEADERS)
        if rng.random() < 0.7:
            place = rng.choice(list(TOWNSHIPS))
            slug, tag, verb = TOWNSHIPS[place], "乡镇", "赴"
            topics = rng.sample(active(RESEARCH_TOPICS, day), rng.choice((1, 1, 2)))
        else:
            place = rng.choice(list(COMPANIES))
            slug, tag, verb = COMPANIES[place], "企业", "到"
            topics = rng.sample(active(COMPANY_TOPICS, day), 1)
        companions = rng.randint(1, 5)
        sights = rng.choice(["项目现场", "村容村貌", "生产车间", "便民服务中心", "田间地头", "施工现场"])
        body = (f"{leader}一行深入{place}，实地查看{sights}，听取{topics[0]}工作情况汇报。"
                f"{rng.choice(['调研坚持轻车简从，不搞层层陪同。', '要求相关部门加强协调，及时解决存在的问题。', '现场研究解决了一批具体问题。'])}")
        out.append(record("research", day, f"diaoyan-{slug}", f"{leader}{verb}{place}调研{topics[0]}工作", body,
                          tags=[tag, *tags_for(*topics)], leader=leader, place=place, topics=topics,
                          companions=companions, vehicles=1 if companions <= 3 else rng.randint(1, 2)))
    return out


# kind: title, slug, duration range (×5 minutes), attendees range, minutes of the meeting
MEETING_KINDS = {
    "常务会议": ("县政府第{k}次常务会议", "changwu-{k}", (12, 24), (25, 40), "会议研究了{a}、{b}等事项，审议了有关文件。"),
    "全体会议": ("县政府{year}年第{nth}次全体会议", "quanti-{k}", (16, 24), (80, 150),
             "会议总结工作，安排部署下一阶段重点任务，并就廉政建设和作风建设提出要求。"),
    "党组会议": ("县政府党组{year}年第{k}次会议", "dangzu-{k}", (8, 18), (8, 12), "会议传达学习了上级有关会议精神，研究了{a}等事项。"),
    "廉政工作会议": ("县政府{year}年廉政工作会议", "lianzheng", (12, 18), (60, 120),
               "会议总结上年政府系统党风廉政建设工作，部署本年度廉政工作任务。"),
    "电视电话会议": ("全县{a}工作电视电话会议", "dianhua", (8, 18), (30, 80), "会议以电视电话形式开到乡镇，对{a}工作进行安排部署。"),
    "专题会议": ("研究{a}工作专题会议", "zhuanti", (8, 30), (10, 30), "会议听取了有关部门关于{a}工作的汇报，明确了责任分工和时间节点。"),
    "合并": ("全县{a}暨{b}工作会议", "zhuanti", (12, 26), (30, 80), "两项工作合并召开、一并部署，压缩了会议数量和时长。"),
}


def gen_meeting(rng: random.Random, year: int) -> list[Record]:
    n = MEETINGS[year] - HANDWRITTEN.get((year, "meeting"), 0)
    months = tuple(m for m in range(1, 13) if m not in NO_MEETING_MONTHS[year])
    # One meeting in every allowed month first, so the only meeting-free months are the 无会月.
    days = sorted([day_in_month(rng, year, m) for m in months] +
                  [any_day(rng, year, months) for _ in range(n - len(months))])
    kinds: list[str | None] = [None] * n
    kinds[0] = "全体会议"
    kinds[next(i for i, d in enumerate(days) if d.month >= 7)] = "全体会议"
    kinds[next(i for i, d in enumerate(days) if d.month >= 3 and kinds[i] is None)] = "廉政工作会议"
    rest = ["常务会议"] * STANDING_MEETINGS[year] + ["党组会议"] * rng.randint(6, 8) + ["电视电话会议"] * rng.randint(3, 5)
    rest += ["专题会议"] * (kinds.count(None) - len(rest))
    rng.shuffle(rest)
    kinds = [k if k is not None else rest.pop() for k in kinds]
    # A few topical meetings each year are merged into one (能合并的合并召开).
    merged_at = set(rng.sample([i for i, k in enumerate(kinds) if k == "专题会议"], rng.randint(2, 3)))
    counters: dict[str, int] = {}
    out = []
    for i, (day, kind) in enumerate(zip(days, kinds)):
        k = counters[kind] = counters.get(kind, 0) + 1
        topics = rng.sample(active(MEETING_TOPICS, day), 2)
        merged = i in merged_at
        title, slug, (lo, hi), (least, most), body = MEETING_KINDS["合并" if merged else kind]
        values = {"k": k, "year": year, "nth": "一二"[k - 1] if k <= 2 else k, "a": topics[0], "b": topics[1]}
        title, slug, body = (text.format(**values) for text in (title, slug, body))
        minutes, attendees = rng.randint(lo, hi) * 5, rng.randint(least, most)
        video = kind == "电视电话会议" or rng.random() < 0.1
        tags = {"全体会议": [], "党组会议": [], "廉政工作会议": ["八项规定"]}.get(kind, tags_for(*topics))
        fields: dict[str, object] = {"kind": kind, "duration_min": minutes, "attendees": attendees}
        if merged:
            fields["merged"] = True
        if video:
            fields["video"] = True
        out.append(record("meeting", day, slug, title, body, tags=tags, **fields))
    return out


WINTER, SPRING, SUMMER, AUTUMN = (11, 12, 1), (2, 3, 4), (5, 6, 7), (8, 9, 10)
NOTICE_TOPICS = [("春节期间安全生产", (12, 1)), ("汛期安全防范", (5, 6)), ("秋冬季森林防火", (10, 11)),
                 ("冬春农田水利建设", (10, 11)), ("春季植树造林", (2, 3)), ("秸秆禁烧", (5, 9)),
                 ("元旦春节期间市场供应", (12, 1)), ("根治欠薪冬季专项行动", (11, 12)), ("地质灾害防治", SPRING),
                 ("粮食收购", AUTUMN), ("防灾减灾", SPRING + SUMMER), ("燃气安全排查整治", WINTER),
                 ("城乡居民医保征缴", AUTUMN + WINTER), ("防范化解金融风险", ALL_YEAR), ("农村危房改造", ALL_YEAR),
                 ("中小学校舍安全排查", ALL_YEAR), ("退役军人服务保障", ALL_YEAR), ("耕地“非农化”整治", ALL_YEAR),
                 ("城乡居民养老保险", ALL_YEAR), ("河道采砂管理", ALL_YEAR)]


def document_titles(year: int) -> list[tuple[str, str, tuple[int, ...]]]:
    """(title, issuer, months it may be issued in) to draw the year's documents from."""
    plans = ["农村人居环境整治提升", "高标准农田建设", "优化营商环境", "城乡环境卫生综合整治", "安全生产专项整治",
             "森林防火", "义务教育优质均衡发展", "老旧小区改造", "冬季清洁取暖", "耕地保护", "农民工工资支付保障",
             "食品安全示范创建", "全民健身", "基层医疗卫生服务能力提升", "数字政府建设", "河湖长制",
             "秸秆综合利用", "县域商业体系建设", "养老服务体系建设", "城市更新"]
    points = ["政务公开", "法治政府建设", "安全生产", "乡村振兴", "营商环境", "生态环境保护", "政务服务",
              "教育", "卫生健康", "节能减排"]
    approvals = ["调整村级建制", "实施土地整治项目", "建设便民服务中心", "实施农村供水提升工程",
                 "建设农贸市场", "实施美丽乡村建设项目"]
    titles = [(f"关于印发《示例县{p}实施方案》的通知", "政府" if i % 2 else "政府办公室", ALL_YEAR)
              for i, p in enumerate(plans)]
    titles += [(f"关于印发《示例县{year}年{p}工作要点》的通知", "政府办公室", (2, 3, 4)) for p in points]
    titles += [(f"关于做好{p}工作的通知", "政府办公室", months) for p, months in NOTICE_TOPICS]
    titles += [(f"关于同意{t}{a}的批复", "政府" if (i + j) % 2 else "政府办公室", ALL_YEAR)
               for i, t in enumerate(TOWNSHIPS) for j, a in enumerate(approvals)]
    return titles


def gen_document(rng: random.Random, year: int) -> list[Record]:
    picked = rng.sample(document_titles(year), DOCUMENTS[year])
    # Numbers follow issue dates, so date the documents first.
    dated = sorted(((any_day(rng, year, months), title, issuer) for title, issuer, months in picked),
                   key=lambda item: item[0])
    numbers = {"政府": 0, "政府办公室": 0}
    out = []
    for day, title, issuer in dated:
        numbers[issuer] += 1
        no = numbers[issuer]
        prefix, slug = ("示政发", "zhengfa") if issuer == "政府" else ("示政办发", "zhengbanfa")
        unit = rng.choice(list(DEPARTMENTS) + [OFFICE])
        body = f"由{unit}起草，经{rng.choice(['县政府常务会议审议', '县政府分管领导审核', '合法性审查和公平竞争审查'])}后印发。"
        out.append(record("document", day, f"{slug}-{no}", title, body, unit=unit,
                          doc_no=f"{prefix}〔{year}〕{no}号", issuer=issuer))
    return out


def gen_doc_rejection(rng: random.Random, year: int) -> list[Record]:
    reasons = ["可通过会议部署，无需另行发文", "内容与已发文件重复", "可合并发文", "属部门职责范围，应以部门名义印发",
               "上级文件已明确要求，可直接转发执行", "内容空泛，缺乏实质性措施"]
    matters = ["开展安全生产月活动", "成立工作专班", "开展专项检查", "印发工作方案", "开展宣传周活动", "建立联席会议制度"]
    out = []
    for _ in range(rng.randint(5, 9) - HANDWRITTEN.get((year, "doc_rejection"), 0)):
        dept, matter, reason = rng.choice(list(DEPARTMENTS)), rng.choice(matters), rng.choice(reasons)
        body = f"经前置审核，{dept}报送的《关于{matter}的通知》{reason}，退回申请部门。"
        out.append(record("doc_rejection", any_day(rng, year), f"bohui-{DEPARTMENTS[dept]}",
                          f"驳回{dept}关于{matter}的发文申请", body, tags=["精文减会"],
                          department=dept, reason=reason))
    return out


HOLIDAYS = {1: "元旦春节", 2: "元旦春节", 4: "清明", 5: "五一", 6: "端午", 9: "中秋国庆", 10: "中秋国庆", 12: "元旦"}
FOCI = {"八项规定": ("落实中央八项规定精神情况监督检查", "bagui"), "疫情防控": ("疫情防控措施落实情况督导检查", "yiqing"),
        "作风纪律": ("作风纪律专项督查", "zuofeng"), "工作状态": ("干部在岗在位和工作状态督查", "zhuangtai"),
        "窗口服务": ("窗口单位便民服务措施落实情况检查", "chuangkou")}


def gen_inspection(rng: random.Random, year: int) -> list[Record]:
    out = []
    for _ in range(INSPECTIONS[year] - HANDWRITTEN.get((year, "inspection"), 0)):
        day = any_day(rng, year)
        foci = ["作风纪律", "工作状态", "窗口服务"] + ["八项规定"] * (2 if day.month in HOLIDAYS else 1)
        foci += ["疫情防控"] * 2 if year <= 2022 else []
        focus = rng.choice(foci)
        pool = WINDOWS if focus == "窗口服务" else list(TOWNSHIPS) + list(DEPARTMENTS)
        targets = rng.sample(pool, rng.randint(1, 4))
        title, slug = FOCI[focus]
        if focus == "八项规定" and day.month in HOLIDAYS:
            title = f"{HOLIDAYS[day.month]}期间{title}"
        if len(targets) > 1:
            title += f"（{targets[0]}等{len(targets)}个单位）"
        how = rng.choice(["随机抽查、查阅台账", "实地查看、个别询问", "不打招呼、直奔现场"])
        body = f"采取{how}等方式开展检查。{rng.choice(['发现的问题已当场反馈并督促整改。', '总体情况良好，未发现违规问题。', '检查情况将在督查通报中予以通报。'])}"
        out.append(record("inspection", day, f"ducha-{slug}", title, body, unit="县政府督查室",
                          tags=["八项规定"] if focus == "八项规定" else [], focus=focus, targets=targets))
    return out


# problem found by an inspection, and the measure taken to rectify it
PROBLEMS = [("个别工作人员上班时间脱岗", "对相关人员进行批评教育，完善考勤管理制度"),
            ("值班值守记录不完整", "补齐值班记录，落实领导带班制度"),
            ("窗口工作人员未佩戴工作牌", "统一配发工作牌，纳入窗口日常考核"),
            ("便民服务事项公示内容未及时更新", "更新公示内容，建立定期核查机制"),
            ("公务用车停放管理不规范", "规范公务用车停放，明确专人管理"),
            ("会议签到制度执行不严格", "严格执行会议签到，主要负责人作出说明"),
            ("考勤记录与实际在岗情况不符", "约谈单位负责人，开展作风纪律再教育"),
            ("节假日值班人员未按时到岗", "调整值班安排，落实值班电话抽查"),
            ("上班时间浏览与工作无关的网页", "对相关人员进行提醒谈话，开展警示教育"),
            ("群众来电登记不及时", "建立来电登记台账，实行日清日结"),
            ("办事指南与实际办理要求不一致", "修订办事指南，组织窗口人员业务培训")]


def notice_days(rng: random.Random, year: int, n: int) -> list[date]:
    """Issue dates in order; 2024 ends with two notices whose problems stay open into December."""
    if year in RESERVED_NOTICE:
        issue, reserved = RESERVED_NOTICE[year]
        return (spread(rng, date(year, 1, 15), reserved - timedelta(14), issue - 1) + [reserved] +
                spread(rng, reserved + timedelta(14), date(year, 11, 15), n - issue))
    if year == 2024:
        return spread(rng, date(year, 1, 15), date(year, 8, 31), n - 2) + [
            weekday_between(rng, date(year, 9, 16), date(year, 9, 20)),
            weekday_between(rng, date(year, 11, 4), date(year, 11, 8))]
    return spread(rng, date(year, 1, 15), date(year, 11, 15), n)


def gen_notice(rng: random.Random, year: int) -> list[Record]:
    days = notice_days(rng, year, NOTICES[year])
    reserved = RESERVED_NOTICE.get(year, (0, None))[0]
    # Open problems of 2024: day offsets of their deadlines after the notice (Oct, Nov, Dec 2024).
    open_offsets = {len(days) - 2: [(20, 30), (40, 45)], len(days) - 1: [(27, 35), (42, 45)]} if year == 2024 else {}
    out = []
    for index, day in enumerate(days):
        issue = index + 1
        if issue == reserved:
            continue
        offsets = open_offsets.get(index, [])
        units = rng.sample(list(TOWNSHIPS) + list(DEPARTMENTS), rng.randint(max(1, len(offsets)), 4))
        problems = []
        for j, (unit, (description, measures)) in enumerate(zip(units, rng.sample(PROBLEMS, len(units)))):
            problem: dict[str, object] = {"unit": unit, "description": description}
            if j < len(offsets):
                problem["deadline"] = day + timedelta(rng.randint(*offsets[j]))
                problem["status"] = "整改中"
            else:
                deadline = day + timedelta(rng.randint(15, 45))
                done = min(day + timedelta(rng.randint(5, (deadline - day).days + 3)), date(year, 12, 31), AS_OF)
                problem.update(deadline=deadline, status="已整改", rectified=done, measures=measures)
            problems.append(problem)
        problems.sort(key=lambda p: p["deadline"])  # type: ignore[arg-type,return-value]
        subject = rng.choice(["作风纪律督查", "作风纪律督查", "落实中央八项规定精神监督检查", "窗口单位服务督查"])
        body = f"现将{year}年第{issue}期{subject}发现的问题予以通报，请各责任单位按期整改并报送整改情况。"
        out.append(record("notice", day, f"tongbao-{issue}", f"关于{year}年第{issue}期{subject}情况的通报", body,
                          unit="县政府督查室", tags=["八项规定"] if "八项规定" in subject else [], issue_no=issue,
                          targets=units, problems=problems,
                          rectified=all(p["status"] == "已整改" for p in problems)))
    return out


def gen_talk(rng: random.Random, year: int) -> list[Record]:
    kinds = ["履责例行谈话"] * rng.randint(4, 6) + ["个别谈话"] * rng.randint(3, 6) + ["提醒谈话"] * rng.randint(3, 6)
    # Routine talks on duty are held in the first quarter; the others any time.
    talks = sorted((any_day(rng, year, (1, 2, 3)) if kind == "履责例行谈话" else any_day(rng, year), kind)
                   for kind in kinds)
    counters: dict[str, int] = {}
    out = []
    slugs = {"履责例行谈话": "lvze", "个别谈话": "gebie", "提醒谈话": "tixing"}
    for day, kind in talks:
        k = counters[kind] = counters.get(kind, 0) + 1
        out.append(record("talk", day, f"tanhua-{slugs[kind]}", f"{kind}（{year}年第{k}次）",
                          "谈话情况已按规定登记存档。", unit="县政府党组", confidential=True, kind=kind))
    return out


# medium: (outlet, slug, broadcast minutes to choose from, or the word-count range in tens)
OUTLETS = {"广播": [("县农村大喇叭", "guangbo", (1.5, 2, 2.5, 3), None)],
           "电视": [("示例县电视台", "dianshi", (2, 2.5, 3, 3.5, 4, 4.5), None)],
           "报纸": [("示例日报", "baozhi", (), (60, 118)), ("示例县报", "baozhi", (), (40, 78))]}


# 党政主要领导: of the leaders in the news, the 县长 (the 县委书记 is not in the government's ledger).
MAIN_LEADER, MAIN_LEADER_SINCE = "县长张明", 2024


def gen_news(rng: random.Random, year: int) -> list[Record]:
    out = []
    for _ in range(rng.randint(20, 30)):
        day, leader = any_day(rng, year), rng.choice(["县长张明", "县长张明", "常务副县长李华"])
        topic = rng.choice(active(MEETING_TOPICS, day))
        event = rng.choice([f"{leader}调研{topic}工作", f"全县{topic}工作会议召开", f"{leader}主持召开县政府常务会议"])
        medium = rng.choice(["广播", "电视", "电视", "报纸", "报纸"])
        outlet, slug, minutes, tens = rng.choice(OUTLETS[medium])
        fields: dict[str, object] = {"outlet": outlet, "medium": medium}
        if tens:
            fields["words"] = rng.randint(*tens) * 10
            body = f"{outlet}刊发消息，{fields['words']}字。"
        else:
            fields["duration_min"] = rng.choice(minutes)
            body = f"{outlet}播发消息，时长{fields['duration_min']}分钟。"
        if year >= MAIN_LEADER_SINCE:  # the field came in 2024; published years' records stay as they were
            fields["main_leader"] = leader == MAIN_LEADER
        out.append(record("news", day, slug, event, body, unit="县融媒体中心", tags=tags_for(topic), **fields))
    return out


GUEST_UNITS = ["市发展改革委调研组", "市财政局检查组", "市教育局督导组", "市卫生健康委调研组", "市农业农村局调研组",
               "市生态环境局检查组", "省交通运输厅调研组", "省住房和城乡建设厅检查组", "东岭县考察团",
               "青川县学习考察团", "市审计局审计组", "市应急管理局检查组", "市乡村振兴局调研组", "市商务局调研组"]


def gen_reception(rng: random.Random, year: int) -> list[Record]:
    n = rng.randint(25, 40)
    days = sorted(any_day(rng, year) for _ in range(n))
    breach = rng.randrange(n) if year in (2022, 2024) else -1  # one deliberate breach for the compliance page
    out = []
    for i, day in enumerate(days):
        guests = rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 12, 15])
        allowed = 3 if guests <= 10 else guests // 3
        escorts = rng.randint(1, min(allowed, guests))
        if i == breach:
            guests, escorts = 4, 5
        meals = rng.randint(1, 2)
        unit = rng.choice(GUEST_UNITS)
        cost = (guests + escorts) * meals * rng.choice([60, 70, 80, 90, 100])
        body = f"凭公函接待，按标准安排工作餐{meals}次，陪同{escorts}人，费用{cost}元。"
        # 处理情况 came in 2024: the breach of that year records how it was dealt with.
        handling = {"handling": "责令退还超标准陪同人员餐费，对承办科室负责人提醒谈话"} if i == breach and year >= 2024 else {}
        out.append(record("reception", day, "jiedai", f"接待{unit}", body, guest_unit=unit, guests=guests,
                          escorts=escorts, meals=meals, cost_yuan=cost,
                          letter_no=f"示函〔{year}〕{i + 1}号", **handling))
    return out


BASELINES = [("meeting", "会议", 58, None), ("document", "发文", 104, None), ("study", "理论学习", 22, None),
             ("study", "集中研讨", 5, "form=集中研讨"), ("research", "调研", 120, None),
             ("inspection", "督导检查", 20, None), ("notice", "督查通报", 4, None),
             ("doc_rejection", "驳回发文申请", 3, None)]


def gen_baseline() -> list[Record]:
    out = []
    for metric, label, value, filter_ in BASELINES:
        slug = metric.replace("_", "-") + ("-yantao" if filter_ else "")
        fields: dict[str, object] = {"metric": metric, **({"filter": filter_} if filter_ else {}), "value": value}
        out.append(record("baseline", date(2020, 12, 31), slug, f"2020年{label}数量基数",
                          "根据2020年工作台账统计，作为2021年同比计算的上年基数。", **fields))
    return out


GENERATORS = [gen_study, gen_research, gen_meeting, gen_document, gen_doc_rejection, gen_inspection,
              gen_notice, gen_talk, gen_news, gen_reception]


# ---------------------------------------------------------------- YAML output

RESERVED_WORDS = re.compile(r"^(?:~|null|true|false|yes|no|on|off|y|n)$", re.IGNORECASE)


def plain_ok(text: str, flow: bool) -> bool:
    """Whether a string can be written unquoted and read back as the same string."""
    if not text or text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`.+" or text[0].isdigit():
        return False
    if ": " in text or "#" in text or text.endswith(":") or RESERVED_WORDS.match(text):
        return False
    return not (flow and any(c in text for c in ",[]{}")) and all(c >= " " for c in text)


def scalar(value: object, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if plain_ok(text, flow) else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_field(key: str, value: object) -> list[str]:
    if not isinstance(value, list):
        return [f"{key}: {scalar(value)}"]
    if not value:
        return [f"{key}: []"]
    if all(isinstance(v, dict) for v in value):
        lines = [f"{key}:"]
        for item in value:
            lines += [f"  {'-' if i == 0 else ' '} {k}: {scalar(v)}" for i, (k, v) in enumerate(item.items())]
        return lines
    if all(plain_ok(str(v), flow=True) for v in value):
        return [f"{key}: [{', '.join(str(v) for v in value)}]"]
    return [f"{key}:"] + [f"  - {scalar(v)}" for v in value]


def render(rec: Record) -> str:
    lines = ["---", f"type: {rec.type}", f"date: {rec.day.isoformat()}"]
    for key, value in rec.fields.items():
        lines += yaml_field(key, value)
    text = "\n".join(lines + ["---", "", rec.body.strip(), ""])
    leaked = [word for word in FORBIDDEN if word in text]
    if leaked:
        raise ValueError(f"generated text contains {leaked}: {rec.slug}")
    return text


# ---------------------------------------------------------------- files

def clean(out_dir: Path) -> int:
    """Delete previously generated files (names ending -gNNN.md) and nothing else."""
    removed = 0
    for path in sorted(out_dir.glob("*/*/*.md")):
        if GENERATED_NAME.search(path.name):
            path.unlink()
            removed += 1
    return removed


def write(out_dir: Path, records: list[Record]) -> int:
    """Write records of one year and type, numbered -g001… in date order."""
    records = sorted(records, key=lambda r: r.day)  # stable: same-day records keep generation order
    for number, rec in enumerate(records, start=1):
        folder = out_dir / str(rec.day.year) / rec.type
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{rec.day.isoformat()}-{rec.slug}-g{number:03d}.md"
        (folder / name).write_text(render(rec), encoding="utf-8", newline="\n")
    return len(records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="写入示例县2021—2024年示例记录")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "records",
                        help="输出目录（默认：仓库的 records/）")
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    removed = clean(out_dir)
    rng = random.Random(SEED)
    total = write(out_dir, gen_baseline())
    for year in YEARS:
        for generate in GENERATORS:
            total += write(out_dir, generate(rng, year))
    print(f"removed {removed} generated files, wrote {total} to {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
