"""Throughput benchmark for tracker.extract.pipeline.extract on a synthetic UN-style corpus.

A deterministic corpus (random.Random(seed)) of about 7 KB documents, half Chinese and half
English, is written to a temporary directory (or --out DIR): provisional agendas, work
programmes with lettered topic lists, draft decisions with blanks ([……], [...], ____,
CCW/MSP/2012/……) and summary records with speakers and adoption acts. Some Chinese documents
are word-segmented (spaces between words) and some documents of both languages are hard-wrapped
the way PDF text extraction leaves them. All text is generated from the templates below.

On one core (the process is pinned to one CPU where the OS allows it) it measures
  floor    read_bytes() + decode() of every file (best of three passes), the cost of I/O in Python;
  extract  read_bytes() + decode() + extract() of every file (one pass, after a warm-up),
and prints documents/s and MB/s beside the floor, then the target line. It reports, never
asserts: the exit status is 0 whether the target is met or not.

    .venv/bin/python bench/extract_bench.py                 # 1200 documents
    .venv/bin/python bench/extract_bench.py --docs 2000 --out /tmp/corpus
    .venv/bin/python bench/extract_bench.py --profile       # + cProfile, top 25 by cumulative time
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import os
import pstats
import random
import re
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from tracker.extract.pipeline import extract

TARGET_DOCS_PER_S = 300
TARGET_KB = 7.0
WARMUP_DOCS = 8

# ============================================================================ vocabulary
# (code, Chinese name, English name, symbol body, subject tag)
INSTRUMENTS = [
    ("CCM", "集束弹药公约", "Convention on Cluster Munitions", "CCM", "CLUSTER MUNITIONS"),
    ("CCW", "特定常规武器公约", "Convention on Certain Conventional Weapons", "CCW", "CONVENTIONAL WEAPONS"),
    ("APLC", "杀伤人员地雷公约", "Anti-Personnel Mine Ban Convention", "APLC", "LANDMINES"),
    ("BWC", "生物武器公约", "Biological Weapons Convention", "BWC", "BIOLOGICAL WEAPONS"),
    ("ATT", "武器贸易条约", "Arms Trade Treaty", "ATT", "ARMS TRADE"),
]
# (Chinese pattern, English pattern, symbol part, takes an ordinal)
MEETINGS = [
    ("缔约国第{o}次会议", "{O} Meeting of States Parties", "MSP", True),
    ("第{o}次审议会议", "{O} Review Conference", "CONF", True),
    ("缔约国第{o}次会议", "{O} Meeting of the High Contracting Parties", "MSP", True),
    ("闭会期间会议", "Intersessional Meeting", "ISM", False),
    ("政府专家小组", "Group of Governmental Experts", "GGE", False),
    ("筹备会议", "Preparatory Meeting", "PM", False),
    ("第{o}次缔约国会议", "{O} Conference of States Parties", "CSP", True),
]
EN_ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
               "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth"]
ZH_DIGITS = "零一二三四五六七八九"
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ZH_WEEKDAYS = "一二三四五六日"
# (Chinese, English, country in Chinese, country in English)
CITIES = [
    ("日内瓦", "Geneva", "瑞士", "Switzerland"), ("维也纳", "Vienna", "奥地利", "Austria"),
    ("纽约", "New York", "美国", "United States"), ("万象", "Vientiane", "老挝", "Lao People's Democratic Republic"),
    ("贝鲁特", "Beirut", "黎巴嫩", "Lebanon"), ("奥斯陆", "Oslo", "挪威", "Norway"),
    ("杜布罗夫尼克", "Dubrovnik", "克罗地亚", "Croatia"), ("马普托", "Maputo", "莫桑比克", "Mozambique"),
    ("卡塔赫纳", "Cartagena", "哥伦比亚", "Colombia"), ("金边", "Phnom Penh", "柬埔寨", "Cambodia"),
    ("圣地亚哥", "Santiago", "智利", "Chile"), ("惠灵顿", "Wellington", "新西兰", "New Zealand"),
    ("都柏林", "Dublin", "爱尔兰", "Ireland"), ("曼谷", "Bangkok", "泰国", "Thailand"),
    ("内罗毕", "Nairobi", "肯尼亚", "Kenya"), ("马尼拉", "Manila", "菲律宾", "Philippines"),
    ("利马", "Lima", "秘鲁", "Peru"), ("卢萨卡", "Lusaka", "赞比亚", "Zambia"),
    ("萨拉热窝", "Sarajevo", "波斯尼亚和黑塞哥维那", "Bosnia and Herzegovina"), ("达喀尔", "Dakar", "塞内加尔", "Senegal"),
]
# (city in English, Chinese, English); a city without one meets in its "conference centre"
FACILITIES = [("Geneva", "万国宫", "Palais des Nations"), ("Geneva", "日内瓦国际会议中心", "International Conference Centre Geneva"),
              ("Geneva", "世界气象组织会议中心", "WMO Conference Centre"), ("Vienna", "维也纳国际中心", "Vienna International Centre"),
              ("Bangkok", "联合国会议中心", "United Nations Conference Centre"),
              ("New York", "联合国总部", "United Nations Headquarters")]
GENERIC_FACILITY = ("国际会议中心", "International Conference Centre")
COUNTRIES = [
    ("法国", "France"), ("德国", "Germany"), ("日本", "Japan"), ("智利", "Chile"), ("墨西哥", "Mexico"),
    ("挪威", "Norway"), ("新西兰", "New Zealand"), ("爱尔兰", "Ireland"), ("奥地利", "Austria"),
    ("瑞士", "Switzerland"), ("黎巴嫩", "Lebanon"), ("莫桑比克", "Mozambique"), ("哥伦比亚", "Colombia"),
    ("柬埔寨", "Cambodia"), ("克罗地亚", "Croatia"), ("比利时", "Belgium"), ("荷兰", "Netherlands"),
    ("瑞典", "Sweden"), ("芬兰", "Finland"), ("丹麦", "Denmark"), ("葡萄牙", "Portugal"), ("西班牙", "Spain"),
    ("意大利", "Italy"), ("阿根廷", "Argentina"), ("巴西", "Brazil"), ("秘鲁", "Peru"), ("南非", "South Africa"),
    ("赞比亚", "Zambia"), ("塞内加尔", "Senegal"), ("埃及", "Egypt"), ("巴基斯坦", "Pakistan"), ("印度", "India"),
    ("中国", "China"), ("俄罗斯联邦", "Russian Federation"), ("美国", "United States"), ("英国", "United Kingdom"),
    ("澳大利亚", "Australia"), ("加拿大", "Canada"), ("菲律宾", "Philippines"), ("印度尼西亚", "Indonesia"),
    ("马来西亚", "Malaysia"), ("泰国", "Thailand"), ("越南", "Viet Nam"), ("伊拉克", "Iraq"), ("约旦", "Jordan"),
    ("尼日利亚", "Nigeria"), ("肯尼亚", "Kenya"), ("乌干达", "Uganda"), ("危地马拉", "Guatemala"),
    ("哥斯达黎加", "Costa Rica"), ("厄瓜多尔", "Ecuador"), ("古巴", "Cuba"), ("老挝", "Lao People's Democratic Republic"),
]
# invented surnames and given names, (Chinese transliteration, Latin spelling)
SURNAMES = [
    ("阿尔瓦雷斯", "Alvarez"), ("科瓦奇", "Kovac"), ("门多萨", "Mendoza"), ("哈利勒", "Khalil"), ("林德伯格", "Lindberg"),
    ("奥孔科沃", "Okonkwo"), ("佩雷拉", "Pereira"), ("希拉尔", "Hilal"), ("斯文松", "Svensson"), ("杜邦", "Dupont"),
    ("罗西", "Rossi"), ("诺瓦克", "Nowak"), ("巴尔加斯", "Vargas"), ("卡迈勒", "Kamal"), ("奥布莱恩", "O'Brien"),
    ("哈伯", "Haber"), ("索萨", "Sosa"), ("马蒂内利", "Martinelli"), ("恩戈马", "Ngoma"), ("拉赫曼", "Rahman"),
    ("贝克尔", "Becker"), ("伊万诺夫", "Ivanov"), ("卡多佐", "Cardozo"), ("瓦尔德斯", "Valdes"), ("塔瓦雷斯", "Tavares"),
    ("萨马拉", "Samara"), ("米凯尔森", "Mikkelsen"), ("基图伊", "Kitui"), ("阿卜杜拉", "Abdullah"), ("莫雷诺", "Moreno"),
    ("霍尔瓦特", "Horvat"), ("本苏达", "Bensouda"), ("拉森", "Larsen"), ("奥萨马尼", "Osmani"), ("韦伯", "Weber"),
]
GIVEN = [("卡洛斯", "Carlos", "m"), ("安娜", "Ana", "f"), ("约翰", "Johan", "m"), ("玛丽亚", "Maria", "f"),
         ("彼得", "Peter", "m"), ("伊丽莎白", "Elisabeth", "f"), ("哈米德", "Hamid", "m"), ("索菲亚", "Sofia", "f"),
         ("马丁", "Martin", "m"), ("莱拉", "Leila", "f"), ("托马斯", "Tomas", "m"), ("英格丽", "Ingrid", "f")]
ORGS = [("国际红十字委员会", "International Committee of the Red Cross"),
        ("联合国开发计划署", "United Nations Development Programme"),
        ("日内瓦国际人道主义排雷中心", "Geneva International Centre for Humanitarian Demining"),
        ("集束弹药联盟", "Cluster Munition Coalition"),
        ("联合国裁军事务厅", "United Nations Office for Disarmament Affairs"),
        ("联合国排雷行动处", "United Nations Mine Action Service")]
GROUPS = [("欧洲联盟", "European Union"), ("不结盟运动和其他国家集团", "Group of Non-Aligned Movement and Other States"),
          ("非洲集团", "African Group"), ("拉丁美洲和加勒比国家集团", "Group of Latin American and Caribbean States"),
          ("东南亚国家联盟", "Association of Southeast Asian Nations")]
TOPICS = [
    ("受害者援助", "victim assistance"), ("清除受污染地区和减少风险教育", "clearance of contaminated areas and risk reduction education"),
    ("储存销毁和保留", "stockpile destruction and retention"), ("国际合作与援助", "international cooperation and assistance"),
    ("透明度措施", "transparency measures"), ("国家执行措施", "national implementation measures"),
    ("普遍加入《公约》", "universalization of the Convention"), ("遵约", "compliance"),
    ("执行支助股的运作", "the operation of the Implementation Support Unit"), ("财务事项", "financial matters"),
    ("战争遗留爆炸物", "explosive remnants of war"), ("简易爆炸装置", "improvised explosive devices"),
    ("致命性自主武器系统领域的新兴技术", "emerging technologies in the area of lethal autonomous weapons systems"),
    ("性别与多样性", "gender and diversity"), ("国家报告", "national reporting"),
    ("科学和技术发展", "developments in science and technology"), ("履约所需资源", "resources for implementation"),
]
ZH_AGENDA_MIDDLE = ["一般性交换意见", "审查《公约》的现况和运作情况", "审议根据第7条提交的透明度报告",
                    "审议与执行《公约》有关的事项", "执行支助股的工作和财务", "审议延期请求", "审议会议的筹备工作",
                    "国际合作与援助", "《公约》的普遍加入", "审议关于遵约的问题", "通过议事规则", "安排工作",
                    "确认会议秘书长的任命", "审议非缔约国和观察员参加会议的问题", "审议预算和估计费用"]
EN_AGENDA_MIDDLE = ["General exchange of views", "Review of the status and operation of the Convention",
                    "Consideration of transparency reports submitted under article 7",
                    "Consideration of matters pertaining to the implementation of the Convention",
                    "Work and finances of the Implementation Support Unit", "Consideration of requests for extensions",
                    "Preparations for the Review Conference", "International cooperation and assistance",
                    "Universalization of the Convention", "Consideration of issues of compliance",
                    "Adoption of the rules of procedure", "Organization of work",
                    "Confirmation of the nomination of the Secretary-General of the Meeting",
                    "Participation of observers and States not parties", "Consideration of the budget and estimated costs"]

# ============================================================================ small helpers


def zh_num(n: int) -> str:
    """1..99 in Chinese numerals: 十二, 二十一."""
    if n < 10:
        return ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ZH_DIGITS[tens]) + "十" + (ZH_DIGITS[ones] if ones else "")


class Doc:
    """Everything a document says about its meeting, drawn once so the text is self-consistent."""

    def __init__(self, r: random.Random, lang: str, kind: str) -> None:
        self.r, self.lang, self.kind = r, lang, kind
        self.inst = r.choice(INSTRUMENTS)
        self.meeting_tpl = r.choice(MEETINGS)
        self.ordinal = r.randint(1, 16)
        self.year = r.randint(2007, 2024)
        self.city = CITIES[0] if r.random() < 0.4 else r.choice(CITIES)
        here = [f[1:] for f in FACILITIES if f[0] == self.city[1]]
        self.facility = r.choice(here) if here else GENERIC_FACILITY
        self.chair = self.person()
        self.symbol_no = r.randint(1, 12)

    # -- names
    def meeting(self, ordinal: int | None = None, lang: str | None = None) -> str:
        zh_tpl, en_tpl, _, takes = self.meeting_tpl
        o = ordinal or self.ordinal
        if (lang or self.lang) == "zh":
            return zh_tpl.format(o=self.r.choice([zh_num(o), str(o)]) if takes else "")
        return en_tpl.format(O=EN_ORDINALS[o - 1] if takes else "").strip()

    def other_meeting(self) -> str:
        o = self.ordinal + self.r.choice([1, 1, 2, -1]) if self.ordinal > 1 else self.ordinal + 1
        return self.meeting(min(o, 16))

    def symbol(self, tail: str | None = None) -> str:
        body = self.inst[3]
        part = self.meeting_tpl[2]
        return f"{body}/{part}/{self.year}/{tail if tail is not None else self.symbol_no}"

    def person(self) -> tuple[str, str, str]:
        """(Chinese, English, sex) with a given name a third of the time."""
        zs, es = self.r.choice(SURNAMES)
        zg, eg, sex = self.r.choice(GIVEN)
        if self.r.random() < 0.33:
            return f"{zg}·{zs}", f"{eg} {es}", sex
        return zs, es, sex

    def speaker(self, with_country: bool = True) -> str:
        zh_name, en_name, sex = self.person()
        zc, ec = self.r.choice(COUNTRIES)
        if self.lang == "zh":
            hon = self.r.choice(["先生", "大使"] if sex == "m" else ["女士", "大使"])
            return f"{zh_name}{hon}({zc})" if with_country else f"{zh_name}{hon}"
        hon = self.r.choice(["Mr.", "Ambassador"] if sex == "m" else ["Ms.", "Mrs.", "Ambassador"])
        return f"{hon} {en_name} ({ec})" if with_country else f"{hon} {en_name}"

    def chair_line(self) -> str:
        zh_name, en_name, sex = self.chair
        zc, ec = self.r.choice(COUNTRIES)
        if self.lang == "zh":
            return f"主席：{zh_name}{'先生' if sex == 'm' else '女士'}({zc})"
        return f"President: {'Mr.' if sex == 'm' else 'Ms.'} {en_name} ({ec})"

    def country(self) -> str:
        return self.r.choice(COUNTRIES)[0 if self.lang == "zh" else 1]

    def org(self) -> str:
        return self.r.choice(ORGS)[0 if self.lang == "zh" else 1]

    def group(self) -> str:
        return self.r.choice(GROUPS)[0 if self.lang == "zh" else 1]

    def topic(self) -> str:
        return self.r.choice(TOPICS)[0 if self.lang == "zh" else 1]

    def place(self) -> str:
        zc, ec, zk, ek = self.city
        if self.lang == "zh":
            return self.r.choice([zc, f"{zk}{zc}", f"{zc}{self.facility[0]}"])
        return self.r.choice([ec, f"{ec}, {ek}", f"the {self.facility[1]}, {ec}"])

    def amount(self) -> str:
        n = self.r.randint(20, 990) * 1000
        return f"{n:,}" if self.lang == "en" else str(n)

    # -- dates
    def _day(self, year: int | None = None, last_month: int = 12) -> dt.date:
        y = year or self.year
        return dt.date(y, self.r.randint(1, last_month), self.r.randint(1, 28))

    def date(self, year: int | None = None, day: bool = False) -> str:
        """One date in one of the forms the documents use; day=True for one that names a day ("on …")."""
        d = self._day(year)
        r = self.r
        if self.lang == "zh":
            form = r.choice((0, 1, 4)) if day else r.randrange(5)
            if form == 0:
                return f"{d.year}年{d.month}月{d.day}日"
            if form == 1:
                return f"{d.year}年{d.month}月{d.day}日星期{ZH_WEEKDAYS[d.weekday()]}"
            if form == 2:
                return f"{d.year}年{d.month}月{r.choice(['上旬', '中旬', '下旬'])}"
            if form == 3:
                return f"{d.year}年{d.month}月"
            return f"{zh_year(d.year)}年{zh_num(d.month)}月{zh_num(d.day)}日"
        form = r.choice((0, 1, 3)) if day else r.randrange(5)
        if form == 0:
            return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
        if form == 1:
            return f"{EN_WEEKDAYS[d.weekday()]}, {d.day} {EN_MONTHS[d.month - 1]} {d.year}"
        if form == 2:
            part = r.choice(["mid-", "early ", "late ", "the end of ", "the first half of "])
            return f"{part}{EN_MONTHS[d.month - 1]} {d.year}"
        if form == 3:
            return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
        return f"{EN_MONTHS[d.month - 1]} {d.year}"

    def span(self, year: int | None = None) -> str:
        """A range, window or part of month: 2013年4月22日至5月3日, between 10 and 20 September 2011."""
        r = self.r
        a = self._day(year, last_month=11)
        b = a + dt.timedelta(days=r.randint(2, 11))
        if self.lang == "zh":
            form = r.randrange(6)
            if form == 0 or (a.month == b.month and form == 1):
                return f"{a.year}年{a.month}月{a.day}日至{b.day}日"
            if form == 1:
                return f"{a.year}年{a.month}月{a.day}日至{b.month}月{b.day}日"
            if form == 2:
                return f"{a.year}年{a.month}月{a.day}日到{b.day if a.month == b.month else f'{b.month}月{b.day}'}日期间"
            if form == 3:
                return f"{a.year}年{a.month}月{r.choice(['上旬', '中旬', '下旬'])}"
            if form == 4:
                return f"{a.year}年{a.month}月{a.day}-{a.day + 3}日"
            return f"{a.year}年{a.month}月{a.day}日(星期{ZH_WEEKDAYS[a.weekday()]})至{b.month}月{b.day}日"
        ma, mb = EN_MONTHS[a.month - 1], EN_MONTHS[b.month - 1]
        form = r.randrange(7)
        if form == 0 or (a.month == b.month and form == 1):
            return f"{a.day}-{a.day + 3} {ma} {a.year}" if a.day < 25 else f"{a.day} {ma}-{b.day} {mb} {b.year}"
        if form == 1:
            return f"{a.day} {ma} to {b.day} {mb} {b.year}"
        if form == 2:
            return f"between {a.day} and {a.day + 2} {ma} {a.year}" if a.day < 26 else f"in {ma} {a.year}"
        if form == 3:
            return f"{r.choice(['mid-', 'early ', 'late '])}{ma} {a.year}"
        if form == 4:
            return f"from {a.day} to {b.day} {mb} {b.year}" if a.month == b.month else f"from {a.day} {ma} to {b.day} {mb} {b.year}"
        if form == 5:
            return f"{ma} {a.day}-{a.day + 2}, {a.year}" if a.day < 26 else f"{ma} {a.year}"
        return f"in the period from {a.day} {ma} to {b.day} {mb} {b.year}"

    def clock(self) -> str:
        r = self.r
        h = r.choice([9, 10, 10, 11, 3, 4, 5])
        m = r.choice([0, 0, 10, 15, 30, 35, 50])
        if self.lang == "zh":
            mer = "上午" if h >= 9 else "下午"
            return f"{mer}{h}时{f'{m}分' if m else ''}"
        mer = "a.m." if h >= 9 else "p.m."
        return f"{h}.{m:02d} {mer}" if m else f"{h} {mer}"


def stop(sentence: str) -> str:
    """End a sentence with one full stop, also after "p.m."."""
    return sentence if sentence.endswith(".") else sentence + "."


def zh_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


# ============================================================================ paragraphs
# Each generator returns one paragraph body (without its number) for a Doc; kinds mix them.


def zh_statement(d: Doc) -> str:
    r = d.r
    clauses = [
        f"{d.country()}代表团欢迎在销毁储存方面取得的进展，并注意到已有{r.randint(20, 110)}个国家批准了《{d.inst[1]}》",
        f"{d.topic()}的人道主义影响仍然令人严重关切",
        f"{d.country()}政府已向{d.org()}捐款{d.amount()}美元，用于{d.topic()}",
        f"{d.country()}已于{d.date()}完成了所有受污染地区的清除工作",
        "执行支助股的财务状况需要各缔约国给予紧急关注",
        f"各缔约国应在每年4月30日之前提交关于{d.topic()}的透明度报告",
        f"{d.country()}愿意于{d.span(d.year + 1)}在{r.choice(CITIES)[0]}主办一次关于{d.topic()}的区域研讨会",
        f"{d.meeting()}应当在{d.topic()}问题上取得切实成果",
        f"该国自{d.year - r.randint(1, 6)}年以来一直在{d.topic()}方面提供技术援助",
        f"应当加强与{d.org()}的合作，特别是在{d.topic()}方面",
    ]
    r.shuffle(clauses)
    lead = r.choice(["说，", "指出，", "表示，", "强调，"])
    joiners = ["；", "。他还说，", "。此外，", "；并且"]
    body = clauses[0]
    for c in clauses[1:r.randint(2, 4)]:
        body += r.choice(joiners) + c
    who = d.speaker()
    behalf = f"以{d.group()}的名义发言" if r.random() < 0.3 else ""
    return f"{who}{behalf}{lead}{body}。"


def en_statement(d: Doc) -> str:
    r = d.r
    clauses = [
        f"his delegation welcomed the progress made in stockpile destruction and noted that {r.randint(20, 110)} States had ratified the {d.inst[2]}",
        f"the humanitarian impact of {d.topic()} remained a matter of grave concern",
        f"her Government had contributed {d.amount()} United States dollars to the {d.org()} for {d.topic()}",
        f"{d.country()} had completed clearance of all contaminated areas {r.choice(['on ' + d.date(day=True), 'by ' + d.date()])}",
        "the financial situation of the Implementation Support Unit required the urgent attention of States parties",
        f"States parties should submit their transparency reports on {d.topic()} by 30 April each year",
        f"{d.country()} offered to host a regional workshop on {d.topic()} in {r.choice(CITIES)[1]} {d.span(d.year + 1)}",
        f"the {d.meeting()} should deliver concrete results on {d.topic()}",
        f"since {d.year - r.randint(1, 6)} it had provided technical assistance for {d.topic()}",
        f"cooperation with the {d.org()} should be strengthened, particularly with regard to {d.topic()}",
    ]
    r.shuffle(clauses)
    body = clauses[0]
    for c in clauses[1:r.randint(2, 4)]:
        body += r.choice(["; ", ". He also said that ", ". Moreover, ", ", and that "]) + c
    who = d.speaker()
    if r.random() < 0.3:
        return f"{who}, speaking on behalf of the {d.group()}, said that {body}."
    return f"{who} {r.choice(['said that', 'stressed that', 'noted that', 'observed that'])} {body}."


def zh_background(d: Doc) -> str:
    r = d.r
    options = [
        f"《{d.inst[1]}》{d.other_meeting()}于{d.span(d.year - 1)}在{r.choice(CITIES)[0]}举行。会议决定，{d.meeting()}将于{d.span()}在{d.place()}举行，为期{zh_num(r.randint(3, 5))}天{r.choice(['', '半'])}。",
        f"候任主席关于{d.year}年工作方案的文件({d.symbol('PM/' + str(r.randint(1, 6)))})中载有关于{d.date()}在{d.place()}举行一次闭会期间会议的建议。这次会议的举行将不影响今后关于《公约》执行结构的决定。",
        f"在与相关各方协商之后，会议认为应当在常设委员会会议之后立即于{d.span()}在{d.city[0]}{d.facility[0]}举行该次会议。会议将以阿拉伯文、中文、英文、法文、俄文和西班牙文举行。",
        f"{d.country()}政府表示愿意主办{d.meeting()}。秘书处将与东道国政府协商，在{d.date()}之前就后勤安排作出决定，并将估计费用提交各缔约国审议。",
        f"截至{d.date()}，已有{r.randint(80, 160)}个国家批准或加入《{d.inst[1]}》，另有{r.randint(5, 30)}个国家已签署但尚未批准。{d.org()}和民间社会组织参加了会议的工作。",
        f"根据议事规则第{r.randint(2, 40)}条，{d.meeting()}将以协商一致方式选举一名主席和{zh_num(r.randint(2, 8))}名副主席。预计{d.country()}的{d.person()[0]}大使将当选为会议主席。",
        f"{d.other_meeting()}曾于{d.date(d.year - 1, day=True)}在{r.choice(CITIES)[0]}举行了为期{zh_num(r.randint(2, 5))}天的会议，由{d.person()[0]}大使主持。该次会议审议了{d.topic()}和{d.topic()}等问题。",
        f"秘书处已于{d.date(day=True)}向各缔约国分发了会议的估计费用。会议费用将由缔约国和参加会议的非缔约国按照经适当调整的联合国分摊比额表分担。",
        f"{d.org()}的报告指出，在{d.year - 1}年，共有{r.randint(100, 9000)}名{d.topic()}方面的受益人得到了援助，其中{r.randint(10, 60)}%为妇女和女童。",
        f"主席团同意，{d.meeting()}期间将于{d.date(day=True)}{d.clock()}举行一次关于{d.topic()}的专题小组讨论，由{d.country()}和{d.org()}共同主持。",
    ]
    return r.choice(options)


def en_background(d: Doc) -> str:
    r = d.r
    options = [
        f"The {d.other_meeting()} of the {d.inst[2]} was held in {r.choice(CITIES)[1]} {d.span(d.year - 1)}. It decided that the {d.meeting()} would be held {d.span()} in {d.place()}, for a duration of {r.choice(['three', 'four', 'five'])} days.",
        f"The paper of the President-designate on the work programme for {d.year} ({d.symbol('PM/' + str(r.randint(1, 6)))}) contains a proposal to hold an intersessional meeting in {d.place()} on {d.date(day=True)}. Holding this meeting would not prejudge future decisions on the implementation architecture.",
        f"Following consultations with the main stakeholders, it is proposed that the meeting be held at the {d.facility[1]} in {d.city[1]} {d.span()}, immediately after the meetings of the Standing Committees. Interpretation will be provided in Arabic, Chinese, English, French, Russian and Spanish.",
        f"The Government of {d.country()} has offered to host the {d.meeting()}. The secretariat will consult the host Government and decide on logistical arrangements before {d.date()}, and will submit the estimated costs to the States parties.",
        f"As at {d.date()}, {r.randint(80, 160)} States had ratified or acceded to the {d.inst[2]} and a further {r.randint(5, 30)} had signed but not yet ratified it. The {d.org()} and civil society organizations participated in the work of the meeting.",
        f"In accordance with rule {r.randint(2, 40)} of the rules of procedure, the {d.meeting()} will elect a President and {r.choice(['two', 'four', 'six', 'eight'])} Vice-Presidents by consensus. It is expected that Ambassador {d.person()[1]} of {d.country()} will be elected President.",
        f"The {d.other_meeting()} met in {r.choice(CITIES)[1]} on {d.date(d.year - 1, day=True)} for {r.choice(['two', 'three', 'four', 'five'])} days under the chairmanship of Ambassador {d.person()[1]}. It considered, inter alia, {d.topic()} and {d.topic()}.",
        f"The secretariat circulated the estimated costs of the meeting to States parties on {d.date(day=True)}. The costs will be shared by the States parties and the States not parties participating in the meeting in accordance with the United Nations scale of assessment, adjusted appropriately.",
        f"The report of the {d.org()} indicates that in {d.year - 1} a total of {r.randint(100, 9000):,} beneficiaries received assistance in the area of {d.topic()}, {r.randint(10, 60)} per cent of whom were women and girls.",
        f"The Bureau agreed that a panel discussion on {d.topic()} would be held during the {d.meeting()} on {d.date(day=True)}, at {d.clock()}, co-chaired by {d.country()} and the {d.org()}.",
    ]
    return r.choice(options)


def zh_topics(d: Doc) -> list[str]:
    r = d.r
    intro = r.choice([f"{d.meeting()}的专题包括：", "闭会期间会议将讨论下列主题：",
                      f"建议在{d.span()}的会议上就以下领域进行专题讨论，包括："])
    picked = r.sample(TOPICS, r.randint(4, 7))
    items = [f"({chr(97 + i)}) {t[0]}{'；' if i < len(picked) - 2 else ('；和' if i == len(picked) - 2 else '。')}"
             for i, t in enumerate(picked)]
    return [intro, *items]


def en_topics(d: Doc) -> list[str]:
    r = d.r
    intro = r.choice([f"The topics of the {d.meeting()} will include the following:",
                      "The intersessional meeting will address the following themes:",
                      f"Thematic discussions {d.span()} are proposed on the following issues:"])
    picked = r.sample(TOPICS, r.randint(4, 7))
    items = [f"({chr(97 + i)}) {t[1][0].upper()}{t[1][1:]}{';' if i < len(picked) - 2 else ('; and' if i == len(picked) - 2 else '.')}"
             for i, t in enumerate(picked)]
    return [intro, *items]


def zh_schedule(d: Doc) -> str:
    r = d.r
    day = d._day()
    return (f"会议将于{day.year}年{day.month}月{day.day}日{d.clock()}开幕。全体会议每天上午10时至下午1时和下午3时至6时举行。"
            f"{r.choice(['第一天', '第二天', '最后一天'])}下午将专门讨论{d.topic()}，{r.choice(['最后半天', '最后一天上午'])}将用于通过报告。")


def en_schedule(d: Doc) -> str:
    r = d.r
    day = d._day()
    return (f"The meeting will open on {EN_WEEKDAYS[day.weekday()]}, {day.day} {EN_MONTHS[day.month - 1]} {day.year}, at {stop(d.clock())} "
            f"Plenary meetings will be held daily from 10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m. The afternoon of the "
            f"{r.choice(['first', 'second', 'last'])} day will be devoted to {d.topic()}, and the {r.choice(['last half-day', 'morning of the final day'])} to the adoption of the report.")


def zh_draft_decisions(d: Doc) -> list[str]:
    r = d.r
    sym_blank = f"{d.inst[3]}/{d.meeting_tpl[2]}/{d.year}/{r.choice(['……', '…', '____'])}"

    def ph() -> str:
        return r.choice(["[……]", "[……]", "[…]", "____", "[ ]"])

    pool = [
        f"会议决定{r.choice(['于', '在'])}{d.year + 1}年{ph()}月{ph()}日至{ph()}日在{ph()}举行{d.other_meeting()}。",
        f"会议决定任命{ph()}的{ph()}大使为{d.other_meeting()}主席。",
        f"会议决定请{ph()}担任{d.year + 1}年政府专家小组主席。",
        f"会议决定于{d.span(d.year + 1)}在{d.city[0]}召开一次为期{zh_num(r.randint(2, 5))}天的闭会期间会议，讨论{d.topic()}。",
        f"会议决定将本次会议的最后报告作为{sym_blank}号文件印发。",
        f"会议核准估计费用载于{ph()}号文件，并决定由{ph()}主办下一次会议。",
        f"会议欢迎{d.country()}提出于{d.year + 1}年{r.randint(1, 12)}月{r.choice(['上旬', '中旬', '下旬'])}在{ph()}举行区域会议的提议。",
        f"会议决定在{ph()}的{ph()}内举行{d.other_meeting()}，并请执行支助股作出必要安排。",
        f"会议请各缔约国在{d.date(d.year + 1)}之前就{d.topic()}提交书面意见。",
    ]
    r.shuffle(pool)
    return pool[: r.randint(4, 7)]


def en_draft_decisions(d: Doc) -> list[str]:
    r = d.r
    sym_blank = f"{d.inst[3]}/{d.meeting_tpl[2]}/{d.year}/{r.choice(['...', '…', '____'])}"

    def ph() -> str:
        return r.choice(["[...]", "[...]", "[…]", "____", "[ ]"])

    pool = [
        f"The Meeting decides to hold the {d.other_meeting()} in {ph()} from {ph()} to {ph()} {r.choice(EN_MONTHS)} {d.year + 1}.",
        f"The Meeting decides to appoint Ambassador {ph()} of {ph()} as President of the {d.other_meeting()}.",
        f"The Meeting decides to elect {ph()} as Chairperson of the Group of Governmental Experts in {d.year + 1}.",
        f"The Meeting decides to convene an intersessional meeting of {r.choice(['two', 'three', 'four'])} days in {d.city[1]} {d.span(d.year + 1)} to consider {d.topic()}.",
        f"The Meeting decides that its final report shall be issued as document {sym_blank}.",
        f"The Meeting approves the estimated costs contained in document ____ and decides that the next meeting shall be hosted by {ph()}.",
        f"The Meeting welcomes the offer of {d.country()} to host a regional conference in {ph()} in {r.choice(['early', 'mid-', 'late'])} {r.choice(EN_MONTHS)} {d.year + 1}.",
        f"The Meeting decides to hold the {d.other_meeting()} at the {ph()} in {ph()}, and requests the Implementation Support Unit to make the necessary arrangements.",
        f"The Meeting invites States parties to submit written views on {d.topic()} by {d.date(d.year + 1)}.",
    ]
    r.shuffle(pool)
    return pool[: r.randint(4, 7)]


def zh_record_act(d: Doc, n: int) -> str:
    r = d.r
    a = r.randint(1, 20)
    return r.choice([
        f"第{a}至第{a + r.randint(3, 9)}段通过。",
        f"第{a}至第{a + r.randint(3, 9)}段在上述谅解基础上通过。",
        "报告草案经修正后通过。",
        "决定草案未经表决获得通过。",
        f"{d.clock()}暂停会议，{d.clock()}复会。",
        f"主席提请注意会议报告草案({d.symbol('CRP.' + str(r.randint(1, 4)))})，并请与会者逐章审议之后再通过整个报告。",
        f"对第{a}段的审议推迟。",
        f"主席说，将对第{a}段进行修改，以列入构成会议工作基础的各文件的文号。",
    ])


def en_record_act(d: Doc, n: int) -> str:
    r = d.r
    a = r.randint(1, 20)
    return r.choice([
        f"Paragraphs {a} to {a + r.randint(3, 9)} were adopted.",
        f"Paragraphs {a} to {a + r.randint(3, 9)} were adopted on that understanding.",
        "The draft report, as amended, was adopted.",
        "The draft decision was adopted without a vote.",
        stop(f"The meeting was suspended at {d.clock()} and resumed at {d.clock()}"),
        f"The PRESIDENT drew attention to the draft report of the meeting ({d.symbol('CRP.' + str(r.randint(1, 4)))}) and invited participants to consider it section by section.",
        f"Consideration of paragraph {a} was deferred.",
        f"The PRESIDENT said that paragraph {a} would be amended to include the symbols of the documents that formed the basis of the work of the meeting.",
    ])


# ============================================================================ documents


def header(d: Doc, title_zh: str, title_en: str, item: bool = True) -> list[str]:
    r = d.r
    sym = d.symbol("SR." + str(r.randint(1, 9))) if d.kind == "summary_record" else d.symbol()
    lines: list[str] = []
    if r.random() < 0.5:
        lines.append(f"%%%{d.inst[4]}|{r.choice(['NEGOTIATION', 'MEETINGS', 'IMPLEMENTATION', 'DISARMAMENT'])}|")
    lines.append(sym)
    issued = d.date() if r.random() < 0.5 else f"{d._day().day} {EN_MONTHS[d._day().month - 1]} {d.year}"
    if d.lang == "zh":
        lines += [r.choice(["Distr.: General", "Distr.: Limited"]), issued, "Chinese", "Original: English"]
        lines += [f"《{d.inst[1]}》", d.meeting(), f"{d.span()}，{d.place()}"]
        if item:
            lines.append(f"{r.choice(['临时议程项目', '议程项目'])} {r.randint(2, 16)}")
        lines.append(title_zh)
    else:
        lines += [r.choice(["Distr.: General", "Distr.: Limited"]), issued, "Original: English"]
        lines += [d.meeting() + " of the " + d.inst[2], f"{d.place()}, {d.span()}"]
        if item:
            lines.append(f"Item {r.randint(2, 16)} of the provisional agenda")
        lines.append(title_en)
    return lines


def body_agenda(d: Doc, n: int) -> list[str]:
    r = d.r
    if n == 1:
        paras: list[str] = []
        if d.lang == "zh":
            mid = r.sample(ZH_AGENDA_MIDDLE, r.randint(7, 11))
            items = ["会议开幕", "选举主席和其他主席团成员", "通过议程", *mid, "下一次会议的日期和地点", "审议和通过最后报告", "会议闭幕"]
        else:
            mid = r.sample(EN_AGENDA_MIDDLE, r.randint(7, 11))
            items = ["Opening of the Meeting", "Election of the President and other officers", "Adoption of the agenda",
                     *mid, "Date and venue of the next Meeting", "Consideration and adoption of the final report",
                     "Closure of the Meeting"]
        for i, it in enumerate(items, 1):
            paras.append(f"{i}.  {it}" + ("。" if d.lang == "zh" and r.random() < 0.3 else ""))
        paras.append("附件" if d.lang == "zh" else "Annex")
        paras.append("临时议程说明" if d.lang == "zh" else "Annotations to the provisional agenda")
        return paras
    gen = r.choice([zh_background, zh_schedule] if d.lang == "zh" else [en_background, en_schedule])
    item = f"议程项目{r.randint(1, 16)}：" if d.lang == "zh" else f"Agenda item {r.randint(1, 16)}. "
    return [item + gen(d)]


def body_work_programme(d: Doc, n: int) -> list[str]:
    r = d.r
    zh = d.lang == "zh"
    roll = r.random()
    if n == 1 or roll < 0.25:
        head = r.choice(["背景", "提议", "闭会期间会议", "参加会议"] if zh else ["Background", "Proposal", "Intersessional meeting", "Participation"])
        return [head, (zh_background if zh else en_background)(d)]
    if roll < 0.5:
        return (zh_topics if zh else en_topics)(d)
    if roll < 0.7:
        return [(zh_schedule if zh else en_schedule)(d)]
    return [(zh_background if zh else en_background)(d)]


def body_draft_decisions(d: Doc, n: int) -> list[str]:
    r = d.r
    zh = d.lang == "zh"
    if n == 1 or r.random() < 0.35:
        head = r.choice(["可能的决定", "决定草案", "建议"] if zh else ["Possible decisions", "Draft decisions", "Recommendations"])
        return [head, *(zh_draft_decisions if zh else en_draft_decisions)(d)]
    return [(zh_background if zh else en_background)(d)]


def body_summary_record(d: Doc, n: int) -> list[str]:
    r = d.r
    zh = d.lang == "zh"
    if n == 1:
        return ["会议于" + d.clock() + "开始。" if zh else stop(f"The meeting was called to order at {d.clock()}")]
    roll = r.random()
    if roll < 0.55:
        return [(zh_statement if zh else en_statement)(d)]
    if roll < 0.85:
        return [(zh_record_act if zh else en_record_act)(d, n)]
    return [(zh_background if zh else en_background)(d)]


KINDS: dict[str, tuple[str, str, Callable[[Doc, int], list[str]]]] = {
    "agenda": ("临时议程", "Provisional agenda", body_agenda),
    "work_programme": ("执行《公约》的工作方案", "Programme of work for the implementation of the Convention", body_work_programme),
    "draft_decisions": ("决定草案", "Draft decisions", body_draft_decisions),
    "summary_record": ("第{n}次会议简要记录", "Summary record of the {n} meeting", body_summary_record),
}
NUMBERED_BODY = {"work_programme", "draft_decisions", "summary_record"}


def make_doc(r: random.Random, lang: str, kind: str, target_bytes: int) -> tuple[list[str], list[str]]:
    """(header lines, body paragraphs) of about target_bytes of UTF-8."""
    d = Doc(r, lang, kind)
    title_zh, title_en, body = KINDS[kind]
    if kind == "summary_record":
        sn = r.randint(1, 12)
        title_zh = title_zh.format(n=sn)
        title_en = title_en.format(n=f"{sn}th" if sn > 3 else ["1st", "2nd", "3rd"][sn - 1])
    head = header(d, title_zh, title_en, item=kind != "agenda")
    if kind == "summary_record":
        day = d._day()
        if lang == "zh":
            head += [f"{day.year}年{day.month}月{day.day}日星期{ZH_WEEKDAYS[day.weekday()]}{d.clock()}在{d.city[0]}{d.facility[0]}举行",
                     d.chair_line(), "目录", r.choice(ZH_AGENDA_MIDDLE)]
        else:
            head += [f"Held at the {d.facility[1]}, {d.city[1]}, on {EN_WEEKDAYS[day.weekday()]}, {day.day} "
                     f"{EN_MONTHS[day.month - 1]} {day.year}, at {d.clock()}", d.chair_line(), "Contents",
                     r.choice(EN_AGENDA_MIDDLE)]
    size = sum(len(x.encode()) + 2 for x in head)
    paras: list[str] = []
    number, n = 0, 0
    while size < target_bytes:
        n += 1
        for p in body(d, n):
            heading = len(p) < 40 and not re.search(r"[。.;；:：]$", p)
            if kind in NUMBERED_BODY and not heading and not p.startswith("("):
                number += 1
                p = f"{number}.  {p}" if lang == "en" or r.random() < 0.8 else f"{number}．{p}"
            paras.append(p)
            size += len(p.encode()) + 2
    if kind == "summary_record":
        paras.append(f"会议于{d.clock()}结束。" if lang == "zh" else stop(f"The meeting rose at {d.clock()}"))
    return head, paras


# ============================================================================ layout


ZH_WORDS = frozenset(
    [x[0] for x in COUNTRIES + CITIES + SURNAMES + GIVEN + ORGS + GROUPS + TOPICS]
    + [x[2] for x in CITIES] + [x[1] for x in FACILITIES] + [x[1] for x in INSTRUMENTS]
    + "先生 女士 大使 主席 会议 缔约国 公约 审议 通过 决定 草案 报告 文件 举行 期间 闭会 专家 小组 政府 代表团 欢迎 进展 "
      "国家 各 批准 加入 执行 支助股 财务 状况 需要 给予 紧急 关注 议程 项目 临时 工作 方案 建议 提议 主办 区域 研讨会 "
      "技术 援助 合作 加强 特别 方面 问题 发言 名义 以及 并且 此外 已 将 于 在 的 和 与 之后 之前 协商 一致 选举 任命 "
      "担任 候任 秘书处 估计 费用 分发 书面 意见 提交 透明度 受益人 妇女 女童 专题 讨论 主持 共同 开幕 闭幕 暂停 复会 "
      "上午 下午 星期 上旬 中旬 下旬 修改 修正 表决 获得 推迟 审议 段 第 次 年 月 日".split()
)


def segment_zh(text: str, r: random.Random) -> str:
    """Word-segmentation spaces: known words kept whole (longest first), other CJK text cut into 1-3
    character pieces, Latin words and numbers whole; digits stay glued to a following 年/月/日 half the time."""
    out: list[str] = []
    for tok in re.findall(r"[\u4e00-\u9fff·]+|[A-Za-z0-9./\-]+|\S", text):
        if "\u4e00" <= tok[0] <= "\u9fff":
            i = 0
            while i < len(tok):
                k = next((k for k in range(min(9, len(tok) - i), 1, -1) if tok[i:i + k] in ZH_WORDS), 0)
                k = k or r.choice((1, 1, 2, 2, 3))
                piece = tok[i:i + k]
                if out and piece[0] in "年月日次" and out[-1].isdigit() and r.random() < 0.5:
                    out[-1] += piece
                else:
                    out.append(piece)
                i += k
        else:
            out.append(tok)
    return " ".join(out)


def wrap_zh(text: str, r: random.Random) -> list[str]:
    """Hard line breaks every ~38 CJK characters (a Latin character counts half), never inside a Latin word."""
    width = r.randint(36, 40)
    lines, cur, units = [], "", 0.0
    for tok in re.findall(r"[A-Za-z0-9./\-]+|.", text):
        u = len(tok) * 0.5 if tok.isascii() else float(len(tok))
        if units + u > width and cur:
            lines.append(cur)
            cur, units = "", 0.0
        cur += tok
        units += u
    if cur:
        lines.append(cur)
    return lines


def wrap_en(text: str, r: random.Random) -> list[str]:
    return textwrap.wrap(text, width=r.randint(72, 78), break_long_words=False, break_on_hyphens=False) or [text]


def render(head: list[str], paras: list[str], lang: str, layout: str, r: random.Random) -> str:
    if layout == "segmented":
        seg_head = [segment_zh(x, r) for x in head]
        seg_paras = [segment_zh(p, r) for p in paras]
        if r.random() < 0.5:  # one long line, as some extractions deliver it
            return head[0] + "\n\n " + " ".join(seg_head[1:] + seg_paras) + "\n"
        return "\n".join(seg_head) + "\n\n" + "\n".join(seg_paras) + "\n"
    if layout == "wrapped":
        out = [" " + x + " " for x in head]
        out.append("")
        for p in paras:
            lines = (wrap_zh if lang == "zh" else wrap_en)(p, r)
            if lang == "zh" and len(lines) > 3 and r.random() < 0.3:
                lines.insert(r.randrange(1, len(lines)), "")  # a stray blank line inside a paragraph
            out.extend(x + (" " if r.random() < 0.3 else "") for x in lines)
            out.append("")
        return "\n".join(out)
    return "\n".join(head) + "\n\n" + "\n\n".join(paras) + "\n"


LAYOUTS = {"zh": (["plain", "segmented", "wrapped"], [4, 3, 3]), "en": (["plain", "wrapped"], [6, 4])}


def generate(out: Path, n_docs: int, seed: int) -> list[Path]:
    r = random.Random(seed)
    paths = []
    kinds = list(KINDS)
    for i in range(n_docs):
        lang = "zh" if i % 2 == 0 else "en"
        kind = kinds[(i // 2) % len(kinds)]
        names, weights = LAYOUTS[lang]
        layout = r.choices(names, weights)[0]
        target = int(TARGET_KB * 1024 * r.uniform(0.93, 1.0))
        head, paras = make_doc(r, lang, kind, target)
        text = render(head, paras, lang, layout, r)
        p = out / f"{i:05d}_{lang}_{layout}_{kind}.txt"
        p.write_bytes(text.encode("utf-8"))
        paths.append(p)
    return paths


# ============================================================================ measurement


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError as e:
            return f"not pinned ({e})"
    return "single process (no CPU pinning on this OS)"


def floor_pass(paths: list[Path]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    for p in paths:
        p.read_bytes().decode("utf-8")
    return time.perf_counter() - t0


def extract_pass(paths: list[Path]) -> tuple[float, dict[str, list[float]], dict[str, int]]:
    """Total seconds, per-category (language/layout) seconds, and totals of what was extracted."""
    per: dict[str, list[float]] = defaultdict(list)
    found = dict.fromkeys(("meetings", "decisions", "slots", "topics", "people", "agenda_items"), 0)
    gc.collect()
    clock = time.perf_counter
    t0 = clock()
    for p in paths:
        a = clock()
        x = extract(p.read_bytes().decode("utf-8"))
        per[p.stem.split("_", 3)[1] + "/" + p.stem.split("_", 3)[2]].append(clock() - a)
        found["meetings"] += len(x.meetings)
        found["decisions"] += len(x.decisions)
        found["slots"] += len(x.slots)
        found["topics"] += len(x.topics)
        found["people"] += len(x.people)
        found["agenda_items"] += len(x.agenda_items)
    return clock() - t0, per, found


def profile_pass(paths: list[Path], top: int) -> None:
    prof = cProfile.Profile()
    gc.collect()
    prof.enable()
    for p in paths:
        extract(p.read_bytes().decode("utf-8"))
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
    print(f"\ncProfile of read+decode+extract over {len(paths)} documents "
          f"(profiler overhead inflates the times), top {top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"top {top} by internal (own) time:")
    stats.sort_stats("tottime").print_stats(top)


def python_loop_s() -> float:
    """A fixed pure-Python workload, printed beside the figures so runs on a busy or slow moment can be compared."""
    t = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1200, help="number of documents (default 1200)")
    ap.add_argument("--seed", type=int, default=20110627, help="corpus seed (default 20110627)")
    ap.add_argument("--out", type=Path, help="write the corpus here and keep it (default: a temporary directory)")
    ap.add_argument("--profile", action="store_true", help="also run cProfile over the extraction and print the top 25")
    args = ap.parse_args(argv)
    if args.docs < 1:
        ap.error("--docs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        paths = generate(out, args.docs, args.seed)
        gen_s = time.perf_counter() - t0
        total_bytes = sum(p.stat().st_size for p in paths)
        mb = total_bytes / 1e6
        pinned = pin_one_core()

        for p in paths[:WARMUP_DOCS]:  # regex compilation, pycountry, lru caches, both languages
            extract(p.read_bytes().decode("utf-8"))
        floor_s = min(floor_pass(paths) for _ in range(3))
        ext_s, per, found = extract_pass(paths)

        n = len(paths)
        dps = n / ext_s
        print(f"tracker extraction benchmark  (seed {args.seed}, {pinned}, Python {sys.version.split()[0]})")
        print(f"corpus: {n} documents generated in {gen_s:.1f} s into {out}")
        print()
        rows = [
            ("documents", f"{n}"),
            ("total MB", f"{mb:.2f}"),
            ("mean KB/doc", f"{total_bytes / n / 1024:.2f}"),
            ("floor s (read+decode, best of 3)", f"{floor_s:.4f}"),
            ("extract s (read+decode+extract)", f"{ext_s:.2f}"),
            ("documents/s", f"{dps:.1f}   (floor {n / floor_s:,.0f})"),
            ("MB/s", f"{mb / ext_s:.3f}   (floor {mb / floor_s:,.1f})"),
            ("ms/document", f"{1000 * ext_s / n:.2f}"),
            ("Python speed now (10M-step loop, s)", f"{python_loop_s():.3f}   (this VM varies about 2x over a day)"),
        ]
        w = max(len(k) for k, _ in rows)
        for k, v in rows:
            print(f"  {k:<{w}}  {v}")
        print()
        print("  by language/layout       docs   docs/s   ms/doc (mean)   ms/doc (max)")
        for cat in sorted(per):
            ts = per[cat]
            print(f"  {cat:<22} {len(ts):>6} {len(ts) / sum(ts):>8.1f} {1000 * sum(ts) / len(ts):>15.2f} {1000 * max(ts):>14.2f}")
        print()
        print("  extracted: " + ", ".join(f"{v} {k}" for k, v in found.items()))
        print()
        verdict = "PASS" if dps >= TARGET_DOCS_PER_S else "FAIL"
        print(f"target: >= {TARGET_DOCS_PER_S} documents/s for {TARGET_KB:g} KB documents: {verdict}  ({dps:.1f} documents/s)")

        if args.profile:
            profile_pass(paths, 25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
