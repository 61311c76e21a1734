"""Vietnamese done right: folding, đ/d, NFD input, exact diacritics first, phrases, prefixes, symbols."""
import unicodedata

import pytest

from .conftest import found


@pytest.fixture
def corpus(make_document, indexed):
    docs = {
        "reform": make_document("Kế hoạch cải cách hành chính năm 2027", symbol="45-CV/BTCTU"),
        "den_arrive": make_document("Thông báo về việc đến dự hội nghị", symbol="12-TB/VPTU"),
        "den_lamp": make_document("Sửa chữa đèn chiếu sáng hội trường", symbol="13-TB/VPTU"),
        "dang": make_document("Công tác phát triển Đảng viên mới", symbol="7-HD/BTCTU"),
        "body": make_document("Báo cáo tháng", symbol="88-BC/VPTU", text="Nội dung: tổng kết phong trào thi đua yêu nước"),
        "other45": make_document("Công văn số 45 khác về thủ tục", symbol="46-CV/VPTU"),
    }
    indexed()
    return {k: v.pk for k, v in docs.items()}


def test_a_query_without_diacritics_finds_the_words_with_them(corpus, clerk):
    assert found(clerk, "cai cach hanh chinh") == [corpus["reform"]]


def test_d_finds_đ_and_đ_finds_d(corpus, clerk):
    assert corpus["dang"] in found(clerk, "dang vien")
    assert corpus["dang"] in found(clerk, "ĐẢNG VIÊN")


def test_a_query_typed_in_nfd_equals_the_nfc_one(corpus, clerk):
    nfd = unicodedata.normalize("NFD", "cải cách hành chính")
    assert nfd != "cải cách hành chính"
    assert found(clerk, nfd) == found(clerk, "cải cách hành chính") == [corpus["reform"]]


def test_a_query_with_diacritics_ranks_the_exact_word_above_its_folded_look_alikes(corpus, clerk):
    results = found(clerk, "đến")
    assert results[0] == corpus["den_arrive"]
    assert corpus["den_lamp"] in results  # still found: folding keeps recall
    assert found(clerk, "đèn")[0] == corpus["den_lamp"]


def test_text_of_files_is_searchable(corpus, clerk):
    assert found(clerk, "phong trao thi dua") == [corpus["body"]]


def test_a_quoted_phrase_needs_the_words_together(corpus, clerk):
    assert found(clerk, '"hành chính năm"') == [corpus["reform"]]
    assert found(clerk, '"năm hành chính"') == []


@pytest.fixture(params=["exact", "checked_on_the_page"])
def phrase_path(request, monkeypatch):
    """Both ways a phrase of three words or more is matched (search.phrases): positions read for the documents of
    its rarest word pair (a rare phrase), or pairs alone with the page checked (a phrase most documents hold)."""
    from search import phrases

    if request.param == "checked_on_the_page":
        monkeypatch.setattr(phrases, "EXACT_BELOW", 0)
    return request.param


@pytest.fixture
def word_order(make_document, indexed):
    docs = {
        "together": make_document("Kế hoạch cải cách hành chính năm 2027"),
        "apart": make_document("Cải tổ, cách làm mới; hành động vì dân; chính sách"),
        "reversed": make_document("Chính hành cách cải"),
        # every word pair of "cải cách hành chính", never the three in a row
        "pairs_apart": make_document("Cải cách tư pháp", text="Phương cách hành xử. Bộ máy hành chính tinh gọn."),
        "across": make_document("Báo cáo công tác cải cách", text="Hành chính công"),
    }
    indexed()
    return {k: v.pk for k, v in docs.items()}


def test_a_two_word_phrase_needs_both_words_in_that_order(word_order, clerk):
    assert sorted(found(clerk, '"cải cách"')) == sorted([word_order["together"], word_order["pairs_apart"], word_order["across"]])
    assert found(clerk, '"cach cai"') == [word_order["reversed"]]
    assert found(clerk, '"cải hành"') == []


def test_a_longer_phrase_finds_only_the_words_in_a_row(word_order, clerk, phrase_path):
    assert found(clerk, '"cải cách hành chính"') == [word_order["together"]]
    assert found(clerk, '"cai cach hanh chinh"') == [word_order["together"]]
    assert found(clerk, '"chính hành cách"') == [word_order["reversed"]]
    assert found(clerk, '"cách hành chính"') == [word_order["together"]]  # "cách hành" and "hành chính" apart elsewhere


def test_a_phrase_is_found_in_the_summary_or_the_text_never_across_them(word_order, make_document, indexed, clerk, phrase_path):
    from search.documents import texts

    straddling = make_document("Kế hoạch về cải cách", symbol="Hành-chính/7")
    indexed()
    title, body = texts([straddling.pk])[straddling.pk]
    assert title.endswith("cải cách") and body.startswith("Hành-chính/7")
    assert found(clerk, '"cải cách hành chính công"') == []
    assert found(clerk, '"cải cách hành"') == [word_order["together"]]  # not the straddling one, nor "across"
    assert sorted(found(clerk, '"cách hành"')) == sorted([word_order["together"], word_order["pairs_apart"]])
    assert straddling.pk in found(clerk, '"về cải cách"') and straddling.pk in found(clerk, '"hành chính 7"')


def test_a_phrase_checked_on_the_page_keeps_the_snippet_and_the_total_of_the_page(word_order, clerk, phrase_path):
    from search.services import search_for_user

    page = search_for_user(clerk, '"cải cách hành chính" kế hoạch')
    assert [r.document.pk for r in page.results] == [word_order["together"]]
    assert page.total == 1
    assert "<b>" in page.results[0].snippet


def test_a_prefix_finds_words_being_typed(corpus, clerk):
    assert found(clerk, "cai cach hanh chi*") == [corpus["reform"]]
    assert corpus["dang"] in found(clerk, "phát triển Đả*")


@pytest.mark.parametrize("query", ["45-CV/BTCTU", "45/CV-BTCTU", "45 CV BTCTU", "CV 45", "45-cv/btctu"])
def test_every_spelling_of_a_symbol_finds_that_document_first(corpus, clerk, query):
    assert found(clerk, query)[0] == corpus["reform"]


def test_a_symbol_is_also_a_filter(corpus, clerk):
    from search.backend import SearchFilters

    assert found(clerk, "", filters=SearchFilters(symbol="45 / cv - btctu")) == [corpus["reform"]]
    assert found(clerk, "cải cách", filters=SearchFilters(symbol="46-CV/VPTU")) == []


def test_a_match_past_the_stored_preview_still_gets_its_snippet_from_the_full_text(make_document, indexed, clerk):
    """GIVEN a document whose only match lies after the part of its text stored in the index for snippets
    WHEN it is found THEN its snippet is cut from the full text read from PostgreSQL, highlighted."""
    from search.backend import PREVIEW_CHARS
    from search.services import search_for_user

    filler = "nội dung chung " * (PREVIEW_CHARS // 10)
    document = make_document("Báo cáo tháng", text=filler + " chữ ký số vuvuzela cuối văn bản")
    indexed()
    page = search_for_user(clerk, "vuvuzela")
    assert [r.document.pk for r in page.results] == [document.pk]
    assert "<b>vuvuzela</b>" in page.results[0].snippet


def test_a_snippet_comes_from_the_stored_preview_without_reading_the_texts(make_document, indexed, clerk, monkeypatch):
    from search import documents as index_documents
    from search.services import search_for_user

    make_document("Kế hoạch cải cách hành chính", text="Triển khai cải cách hành chính ở các cơ quan")
    indexed()
    read = []
    original = index_documents.texts
    monkeypatch.setattr(index_documents, "texts", lambda ids: read.append(ids) or original(ids))  # a spy: the real read
    page = search_for_user(clerk, "cải cách")
    assert "<b>cải</b> <b>cách</b>" in page.results[0].snippet and read == []


def test_the_snippet_shows_every_word_searched_even_when_the_start_of_the_text_has_only_some(make_document, indexed, clerk):
    """GIVEN a text that begins with one of the searched words and holds both only further on
    WHEN both are searched THEN the passage shown is the one with both; with the one word, the start will do."""
    from search.backend import SNIPPET_HEAD_CHARS
    from search.services import search_for_user

    start = "Đàn tranh mở đầu văn bản. " + "nội dung chung " * (SNIPPET_HEAD_CHARS // 10)
    make_document("Báo cáo tháng", text=start + " tiếng đàn tranh và kèn saxophone ở cuối.")
    indexed()
    both = search_for_user(clerk, "tranh saxophone").results[0].snippet
    assert "<b>tranh</b>" in both and "<b>saxophone</b>" in both
    one = search_for_user(clerk, "tranh").results[0].snippet
    assert "Đàn <b>tranh</b> mở đầu" in one


def test_a_text_that_begins_with_blank_space_still_gets_its_snippet(make_document, indexed, clerk):
    from search.backend import SNIPPET_HEAD_CHARS
    from search.services import search_for_user

    make_document("Báo cáo tháng", text="\n" * (SNIPPET_HEAD_CHARS + 10) + "kèn saxophone ở cuối")
    indexed()
    assert "<b>saxophone</b>" in search_for_user(clerk, "saxophone").results[0].snippet
