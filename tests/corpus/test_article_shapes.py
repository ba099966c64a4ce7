"""The article parser on the layouts of outlets the seeds do not show.

Each article below is written for this test (own sentences) in the *layout* of
one outlet or press office, as read from their public pages: Viet Nam News
export headers and "— VNS" sign-offs, VietnamPlus "Hanoi (VNA) –" leads with
glued photo credits and "./.", World & Vietnam Report "WVR -" leads and
"(Source: WVR/VNA)", VnExpress date lines and "Photo by" credits, Reuters
and Kyodo wire datelines, State Department readouts, Japan MOFA meeting pages,
the Government portal's "VGP –" leads and ">>>" links, Hanoi Times and VOV
captions ending in "|", Saigon Times page furniture, hard-wrapped text, CRLF,
BOMs, tabs and non-breaking spaces. Every expectation was written by hand from
the article text.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.config import load_actors
from analysis.corpus.article import dateline_of
from analysis.corpus.boilerplate import is_caption
from analysis.corpus.dates import date_line
from analysis.corpus.load import load_corpus
from analysis.corpus.paragraphs import split_paragraphs
from analysis.corpus.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[2]
PARTNERS = ROOT / "config" / "partners.yaml"

H, HL, RH, CAP, REL, SIG, BY, FOOT = ("header", "headline", "repeated_headline", "caption", "related_links",
                                      "signature", "byline", "footer")

# name -> (text, expected document fields, expected boilerplate kind per paragraph,
#          expected partner per content paragraph in order)
SHAPES: dict[str, tuple[str, dict, list[str], list[str]]] = {
    # Viet Nam News via an export: the lead on the header line, a "VNA/VNS Photo" caption, tags
    "vns": (
        " date 2024-06-20 VIETNAM, June 20 - HÀ NỘI — Deputy Prime Minister Bùi Thanh Sơn held talks with "
        "Japanese Foreign Minister Kamikawa Yoko in Hà Nội on Thursday.\n\n"
        "Sơn (right) and his guest at the talks. — VNA/VNS Photo Tuấn Anh\n\n"
        "The two ministers agreed to deepen the comprehensive strategic partnership.\n\n"
        "Sơn asked for wider market access for Vietnamese fruit. — VNS\n\n"
        "Tags: diplomacy, ODA\n\nShare this article\n",
        dict(title_source="lead", date="2024-06-20", date_source="relative", outlet="VNS", dateline="HÀ NỘI",
             partner="japan", published="2024-06-20", published_source="header"),   # "on Thursday" = 20 June
        [H, "", CAP, "", "", FOOT, FOOT],
        ["japan", "japan", "japan"],
    ),
    # VietnamPlus: caption glued to a mixed-case dateline, "./." end mark, related block, closing "VNA"
    "vietnamplus": (
        "Vietnam, US hold political dialogue\n"
        "Foreign Minister Bui Thanh Son (R) receives Ambassador Marc Knapper (Photo: VNA)Hanoi (VNA) – Foreign "
        "Minister Bui Thanh Son received US Ambassador Marc Knapper in Hanoi on March 3, 2025.\n"
        "Son said Vietnam treasures its ties with Washington.\n"
        "The two sides discussed trade./.\n"
        "Related news\nVietnam, Japan boost defence ties\nPM meets Japanese business leaders\nVNA\n",
        dict(title="Vietnam, US hold political dialogue", title_source="headline", date="2025-03-03",
             date_source="text", outlet="VNA", dateline="Hanoi", partner="us"),
        [HL, CAP, "", "", "", REL, REL, REL, SIG],
        ["us", "us", "us"],
    ),
    # World & Vietnam Report: "WVR -" lead, repeated headline above a caption, ">> Related:", source line
    "wvr": (
        "Deputy PM, FM meets Japanese Ambassador Ito Naoki\n\n"
        "WVR - On January 15, in Hanoi, Deputy Prime Minister and Foreign Minister Bui Thanh Son received "
        "Japanese Ambassador Ito Naoki.\n"
        "Deputy PM, FM meets Japanese Ambassador Ito Naoki\n"
        "Deputy PM, FM Bui Thanh Son (R) and Ambassador Ito Naoki. (Photo: baoquocte.vn)\n\n"
        "The diplomat recalled the summit of November 27, 2023 and praised Vietnam.\n\n"
        ">> Related: Vietnam, US sign chip deal\n\n(Source: WVR/VNA)\n",
        dict(title="Deputy PM, FM meets Japanese Ambassador Ito Naoki", title_source="headline",
             date="2024-01-15", date_source="text", outlet="WVR", dateline="", partner="japan"),
        [HL, "", RH, CAP, "", REL, SIG],
        ["japan", "japan"],
    ),
    # VnExpress International: a page date line, "Photo by" and "Photo courtesy of" credits, byline at the end
    "vnexpress": (
        "Vietnam, Japan agree to step up chip cooperation\n\n"
        "Tuesday, March 12, 2024 | 09:15 am GMT+7\n\n"
        "Vietnam and Japan agreed on Monday to work on semiconductors, the foreign ministers said.\n\n"
        "The minister meets his counterpart in Tokyo, March 11, 2024. Photo by VnExpress/Giang Huy\n\n"
        "Photo courtesy of the embassy\n\n"
        "The two sides also discussed labour.\n\nBy Viet Anh\n",
        dict(title="Vietnam, Japan agree to step up chip cooperation", title_source="headline",
             date="2024-03-11", date_source="relative", published="2024-03-12", published_source="date_line",
             outlet="unknown", dateline="", partner="japan"),    # the Monday before Tuesday 12 March
        [HL, H, "", CAP, CAP, "", BY],
        ["japan", "japan"],
    ),
    # Reuters: byline line, "HANOI/WASHINGTON (Reuters) -U.S." (no space after the dash), credits footer
    "reuters": (
        "Vietnam, U.S. discuss tariffs as deadline nears\n\nBy Jane Doe and John Roe\n\n"
        "HANOI/WASHINGTON (Reuters) -Vietnam and the U.S. held talks on Tuesday, officials said, after the "
        "two sides met on Dec. 20, 2024.\n\n"
        "Ambassador Marc Knapper led the delegation. Talks resume next week.\n\n"
        "Reporting by Jane Doe in Hanoi; Editing by Kim Roe\n",
        dict(title="Vietnam, U.S. discuss tariffs as deadline nears", title_source="headline",
             # "on Tuesday" with no publication date to count from; Dec. 20 is an earlier meeting
             date="", date_source="missing", outlet="Reuters", dateline="HANOI/WASHINGTON", partner="us"),
        [HL, BY, "", "", BY],
        ["us", "us"],
    ),
    # Kyodo: the date sits in the dateline, the year comes from a date cited later; "==Kyodo" sign-off
    "kyodo": (
        "TOKYO, Jan 5 (Kyodo) -- Japan and Vietnam agreed Friday to expand security aid, building on the "
        "summit held Nov. 27, 2023.\n\n"
        "Vietnamese officials welcomed the plan.\n\n==Kyodo\n",
        # the dateline's "Jan 5" is the dispatch's day, its year fixed by "Nov. 27, 2023" 39 days before;
        # "agreed Friday" counts back from it: 5 January 2024 was a Friday
        dict(title_source="lead", date="2024-01-05", date_source="relative", published="2024-01-05",
             published_source="dateline", outlet="Kyodo", dateline="TOKYO", partner="japan"),
        ["", "", SIG],
        ["japan", "japan"],
    ),
    # US State Department readout: short page labels, date line, spokesperson attribution
    "state_dept": (
        "Secretary Blinken’s Meeting with Vietnamese Deputy Prime Minister and Foreign Minister Bui Thanh Son\n"
        "Readout\nOffice of the Spokesperson\nSeptember 24, 2024\n\n"
        "The below is attributable to Spokesperson Matthew Miller:\n\n"
        "Secretary of State Antony J. Blinken met today with Deputy Prime Minister Bui Thanh Son in New York. "
        "The Secretary welcomed progress under the Comprehensive Strategic Partnership.\n",
        dict(title="Secretary Blinken’s Meeting with Vietnamese Deputy Prime Minister and Foreign Minister "
                   "Bui Thanh Son", title_source="headline", date="2024-09-24", date_source="relative",
             published="2024-09-24", published_source="date_line",   # "met today"
             outlet="State Dept", dateline="", partner="us"),
        [HL, H, SIG, H, BY, ""],
        ["us"],
    ),
    # Japan MOFA: a section label above the headline, a date line, "(Photo)" label, numbered paragraphs
    "mofa_japan": (
        "Japan-Viet Nam Relations\nJapan-Viet Nam Foreign Ministers’ Meeting\nMay 3, 2024\n"
        "(Photo) Japan-Viet Nam Foreign Ministers’ Meeting\n"
        "1. On May 3, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs, held a meeting with H.E. Mr. Bui Thanh "
        "Son. The overview is as follows.\n"
        "2. The two ministers agreed to cooperate at the OECD.\n"
        "Back to Japan-Viet Nam Relations\n",
        dict(title="Japan-Viet Nam Foreign Ministers’ Meeting", title_source="headline", date="2024-05-03",
             date_source="text", published="2024-05-03", outlet="unknown", dateline="", partner="japan"),
        [H, HL, H, CAP, "", "", FOOT],
        ["japan", "japan"],
    ),
    # Government portal: "Print article", "VGP –" lead, time stamp below the lead, "Photo: VGP", ">>>" link
    "vgp": (
        "Print article\n\nPM Pham Minh Chinh meets Japanese Prime Minister Ishiba Shigeru\n\n"
        "VGP – Prime Minister Pham Minh Chinh met his counterpart Ishiba Shigeru in Vientiane on October 10.\n\n"
        "October 10, 2024 7:14 PM GMT+7\n\n"
        "Prime Minister Pham Minh Chinh and Prime Minister Ishiba Shigeru. Photo: VGP\n\n"
        "     >>> Viet Nam, US hold trade talks\n\n"
        "Chinh congratulated his host on taking office.\n",
        dict(title="PM Pham Minh Chinh meets Japanese Prime Minister Ishiba Shigeru", title_source="headline",
             date="2024-10-10", date_source="text", published="2024-10-10", outlet="VGP", dateline="", partner="japan"),
        [H, HL, "", H, CAP, REL, ""],
        ["japan", "japan"],
    ),
    # Hanoi Times: standfirst, caption ending "Photo: … |", follow prompt, copyright naming the outlet
    "hanoi_times": (
        "US envoy pledges stronger trade ties with Hanoi\n"
        "The ambassador visited an industrial park on Monday.\n"
        "US Ambassador Marc Knapper at the event. Photo: Hanoi Times |\n"
        "Knapper said American firms want to invest more.\n"
        "Follow us on Facebook\n© 2024 Hanoi Times. All rights reserved.\n",
        dict(title="US envoy pledges stronger trade ties with Hanoi", title_source="headline", date="",
             date_source="missing", outlet="Hanoi Times", dateline="", partner="us"),
        [HL, "", CAP, "", FOOT, FOOT],
        ["us", "us"],    # the standfirst names no partner: it takes the article's
    ),
    # The Saigon Times: outlet name on top, byline, paywall and comment-form furniture
    "saigon_times": (
        "The Saigon Times\nLooking toward the future of Vietnam-Japan ties\nBy Nguyen Van A\n"
        "Over the past decades, Japan has become a key investor in Vietnam.\n"
        "Its firms are adding factories in the south.\n"
        "To read more, please click here.\nLEAVE A REPLY\nPlease enter your comment!\n",
        dict(title="Looking toward the future of Vietnam-Japan ties", title_source="headline", date="",
             date_source="missing", outlet="Saigon Times", dateline="", partner="japan"),
        [SIG, HL, BY, "", "", FOOT, FOOT, FOOT],
        ["japan", "japan"],
    ),
    # VOV: "(VOVWORLD) -" lead, caption then a lone "|" line (dropped), correspondent byline
    "vov": (
        "Vietnam, Japan hold strategic partnership dialogue\n"
        "(VOVWORLD) - Vietnam and Japan held their dialogue in Tokyo on Thursday.\n"
        "The dialogue in Tokyo (Photo: VOV)\n|\n"
        "The two sides agreed to boost defence cooperation.\n"
        "Hoang Lien Son, VOV correspondent in Japan\n",
        dict(title="Vietnam, Japan hold strategic partnership dialogue", title_source="headline", date="",
             date_source="missing", outlet="VOV", dateline="", partner="japan"),
        [HL, "", CAP, "", BY],
        ["japan", "japan"],
    ),
    # Nhan Dan: "NDO/VNA –" lead prefix with no headline, "Theo TTXVN" source line
    "nhan_dan": (
        "NDO/VNA – President Luong Cuong received outgoing Japanese Ambassador Yamada Takio in Hanoi on "
        "September 10, 2024.\n"
        "Cuong thanked Yamada for his work.\nTheo TTXVN\n",
        dict(title="President Luong Cuong received outgoing Japanese Ambassador Yamada Takio in Hanoi on September 10, …",
             title_source="lead", date="2024-09-10", date_source="text", outlet="Nhan Dan", dateline="",
             partner="japan"),
        ["", "", SIG],
        ["japan", "japan"],
    ),
    # Tuoi Tre News: outlet line, ambiguous numeric date line settled by the lead's "July 11"
    "tuoi_tre": (
        "US, Vietnam mark 30 years of ties\nTuoi Tre News\n07/12/2025 09:30 GMT+7\n"
        "U.S. Secretary of State Marco Rubio sent a message to Vietnam on July 11.\n"
        "Rubio said the U.S. values Vietnam. The two countries normalized ties in 1995.\n"
        "Like us on Facebook\n",
        dict(title="US, Vietnam mark 30 years of ties", title_source="headline", date="2025-07-11",
             date_source="text", published="2025-07-12", published_source="date_line", outlet="Tuoi Tre",
             dateline="", partner="us"),
        [HL, SIG, H, "", "", FOOT],
        ["us", "us"],
    ),
    # AFP wire with a byline glued to the dateline, and an AP-style contribution line
    "afp": (
        "By Jane Doe HANOI (AFP) - Vietnam's To Lam met Japan's Ishiba Shigeru on Sunday, April 27, 2025.\n"
        "The visitor pledged help with chips.\n"
        "Associated Press writer John Roe in Tokyo contributed to this report.\n",
        dict(title="Vietnam's To Lam met Japan's Ishiba Shigeru on Sunday, April 27, 2025.", title_source="lead",
             date="2025-04-27", date_source="text", outlet="AFP", dateline="HANOI", partner="japan"),
        [BY, "", "", BY],
        ["japan", "japan"],
    ),
    # Nikkei: staff-writer byline naming the outlet, JST stamp, bracketed photographer credit, "Photo:" line
    "nikkei": (
        "Vietnam courts Japanese chipmakers as tariffs bite\nKENTARO TANAKA, Nikkei staff writer\n"
        "March 5, 2025 14:02 JST\n"
        "HANOI -- Vietnam is courting chipmakers from Japan, Deputy Prime Minister Tran Hong Ha said.\n"
        "Investors listen to a briefing in Hanoi. (VNA/Nguyen Khang)\nPhoto: Nikkei/Jane Roe\n"
        "The push comes as Washington raises tariffs.\n",
        dict(title="Vietnam courts Japanese chipmakers as tariffs bite", title_source="headline",
             date="2025-03-05", date_source="date_line", event_date="", outlet="Nikkei", dateline="HANOI",
             partner="both"),   # the lead names no day: the date is the publication date
        [HL, BY, H, "", CAP, CAP, ""],
        ["japan", "us"],
    ),
    # A one-line lead without a final full stop right after the headline is not swallowed
    "one_line_lead": (
        "Vietnam and Japan sign railway loan\n"
        "Vietnam and Japan on Tuesday signed a loan for the North-South railway in Hanoi\n"
        "— VNA\n",
        dict(title="Vietnam and Japan sign railway loan", title_source="headline", date="", date_source="missing",
             outlet="VNA", dateline="", partner="japan"),
        [HL, "", SIG],
        ["japan"],
    ),
    # Translation credit and editor initials after a "VNA -" lead
    "credits": (
        "VNA - Vietnam and the US held their annual dialogue in Washington on May 16, 2024.\n"
        "The delegations discussed labour rights.\nTrans. by Thu Ha\n(MH)\n",
        dict(title="Vietnam and the US held their annual dialogue in Washington on May 16, 2024.",
             title_source="lead", date="2024-05-16", date_source="text", outlet="VNA", dateline="", partner="us"),
        ["", "", BY, BY],
        ["us", "us"],
    ),
    # A partial export header gives the year of the lead's month-day
    "partial_header": (
        " date 2023-09 Biden arrives in Hanoi\nUS President Joe Biden arrived in Hanoi on September 10.\n",
        dict(title="Biden arrives in Hanoi", title_source="headline", date="2023-09-10", date_source="text",
             outlet="unknown", dateline="", partner="us"),
        [H, HL, ""],
        ["us"],
    ),
    # Hard-wrapped at ~60 columns, blank lines between paragraphs, CRLF line ends
    "wrapped": (
        "Viet Nam, Japan agree to deepen\r\ncooperation\r\n\r\n"
        "HÀ NỘI — Deputy Prime Minister Trần Hồng Hà met Japanese\r\n"
        "Ambassador Ito Naoki on Monday, August 5, 2024, and the two\r\n"
        "discussed railway projects and the training of engineers\r\n"
        "in both countries over the coming five years.\r\n\r\n"
        "Hà said the projects mattered. — VNS\r\n",
        dict(title="Viet Nam, Japan agree to deepen cooperation", title_source="headline", date="2024-08-05",
             date_source="text", outlet="VNS", dateline="HÀ NỘI", partner="japan"),
        [HL, "", ""],
        ["japan", "japan"],
    ),
    # A BOM, tabs, non-breaking spaces and a zero-width space
    "bom_nbsp": (
        "\ufeff date 2023-09-11 VIETNAM, September 11 -\n\n"
        "HÀ NỘI\u00a0— President\tVõ Văn Thưởng met U.S.\u00a0President Joe Biden\u200b on Monday.\n\n"
        "They agreed to upgrade ties. — VNS\n",
        dict(title_source="lead", date="2023-09-11", date_source="relative", outlet="VNS", dateline="HÀ NỘI",
             partner="us"),
        [H, "", ""],
        ["us", "us"],
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shapes")
    for name, (text, *_rest) in SHAPES.items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    return load_corpus(folder, load_actors(PARTNERS))


@pytest.mark.parametrize("name", list(SHAPES))
def test_document_fields(corpus, name):
    doc = corpus.documents.set_index("doc_id").loc[name]
    for col, want in SHAPES[name][1].items():
        assert doc[col] == want, f"{name}.{col}: {doc[col]!r} != {want!r}"


@pytest.mark.parametrize("name", list(SHAPES))
def test_boilerplate_kinds(corpus, name):
    seg = corpus.segments[corpus.segments.doc_id == name]
    # a headline and its copies are their own unit, content, not boilerplate
    want = ["" if k in (HL, RH) else k for k in SHAPES[name][2]]
    got = list(seg["boilerplate_kind"].fillna(""))
    assert got == want, list(zip(got, seg["text"].str[:50]))
    assert list(seg["boilerplate"]) == [bool(k) for k in want]
    assert list(seg["unit"]) == ["headline" if k in (HL, RH) else "paragraph" for k in SHAPES[name][2]]


@pytest.mark.parametrize("name", list(SHAPES))
def test_partner_per_content_paragraph(corpus, name):
    seg = corpus.segments[(corpus.segments.doc_id == name) & ~corpus.segments.boilerplate
                          & (corpus.segments.unit == "paragraph")]
    assert list(seg["partner"]) == SHAPES[name][3], list(zip(seg["partner"], seg["text"].str[:50]))


def test_paragraph_text_is_kept_as_written(corpus):
    seg = corpus.segments.set_index("seg_id")
    # the caption glued to the dateline is cut exactly at the bracket
    assert seg.loc["vietnamplus:p001", "text"].endswith("Marc Knapper (Photo: VNA)")
    assert seg.loc["vietnamplus:p002", "text"].startswith("Hanoi (VNA) – Foreign Minister")
    # the lead that followed the export header on its line keeps its diacritics
    assert seg.loc["vns:p000", "text"] == "date 2024-06-20 VIETNAM, June 20 -"
    assert seg.loc["vns:p001", "text"].startswith("HÀ NỘI — Deputy Prime Minister Bùi Thanh Sơn")
    # the wrapped lead is one paragraph again; CR, NBSP, tabs and zero-width spaces are gone
    assert seg.loc["wrapped:p001", "text"] == (
        "HÀ NỘI — Deputy Prime Minister Trần Hồng Hà met Japanese Ambassador Ito Naoki on Monday, August 5, "
        "2024, and the two discussed railway projects and the training of engineers in both countries over the "
        "coming five years.")
    assert seg.loc["bom_nbsp:p001", "text"] == "HÀ NỘI — President Võ Văn Thưởng met U.S. President Joe Biden on Monday."
    assert seg.loc["afp:p000", "text"] == "By Jane Doe"


def test_evidence_of_header_dates(corpus):
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["state_dept", "published_evidence"] == "September 24, 2024"
    assert docs.loc["state_dept", "event_date_evidence"].startswith("today")
    assert docs.loc["vns", "published_evidence"] == "date 2024-06-20 VIETNAM, June 20 -"
    assert "Nov. 27, 2023" in docs.loc["kyodo", "published_evidence"]


def test_sentences_of_shapes(corpus):
    sents = corpus.sentences
    texts = list(sents[sents.seg_id == "mofa_japan:p004"]["text"])
    # the list number and "Ms." / "H.E. Mr." do not end sentences
    assert texts == ["1. On May 3, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs, held a meeting with H.E. Mr. "
                     "Bui Thanh Son.", "The overview is as follows."]
    texts = list(sents[sents.seg_id == "tuoi_tre:p004"]["text"])
    assert texts == ["Rubio said the U.S. values Vietnam.", "The two countries normalized ties in 1995."]


@pytest.mark.parametrize("text,expected", [
    ("Secretary Antony J. Blinken met Gen. Phan Van Giang on Sept. 10. They met again.",
     ["Secretary Antony J. Blinken met Gen. Phan Van Giang on Sept. 10.", "They met again."]),
    ("Trade with the U.S. The two sides agreed. Japan ranked No. 1 in ODA. Trade hit US$123.5 billion.",
     ["Trade with the U.S.", "The two sides agreed.", "Japan ranked No. 1 in ODA.", "Trade hit US$123.5 billion."]),
    ("The U.S. Embassy in Hanoi said so at 9 a.m. on Monday.", ["The U.S. Embassy in Hanoi said so at 9 a.m. on Monday."]),
    ("in Tokyo on May 30.At the meeting, Minh spoke. Mr.Son agreed.",
     ["in Tokyo on May 30.", "At the meeting, Minh spoke.", "Mr.Son agreed."]),
    ('"We agree," Son said. "Is it right?" asked Blinken. "Yes." He nodded.',
     ['"We agree," Son said.', '"Is it right?" asked Blinken.', '"Yes."', "He nodded."]),
    ("2. Minister Kamikawa stated that Japan values ties.", ["2. Minister Kamikawa stated that Japan values ties."]),
    ("Growth reached 7.09 per cent in 2024. Exports rose.", ["Growth reached 7.09 per cent in 2024.", "Exports rose."]),
])
def test_sentence_splits(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


@pytest.mark.parametrize("lead,place,agency", [
    ("TOKYO, Jan 5 (Reuters) - Japan said", "TOKYO", "Reuters"),
    ("HANOI, Sept. 10 (Kyodo) -- Japan said", "HANOI", "Kyodo"),
    ("WASHINGTON — The United States said", "WASHINGTON", ""),
    ("WASHINGTON: Secretary Blinken spoke", "WASHINGTON", ""),
    ("Hanoi, March 3 (VNA) – The ministers met", "Hanoi", "VNA"),
    ("Tokyo (VNA) - An official said", "Tokyo", "VNA"),
    ("HANOI, Vietnam – From adversary to partner", "HANOI", ""),
    ("PHNOM PENH — Prime Minister Kishida met", "PHNOM PENH", ""),
    ("US - Japan ties are strong.", "", ""),          # two letters are no place
    ("Minister Son - a veteran diplomat - said", "", ""),
    ("The US-Japan alliance matters.", "", ""),
])
def test_datelines(lead, place, agency):
    assert dateline_of(lead) == (place, agency)


@pytest.mark.parametrize("para,expected", [
    ("Minister X (R) and Y. (Photo: baoquocte.vn)", True),
    ("FM Bui Thanh Son (R) meets US Secretary of State Antony Blinken (Photo: VNA)", True),
    ("Photo: VnExpress/Giang Huy", True),
    ("Talks in Tokyo. (AP Photo/Tran Van Minh, File)", True),
    ("Ministers at the talks. (VNA/Nguyen Khang)", True),
    ("Masamine Kawaguchi/The Yomiuri Shimbun", True),
    ("Japanese Foreign Minister to pay visit to Viet Nam next week - Ảnh 1.", True),
    ("(Ảnh: TTXVN)", True),
    ("The sides agreed to work with the Association of Southeast Asian Nations (ASEAN).", False),
    ("Japan ranks first in ODA (official development assistance) provision.", False),
    ("Deputy Prime Minister Tran Hong Ha met Minister of Industry and Trade (Tran Tuan Anh).", False),
])
def test_captions(para, expected):
    assert is_caption(para) == expected


@pytest.mark.parametrize("line,expected", [
    ("Thursday, March 12, 2024 | 09:15 am GMT+7", "2024-03-12"),
    ("October 05, 2023 7:14 PM GMT+7", "2023-10-05"),
    ("05/28/2021 03:00", "2021-05-28"),        # month-first: 28 is no month
    ("12/03/2024 09:15 (GMT+7)", "2024-03-12"),  # ambiguous: day first
    ("16:22 JST, April 29, 2025", "2025-04-29"),
    ("Thứ Ba, 12/03/2024 09:15", "2024-03-12"),
    ("Hanoi, 12 March 2024", "2024-03-12"),
    ("Published: 2024-03-12", "2024-03-12"),
    ("The talks took place on March 12, 2024.", None),
    ("March 12", None),
])
def test_date_lines(line, expected):
    got = date_line(line)
    assert (got.isoformat() if got else None) == expected


def test_wrapped_list_of_headlines_is_not_joined():
    text = ("Related news\nForeign Minister meets US Secretary of State Antony Blinken\n"
            "Vietnam calls for enhanced cooperation in APEC amid global challenges: FM\n"
            "Foreign Minister hosted a reception for Angolan Secretary of State\n")
    assert len(split_paragraphs(text)) == 4


def test_partner_names_of_officials(tmp_path):
    from analysis.corpus.partners import build_matchers, label_for, partners_named

    m = build_matchers(load_actors(PARTNERS))
    named = lambda t: label_for(partners_named(t, m))  # noqa: E731
    assert named("Mr. MOTEGI Toshimitsu held talks.") == "japan"
    assert named("Ambassador Yamada Takio said.") == "japan"
    assert named("Ambassador Marc E. Knapper said.") == "us"
    assert named("Fumio Kishida and Jake Sullivan met.") == "both"
    assert named("Exports to Latin America rose.") == "none"
    assert named("Pham Minh Chinh and To Lam met.") == "none"   # home officials are not partners


@pytest.mark.parametrize("text,outlet,kinds", [
    # a closing source line, a "Read more:" block, a "Photo:" credit line above its caption
    ("Japan, Vietnam talk trade\n\nPOLITICS\n\nJapan and Vietnam talked trade in Hanoi on Monday.\n\n"
     "Photo: VnExpress/Giang Huy\n\nThe ministers at the talks.\n\nRead more:\n\nUS envoy visits Da Nang\n\n"
     "Source: VnExpress\n",
     "VnExpress", [HL, H, "", CAP, "", REL, REL, SIG]),
    # a closing "VNA/VNS" credit: the first part names the outlet
    ("Japan funds hospital\n\nJapan will fund a hospital in Huế, the embassy said on Monday.\n\nVNA/VNS\n",
     "VNA", [HL, "", SIG]),
    # "(VNA)" after the last sentence, copyright and follow prompts
    ("US donates vaccines\n\nThe US gave Vietnam more vaccines on Friday. (VNA)\n\n"
     "Follow VNA on Twitter\n\nCopyright © VNA. All rights reserved.\n",
     "VNA", [HL, "", FOOT, FOOT]),
    # an unknown acronym sign-off is shown as written
    ("Japan opens consulate\n\nJapan opened a consulate in Da Nang on Monday.\n\nSGGP\n", "SGGP", [HL, "", SIG]),
])
def test_signatures_and_furniture(text, outlet, kinds):
    from analysis.corpus.article import parse_article
    from analysis.corpus.load import outlet_aliases, resolve_outlet

    aliases = outlet_aliases(load_actors(PARTNERS))
    art = parse_article(text, aliases)
    assert art.kinds == kinds, list(zip(art.kinds, art.paragraphs))
    assert resolve_outlet(art.signatures, aliases)[0] == outlet


def test_source_line_with_a_date_names_the_outlet_only():
    from analysis.corpus.load import resolve_outlet

    assert resolve_outlet(["Source: Taipei Times September 11, 2023 13:51 UTC"], {}) == (
        "Taipei Times", "Source: Taipei Times September 11, 2023 13:51 UTC")
    assert resolve_outlet(["Nguồn: VOV"], {"vov": "VOV"}) == ("VOV", "Nguồn: VOV")


def test_byline_carrying_the_date():
    from analysis.corpus.article import parse_article
    from analysis.corpus.dates import article_dates

    art = parse_article("Japan, Vietnam talk chips\n\nBy Jane Doe | March 12, 2024\n\nThe two sides met on Monday.\n", {})
    assert art.kinds == [HL, BY, ""]
    published, event = article_dates(art, ["The two sides met on Monday."])
    assert (published.value, published.source) == (date(2024, 3, 12), "byline")
    assert (event.value, event.source) == (date(2024, 3, 11), "relative")   # 12 March 2024 was a Tuesday


def test_a_long_paragraph_opening_with_source_is_prose_not_a_signature():
    from analysis.corpus.article import parse_article

    text = ("Talks on trade\n\nHANOI — The two ministers met on Monday.\n\n"
            "(Source: the ministry said the figures for 2023 show trade rising fast, and that both sides "
            "expect investment to grow further next year as new projects start.)\n\n— VNS\n")
    art = parse_article(text, {"vns": "VNS"})
    assert art.kinds[2] == ""
    assert art.kinds[3] == "signature"
