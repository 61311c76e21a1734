from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from django_otp import match_token
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from iooffice.api.errors import error_response
from iooffice.api.permissions import IsAdministrator, ReadAnyAuthenticatedWriteAdministrator
from iooffice.audit.services import audit_record

from . import policies, selectors, services
from .models import OrgUnit, Role, User
from .serializers import MeSerializer, OrgUnitSerializer, RoleSerializer, TokenRequestSerializer, UserSerializer


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class OrgUnitFilter(filters.FilterSet):
    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "is_active", "code"]


class OrgUnitViewSet(viewsets.ModelViewSet):
    serializer_class = OrgUnitSerializer
    permission_classes = [ReadAnyAuthenticatedWriteAdministrator]
    filterset_class = OrgUnitFilter
    search_fields = ["name", "short_name", "code"]
    ordering_fields = ["name", "sort_order", "code"]

    def get_queryset(self):
        return selectors.org_unit_list()

    def perform_create(self, serializer):
        serializer.instance = services.org_unit_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.org_unit_update(
            actor=self.request.user, unit=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.org_unit_delete(actor=self.request.user, unit=instance)


class RoleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Role.objects.order_by("name")
    serializer_class = RoleSerializer
    pagination_class = None


class UserFilter(filters.FilterSet):
    role = filters.CharFilter(field_name="groups__role__code")

    class Meta:
        model = User
        fields = ["org_unit", "is_active", "role"]


class UserViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """User management, administrators only. Users are deactivated, never deleted."""

    serializer_class = UserSerializer
    permission_classes = [IsAdministrator]
    filterset_class = UserFilter
    search_fields = ["username", "full_name", "email", "phone"]
    ordering_fields = ["full_name", "username", "date_joined"]

    def get_queryset(self):
        return selectors.user_list()

    @transaction.atomic
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.user_create(actor=self.request.user, **data)

    @transaction.atomic
    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        roles = data.pop("roles", None)
        password = data.pop("password", None)
        user = services.user_update(actor=self.request.user, user=serializer.instance, **data)
        if password:
            services.user_set_password(actor=self.request.user, user=user, password=password)
        if roles is not None:
            services.user_set_roles(actor=self.request.user, user=user, roles=roles)
        serializer.instance = selectors.user_list().get(pk=user.pk)

    @extend_schema(request=None, responses=UserSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = services.user_deactivate(actor=request.user, user=self.get_object())
        return Response(self.get_serializer(user).data)

    @extend_schema(request=None, responses=UserSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        user = services.user_reactivate(actor=request.user, user=self.get_object())
        return Response(self.get_serializer(user).data)


class TokenView(APIView):
    """Exchange user name, password (and the TOTP code when the account has two-factor) for an API token."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=TokenRequestSerializer, responses={200: {"type": "object", "properties": {"token": {"type": "string"}}}})
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            user = authenticate(request._request, username=data["username"], password=data["password"])
        except AxesBackendPermissionDenied:
            return error_response("account_locked", _("Too many failed logins. Try again later."), http_status=403)
        if getattr(request._request, "axes_locked_out", False):
            return error_response("account_locked", _("Too many failed logins. Try again later."), http_status=403)
        if user is None:
            return error_response("invalid_credentials", _("Wrong user name or password."), http_status=400)
        needs_code = policies.user_has_confirmed_device(user) or policies.user_requires_two_factor(user)
        if needs_code:
            if not policies.user_has_confirmed_device(user):
                return error_response("two_factor_setup_required", _("Set up two-factor authentication in the portal first."), http_status=403)
            if not data.get("otp_token") or match_token(user, data["otp_token"]) is None:
                audit_record(actor=user, action="auth.2fa_failed", obj=user, request=request._request)
                return error_response("two_factor_required", _("A valid two-factor code is required."), http_status=403)
        token, _created = Token.objects.get_or_create(user=user)
        audit_record(actor=user, action="auth.token_issued", obj=user, request=request._request)
        return Response({"token": token.key}, status=status.HTTP_200_OK)
