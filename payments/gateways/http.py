"""A requests session with a default timeout (midtransclient calls requests without one)."""

import requests
from django.conf import settings


class TimeoutSession(requests.Session):
    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", settings.PAYMENTS_GATEWAY_TIMEOUT)
        return super().request(method, url, **kwargs)
