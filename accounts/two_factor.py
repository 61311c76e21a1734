"""TOTP enrolment and verification, on top of django-otp."""
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import match_token, login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation

from . import policies


def pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def device_qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def device_secret_base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def two_factor_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    audit_record(actor=device.user, action="auth.2fa_enabled", obj=device.user)
    return True


def two_factor_verify(*, request, token: str) -> bool:
    device = match_token(request.user, token)
    if device is None:
        audit_record(actor=request.user, action="auth.2fa_failed", obj=request.user)
        return False
    otp_login(request, device)
    audit_record(actor=request.user, action="auth.2fa_verified", obj=request.user)
    return True


class TwoFactorRequired(BusinessRuleViolation):
    code = "two_factor_required"
    status = 403


@transaction.atomic
def two_factor_disable(*, actor, user) -> None:
    if policies.user_requires_two_factor(user):
        raise TwoFactorRequired()
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="auth.2fa_disabled", obj=user)
