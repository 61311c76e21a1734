import datetime

import pytest
from django import forms
from django.utils import translation

from documents.models import CommitteeTerm


class DateForm(forms.Form):
    day = forms.DateField()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_typed_dates_are_read_day_first(language):
    with translation.override(language):
        form = DateForm({"day": "06/03/2027"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2027, 3, 6)


@pytest.mark.django_db
def test_admin_reads_and_shows_dates_as_dd_mm_yyyy(admin_client):
    response = admin_client.post(
        "/admin/documents/committeeterm/add/", {"name": "2030–2035", "start_date": "15/10/2030", "end_date": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CommitteeTerm.objects.get(name="2030–2035").start_date == datetime.date(2030, 10, 15)
    assert "15/10/2030" in admin_client.get("/admin/documents/committeeterm/").content.decode()
