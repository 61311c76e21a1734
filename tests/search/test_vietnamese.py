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
