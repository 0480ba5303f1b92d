"""Plausible prose for the text parts 一 (总体情况), 五 and 六.

Sentences are recombined from pools written after real reports (see the seeds),
with the agency's self-reference and some numbers filled in, so the text has the
length and the traps of real reports: figures such as "12345 政务热线" or
"公开政府信息 1570 余条" in the prose, sub-headings (一)…(五), and sometimes
"一、存在的主要问题" inside part 五.
"""
from __future__ import annotations

import random

INTRO = (
    "{year}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "紧紧围绕中心工作，持续深化政务公开，不断提高工作透明度和公信力，切实保障人民群众的知情权、参与权和监督权。",
    "{year}年度，在上级党委政府的正确领导下，{me}认真学习贯彻党的二十大精神，坚持以公开为常态、不公开为例外，"
    "全面推进决策、执行、管理、服务、结果公开，政务公开工作取得了新的成效。",
    "{year}年，{me}深入贯彻落实国务院、省、市关于政务公开工作的决策部署，着力深化高质量政务公开，"
    "持续推动政府决策和管理服务规范化透明化，为高质量发展积极贡献“公开”力量。",
    "本报告根据《中华人民共和国政府信息公开条例》（国令第711号）要求编制，数据统计时间为{year}年1月1日至{year}年12月31日。",
    "现将{me}{year}年度政府信息公开工作情况报告如下：",
)

SUBPARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主动公开情况", (
        "{year}年，{me}通过政府网站、政务新媒体等渠道共公开政府信息{n1}余条，其中政策文件{n2}条。",
        "聚焦稳就业、保民生、优化营商环境等重点工作，及时做好重大政策、权威信息的转载和发布。",
        "全年累计办理12345政务服务便民热线工单{n3}件，按时办结率达到100%。",
        "坚持“以公开为常态、不公开为例外”，深入推进政府信息主动公开，做到应公开尽公开。",
        "通过微信公众号发布信息{n2}条，开设专题专栏{n4}个，及时回应社会关切。",
    )),
    ("依申请公开情况", (
        "{year}年，{me}共收到政府信息公开申请{apps}件，均已在法定期限内答复。",
        "{me}认真履行政府信息公开申请受理义务，按照受理、审查、处理、答复等规范程序开展工作。",
        "严格按照依申请公开工作规程，主动与申请人沟通，提高答复质量和办理效率。",
        "全年未发生因依申请公开答复引发的行政复议纠错或行政诉讼败诉情况。",
    )),
    ("政府信息管理情况", (
        "严格落实信息发布“三审三校”制度，坚持先审后发，确保信息发布准确规范。",
        "对继续有效的规范性文件明确公开属性，及时上网公开，不断充实完善规范性文件库。",
        "加强政府信息公开保密审查，严防泄露国家秘密、工作秘密和个人隐私。",
        "动态调整政府信息主动公开基本目录，及时更新办事指南、政策解读等栏目内容。",
    )),
    ("政府信息公开平台建设情况", (
        "持续加强政府网站信息公开专栏建设，优化栏目设置，提升平台服务能力。",
        "加强政务新媒体监管运维，严格落实周巡查、月检查、季度通报工作机制。",
        "坚持政府网站日常巡检与季度检查相结合的监测机制，有力维护了信息公开平台安全。",
        "依托政务服务大厅设立政府信息公开查阅点，方便群众就近查阅政府信息。",
    )),
    ("监督保障情况", (
        "成立政务公开工作领导小组，明确专人负责，将政务公开工作纳入年度目标考核。",
        "强化激励与监督，定期听取工作情况汇报，推动年度工作任务落地落实。",
        "组织开展政务公开业务培训{n5}次，提高工作人员业务素养。",
        "{year}年度未发生因政府信息公开工作被责任追究的情况。",
    )),
)

PROBLEMS = (
    "一是政策解读形式相对单一，图解、视频等多样化解读较少；二是信息公开的栏目设置有待进一步完善。",
    "工作人员对政府信息公开工作的认识有待进一步增强，公开工作常态化、制度化、规范化等方面还需加大力度。",
    "部分信息公开不够及时，主动公开的深度和广度还有待提升，与群众的期待还有一定差距。",
    "政务公开专业人员力量不足，业务培训力度有待加强。",
)
IMPROVEMENTS = (
    "一是丰富政策解读形式，用音视频、图文结合等通俗易懂的形式进行解读；二是完善平台建设，优化栏目设置。",
    "进一步加强学习培训，提高工作人员业务水平，规范公开内容，切实加强主动公开。",
    "健全信息公开工作长效机制，把政府信息公开工作作为长期的动态工作落到实处，确保公开信息及时、准确、有效。",
    "加强对重点领域信息公开的统筹，及时回应社会关切，不断提高政务公开质量和实效。",
)
OTHER = (
    "无",
    "暂无",
    "{year}年度，{me}未收取政府信息公开信息处理费。",
    "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、"
    "按量收费标准，{year}年度未收取信息处理费。",
    "{year}年，{me}无政府信息公开收费项目。",
)

_NUMERALS = "一二三四五六七八九十"


def overview(rng: random.Random, me: str, year: int, apps: int) -> str:
    """Part 一: an intro paragraph, then the sub-parts (一)…(五), one paragraph each."""
    fill = {"me": me, "year": year, "apps": apps, "n1": rng.randint(30, 3000), "n2": rng.randint(3, 300),
            "n3": rng.randint(100, 50000), "n4": rng.randint(1, 12), "n5": rng.randint(1, 8)}
    paras = ["".join(rng.sample(INTRO[:3], 1) + rng.sample(INTRO[3:], rng.randint(0, 2))).format(**fill)]
    full_width = rng.random() < 0.5
    inline = rng.random() < 0.6
    for i, (heading, pool) in enumerate(SUBPARTS):
        mark = f"（{_NUMERALS[i]}）" if full_width else f"({_NUMERALS[i]}) "
        body = "".join(rng.sample(pool, rng.randint(1, min(3, len(pool))))).format(**fill)
        if inline:
            paras.append(f"{mark}{heading}。{body}")
        else:
            paras += [f"{mark}{heading}", body]
    return "\n".join(paras)


def problems(rng: random.Random, me: str, year: int) -> str:
    """Part 五: problems then improvements, under one of the headings real reports use."""
    probs = "".join(rng.sample(PROBLEMS, rng.randint(1, 2)))
    fixes = "".join(rng.sample(IMPROVEMENTS, rng.randint(1, 2)))
    style = rng.random()
    if style < 0.25:  # seed 001: numbered like the report's own parts
        return f"一、存在的主要问题。\n{probs}\n二、改进措施\n{fixes}"
    if style < 0.5:  # seed 004
        return f"（一）存在的主要问题\n{probs}\n（二）下一步改进措施\n{fixes}"
    return f"{year}年，{me}政务公开工作有序开展，但也存在一些不足。{probs}\n改进措施：{fixes}"


def other(rng: random.Random, me: str, year: int) -> str:
    return rng.choice(OTHER).format(me=me, year=year)


# Sentences that state table 二's 行政规范性文件 row as real reports do (issue 16), and two that
# only look like it: items of information in 条, and last year's figure.
DOCUMENTS_2021 = (
    "{year}年，{me}制定规范性文件{issued}件，废止规范性文件{repealed}件，现行有效规范性文件{in_force}件。",
    "{year}年，{me}废止规范性文件{repealed}件，制定规范性文件{issued}件。",
    "{year}年，{me}废止规范性文件{repealed}件。",
)
DOCUMENTS_ANY = ("全年制发行政规范性文件{issued}件。",)
DOCUMENT_TRAPS = ("全年主动公开政策、规范性文件类信息{n}条。", "{last}年，{me}制定规范性文件{k}件。")


def with_documents(rng: random.Random, overview: str, me: str, year: int, active: dict, template: str) -> str:
    """Part 一 with, sometimes, a sentence on the documents table 二 counts (true to the table),
    or one of the traps that state no table figure."""
    row = active["normative_documents"]
    if row["issued"] is None:
        return overview
    pool = DOCUMENTS_ANY + (DOCUMENTS_2021 if template == "2021" else ())
    roll = rng.random()
    if roll < 0.5:
        sentence = rng.choice(pool)
    elif roll < 0.7:
        sentence = rng.choice(DOCUMENT_TRAPS)
    else:
        return overview
    sentence = sentence.format(year=year, me=me, last=year - 1, n=rng.randint(1, 40), k=rng.randint(1, 40), **row)
    first, _, rest = overview.partition("\n")
    return first + sentence + ("\n" + rest if rest else "")
