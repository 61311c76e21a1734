from rest_framework import serializers

from iooffice.api.serializers import StrictSerializerMixin

from . import messages
from .models import Notification, NotificationPreference


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


class PreferenceSerializer(StrictSerializerMixin, serializers.Serializer):
    """Per kind of event: immediately | digest | never (kinds left out keep their choice); the digest's hour."""

    email = serializers.DictField(child=serializers.ChoiceField(choices=NotificationPreference.Delivery.choices),
                                  required=False, default=dict)
    digest_hour = serializers.IntegerField(min_value=0, max_value=23)

    def to_representation(self, preference: NotificationPreference) -> dict:
        return {"email": {kind: preference.delivery_for(kind) for kind in Notification.Kind.values},
                "digest_hour": preference.digest_hour}
