from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from documents.models import Document

from .services import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE


class SearchParamsSerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/search/. Every filter narrows; facet counts cover the user's visible documents."""

    q = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="", help_text=_(
        "Words (all required, with or without diacritics), \"quoted phrases\", word* for a prefix, -word to exclude. "
        "A symbol such as 45-CV/BTCTU or CV 45 finds that document first. At most 500 characters."))
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    doc_type = serializers.IntegerField(min_value=1, required=False, help_text=_("document type id"))
    issuer = serializers.IntegerField(min_value=1, required=False, help_text=_("issuer id"))
    agency = serializers.IntegerField(min_value=1, required=False, help_text=_("owning agency (org unit) id"))
    status = serializers.ChoiceField(choices=Document.Status.choices, required=False)
    urgency = serializers.ChoiceField(choices=Document.Urgency.choices, required=False)
    date_from = serializers.DateField(required=False, help_text=_("document date (or arrival date when it has none), from"))
    date_to = serializers.DateField(required=False, help_text=_("document date (or arrival date when it has none), until"))
    assigned_to_me = serializers.BooleanField(required=False, default=False, help_text=_("only documents with an open assignment to me or to the unit I head"))
    symbol = serializers.CharField(required=False, max_length=80, help_text=_("exact number and symbol, in any spelling: 45-CV/BTCTU, 45/CV-BTCTU, 45 CV BTCTU"))
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, required=False, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=PAGE_SIZE)

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": [_("The end date must not be before the start date.")]})
        return attrs


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("the filter value to send back (an id for doc_type, issuer, agency)"))
    label = serializers.CharField()
    count = serializers.IntegerField(help_text=_("visible documents with this value under the other filters"))


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    doc_type = FacetValueSerializer(many=True)
    issuer = FacetValueSerializer(many=True)
    agency = FacetValueSerializer(many=True)
    status = FacetValueSerializer(many=True)
    urgency = FacetValueSerializer(many=True)


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="document.pk")
    kind = serializers.CharField(source="document.kind")
    url = serializers.SerializerMethodField(help_text=_("the document in this API"))
    symbol = serializers.CharField(source="document.symbol")
    summary = serializers.CharField(source="document.summary")
    issuer_name = serializers.CharField(source="document.issuer_name")
    issued_date = serializers.DateField(source="document.issued_date", allow_null=True)
    arrival_number = serializers.IntegerField(source="document.arrival_number", allow_null=True)
    arrival_year = serializers.IntegerField(source="document.arrival_year", allow_null=True)
    agency = serializers.IntegerField(source="document.agency_id")
    status = serializers.CharField(source="document.status")
    urgency = serializers.CharField(source="document.urgency")
    score = serializers.FloatField()
    snippet = serializers.CharField(help_text=_("HTML: the matching passage, escaped, with <b> around the matched words"))

    def get_url(self, result) -> str | None:
        return _document_url(result.document)


# The serializers above document the shape (OpenAPI); these write it directly: DRF's field-by-field path, which
# deep-copies every declared field of every nested serializer per response, cost more than the engine on a page of 20.


def hit_representation(result) -> dict:
    d = result.document
    return {
        "id": d.pk, "kind": d.kind, "url": _document_url(d), "symbol": d.symbol, "summary": d.summary,
        "issuer_name": d.issuer_name, "issued_date": d.issued_date.isoformat() if d.issued_date else None,
        "arrival_number": d.arrival_number, "arrival_year": d.arrival_year, "agency": d.agency_id,
        "status": d.status, "urgency": d.urgency, "score": float(result.score), "snippet": result.snippet,
    }


def facets_representation(facets) -> dict:
    return {name: [{"value": str(v.value), "label": v.label, "count": v.count} for v in facets.get(name, [])]
            for name in FacetsSerializer._declared_fields}


def _document_url(document) -> str | None:
    if document.kind == Document.Kind.INCOMING:
        return reverse("api:incoming-detail", args=[document.pk])
    return None


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text=_("the query as searched (NFC)"))
    count = serializers.IntegerField(source="total", help_text=_("visible documents matching"))
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()

    def to_representation(self, found):
        return {
            "query": found.query, "count": found.total, "page": found.page, "page_size": found.page_size,
            "num_pages": found.num_pages, "results": [hit_representation(r) for r in found.results],
            "facets": facets_representation(found.facets),
        }
