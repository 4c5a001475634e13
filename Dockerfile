# One image for the API and the workers.
#   API:    docker run -e REDIS_URL=... -e ECOUTE_API_KEYS=... -p 8000:8000 ecoute
#   worker: docker run --no-healthcheck -e REDIS_URL=... ecoute ecoute worker
#   (the HEALTHCHECK probes the API's /healthz; compose.yaml disables it for workers)

# Build stage: the wheel, with the analysis engine compiled to C by mypyc (setup.py), which needs a
# C compiler the runtime image does not carry.
FROM python:3.11-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY service ./service
COPY worker ./worker
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels . \
 && python -m zipfile -l /wheels/ecoute-*.whl | grep -q 'worker/analysis/situations\..*\.so'

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
# The engine runs from site-packages, where its compiled modules are: no worker/ source tree in /app
# (it would be imported first). service/ is there for gunicorn.conf.py.
COPY service ./service
COPY --from=build /wheels /wheels
RUN pip install /wheels/ecoute-*.whl \
 && rm -rf /wheels \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin ecoute

USER ecoute
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"

CMD ["gunicorn", "service:create_app()", "-c", "service/gunicorn.conf.py"]
