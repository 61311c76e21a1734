# The English interface keeps Vietnamese dates (dd/mm/yyyy): the documents and registers it shows are Vietnamese.
from iooffice.formats.vi.formats import (  # noqa: F401
    DATE_FORMAT, DATE_INPUT_FORMATS, DATETIME_FORMAT, DATETIME_INPUT_FORMATS, FIRST_DAY_OF_WEEK,
    SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT, TIME_FORMAT,
)
