"""Corpus facts that are right or openly unknown: dates, outlets, noise lines,
titles and partners, on articles written for these tests in the shapes met in
real news pages (wire datelines, mirrors, page furniture, historical years,
plans, passing mentions). Every expectation is worked out by hand in a comment.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import load_actors
from analysis.corpus.article import parse_article
from analysis.corpus.dates import Dated, event_date, url_date
from analysis.corpus.load import load_corpus
from analysis.corpus.outlets import host_of, outlet_aliases, outlet_for, outlet_hosts, resolve_outlet

ROOT = Path(__file__).resolve().parents[2]
PARTNERS = ROOT / "config" / "partners.yaml"


@pytest.fixture(scope="module")
def actors():
    return load_actors(PARTNERS).select(["us", "japan", "korea"])


def corpus_of(tmp_path: Path, actors, files: dict[str, str], metadata: str | None = None):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return load_corpus(folder, actors)


def _pub(iso: str) -> Dated:
    from datetime import date

    return Dated(date.fromisoformat(iso), "header", iso)


# --------------------------------------------------------------------------- event dates
@pytest.mark.parametrize("lead,published,want", [
    # relative days count back from the publication date: Friday 3 May 2024
    ("The ministers met in Hanoi on Thursday.", "2024-05-03", "2024-05-02"),
    ("The ministers met in Hanoi yesterday.", "2024-05-03", "2024-05-02"),
    ("The ministers met in Hanoi today.", "2024-05-03", "2024-05-03"),
    ("The ministers met on Friday.", "2024-05-03", "2024-05-03"),           # the same day
    ("The ministers met last Friday.", "2024-05-03", "2024-04-26"),         # "last": a week before
    ("Kishida met Chinh in Tokyo late Wednesday.", "2024-05-03", "2024-05-01"),
    # a weekday with its date in brackets: the date, its year from publication
    ("Abe agreed with his counterpart on Friday (July 15) that the ruling must be observed.", "2016-07-16",
     "2016-07-15"),
    # a month-day takes the year that puts it on or before publication: a January article on December 28
    ("The two sides met on December 28 in Tokyo.", "2025-01-03", "2024-12-28"),
    # a full date in the lead is the event's
    ("On Monday, August 5, 2024, the two ministers met.", "2024-08-06", "2024-08-05"),
])
def test_event_dates_that_the_text_fixes(lead, published, want):
    got = event_date([lead], _pub(published))
    assert got.iso == want, got.evidence


@pytest.mark.parametrize("lead,published,why", [
    # a weekday with no publication date to count from
    ("The ministers met in Hanoi on Thursday.", None, "no publication date"),
    # a month-day with no year anywhere that fixes it: historical years and future plans do not
    ("On March 5, the ministers marked the ties set up in August 2015 and the 2013 partnership, and planned "
     "events in 2025.", None, "fixes the year"),
    # a plan: the date of something that has not happened
    ("Foreign Minister Kamikawa will visit Hanoi on March 20 to prepare the summit.", "2024-03-12", "plan"),
    # a deadline and a starting point are no event
    ("The tariffs take effect from August 1, the ministry said.", "2025-07-20", "not the event"),
    # a statement about the event, days after it: the day of the statement
    ("The coast guard handed over a cutter in Honolulu, the embassy said on Friday.", "2017-05-27", "statement"),
    # a full date long before publication is a recalled event
    ("Recalling the joint statement of September 11, 2023, the two sides met again.", "2024-06-20", "not the event"),
    ("The two sides recalled September 11, 2023 as a milestone.", "2024-06-20", "days before publication"),
])
def test_event_dates_that_stay_unknown(lead, published, why):
    got = event_date([lead], _pub(published) if published else Dated(None))
    assert got.value is None and why in got.evidence, got


def test_a_month_day_takes_its_year_from_a_date_cited_days_before():
    # "On November 17" and "November 12, 2022" five days before: 2022-11-17
    body = "On November 17, in Bangkok, the ministers met.\nThey recalled the summit of November 12, 2022."
    got = event_date(["On November 17, in Bangkok, the ministers met."], Dated(None), body=body)
    assert got.iso == "2022-11-17" and "November 12, 2022" in got.evidence
    # two dates cited shortly before, in two different years: no year is fixed
    body = "On January 20 the ministers met.\nThey recalled December 30, 2022 and January 2, 2024."
    got = event_date(["On January 20 the ministers met."], Dated(None), body=body)
    assert got.value is None and "different years" in got.evidence
    # a year named most often (a historical one) never fixes it
    body = "On March 5 the ministers met.\nTies date from 2015. In 2015 they agreed; 2015 was key."
    assert event_date(["On March 5 the ministers met."], Dated(None), body=body).value is None


def test_the_dateline_day_is_the_dispatch_not_the_event(tmp_path, actors):
    # Jiji's dateline "Tokyo, Oct. 14" is when it was filed; the pact will be signed next week
    c = corpus_of(tmp_path, actors, {"jiji": (
        " date 2020-10-14 Newsfrom Japan\n"
        "Tokyo, Oct. 14 (Jiji Press)--Tokyo and Hanoi are expected to sign a pact during Prime Minister "
        "Suga's trip next week, sources said Wednesday.\n"
        "The visit will be his first overseas trip.\n")})
    doc = c.documents.iloc[0]
    assert doc.published == "2020-10-14" and doc.event_date == ""
    assert doc.outlet == "Jiji Press"


def test_published_from_page_lines_urls_and_metadata(tmp_path, actors):
    c = corpus_of(tmp_path, actors, {
        # "RFA | 2021-08-26" names the outlet and the day; "said Thursday" is a statement's day
        "rfa": "Harris raises rights in Hanoi\nRFA | 2021-08-26\nVice President Kamala Harris met Vietnamese "
               "leaders in Hanoi on Wednesday, officials said.\nShe left for Washington.\n",
        # a day glued to the outlet's name, day first: 27 April 2025, a Sunday
        "yomiuri": "Ishiba heads to Vietnam\nYomiuri Shimbun27-04-2025\nPrime Minister Shigeru Ishiba on "
                   "Sunday left Tokyo for Hanoi.\nHe will meet Japanese business leaders.\n",
        # no date in the text; the URL's path has one (Tuesday 9 October 2018), "agreed Monday" the day before
        "jt": "Abe and Phuc agree on sea\n• Kyodo\nPrime Minister Shinzo Abe and his Vietnamese counterpart "
              "agreed Monday to keep the sea open.\nThey met in Tokyo.\n",
        # metadata.csv gives the publication date the weekday counts from (Saturday 15 April 2023)
        "meta": "Blinken in Hanoi\nSecretary Antony Blinken held talks in Hanoi on Saturday.\nHe met the "
                "minister.\n",
    }, metadata="doc_id,url,published\n"
                "jt,https://www.japantimes.co.jp/news/2018/10/09/national/abe-phuc/,\n"
                "meta,,2023-04-15\n")
    docs = c.documents.set_index("doc_id")
    assert (docs.loc["rfa", "published"], docs.loc["rfa", "published_source"]) == ("2021-08-26", "date_line")
    assert docs.loc["rfa", "outlet"] == "RFA"
    assert docs.loc["rfa", "event_date"] == "2021-08-25"              # "on Wednesday" before Thursday 26th
    assert docs.loc["yomiuri", "published"] == "2025-04-27" and docs.loc["yomiuri", "event_date"] == "2025-04-27"
    assert docs.loc["yomiuri", "outlet"] == "Yomiuri"
    assert (docs.loc["jt", "published"], docs.loc["jt", "published_source"]) == ("2018-10-09", "url")
    assert docs.loc["jt", "event_date"] == "2018-10-08"
    # Kyodo's copy on the Japan Times site: Kyodo wrote it, the host is named in via
    assert (docs.loc["jt", "outlet"], docs.loc["jt", "via"]) == ("Kyodo", "japantimes.co.jp")
    assert (docs.loc["meta", "published_source"], docs.loc["meta", "event_date"]) == ("metadata", "2023-04-15")


@pytest.mark.parametrize("url,want", [
    ("https://www.japantimes.co.jp/news/2020/01/07/national/x/", "2020-01-07"),
    ("https://www3.nhk.or.jp/nhkworld/en/news/20211125_01/", "2021-11-25"),
    ("https://koreajoongangdaily.joins.com/news/2025-06-05/national/x", "2025-06-05"),
    ("https://www.gov-online.go.jp/eng/publicity/book/hlj/html/201404/201404_00_en.html", None),  # a month only
    ("https://en.yna.co.kr/view/AEN20221205006851315", None),      # digits glued to more digits: no date
])
def test_dates_in_urls(url, want):
    got = url_date(url)
    assert (got.isoformat() if got else None) == want


# --------------------------------------------------------------------------- outlets
@pytest.mark.parametrize("text,outlet", [
    ("Japan, Vietnam agree on sea\n\nHANOI (Kyodo) - Japan and Vietnam agreed on Monday to work together.\n", "Kyodo"),
    ("Korea, Vietnam talk trade\n\nSEOUL, Sept. 18 (Yonhap) -- South Korea and Vietnam agreed on Monday to "
     "expand trade.\n", "Yonhap"),
    ("Japan to export defence gear\n\nHanoi, July 5 (Jiji Press)--Japan and Vietnam agreed to sign a pact.\n",
     "Jiji Press"),
    ("• Kyodo\nPrime Minister Kishida and his Vietnamese counterpart agreed Monday to deepen ties.\n", "Kyodo"),
    ("• JIJI, Kyodo\nDefence Minister Iwaya and his Vietnamese counterpart agreed Thursday on the sea.\n",
     "Jiji Press"),
    ("WNAM REPORT: Japan and Vietnam pledged closer ties on Monday.\nThe leaders met in Tokyo.\n", "World News AM"),
    ("Korea gives aid\n\nBy Yonhap   June 14, 2016 | 05:03 pm GMT+7\n\nSouth Korea agreed with Vietnam on Tuesday "
     "to clear mines.\n", "Yonhap"),
    ("Tokyo, Hanoi boost defense ties\n\nAP, HANOI\n\nJapanese Prime Minister Suga yesterday agreed with his "
     "Vietnamese counterpart to step up defence ties.\n", "AP"),
    ("Japan backs mine clearance\n\nThe two sides agreed to step up mine clearance in 2020.-VNA\n", "VNA"),
    ("US returns remains\n\nThis is the 153rd handover since 1973./. VNA\n", "VNA"),
    ("Japan donates vaccines\n\nThe support is very practical for the recovery. VNS\n", "VNS"),
    ("Talks in Seoul\n\nThe Korea Herald\n\nBy Yonhap\n\nSeoul and Hanoi agreed on Monday to deepen ties. (Yonhap)\n",
     "Yonhap"),   # the site's own name above the text gives way to the byline
])
def test_agency_signatures(text, outlet, actors):
    art = parse_article(text, outlet_aliases(actors))
    assert resolve_outlet(art.signatures, outlet_aliases(actors))[0] == outlet, art.signatures


def test_outlet_by_host_mirror_and_unknown(actors):
    aliases, hosts = outlet_aliases(actors), outlet_hosts(actors)
    assert host_of("https://www.koreaherald.com/view.php?ud=1") == "koreaherald.com"
    # no signature: the host names the outlet, subdomains included
    assert outlet_for([], "https://en.yna.co.kr/view/AEN1", aliases, hosts) == ("Yonhap", "url: en.yna.co.kr", "")
    assert outlet_for([], "https://m.vovworld.vn/en-US/news/x.vov", aliases, hosts)[0] == "VOV"
    # a signature on another outlet's site: the signature's outlet, the host in via
    assert outlet_for(["Kyodo"], "https://www.japantimes.co.jp/news/x", aliases, hosts) == (
        "Kyodo", "Kyodo", "japantimes.co.jp")
    # on its own site, via stays empty
    assert outlet_for(["— VNS"], "https://vietnamnews.vn/politics/x.html", aliases, hosts)[2] == ""
    # a host the table does not know and no signature: unknown, never guessed
    out, source, via = outlet_for([], "https://www.bilaterals.org/?x", aliases, hosts)
    assert (out, via) == ("unknown", "bilaterals.org") and "not in the outlets table" in source


def test_whose_the_outlet_is(tmp_path, actors):
    c = corpus_of(tmp_path, actors, {
        "a": "Japan, Vietnam agree\n\nHANOI (Kyodo) - Japan and Vietnam agreed on Monday to work together.\n",
        "b": "Vietnam, Japan agree\n\nJapan and Vietnam agreed on Monday to work together. — VNS\n",
        "c": "Talks held\n\nJapan and Vietnam agreed on Monday to work together.\n",
    })
    docs = c.documents.set_index("doc_id")
    assert tuple(docs.loc["a", ["outlet_country", "outlet_ownership"]]) == ("japan", "private")
    assert tuple(docs.loc["b", ["outlet_country", "outlet_ownership"]]) == ("vietnam", "state")
    assert tuple(docs.loc["c", ["outlet", "outlet_country", "outlet_ownership"]]) == ("unknown", "", "")


# --------------------------------------------------------------------------- noise lines and titles
def test_page_furniture_is_flagged_and_the_title_is_a_headline(actors):
    text = ("Home > News > Diplomacy\n"
            "Skip navigation\n"
            "site logo\n"
            "Japan, Vietnam step up defence ties\n"
            "MAINICHI | April 28, 2025\n"
            "Theo nguồn tin trên trang mạng của Bộ Ngoại giao\n"
            "TOKYO -- Japan and Vietnam agreed on Monday to step up defence ties, officials said.\n"
            "1. Security cooperation\n"
            "The two ministers agreed to hold talks every year on maritime security.\n"
            "Defence Minister Nakatani, left, and his Vietnamese counterpart shake hands in Tokyo. (Kyodo)\n"
            "(2) Economic cooperation\n"
            "They also discussed trade and investment in the coming years.\n"
            "With an eye on China\n"
            "Both sides voiced concern about coercion at sea and agreed to keep talking.\n"
            "go to top\n"
            "Sponsored Content\n"
            "hague@example.co.kr\n")
    art = parse_article(text, outlet_aliases(actors))
    kinds = dict(zip(art.paragraphs, art.kinds))
    assert art.title == "Japan, Vietnam step up defence ties" and art.title_source == "headline"
    assert kinds["Home > News > Diplomacy"] == "navigation"
    assert kinds["Skip navigation"] == kinds["site logo"] == "navigation"
    assert kinds["MAINICHI | April 28, 2025"] == "header"
    assert art.header_date.isoformat() == "2025-04-28"
    assert resolve_outlet(art.signatures, outlet_aliases(actors))[0] == "Mainichi"
    assert kinds["Theo nguồn tin trên trang mạng của Bộ Ngoại giao"] == "not_english"
    assert kinds["1. Security cooperation"] == kinds["(2) Economic cooperation"] == "section_header"
    assert kinds["With an eye on China"] == "section_header"     # a crosshead between two paragraphs
    assert kinds["Defence Minister Nakatani, left, and his Vietnamese counterpart shake hands in Tokyo. (Kyodo)"] \
        == "caption"
    assert kinds["go to top"] == "navigation" and kinds["Sponsored Content"] == "footer"
    assert kinds["hague@example.co.kr"] == "byline"
    content = [p for p, k in zip(art.paragraphs, art.kinds) if not k]
    assert content == ["TOKYO -- Japan and Vietnam agreed on Monday to step up defence ties, officials said.",
                       "The two ministers agreed to hold talks every year on maritime security.",
                       "They also discussed trade and investment in the coming years.",
                       "Both sides voiced concern about coercion at sea and agreed to keep talking."]


def test_a_noise_line_is_never_the_title(actors):
    # "• Kyodo" opens the page: a signature, not a headline; the lead gives the stand-in title
    art = parse_article("• Kyodo\nPrime Minister Abe and his Vietnamese counterpart agreed Monday to keep the sea "
                        "open.\nThey met in Tokyo.\n", outlet_aliases(actors))
    assert art.kinds[0] == "signature" and art.title_source == "lead"
    # a province menu above the headline is navigation; a caption is no title either
    menu = "".join(f"• {p}\n" for p in ["An Giang", "Bac Giang", "Ca Mau", "Da Nang", "Ha Noi"])
    art = parse_article(menu + "PM holds talks with Japanese counterpart\nVGP – Prime Minister Pham Minh Chinh "
                        "held talks with Japanese Prime Minister Kishida Fumio in Tokyo on November 24.\n",
                        outlet_aliases(actors))
    assert art.kinds[:5] == ["navigation"] * 5
    assert art.title == "PM holds talks with Japanese counterpart"


def test_other_stories_after_the_text_are_related_links(actors):
    text = ("S. Korea to offer loans to Vietnam\n"
            "SEOUL, June 23 (Yonhap) -- South Korea will offer loans to Vietnam, the ministry said Friday.\n"
            "The loans will fund rail projects.\n"
            "colin@yna.co.kr\n"
            "(LEAD) N. Korea cites failed satellite launch as failure\n"
            "BTS fireworks show draws crowds\n"
            "S. Korea to cremate body found at sea\n")
    art = parse_article(text, outlet_aliases(actors))
    assert art.kinds[-3:] == ["related_links"] * 3 and art.kinds[3] == "byline"


# --------------------------------------------------------------------------- headlines
def test_headlines_are_content_and_copies_link_to_the_first(tmp_path, actors):
    c = corpus_of(tmp_path, actors, {"a": (
        "Japan pledges ODA for metro\n"
        "HANOI (VNA) - Japan pledged new ODA loans for the Hanoi metro on Monday.\n"
        "Japan pledges ODA for metro\n"
        "The ambassador at the signing. (Photo: VNA)\n"
        "The loans will be signed next month.\n")})
    seg = c.segments.set_index("para")
    assert list(seg["unit"]) == ["headline", "paragraph", "headline", "paragraph", "paragraph"]
    assert not seg.loc[[0, 2], "boilerplate"].any()
    assert seg.loc[2, "duplicate_of"] == "a:p000" and seg.loc[0, "duplicate_of"] == ""
    assert seg.loc[0, "partner"] == "japan"                     # a headline has a partner of its own
    assert c.documents.iloc[0].n_paragraphs == 2      # the lead and the last line: headlines and the caption aside


# --------------------------------------------------------------------------- partners
@pytest.mark.parametrize("paragraphs,want", [
    # a passing mention of the other partner does not make a Japan paragraph `both`
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "Japan already has defence equipment deals with the US, the UK and Malaysia."], ["japan", "japan"]),
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "In coordination with powers such as the United States and Australia, Japan has called for a "
      "rules-based order."], ["japan", "japan"]),
    # two partners as the objects of the relation: both
    (["Minister Son met US Secretary of State Antony Blinken and Japanese Foreign Minister Hayashi Yoshimasa."],
     ["both"]),
    # a third country as the subject is `other`, not the previous partner
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "China applied to join the trade pact, to which both Japan and Vietnam belong."], ["japan", "other"]),
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "Abe also met Chinese Premier Li Keqiang, who told Li's aides and Japan that China would not yield."],
     ["japan", "other"]),
    # a third country named as what the meeting discussed stays in the meeting
    (["Secretary Blinken met Foreign Minister Son in Hanoi.",
      "The Secretary also discussed regional concerns including China's actions at sea."], ["us", "us"]),
    # only the home country, nothing about the relationship: home
    (["Secretary Blinken met Foreign Minister Son in Hanoi.",
      "In Vietnam, about 40,000 people have been killed by bombs left from the war since 1975."], ["us", "home"]),
    # the home country with a relationship word: the meeting's partner, by inheritance
    (["Secretary Blinken met Foreign Minister Son in Hanoi.",
      "Both countries agreed that Vietnam would host the next round."], ["us", "us"]),
    # the subject of an opening subordinate clause is not the sentence's ("As China …, Kishida …")
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "As China is increasing its activities at sea, Kishida and Chinh reconfirmed the freedom of navigation."],
     ["japan", "japan"]),
    # a third country as the object ("refrained from naming China") is not the subject
    (["Prime Minister Kishida met his Vietnamese counterpart in Tokyo.",
      "Phuc refrained from naming China, but said he and Abe confirmed the need for peace at sea."],
     ["japan", "japan"]),
    # the partner that is the subject, not the one its minister talked to
    (["South Korea's Foreign Minister Chung Eui-yong held phone talks with his US counterpart and then with "
      "Foreign Minister Son."], ["korea"]),
    # a place named only as where it happened does not make the partner salient
    (["Prime Minister Chinh received the President of the European Council in Hiroshima, Japan, on May 20."],
     ["other"]),
])
def test_partner_rules(tmp_path, actors, paragraphs, want):
    c = corpus_of(tmp_path, actors, {"a": "\n".join(paragraphs) + "\n"})
    seg = c.segments[c.segments.unit == "paragraph"]
    assert list(seg["partner"]) == want, list(zip(seg["partner"], seg["text"].str[:60]))
