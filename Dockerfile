# One image for the API and the workers.
#   API:    docker run -e REDIS_URL=... -e ECOUTE_API_KEYS=... -p 8000:8000 ecoute
#   worker: docker run --no-healthcheck -e REDIS_URL=... ecoute ecoute worker
#   (the HEALTHCHECK probes the API's /healthz; compose.yaml disables it for workers)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY worker ./worker
RUN pip install . \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin ecoute

USER ecoute
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"

CMD ["gunicorn", "service:create_app()", "-c", "service/gunicorn.conf.py"]
