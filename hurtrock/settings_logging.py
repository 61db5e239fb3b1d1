"""Logging settings: one line of key=value pairs per record, to stderr (the process manager
collects it). `LOG_LEVEL` sets the level (README, configuration table).

Imported at the end of hurtrock/settings.py, like hurtrock/settings_shop.py.
"""

from hurtrock.env import env

LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "kv": {
            "format": "ts=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "kv"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
