"""Django's Redis cache with one connection pool and one client per process, not per request.

Two costs of `django.core.cache.backends.redis` showed up in a profile of a worker under load:

- `django.core.cache.caches` is context-local (asgiref `Local`), and under an ASGI server every
  request runs in a fresh context. So every request built a new `RedisCache`, a new
  `RedisCacheClient` (whose driver-info reads the installed packages' metadata), a new connection
  pool and therefore a new TCP connection to Redis with its `HELLO`/`CLIENT SETINFO` handshake:
  half of a page-cache hit's time.
- `RedisCacheClient.get_client()` builds a new `redis.Redis` for every operation, and redis-py 8
  fills a table of ~170 reply callbacks in that constructor.

Here the client (with its pools) is kept per process and per configuration, and each pool's
`redis.Redis` is kept with it. Both are safe to share between threads: a command borrows a
connection from the pool, and a pool resets itself in a forked process. Serializer, options and
every cache method are Django's.
"""

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

_lock = threading.Lock()
_process_clients: dict = {}


class ReusingRedisCacheClient(RedisCacheClient):
    """Keeps the `redis.Redis` of each pool instead of making one per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def _get_connection_pool(self, write):
        with _lock:  # two threads starting at once must not each open a pool
            return super()._get_connection_pool(write)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    """settings.CACHES backend "hurtrock.rediscache.RedisCache" (same LOCATION and OPTIONS)."""

    @property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = _process_clients.get(key)
        if client is None:
            with _lock:
                client = _process_clients.get(key)
                if client is None:
                    client = _process_clients[key] = ReusingRedisCacheClient(self._servers, **self._options)
        return client
