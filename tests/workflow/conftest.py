from ..documents.conftest import (  # noqa: F401  (shared fixtures of the incoming-document tests)
    _media_in_tmp, clerk, foreign_agency, foreign_clerk, foreign_leader, head, leader, other_department, staff,
)
