# The sfo-prescreen API service. Untested here: these machines run no Docker engine; every step
# below was checked by running the same commands in a clean virtual environment (see README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin prescreen \
    && mkdir /data && chown prescreen /data
WORKDIR /srv/sfo-prescreen

COPY pyproject.toml README.md ./
COPY app ./app
COPY nlp ./nlp
COPY api ./api
COPY models ./models
ENV SFO_PRESCREEN_MODELS_DIR=/srv/sfo-prescreen/models \
    SFO_PRESCREEN_DATABASE_URL=sqlite:////data/sfo-prescreen.db
RUN python -m pip install --upgrade pip && python -m pip install .

USER prescreen
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
CMD ["uvicorn", "api.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
