"""Agency names as they appear in report titles: 某某市/区/县 + 部门.

Built from a few lists of real place names and real department names so that a
corpus of ten thousand reports has a few thousand distinct, plausible agencies.
No name contains a digit or the character 年, so a title always reads
unambiguously as {agency}{year}年….
"""
from __future__ import annotations

import random

# Prefecture-level cities and some of their districts/counties (real names).
CITY_DISTRICTS: dict[str, tuple[str, ...]] = {
    "洛阳": ("西工区", "涧西区", "瀍河回族区", "老城区", "洛龙区", "孟津区", "偃师区", "新安县", "宜阳县",
           "嵩县", "汝阳县", "伊川县", "栾川县", "洛宁县"),
    "新乡": ("红旗区", "卫滨区", "凤泉区", "牧野区", "获嘉县", "原阳县", "延津县", "封丘县", "卫辉市",
           "辉县市", "长垣市"),
    "淮安": ("淮阴区", "清江浦区", "洪泽区", "淮安区", "涟水县", "盱眙县", "金湖县"),
    "徐州": ("鼓楼区", "云龙区", "贾汪区", "泉山区", "铜山区", "丰县", "沛县", "睢宁县", "新沂市", "邳州市"),
    "宁波": ("海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县", "余姚市",
           "慈溪市"),
    "绍兴": ("越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市"),
    "金华": ("婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市", "永康市"),
    "长沙": ("芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"),
    "成都": ("锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "新都区", "温江区", "双流区",
           "郫都区", "金堂县", "大邑县", "蒲江县", "都江堰市", "彭州市", "邛崃市", "崇州市", "简阳市"),
    "济南": ("历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区", "莱芜区",
           "钢城区", "平阴县", "商河县"),
    "南宁": ("兴宁区", "青秀区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区", "隆安县", "马山县",
           "上林县", "宾阳县", "横州市"),
    "昆明": ("五华区", "盘龙区", "官渡区", "西山区", "东川区", "呈贡区", "晋宁区", "富民县", "宜良县",
           "石林彝族自治县", "嵩明县", "禄劝彝族苗族自治县", "寻甸回族彝族自治县", "安宁市"),
    "赣州": ("章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "定南县",
           "全南县", "宁都县", "于都县", "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市", "龙南市"),
    "保定": ("竞秀区", "莲池区", "满城区", "清苑区", "徐水区", "涞水县", "阜平县", "定兴县", "唐县",
           "高阳县", "容城县", "涞源县", "望都县", "安新县", "易县", "曲阳县", "蠡县", "顺平县", "博野县",
           "雄县", "涿州市", "定州市", "安国市", "高碑店市"),
    "宝鸡": ("渭滨区", "金台区", "陈仓区", "凤翔区", "岐山县", "扶风县", "眉县", "陇县", "千阳县", "麟游县",
           "凤县", "太白县"),
    "芜湖": ("镜湖区", "鸠江区", "弋江区", "湾沚区", "繁昌区", "南陵县", "无为市"),
    "岳阳": ("岳阳楼区", "云溪区", "君山区", "岳阳县", "华容县", "湘阴县", "平江县", "汨罗市", "临湘市"),
    "遵义": ("红花岗区", "汇川区", "播州区", "桐梓县", "绥阳县", "正安县", "凤冈县", "湄潭县", "余庆县",
           "习水县", "赤水市", "仁怀市"),
    "临汾": ("尧都区", "曲沃县", "翼城县", "襄汾县", "洪洞县", "古县", "安泽县", "浮山县", "吉县", "乡宁县",
           "大宁县", "隰县", "永和县", "蒲县", "汾西县", "侯马市", "霍州市"),
    "潍坊": ("潍城区", "寒亭区", "坊子区", "奎文区", "临朐县", "昌乐县", "青州市", "诸城市", "寿光市",
           "安丘市", "高密市", "昌邑市"),
}

# Further cities that appear only with city-level departments.
OTHER_CITIES: tuple[str, ...] = (
    "济源", "开封", "安阳", "鹤壁", "焦作", "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳", "周口",
    "驻马店", "宿迁", "盐城", "扬州", "镇江", "泰州", "常州", "无锡", "南通", "连云港", "温州", "嘉兴", "湖州",
    "衢州", "舟山", "台州", "丽水", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州", "阜阳",
    "宿州", "六安", "亳州", "池州", "宣城", "吉安", "宜春", "抚州", "上饶", "九江", "景德镇", "萍乡", "新余",
    "鹰潭", "株洲", "湘潭", "衡阳", "邵阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "柳州",
    "桂林", "梧州", "北海", "玉林", "百色", "绵阳", "德阳", "宜宾", "泸州", "南充", "乐山", "遂宁", "内江",
    "自贡", "眉山", "曲靖", "玉溪", "保山", "昭通", "安顺", "毕节", "铜仁", "咸阳", "渭南", "汉中", "榆林",
    "延安", "天水", "张掖", "酒泉", "大同", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "吕梁", "唐山",
    "秦皇岛", "邯郸", "邢台", "张家口", "承德", "沧州", "廊坊", "衡水", "淄博", "枣庄", "东营", "烟台",
    "济宁", "泰安", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽",
)

DEPARTMENTS: tuple[str, ...] = (
    "人民政府办公室", "发展和改革委员会", "教育局", "教育和体育局", "科学技术局", "工业和信息化局", "公安局",
    "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局", "自然资源和规划局", "生态环境局",
    "住房和城乡建设局", "城市管理局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局",
    "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
    "信访局", "行政审批和政务信息管理局", "行政审批服务局", "林业局", "体育局", "人民防空办公室",
    "粮食和物资储备局", "数据局", "乡村振兴局", "住房公积金管理中心", "投资促进局", "民族宗教事务局",
    "机关事务管理局", "地方金融监督管理局", "残疾人联合会", "供销合作社", "档案馆", "政务服务和大数据管理局",
)

STREETS: tuple[str, ...] = (
    "珠江路", "长安路", "人民路", "解放路", "建设路", "中山路", "东城", "西城", "南关", "北关", "城关", "新华",
    "文化路", "胜利路", "和平路", "光明路", "花园路", "南京路", "湖滨", "江滨", "滨河", "站前", "金水", "龙湖",
    "凤凰", "东关", "西关", "望湖", "府西", "大街", "东风路", "朝阳路", "红山", "桃园",
)

TOWNS: tuple[str, ...] = (
    "白沙", "柳林", "石桥", "黄庄", "马店", "双河", "新集", "李集", "高庙", "城郊", "河口", "白马", "张店",
    "龙泉", "太平", "三里桥", "古城", "赵庄", "官庄", "清河", "王庄", "杨集", "梅花", "青龙", "大营",
)

ZONES: tuple[str, ...] = ("经济技术开发区管理委员会", "高新技术产业开发区管理委员会", "产业集聚区管理委员会",
                          "综合保税区管理委员会", "经济技术开发区管理办公室")


def random_agency(rng: random.Random) -> str:
    """One agency name, weighted towards district/county departments as in real corpora."""
    roll = rng.random()
    city = rng.choice(tuple(CITY_DISTRICTS))
    district = rng.choice(CITY_DISTRICTS[city])
    prefix = city + "市" + district if rng.random() < 0.3 else district
    if roll < 0.42:
        return prefix + rng.choice(DEPARTMENTS)
    if roll < 0.64:
        return rng.choice(OTHER_CITIES + tuple(CITY_DISTRICTS)) + "市" + rng.choice(DEPARTMENTS)
    if roll < 0.74:
        return prefix + rng.choice(("人民政府", "人民政府办公室"))
    if roll < 0.84:
        return prefix + rng.choice(STREETS) + "街道办事处"
    if roll < 0.92:
        return prefix + rng.choice(TOWNS) + rng.choice(("镇", "乡")) + "人民政府"
    if roll < 0.96:
        return rng.choice(OTHER_CITIES) + rng.choice(ZONES)
    return rng.choice(OTHER_CITIES + tuple(CITY_DISTRICTS)) + "市人民政府" + rng.choice(("", "办公室"))


def self_reference(agency: str) -> str:
    """How the report calls its own agency in the prose: 我局, 我委, 我街道…"""
    for ending, word in (("街道办事处", "我街道"), ("镇人民政府", "我镇"), ("乡人民政府", "我乡"),
                         ("委员会", "我委"), ("中心", "我中心"), ("办公室", "我办"), ("局", "我局"), ("厅", "我厅"),
                         ("人民政府", "本级政府"), ("馆", "我馆"), ("联合会", "我会"), ("合作社", "我社")):
        if agency.endswith(ending):
            return word
    return "本机关"


def makes_regulations(agency: str) -> bool:
    """Only city governments issue 规章; everyone else prints 0 or leaves the row blank."""
    return agency.endswith(("市人民政府", "市人民政府办公室")) and "区" not in agency and "县" not in agency


def region_of(name: str) -> str | None:
    """The GB/T 2260 code of a generated agency's place, as its archive would file it.

    A name that carries its city (洛阳市西工区…) places itself; a district alone may be in
    several cities (鼓楼区), so the city whose list holds the district settles it; a zone
    (济源经济技术开发区…) is its city's. None when nothing does."""
    from site_builder import places  # the gazetteer: imported only by the corpus writer

    code = places.name_region(name)[0]
    if code is not None:
        return code
    for city in sorted((*CITY_DISTRICTS, *OTHER_CITIES), key=len, reverse=True):
        city_code = places.name_region(city + "市")[0]
        if city_code is None:
            continue
        if name.startswith(city):
            return city_code
        if any(name.startswith(d) for d in CITY_DISTRICTS.get(city, ())):
            return places.name_region(name, city_code)[0] or city_code
    return None
