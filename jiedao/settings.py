"""One settings module, read from the environment (STYLE.md §14).

Environment variables:
  DATABASE_URL        sqlite:////abs/path.sqlite3 or postgres://user@host:port/name
                      (default: SQLite at var/jiedao.sqlite3)
  JIEDAO_VAR_DIR      where the database, keys, uploads and job queue live (default: ./var)
  DJANGO_SECRET_KEY   secret key (default: generated once into var/secret.key)
  DJANGO_DEBUG        "1" for development pages
  ALLOWED_HOSTS       comma-separated (default: localhost, 127.0.0.1)
  REDIS_URL           redis://… — huey jobs and the cache use Redis when set (needs the `redis` package),
                      else SQLite (jobs) and files (cache) under var/
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("JIEDAO_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _read_or_create_secret(name: str, nbytes: int = 48) -> str:
    """A secret kept in a file under var/ (never in git), created on first use with 0600 permissions."""
    path = VAR_DIR / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(nbytes))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _read_or_create_secret("secret.key")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "jiedao.core.admin_config.JiedaoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "huey.contrib.djhuey",
    "ninja",  # its templates and static files: the API docs page works offline
    "jiedao.core",
    "jiedao.workcalendar",
    "jiedao.excel",
    "jiedao.registry",
    "jiedao.enterprises",
    "jiedao.cases",
    "jiedao.activities",
    "jiedao.party",
    "jiedao.projects",
    "jiedao.cobuild",
    "jiedao.volunteers",
    "jiedao.targets",
    "jiedao.reports",  # reads every domain; nothing imports it
    "jiedao.open311",
    "jiedao.api",
    "jiedao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "jiedao.urls"
WSGI_APPLICATION = "jiedao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiedao.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jiedao.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the job runner writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end when the browser closes and after 8 idle hours (一个工作日).
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if os.environ.get("JIEDAO_HTTPS") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Failed logins: after this many failures for one account within the window, it is locked for the window.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "15"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing root even when serving from finders
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# The street (街道) this installation serves: its code is the root of the area tree.
JIEDAO_STREET_CODE = os.environ.get("JIEDAO_STREET_CODE", "150103001000")

# Office hours used by add_working_hours: (start, end) pairs in local time.
WORKING_HOURS = [("09:00", "12:00"), ("13:00", "17:00")]

_redis_url = os.environ.get("REDIS_URL")
if _redis_url:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "jiedao", "url": _redis_url, "immediate": False}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jiedao",
        "filename": str(VAR_DIR / "jobs.sqlite3"),
        "immediate": False,
    }
    # Shared by the server's worker processes and the job consumer (the dashboard's population figures).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

AUTHENTICATION_BACKENDS = ["jiedao.core.permissions.RoleBackend"]
JIEDAO_TRUST_X_FORWARDED_FOR = os.environ.get("JIEDAO_TRUST_X_FORWARDED_FOR") == "1"

# Spreadsheet imports: refuse larger files, zip bombs and oversized sheets before parsing.
JIEDAO_IMPORT_MAX_BYTES = int(os.environ.get("JIEDAO_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
JIEDAO_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("JIEDAO_IMPORT_MAX_UNPACKED_BYTES", str(600 * 1024 * 1024))
)
JIEDAO_IMPORT_MAX_ROWS = int(os.environ.get("JIEDAO_IMPORT_MAX_ROWS", "1000000"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Case photos: each at most this many bytes (JPEG/PNG/WebP, at most 9 a case); served only by a scoped view.
JIEDAO_ATTACHMENT_MAX_BYTES = int(os.environ.get("JIEDAO_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Possible duplicates of a case: same category, received within this many days, within this many metres.
JIEDAO_DUPLICATE_WINDOW_DAYS = int(os.environ.get("JIEDAO_DUPLICATE_WINDOW_DAYS", "7"))
JIEDAO_DUPLICATE_RADIUS_M = int(os.environ.get("JIEDAO_DUPLICATE_RADIUS_M", "100"))
