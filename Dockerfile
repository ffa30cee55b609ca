# syntax=docker/dockerfile:1
# The production image. The web server (gunicorn), the Celery worker and Celery beat all run from
# it; docker-compose.yml shows how. Every setting comes from the environment (README.md).
FROM python:3.11-slim-bookworm

# The service runs from /app, beside templates/ and static/ (settings find them from the package's
# location), so PYTHONPATH puts /app before the copy that pip installs into site-packages.
# gunicorn reads WEB_CONCURRENCY for its number of worker processes.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 10001 standards \
    && useradd --system --uid 10001 --gid standards --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin standards

WORKDIR /app

# The dependencies first, in a layer of their own, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install . && rm -rf build ./*.egg-info

# Static files are hashed and compressed now, at build time, and whitenoise serves them. Production
# settings refuse to load without their required values, so this one step gets dummy ones: nothing
# is connected to, and none of them stays in the image. (DEMO=true would not do: the demo's storage
# writes no manifest, and production pages would then fail to find their stylesheets.)
RUN SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    DATABASE_URL=sqlite:////tmp/unused.sqlite3 \
    REDIS_URL=redis://unused:6379/0 \
    ALLOWED_HOSTS=localhost \
    EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput \
    && mkdir -p var \
    && chown standards:standards var

# /healthz asked the way the load balancer asks: over "HTTPS" (the proxy's X-Forwarded-Proto, or
# production's HTTPS redirect would answer instead) and for a host name the service accepts.
COPY --chmod=0755 <<'EOF' /usr/local/bin/standards-healthcheck
#!/usr/local/bin/python
import os
import sys
import urllib.request

hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",")]
host = next((h.lstrip(".") for h in hosts if h and h != "*"), "localhost")
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        print(response.read().decode())
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:
    print(error)
    sys.exit(1)
EOF

USER standards
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["standards-healthcheck"]

CMD ["gunicorn", "standards.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
