from datetime import date, timedelta

import holidays
import pytest

from accounts.models import Role
from iooffice.audit.models import AuditEvent
from workflow.calendar import add_working_days, is_working_day, working_days_between
from workflow.models import CalendarException
from workflow.services import calendar_exception_remove, calendar_exception_set

NO_EXCEPTIONS: dict = {}
DAY_OFF, WORKING_DAY = CalendarException.Kind.DAY_OFF, CalendarException.Kind.WORKING_DAY

# Tết Đinh Mùi: Lunar New Year's Day is Saturday 6 February 2027. holidays 0.109 gives Thursday 4 February
# (29 Tết) to Wednesday 10 February (mùng 5), so the first working day after Tết is Thursday 11 February.
TET_2027 = [date(2027, 2, 4) + timedelta(days=i) for i in range(7)]
FRIDAY, SATURDAY, MONDAY = date(2027, 3, 5), date(2027, 3, 6), date(2027, 3, 8)


class TestNationalCalendar:
    def test_the_holidays_package_still_gives_the_tet_2027_dates_these_tests_rely_on(self):
        february = {d for d in holidays.country_holidays("VN", years=2027) if d.month == 2}
        assert february == set(TET_2027)

    @pytest.mark.parametrize("day", TET_2027)
    def test_every_day_of_tet_2027_is_a_day_off(self, day):
        assert not is_working_day(day, exceptions=NO_EXCEPTIONS)

    @pytest.mark.parametrize(
        "day",
        [date(2027, 4, 30), date(2027, 5, 1), date(2027, 5, 3), date(2027, 9, 2), date(2026, 9, 2), date(2026, 4, 30)],
        ids=["30/4", "1/5 (Sat)", "1/5 observed on Monday", "2/9", "2/9/2026", "30/4/2026"],
    )
    def test_fixed_holidays_and_their_days_in_lieu_are_days_off(self, day):
        assert not is_working_day(day, exceptions=NO_EXCEPTIONS)

    def test_weekends_are_days_off_and_ordinary_weekdays_are_working_days(self):
        assert [is_working_day(FRIDAY + timedelta(days=i), exceptions=NO_EXCEPTIONS) for i in range(4)] == [
            True, False, False, True,
        ]

    def test_a_government_make_up_saturday_is_a_working_day_and_its_swapped_monday_is_not(self):
        assert is_working_day(date(2026, 8, 22), exceptions=NO_EXCEPTIONS)
        assert not is_working_day(date(2026, 8, 31), exceptions=NO_EXCEPTIONS)


class TestAddWorkingDays:
    @pytest.mark.parametrize(
        ("start", "n", "deadline"),
        [
            (FRIDAY, 1, MONDAY),
            (FRIDAY, 3, date(2027, 3, 10)),
            (SATURDAY, 1, MONDAY),
            (date(2027, 2, 3), 1, date(2027, 2, 11)),
            (date(2027, 2, 3), 3, date(2027, 2, 15)),
            (date(2027, 2, 5), 1, date(2027, 2, 11)),
            (date(2027, 4, 29), 1, date(2027, 5, 4)),
            (date(2027, 9, 1), 1, date(2027, 9, 6)),
        ],
        ids=["Fri+1", "Fri+3", "Sat+1", "before Tết+1", "before Tết+3", "inside Tết+1", "30/4-1/5", "2/9"],
    )
    def test_the_start_day_is_not_counted_and_non_working_days_are_skipped(self, start, n, deadline):
        assert add_working_days(start, n, exceptions=NO_EXCEPTIONS) == deadline

    @pytest.mark.parametrize(
        ("start", "expected"),
        [(FRIDAY, FRIDAY), (SATURDAY, MONDAY), (date(2027, 2, 4), date(2027, 2, 11))],
        ids=["working day", "Saturday", "first day of Tết"],
    )
    def test_zero_days_is_the_start_itself_or_the_next_working_day(self, start, expected):
        assert add_working_days(start, 0, exceptions=NO_EXCEPTIONS) == expected

    def test_a_negative_count_is_refused(self):
        with pytest.raises(ValueError):
            add_working_days(FRIDAY, -1, exceptions=NO_EXCEPTIONS)


class TestWorkingDaysBetween:
    @pytest.mark.parametrize(
        ("start", "end", "count"),
        [
            (FRIDAY, FRIDAY, 0),
            (FRIDAY, SATURDAY, 0),
            (FRIDAY, MONDAY, 1),
            (MONDAY, date(2027, 3, 12), 4),
            (date(2027, 2, 3), date(2027, 2, 15), 3),
            (MONDAY, FRIDAY, -1),
        ],
        ids=["same day", "to Saturday", "over a weekend", "Mon to Fri", "over Tết", "backwards"],
    )
    def test_counts_working_days_after_start_up_to_and_including_end(self, start, end, count):
        assert working_days_between(start, end, exceptions=NO_EXCEPTIONS) == count

    @pytest.mark.parametrize("n", [1, 3, 5, 10])
    def test_it_inverts_add_working_days_for_every_start_in_2027(self, n):
        for offset in range(365):
            start = date(2027, 1, 1) + timedelta(days=offset)
            deadline = add_working_days(start, n, exceptions=NO_EXCEPTIONS)
            assert working_days_between(start, deadline, exceptions=NO_EXCEPTIONS) == n, start


@pytest.mark.django_db
class TestDeclaredExceptions:
    def test_an_admin_declared_day_off_is_skipped(self, admin_user):
        calendar_exception_set(actor=admin_user, day=MONDAY, kind=DAY_OFF, reason="Nghỉ theo Thông báo 12-TB/VPTU")
        assert add_working_days(FRIDAY, 1) == date(2027, 3, 9)
        assert add_working_days(FRIDAY, 3) == date(2027, 3, 11)
        assert working_days_between(FRIDAY, date(2027, 3, 9)) == 1

    def test_a_declared_make_up_saturday_counts(self, admin_user):
        calendar_exception_set(actor=admin_user, day=SATURDAY, kind=WORKING_DAY, reason="Làm bù cho ngày 26/4")
        assert add_working_days(FRIDAY, 1) == SATURDAY
        assert add_working_days(FRIDAY, 3) == date(2027, 3, 9)
        assert add_working_days(SATURDAY, 0) == SATURDAY
        assert working_days_between(FRIDAY, MONDAY) == 2

    def test_a_declared_working_day_overrides_a_public_holiday(self, admin_user):
        calendar_exception_set(actor=admin_user, day=date(2027, 2, 4), kind=WORKING_DAY, reason="Trực Tết")
        assert is_working_day(date(2027, 2, 4))
        assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 4)

    def test_exceptions_are_loaded_with_one_query_per_call(self, admin_user, django_assert_num_queries):
        calendar_exception_set(actor=admin_user, day=MONDAY, kind=DAY_OFF, reason="Nghỉ đột xuất")
        with django_assert_num_queries(1):  # 60 working days: past Tết's five weekdays and the declared Monday
            assert add_working_days(date(2027, 1, 4), 60) == date(2027, 4, 6)


@pytest.mark.django_db
class TestCalendarExceptionServices:
    def test_set_audits_creation_and_change_and_a_repeat_writes_nothing(self, admin_user):
        calendar_exception_set(actor=admin_user, day=SATURDAY, kind=WORKING_DAY, reason="Làm bù")
        calendar_exception_set(actor=admin_user, day=SATURDAY, kind=DAY_OFF, reason="Hủy làm bù")
        calendar_exception_set(actor=admin_user, day=SATURDAY, kind=DAY_OFF, reason="Hủy làm bù")
        events = AuditEvent.objects.filter(object_type="workflow.calendarexception").order_by("id")
        assert [e.action for e in events] == ["workflow.calendarexception.create", "workflow.calendarexception.update"]
        assert all(e.actor == admin_user for e in events)
        assert events[1].details["changes"]["kind"] == ["working_day", "day_off"]
        assert CalendarException.objects.get().kind == DAY_OFF

    def test_remove_audits_the_deletion_and_a_repeat_is_a_no_op(self, admin_user):
        calendar_exception_set(actor=admin_user, day=MONDAY, kind=DAY_OFF, reason="Nghỉ đột xuất")
        assert calendar_exception_remove(actor=admin_user, day=MONDAY) is True
        assert calendar_exception_remove(actor=admin_user, day=MONDAY) is False
        deletion = AuditEvent.objects.get(action="workflow.calendarexception.delete")
        assert deletion.actor == admin_user and deletion.details["snapshot"]["reason"] == "Nghỉ đột xuất"
        assert is_working_day(MONDAY)


@pytest.mark.django_db
class TestCalendarExceptionAdmin:
    URL = "/admin/workflow/calendarexception/"

    def test_an_admin_sees_the_changelist_and_its_date_drilldown(self, admin_client, admin_user):
        calendar_exception_set(actor=admin_user, day=SATURDAY, kind=WORKING_DAY, reason="Làm bù cho ngày 26/4")
        response = admin_client.get(self.URL)
        assert response.status_code == 200 and "Làm bù cho ngày 26/4" in response.content.decode()
        assert admin_client.get(self.URL, {"date__year": 2027, "kind__exact": WORKING_DAY}).status_code == 200

    def test_an_admin_declaration_through_the_form_is_audited(self, admin_client, admin_user):
        # ISO, as the admin date picker writes it: Django's vi locale has no DATE_INPUT_FORMATS of its own.
        response = admin_client.post(f"{self.URL}add/", {"date": "2027-03-06", "kind": WORKING_DAY, "reason": "Làm bù"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert CalendarException.objects.get().date == SATURDAY
        assert AuditEvent.objects.get(action="workflow.calendarexception.create").actor == admin_user

    def test_a_non_admin_is_refused(self, client, make_user):
        client.force_login(make_user(Role.Code.STAFF))
        assert client.get(self.URL).status_code == 403
