#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of N pledges for pledgesite, Hugo and Zola.

    python3 bench/gen_corpus.py N OUT_DIR

OUT_DIR/pledgesite     full pledgesite site: every pledge has all data files (so all charts)
OUT_DIR/pledgesite-md  the same pledges without data files (Markdown only)
OUT_DIR/hugo           the same Markdown bodies as Hugo content with minimal templates
OUT_DIR/zola           the same Markdown bodies as Zola content with minimal templates

FLAVOURS=pledgesite,hugo (comma-separated) writes only those.
BODIES=FILE[:FILE...] takes the section bodies from those files instead of the phrase generator
(text the generator did not write, e.g. the Korean guide and the pledge 16 report): each
section is a run of consecutive blocks of them, links made plain text and code blocks that
would place pledgesite charts or tables made plain code, so both tools render the same text.
SNAPSHOTS=12 adds that many quarterly snapshots (data/snapshots/YYYY-MM-DD.csv, the last one
quarter before the cards' as_of) to the pledgesite flavours: a whole term's history.

The Korean text is assembled from phrases of the example pledge (pledge 16 of Daedeok-gu),
about 1,000 words per pledge with headings, lists and a table. Same N, same bytes.
"""
import os
import random
import shutil
import sys

AREAS = ["지역경제", "복지", "교육", "환경", "안전", "문화관광", "도시건설", "행정"]
DEPARTMENTS = ["일자리경제과", "복지정책과", "교육청소년과", "환경정책과", "안전총괄과", "문화관광과", "도시재생과", "기획예산실"]
STATUSES = ["완료", "이행후 계속추진", "정상추진", "정상추진", "정상추진", "일부추진", "보류"]
WORDS = (
    "사회적경제 활성화를 통한 더 좋은 일자리 창출 확대 지역 선순환형 지자체 모델 선도를 위한 조례 제정 "
    "제도적 기반 조성 주민 및 창업자 교육 문제 해결형 공모사업 추진 중앙 자체 지역 공공기관과의 업무협약 "
    "정책자금 발굴 대외자원 활용 역량 강화 취업 취약계층 대상 재정지원 일자리 사업 지속가능한 사회적 가치 "
    "실현 사회적경제기업 확산 생활임금제 도입 일자리창출위원회 구성 운영 고용이 안정된 일자리 발굴 마을기업 "
    "협동조합 육성 및 지원 고용보험 피보험자수 목표 초과 캠퍼스혁신파크 조성사업 행정 재정적 지원 네트워크 "
    "거버넌스형 중간지원조직 필요 협력 청년일자리 경력단절여성 창업 지원 노무관리 컨설팅 상담실 구인 구직"
).split()
TITLE_WORDS = ["더 좋은 일자리", "생활임금", "마을기업", "청년 창업", "돌봄", "공원", "도서관", "안전 귀갓길",
               "전통시장", "스마트 교통", "어르신 건강", "주민참여예산", "탄소중립", "하천 정비", "문화센터"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def outside_blocks(files):
    """Blank-line separated blocks of the given files, fenced code kept whole; sanitised so the
    text builds on every tool: no links or images (they would point nowhere), no raw HTML, no
    ```chart / ```table fences (pledgesite would place data there)."""
    import re
    blocks = []
    for name in files:
        text = open(name, encoding="utf-8").read().replace("\r\n", "\n")
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        current, fenced = [], False
        for line in text.split("\n"):
            if line.startswith("```"):
                line = "```text" if not fenced else "```"
                fenced = not fenced
            elif not fenced and line.lstrip().startswith("<"):
                continue
            elif not fenced and line.startswith("#"):
                line = "###" + line.lstrip("#")
            if not fenced and not line.strip():
                if current:
                    blocks.append("\n".join(current))
                current = []
            else:
                current.append(line)
        if current:
            blocks.append("\n".join(current) + ("\n```" if fenced else ""))
    return blocks


OUTSIDE = outside_blocks(os.environ["BODIES"].split(":")) if os.environ.get("BODIES") else None


def body_sections(rng, number):
    if OUTSIDE:
        return outside_sections(number)
    return generated_sections(rng, number)


def outside_sections(number):
    """Five sections, each about 1/5 of a pledge's share of the outside text, as
    (file stem, title, markdown)."""
    titles = [("background", "추진배경"), ("plan", "사업내용"), ("status", "현황과 문제점"),
              ("achievements", "주요성과"), ("future", "향후계획")]
    per = 6
    sections = []
    for i, (stem, title) in enumerate(titles):
        start = ((number * 5 + i) * per) % len(OUTSIDE)
        chunk = [OUTSIDE[(start + k) % len(OUTSIDE)] for k in range(per)]
        sections.append((f"{i + 1:02d}-{stem}", title, "\n\n".join(chunk) + "\n"))
    return sections


def generated_sections(rng, number):
    """Five sections of about 200 words each, as (file stem, title, markdown)."""
    sections = []
    titles = [("background", "추진배경"), ("plan", "사업내용"), ("status", "현황과 문제점"),
              ("achievements", "주요성과"), ("future", "향후계획")]
    for i, (stem, title) in enumerate(titles):
        lines = [f"### {title} 개요", "", sentence(rng, 30), ""]
        for _ in range(5):
            lines.append(f"- ({rng.choice(WORDS)}) {sentence(rng, 12)}")
            lines.append(f"  - {sentence(rng, 8)}")
        lines += ["", f"### 세부 내용 {number}-{i + 1}", "", sentence(rng, 40), ""]
        lines += ["| 구분 | 목표 | 실적 |", "|---|---:|---:|"]
        for k in range(3):
            lines.append(f"| {rng.choice(WORDS)} {k + 1} | {rng.randint(1, 90) * 10:,} | {rng.randint(1, 99) * 10:,} |")
        lines += ["", sentence(rng, 25), ""]
        sections.append((f"{i + 1:02d}-{stem}", title, "\n".join(lines)))
    return sections


def data_files(rng):
    years = [2023, 2024, 2025, 2026]
    national = [rng.randint(50, 900) for _ in years]
    city = [rng.randint(20, 400) for _ in years]
    gu = [rng.randint(5, 90) for _ in years]
    total = [a + b + c for a, b, c in zip(national, city, gu)]
    spent = [rng.randint(0, v) for v in (sum(national), sum(city), sum(gu))]
    csv = ["구분,계," + ",".join(str(y) for y in years) + ",집행액",
           f"계,{sum(total)}," + ",".join(map(str, total)) + f",{sum(spent)}"]
    for name, row, s in (("국비", national, spent[0]), ("시비", city, spent[1]), ("구비", gu, spent[2])):
        csv.append(f"{name},{sum(row)}," + ",".join(map(str, row)) + f",{s}")
    baseline = rng.randint(1000, 90000)
    increase = rng.randint(4, 40) * 100
    step = increase // 4
    targets = "\n".join(f"    - {{ year: {y}, target: {baseline + step * (i + 1)} }}" for i, y in enumerate(years))
    items = [(w, rng.randint(1, 30), rng.randint(0, 40)) for w in ("사회적기업", "마을기업", "협동조합")]
    quarters = ["2022-Q3..2023-Q2", "2023-Q1..2024-Q4", "2024-Q2..2026-Q2", "2022-Q4", "2025-Q1..2026-Q2"]
    yaml = f"""targets:
  title: 목표 지표
  unit: 개
  baseline: {{ year: 2022, value: {baseline} }}
  increase: {increase}
  years:
{targets}
categories:
  title: 유형별 목표 대비 실적
  unit: 개
  total: {{ target: {sum(i[1] for i in items)}, actual: {sum(i[2] for i in items)} }}
  items:
""" + "\n".join(f"    - {{ name: {n}, target: {t}, actual: {a} }}" for n, t, a in items) + """
budget:
  unit: 백만원
  spent_period: 2023 ~ 2024.6.
schedule:
  start: 2022-Q3
  end: 2026-Q2
  groups:
    - name: 기반 조성
      tasks:
""" + "\n".join(f"        - {{ name: {rng.choice(WORDS)} {rng.choice(WORDS)} 추진, quarters: [{q}] }}" for q in quarters) + "\n"
    return yaml, "\n".join(csv) + "\n", sum(total)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_hugo_skeleton(out):
    write(f"{out}/hugo/hugo.toml", 'baseURL = "/"\nlanguageCode = "ko"\ntitle = "벤치마크 공약 이행 현황"\ndisableKinds = ["taxonomy", "term", "RSS"]\n')
    write(f"{out}/hugo/layouts/_default/single.html", HUGO_SINGLE)
    write(f"{out}/hugo/layouts/_default/list.html", HUGO_LIST)
    write(f"{out}/hugo/layouts/index.html", HUGO_INDEX)


def write_zola_skeleton(out):
    write(f"{out}/zola/config.toml", 'base_url = "/"\ntitle = "벤치마크 공약 이행 현황"\ndefault_language = "ko"\ncompile_sass = false\nbuild_search_index = false\ngenerate_feeds = false\n')
    write(f"{out}/zola/content/_index.md", "+++\ntitle = \"벤치마크\"\n+++\n")
    write(f"{out}/zola/content/pledges/_index.md", "+++\ntitle = \"공약\"\nrender = true\n+++\n")
    write(f"{out}/zola/templates/page.html", ZOLA_PAGE)
    write(f"{out}/zola/templates/section.html", ZOLA_SECTION)
    write(f"{out}/zola/templates/index.html", ZOLA_INDEX)


FLAVOURS = os.environ.get("FLAVOURS", "pledgesite,pledgesite-md,hugo,zola").split(",")


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.exists(out):
        shutil.rmtree(out)
    rng = random.Random(16)
    site_yaml = "title: 벤치마크 공약 이행 현황\nbase_url: /\nlanguage: ko\norganisation: 벤치마크구\nterm: { name: 민선8기, start: 2022-07-01, end: 2026-06-30 }\n"
    ours = [f for f in ("pledgesite", "pledgesite-md") if f in FLAVOURS]
    snapshots = int(os.environ.get("SNAPSHOTS", "0"))
    # Quarter ends before 2024-06-30 (the cards' as_of), oldest first.
    quarter_ends = []
    year, q = 2024, 1
    while len(quarter_ends) < snapshots:
        quarter_ends.append(f"{year}-{['03-31', '06-30', '09-30', '12-31'][q - 1]}")
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    quarter_ends.reverse()
    history_rows = {d: ["번호,상태,추진율,비고"] for d in quarter_ends}
    for flavour in ours:
        write(f"{out}/{flavour}/site.yaml", site_yaml)
        write(f"{out}/{flavour}/content/_index.md", "---\ntitle: 벤치마크 공약 이행 현황\nas_of: 2024-06-30\n---\n")
        shutil.copytree(os.path.join(repo, "themes"), f"{out}/{flavour}/themes")
    if "hugo" in FLAVOURS:
        write_hugo_skeleton(out)
    if "zola" in FLAVOURS:
        write_zola_skeleton(out)

    for number in range(1, n + 1):
        slug = f"{number:05d}-pledge"
        title = f"{rng.choice(TITLE_WORDS)} {number}호 공약"
        area = AREAS[number % len(AREAS)]
        dept = DEPARTMENTS[number % len(DEPARTMENTS)]
        status = rng.choice(STATUSES)
        progress = 100 if status in ("완료", "이행후 계속추진") else rng.randint(0, 99)
        # Progress rises quarter by quarter to the card's value; done pledges were on track before.
        for i, date in enumerate(quarter_ends):
            share = (i + 1) / (len(quarter_ends) + 1)
            past = int(progress * share)
            past_status = status if status == "보류" else "정상추진"
            note = "재원 확보 지연" if past_status == "보류" else ""
            history_rows[date].append(f"{number},{past_status},{past},{note}")
        sections = body_sections(rng, number)
        yaml, csv, budget = data_files(rng)
        card = (f"---\nnumber: {number}\ntitle: {title}\narea: {area}\ndepartment: {dept}\nterm: 임기내\nkind: 중기\n"
                f"period: 계속\nexecuting_body: 시\nstatus: {status}\n"
                + (f"status_reason: 재원 확보 지연\n" if status == "보류" else "")
                + f"progress: {progress}\nbudget: {{ total: {budget}, unit: 백만원 }}\nas_of: 2024-06-30\n"
                f"summary: {sentence(rng, 12)}\n---\n{sentence(rng, 20)}\n")
        for flavour in ours:
            base = f"{out}/{flavour}/content/pledges/{slug}"
            write(f"{base}/index.md", card if flavour == "pledgesite" else card.replace(f"budget: {{ total: {budget}, unit: 백만원 }}\n", ""))
            for stem, stitle, md in sections:
                extra = ""
                if flavour == "pledgesite" and stem.startswith("02"):
                    extra = "\n```table\nbudget\n```\n\n```table\nschedule\n```\n"
                write(f"{base}/{stem}.md", f"---\ntitle: {stitle}\n---\n{md}{extra}")
            if flavour == "pledgesite":
                write(f"{base}/data.yaml", yaml)
                write(f"{base}/budget.csv", csv)
        body = "\n\n".join(f"## {stitle}\n\n{md}" for _, stitle, md in sections)
        meta = {"area": area, "department": dept, "status": status, "progress": progress, "budget": budget}
        if "hugo" in FLAVOURS:
            write(f"{out}/hugo/content/pledges/{slug}.md",
                  f"---\ntitle: \"{title}\"\n" + "".join(f"{k}: \"{v}\"\n" for k, v in meta.items()) + f"---\n{body}\n")
        if "zola" in FLAVOURS:
            write(f"{out}/zola/content/pledges/{slug}.md",
                  f"+++\ntitle = \"{title}\"\n[extra]\n" + "".join(f"{k} = \"{v}\"\n" for k, v in meta.items()) + f"+++\n{body}\n")
    for flavour in ours:
        for date, rows in history_rows.items():
            write(f"{out}/{flavour}/data/snapshots/{date}.csv", "\n".join(rows) + "\n")
    print(f"wrote {n} pledges to {out}")


HUGO_SINGLE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
<table><tr><th>분야</th><td>{{ .Params.area }}</td></tr><tr><th>추진부서</th><td>{{ .Params.department }}</td></tr>
<tr><th>이행상태</th><td>{{ .Params.status }}</td></tr><tr><th>추진율</th><td>{{ .Params.progress }}%</td></tr>
<tr><th>총사업비</th><td>{{ .Params.budget }} 백만원</td></tr></table>
{{ .Content }}
</body></html>
"""
HUGO_LIST = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""
HUGO_INDEX = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head><body>
<h1>{{ .Site.Title }}</h1>
{{ range (where .Site.RegularPages "Section" "pledges").GroupByParam "area" }}
<h2>{{ .Key }}</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.status }} {{ .Params.progress }}%</li>{{ end }}</ul>
{{ end }}</body></html>
"""
ZOLA_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body>
<h1>{{ page.title }}</h1>
<table><tr><th>분야</th><td>{{ page.extra.area }}</td></tr><tr><th>추진부서</th><td>{{ page.extra.department }}</td></tr>
<tr><th>이행상태</th><td>{{ page.extra.status }}</td></tr><tr><th>추진율</th><td>{{ page.extra.progress }}%</td></tr>
<tr><th>총사업비</th><td>{{ page.extra.budget }} 백만원</td></tr></table>
{{ page.content | safe }}
</body></html>
"""
ZOLA_SECTION = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ section.title }}</title></head><body>
<ul>{% for page in section.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}</ul></body></html>
"""
ZOLA_INDEX = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ config.title }}</title></head><body>
<h1>{{ config.title }}</h1>
{% set pledges = get_section(path="pledges/_index.md") %}
{% for area, pages in pledges.pages | group_by(attribute="extra.area") %}
<h2>{{ area }}</h2><ul>{% for page in pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a> {{ page.extra.status }} {{ page.extra.progress }}%</li>{% endfor %}</ul>
{% endfor %}</body></html>
"""

if __name__ == "__main__":
    main()
