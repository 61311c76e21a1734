import factory
from django.contrib.auth.hashers import make_password

from accounts.models import OrgUnit, Role, User

PASSWORD = "Mật-khẩu-thử-2026"
_PASSWORD_HASH = None


def password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = make_password(PASSWORD)
    return _PASSWORD_HASH


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ["code"]

    name = "Tỉnh ủy Nghệ An"
    code = "TU"
    kind = OrgUnit.Kind.COMMITTEE


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Ban số {n} Tỉnh ủy")
    code = factory.Sequence(lambda n: f"AG{n}")
    kind = OrgUnit.Kind.AGENCY
    parent = factory.SubFactory(CommitteeFactory)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Phòng số {n}")
    code = factory.Sequence(lambda n: f"DEP{n}")
    kind = OrgUnit.Kind.DEPARTMENT
    parent = factory.SubFactory(AgencyFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    org_unit = factory.SubFactory(DepartmentFactory)
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        for code in extracted or ():
            user.groups.add(Role.objects.get(code=code))
