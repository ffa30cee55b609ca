"""Settings for the standards and integrity platform.

Everything that differs between machines comes from the environment (django-environ). There are
three ways to run:

* production (the default): every value below marked *required* must be set, and a missing or
  malformed one stops start-up with a message naming it;
* ``DEMO=true``: the one-command demo on an embedded SQLite database, tasks run eagerly;
* ``DEBUG=true``: a developer's machine. Never in production.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _bool(name: str, default: bool) -> bool:
    """Read a boolean strictly: 'ture' is an error, not False."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


DEMO = _bool("DEMO", False)
DEBUG = _bool("DEBUG", False)
PRODUCTION = not (DEMO or DEBUG)


def _required(name: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. In production every one of DATABASE_URL, REDIS_URL, SECRET_KEY, "
            "ALLOWED_HOSTS and EMAIL_URL must be given (or set DEMO=true for the demo)."
        )
    return value


def _demo_secret_key() -> str:
    """A random key kept under var/ so demo sessions survive a restart. Never used in production.

    Created readable by its owner only, in one step (O_EXCL with mode 0600), so there is no moment
    when another user of the machine could read it; two processes starting at once both end up
    with the key the first one wrote.
    """
    path = VAR_DIR / "demo-secret-key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")
    _database_url = _required("DATABASE_URL")
    REDIS_URL = _required("REDIS_URL")
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
    _email_url = _required("EMAIL_URL")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _demo_secret_key()
    _database_url = env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'demo.sqlite3'}")
    REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
    # The demo writes its e-mail to files under var/mail/ rather than over the console output.
    _email_url = env.str("EMAIL_URL", default="filemail://")

try:
    DATABASES = {"default": env.db_url_config(_database_url)}
except Exception as exc:  # django-environ raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from exc
if not DATABASES["default"].get("ENGINE"):
    raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {_database_url!r}")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT compilation: every query here is answered in milliseconds to a second, and
    # PostgreSQL's JIT, which a large cost estimate switches on (the board's aggregates with
    # correlated working-day subqueries), spends longer compiling than the query runs
    # (bench/board.py: 290 ms of a 330 ms query). DB_JIT=on turns it back on.
    _jit = "on" if env.bool("DB_JIT", default=False) else "off"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit={_jit}".strip()

if not REDIS_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"REDIS_URL must start with redis:// or rediss://, not {REDIS_URL!r}"
    )

try:
    vars().update(env.email_url_config(_email_url))
except Exception as exc:
    raise ImproperlyConfigured(f"EMAIL_URL is malformed: {exc}") from exc
if vars().get("EMAIL_BACKEND", "").endswith("filebased.EmailBackend"):
    # filemail:// with no path: the demo's mail goes to var/mail/, one file per message.
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="standards@force.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SERVICE_NAME = env.str("SERVICE_NAME", default="Standards and Integrity")
FORCE_NAME = env.str("FORCE_NAME", default="Northmoor Police")
# The service's own address, for the one e-mail that carries a link: setting a new password after
# a reset (standards.accounts.tasks).
# Empty (as compose passes it when unset) means the default too.
SERVICE_URL = (
    env.str("SERVICE_URL", default="")
    or (f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000")
).rstrip("/")

INSTALLED_APPS = [
    "standards.site.apps.StandardsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "guardian",
    "simple_history",
    "django_filters",
    "csp",
    "standards.core",
    "standards.accounts",
    "standards.people",
    "standards.access",
    "standards.notifications",
    "standards.exchange",
    "standards.board",
    "standards.site",
    "registers",
    "registers.gifts",
    "registers.interests",
    "registers.associations",
    "registers.crosschecks",
    "registers.annual",
    "ccu",
    "complaints",
]

MIDDLEWARE = [
    "standards.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files stay cacheable), around the session (it sees its cookie).
    "standards.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "standards.accounts.middleware.SessionLifetimeMiddleware",
    "standards.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it needs the request fully set up to record a failed sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "standards.urls"
WSGI_APPLICATION = "standards.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]

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
                "standards.site.context_processors.service",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
if not STATIC_ROOT.is_absolute():
    STATIC_ROOT = BASE_DIR / STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production whitenoise serves straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Case documents: outside the web root, with no URL; served only by the case's download page.
CASE_DOCUMENT_ROOT = Path(env.str("CASE_DOCUMENT_ROOT", default=str(VAR_DIR / "case-documents")))

# Sign-in: password, then a TOTP code; see standards/accounts/.
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_TOLERANCE = 1

# Sessions end after 15 idle minutes (every request renews the cookie) and at the latest
# ten hours after sign-in, whatever the activity (SessionLifetimeMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# django-axes: five wrong attempts lock the account (not the address: staff share NAT'd networks).
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# axes.W006 wants the address in the lockout key. Officers sign in from stations behind one NAT
# address, so an address lockout would let one person lock out a whole station: we lock accounts.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# History: a rationale can be long (a severity decision, a refusal), so the reason is a text field.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# django-guardian: no anonymous user row; object permissions only for signed-in staff.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Security headers. Relaxed only for the demo and a developer's machine, which serve plain HTTP.
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "standards.site.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Uploads: nothing large is ever posted to this service; a 20 MB paste is refused, not stored.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# The shared cache is Redis, so a count kept by one web process holds in every other: the public
# complaint form's limit per address (django-ratelimit) counts there. Behind a proxy that passes
# the visitor's address in a header, name it in RATELIMIT_IP_META_KEY (e.g. HTTP_X_REAL_IP), or
# every visitor shares the proxy's address and its limit.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "standards",
    }
}
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="") or None

# Celery: Redis broker, UTC, acknowledge late so a crashed worker's task is redelivered.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 15 * 60
CELERY_TASK_TIME_LIMIT = 20 * 60
# Above the longest task (20 minutes), or Redis gives an unacknowledged task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = DEMO
CELERY_TASK_EAGER_PROPAGATES = DEMO
# How long the integrity board's figures for a period are kept before they are counted again.
BOARD_FIGURES_CACHE_SECONDS = env.int("BOARD_FIGURES_CACHE_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "standards.core.tasks.record_heartbeat",
        "schedule": 60.0,
    },
    # Every reminder (annual reviews, case clocks, suspension reviews, 12-month reports): one
    # task for every registered source (standards.notifications.reminders).
    "reminders": {
        "task": "standards.notifications.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=15),
    },
    # Complaints: the queue's next deadline rolls on with the calendar (12-month reports).
    "complaints-clocks": {
        "task": "complaints.tasks.refresh_case_clocks",
        "schedule": crontab(hour=1, minute=30),
    },
    # The registers checked against each other and against the imports (one task per chunk).
    "crosschecks": {
        "task": "registers.crosschecks.tasks.run_crosschecks",
        "schedule": crontab(hour=0, minute=45),
    },
    # The integrity board: the periods its pages open on, counted ahead of their readers as
    # often as a reader's count is kept (standards.board.selectors.summary.count_ahead).
    "board-figures": {
        "task": "standards.board.tasks.count_board_figures",
        "schedule": float(max(BOARD_FIGURES_CACHE_SECONDS, 60)),
    },
    "clear-expired-sessions": {
        "task": "standards.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=2, minute=15),
    },
}

# Cross-checks (registers/crosschecks): the thresholds are the force's to set.
# Two normalised organisation names match at this rapidfuzz ratio (0-100) or above.
CROSSCHECK_ORG_THRESHOLD = env.float("CROSSCHECK_ORG_THRESHOLD", default=90.0)
# Two people with the same date of birth match at this token-sort ratio or above.
CROSSCHECK_PERSON_THRESHOLD = env.float("CROSSCHECK_PERSON_THRESHOLD", default=88.0)
# Rows of the driving table per chunk of a run (each chunk is one task).
CROSSCHECK_CHUNK_ROWS = env.int("CROSSCHECK_CHUNK_ROWS", default=50_000)
# A gift from a supplier or bidder within this many months either side of a contract or tender.
CROSSCHECK_PROCUREMENT_MONTHS = env.int("CROSSCHECK_PROCUREMENT_MONTHS", default=12)
# A diary engagement with no gifts entry within this many days either side.
CROSSCHECK_DIARY_DAYS = env.int("CROSSCHECK_DIARY_DAYS", default=3)
# Diary event types that mean the officer was probably given hospitality (a word of the event
# type, any case, plural too). A plain meeting, call, visit or briefing is not: those are the
# ordinary business of a senior officer and nothing is offered to declare.
CROSSCHECK_DIARY_HOSPITALITY_WORDS = env.list(
    "CROSSCHECK_DIARY_HOSPITALITY_WORDS",
    default=[
        "dinner", "lunch", "luncheon", "breakfast", "reception", "drinks", "hospitality",
        "event", "conference", "gala", "ball", "awards", "ceremony", "launch", "party",
        "concert", "theatre", "match", "tickets", "summit",
    ],
)  # fmt: skip
# Days a member has to declare an offer: a diary engagement more recent than this is not yet
# flagged for having no declaration.
CROSSCHECK_DECLARATION_GRACE_DAYS = env.int("CROSSCHECK_DECLARATION_GRACE_DAYS", default=28)
# An expense claim for hospitality paid to a donor whose hospitality the member declared as
# received within this many days either side (the claim and the evening may straddle midnight
# or be dated when paid).
CROSSCHECK_EXPENSE_DAYS = env.int("CROSSCHECK_EXPENSE_DAYS", default=2)
# Words of an expense line's category or purpose that make it a claim for hospitality or a meal.
CROSSCHECK_EXPENSE_HOSPITALITY_WORDS = env.list(
    "CROSSCHECK_EXPENSE_HOSPITALITY_WORDS",
    default=[
        "hospitality", "meal", "dinner", "lunch", "luncheon", "breakfast", "reception",
        "drinks", "entertainment", "entertaining", "refreshments", "subsistence",
    ],
)  # fmt: skip
# Repeat donors, over the last CROSSCHECK_REPEAT_MONTHS: one donor giving to this many members
# or more, or one member receiving this many gifts or more from one donor.
CROSSCHECK_REPEAT_MONTHS = env.int("CROSSCHECK_REPEAT_MONTHS", default=12)
CROSSCHECK_DONOR_MEMBERS = env.int("CROSSCHECK_DONOR_MEMBERS", default=5)
CROSSCHECK_MEMBER_GIFTS = env.int("CROSSCHECK_MEMBER_GIFTS", default=3)
# The annual declaration (registers/annual): the declaration year is the financial year (1 April
# to 31 March) and each year's declaration falls due on this day and month of it (default 30 June).
ANNUAL_DECLARATION_DUE_MONTH = env.int("ANNUAL_DECLARATION_DUE_MONTH", default=6)
ANNUAL_DECLARATION_DUE_DAY = env.int("ANNUAL_DECLARATION_DUE_DAY", default=30)
# The first declaration year the force runs (2026 is 2026/27). Before it nobody is reminded or
# found overdue: a force that starts mid-year does not tell its whole workforce, and every line
# manager, that they are overdue with a declaration it never asked for. Unset: not running yet.
# The demo force runs it from the current declaration year, so its reminders and lists show.
_TODAY = dt.date.today()
ANNUAL_DECLARATION_FIRST_YEAR = env.int(
    "ANNUAL_DECLARATION_FIRST_YEAR",
    default=(_TODAY.year if _TODAY.month >= 4 else _TODAY.year - 1) if DEMO else None,
)
# Early intervention: N or more of the kinds within M months flags a member.
EARLY_INTERVENTION_COUNT = env.int("EARLY_INTERVENTION_COUNT", default=3)
EARLY_INTERVENTION_MONTHS = env.int("EARLY_INTERVENTION_MONTHS", default=12)
# Imports for the cross-checks: a file of more rows than this is imported by a background task
# with a progress bar; uploads wait outside the web root until they are imported.
CROSSCHECK_IMPORT_INLINE_ROWS = env.int("CROSSCHECK_IMPORT_INLINE_ROWS", default=2000)
CROSSCHECK_IMPORT_ROOT = Path(
    env.str("CROSSCHECK_IMPORT_ROOT", default=str(VAR_DIR / "crosscheck-imports"))
)
EARLY_INTERVENTION_KINDS = env.list(
    "EARLY_INTERVENTION_KINDS", default=["complaint", "allegation", "conduct"]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
