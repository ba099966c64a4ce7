"""A small corpus written for the tests (own sentences, in the layout of
Vietnamese state media: headline, a headline repeated above a photo, a caption,
a dateline lead, a "— VNS" sign-off). Each article's themes are known by
construction, so the tests can fill a label sheet by hand-written truth."""
from __future__ import annotations

from pathlib import Path

ARTICLES = {
    # the theme is named only in the headline (and its copy above the photo)
    "a01_visa_headline": """Viet Nam seeks visa exemption for its citizens from Japan

Viet Nam seeks visa exemption for its citizens from Japan

Deputy Prime Minister Tran Minh and Japanese Ambassador Ito Naoki at the meeting in Ha Noi. — VNA/VNS Photo

HÀ NỘI — Deputy Prime Minister Tran Minh received Japanese Ambassador Ito Naoki in Hà Nội on Tuesday.

The two sides discussed ways to deepen the comprehensive strategic partnership between Viet Nam and Japan.

Minh asked Japan to consider the request and to support more people-to-people exchanges. — VNS
""",
    "a02_oda": """Japan pledges new loans for Ha Noi metro

HÀ NỘI — Japan will provide loans worth 60 billion yen for the second metro line in Hà Nội, the Japanese ambassador said on Monday.

The ambassador said Japan's official development assistance (ODA) would focus on transport and climate resilience.

Vietnamese officials thanked Japan for its long support of infrastructure. — VNS
""",
    "a03_war": """Viet Nam, US step up work on war legacies

HÀ NỘI — Vietnamese and US officials met in Hà Nội on Wednesday to review cooperation on the consequences of war.

The US side pledged further funding to decontaminate dioxin at the former Bien Hoa air base.

Both sides will continue the search for the remains of soldiers missing in action. — VNS
""",
    "a04_scs": """Viet Nam, US discuss East Sea

HÀ NỘI — The US Secretary of State met the Vietnamese Foreign Minister on Thursday.

The two sides stressed freedom of navigation and overflight in the East Sea in line with UNCLOS.

They also discussed trade and investment ties between Viet Nam and the US. — VNS
""",
    "a05_trade": """Viet Nam, Japan boost trade ties

HÀ NỘI — Vietnamese and Japanese trade officials met in Hà Nội on Friday.

Two-way trade reached a record last year, and Japanese investors expanded factories in the north.

The officials agreed to work on supply chains for electronics and farm products. — VNS
""",
    "a06_culture": """Japanese culture week opens in Da Nang

ĐÀ NẴNG — A week of Japanese culture opened in Đà Nẵng on Saturday with music, food and tea ceremonies.

Students from local universities took part in the events with their Japanese peers.

The organisers said the festival would become a yearly fixture. — VNS
""",
    # a visa story told without the word the codebook knows (the miss a reader would code)
    "a07_paraphrase": """Japan to ease travel documents for Vietnamese students

HÀ NỘI — Japan will simplify the stamps and paperwork Vietnamese students need to come to Japan, its embassy said.

Applicants will be able to file their papers online and wait fewer days for approval.

The embassy said more Vietnamese students would study in Japan next year. — VNS
""",
    "a08_visa": """Japan, Viet Nam agree to simplify visas

HÀ NỘI — Japan and Viet Nam agreed on Tuesday to simplify visa procedures for each other's citizens.

Vietnamese citizens with multiple-entry visas will be able to stay up to 90 days, the officials said.

Both sides will also widen visa exemptions for business travellers and students. — VNS
""",
}

#: the truth a careful reader would label, per (article, paragraph kind): headline, then the content paragraphs
TRUTH = {
    "a01_visa_headline": {"headline": {"visas"}, "content": [set(), set(), set()]},
    "a02_oda": {"headline": {"oda"}, "content": [{"oda"}, {"oda"}, set()]},
    "a03_war": {"headline": {"war_legacy"}, "content": [{"war_legacy"}, {"war_legacy"}, {"war_legacy"}]},
    "a04_scs": {"headline": {"scs"}, "content": [set(), {"scs"}, set()]},
    "a05_trade": {"headline": set(), "content": [set(), set(), set()]},
    "a06_culture": {"headline": set(), "content": [set(), set(), set()]},
    "a07_paraphrase": {"headline": {"visas"}, "content": [{"visas"}, {"visas"}, set()]},
    "a08_visa": {"headline": {"visas"}, "content": [{"visas"}, {"visas"}, {"visas"}]},
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def truth_of(segments, seg_id: str, theme: str) -> int:
    """The hand label of one unit: its article's TRUTH for the headline or the
    n-th content paragraph (captions and copies are never sampled)."""
    row = segments.set_index("seg_id").loc[seg_id]
    t = TRUTH[row["doc_id"]]
    if row["boilerplate_kind"] == "headline" or row.get("unit", "") == "headline":
        return int(theme in t["headline"])
    heads = segments["unit"].eq("headline") if "unit" in segments else segments["boilerplate_kind"].eq("headline")
    content = segments[(segments["doc_id"] == row["doc_id"]) & ~segments["boilerplate"] & ~heads]["seg_id"].tolist()
    return int(theme in t["content"][content.index(seg_id)])
