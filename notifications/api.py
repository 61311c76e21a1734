"""/api/v1/notifications/: the caller's own notifications; anyone else's is a 404."""
import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .models import Notification
from .serializers import MarkedSerializer, NotificationSerializer, PreferenceSerializer, UnreadCountSerializer


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        model = Notification
        fields = ["kind", "unread"]


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering_fields = ["created_at"]
    search_fields = []

    def get_queryset(self):
        return selectors.notification_list_visible_to(self.request.user)

    @extend_schema(responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": selectors.notification_unread_count(request.user)})

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_mark_read(user=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notification_mark_all_read(user=request.user)})

    @extend_schema(methods=["GET"], responses=PreferenceSerializer)
    @extend_schema(methods=["PUT"], request=PreferenceSerializer, responses=PreferenceSerializer)
    @action(detail=False, methods=["get", "put"], serializer_class=PreferenceSerializer)
    def preferences(self, request):
        """The caller's e-mail choices per kind of event and the hour of their daily digest."""
        if request.method == "PUT":
            serializer = PreferenceSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            preference = services.notification_preference_update(actor=request.user, **serializer.validated_data)
        else:
            preference = services.notification_preference_get(user=request.user)
        return Response(PreferenceSerializer(preference).data)
