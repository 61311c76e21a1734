"""GET /api/v1/search/: ranked full-text search over the documents the user may see."""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .backend import SearchFilters
from .serializers import SearchParamsSerializer, SearchResponseSerializer
from .services import search_for_user

FILTERS = ("kind", "doc_type", "issuer", "agency", "status", "urgency", "date_from", "date_to", "symbol")


class SearchView(APIView):
    @extend_schema(
        operation_id="search",
        parameters=[SearchParamsSerializer],
        responses={200: SearchResponseSerializer, 400: OpenApiResponse(description="validation_error or invalid_query")},
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = SearchFilters(**{name: data[name] for name in FILTERS if data.get(name) not in (None, "")})
        found = search_for_user(request.user, data["q"], filters, page=data["page"], page_size=data["page_size"],
                                assigned_to_me=data["assigned_to_me"])
        body = SearchResponseSerializer(found).data
        return Response(body)
