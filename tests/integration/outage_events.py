"""Run as a separate process by test_broker_outage: notify users while this process's broker is unreachable.

Usage: python -m tests.integration.outage_events <user id> …   (prints the ids of the notifications created)
"""
import os
import sys

import django


def main(user_ids: list[int]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iooffice.settings.test")
    django.setup()
    from django.db import transaction

    from accounts.models import User
    from notifications.models import Notification
    from notifications.services import notify

    with transaction.atomic():
        created = notify(recipients=User.objects.filter(pk__in=user_ids), kind=Notification.Kind.DELEGATION_RECEIVED,
                         data={"from": "outage test"})
    print(" ".join(str(n.pk) for n in created))


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]])
