from . import policies
from .models import Role


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_admin": False, "two_factor_pending": False, "oversees_deadlines": False}
    pending = not user.is_verified() and (policies.user_requires_two_factor(user) or policies.user_has_confirmed_device(user))
    oversees = policies.user_has_role(user, Role.Code.DEPARTMENT_HEAD) or policies.user_has_role(user, Role.Code.AGENCY_LEADER)
    return {"is_admin": policies.user_is_admin(user), "two_factor_pending": pending, "oversees_deadlines": oversees}
