from rest_framework import serializers

from . import messages
from .models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    headline = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "headline", "document", "url", "data", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_headline(self, obj) -> str:
        return messages.headline(obj)

    def get_url(self, obj) -> str:
        return messages.target_path(obj)

    def get_is_read(self, obj) -> bool:
        return obj.read_at is not None


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
