"""Released models: the facts a practitioner chooses a model by, checked and shown.

An entry lists its released models under `models:`, each naming the result variants it scored
as (the same model is "GME (2B)" in one table and "gme-Qwen2-VL-2B-Instruct" in another), so
the facts are given once per model, not once per result row. Every fact is read at the
model's `source` unless `sources` names another address for it. `check_models()` is called
by validate.py with its field reader; the rest are small pure functions the pages and the
exports share.
"""

from __future__ import annotations

import csv
import io
import re

from .escape import csv_cell
from .model import ReleasedModel

MODEL_FIELDS = ("name", "variants", "weights", "licence", "parameters", "dimension", "token_dimension", "matryoshka",
                "max_tokens", "max_image", "max_frames", "vectors", "source", "sources")
MODEL_REQUIRED = ("name", "source")
FACTS = MODEL_FIELDS[2:12]  # what `sources` may give another address for
INTEGER_FACTS = ("dimension", "token_dimension", "max_tokens", "max_frames")
VECTORS = ("single", "multi")
MAX_INTEGER = 10_000_000  # a dimension, token count or frame count above this is a typo
MAX_PARAMETERS_B = 1000  # as results' size: 7 means 7B
API_ONLY = "API only"
# The weights' licences this catalogue has met, each an SPDX id (LicenseRef- for a licence SPDX
# does not list), and how the Models page's filter groups it: open (use, change and ship,
# commercially too) or restricted (non-commercial, research-only, or use conditions).
LICENCES = {
    "Apache-2.0": "open", "MIT": "open", "BSD-3-Clause": "open", "BSD-2-Clause": "open", "CC-BY-4.0": "open",
    "CC-BY-SA-4.0": "open",
    "CC-BY-NC-4.0": "restricted", "CC-BY-NC-SA-4.0": "restricted", "CC-BY-NC-ND-4.0": "restricted",
    "LicenseRef-Gemma": "restricted", "LicenseRef-Qwen-Research": "restricted", "LicenseRef-Qwen": "restricted",
    "LicenseRef-Llama-3.1": "restricted", "LicenseRef-Llama-3.2": "restricted",
    API_ONLY: "API only",
}
# A Hugging Face repository id: owner/name, each of letters, digits, '-', '_' and '.', not
# starting or ending with '-' or '.', at most 96 characters in all.
HF_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
MAX_IMAGE = re.compile(r"[^`<>{}|\\]{1,40}")


def check_models(f, value, variants: set[str]) -> tuple[ReleasedModel, ...]:
    """The entry's `models:` list, read with validate.py's field reader `f` (its problems are
    the entry's); `variants` are the entry's result variants, which each model's must be among."""
    if value is None:
        return ()
    if not isinstance(value, list):
        f.bad("models", "must be a list of released models, each with name, source and the facts it states")
        return ()
    out, claimed, names = [], {}, set()
    for i, item in enumerate(value[:100]):
        field = f"models[{i}]"
        if not isinstance(item, dict):
            f.bad(field, "must be a mapping with name, source and the facts the source states (weights, licence, ...)")
            continue
        model = _model(f.sub(field, item), variants)
        if model is None:
            continue
        if model.name in names:
            f.bad(f"{field}.name", f"'{model.name}' is listed twice; give each released model once")
            continue
        names.add(model.name)
        for variant in model.variants:
            if variant in claimed:
                f.bad(f"{field}.variants", f"'{variant}' is already a variant of models[{claimed[variant]}]")
            claimed[variant] = i
        out.append(model)
    return tuple(out)


def _model(m, variants: set[str]) -> ReleasedModel | None:
    item, before = m.data, len(m.problems)
    m.keys(MODEL_FIELDS, MODEL_REQUIRED, {"name": " (the model as its card names it)",
                                          "source": " (the https:// address of the model card, README or paper)"})
    name = m.text(item, "name", "name", limit=120)
    source = m.url(m.text(item, "source", "source", limit=500), "source")
    if source and not source.startswith("https://"):
        m.bad("source", "must be an https:// address")
    listed = m.texts("variants")
    for j, variant in enumerate(listed):
        if variant not in variants:
            m.bad(f"variants[{j}]", f"'{variant}' is not the variant of any of this entry's results")
    weights = _weights(m, item.get("weights"))
    licence = item.get("licence")
    if licence is not None and licence not in LICENCES:
        close = [k for k in LICENCES if k.lower() == str(licence).lower()]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        m.bad("licence", f"{str(licence)[:60]!r} is not one of: {', '.join(LICENCES)}{hint}; "
                         "a new licence goes into released.LICENCES with its SPDX id")
        licence = None
    parameters = item.get("parameters")
    if parameters is not None and (isinstance(parameters, bool) or not isinstance(parameters, (int, float))
                                   or not 0 < parameters < MAX_PARAMETERS_B):
        m.bad("parameters", f"{str(parameters)[:40]!r} must be the parameter count in billions as a number, e.g. 2.21 (not '2.21B')")
        parameters = None
    integers = {key: _positive(m, key, item.get(key)) for key in INTEGER_FACTS}
    matryoshka = _matryoshka(m, item.get("matryoshka"), integers["dimension"])
    max_image = m.text(item, "max_image", "max_image", MAX_IMAGE, limit=40)
    vectors = m.texts("vectors", VECTORS)
    if integers["token_dimension"] and "multi" not in vectors:
        m.bad("token_dimension", "goes with a multi-vector model: add multi to vectors")
    if integers["dimension"] and vectors and "single" not in vectors:
        m.bad("dimension", "is the single vector's dimension: add single to vectors, or give token_dimension")
    sources = _sources(m, item.get("sources"))
    if not any(item.get(fact) not in (None, [], "") for fact in FACTS):
        m.bad("name", "gives no fact: add what the source states (weights, licence, parameters, dimension, ...)")
    if len(m.problems) > before:
        return None
    return ReleasedModel(name=name, source=source, variants=listed, weights=weights, licence=licence,
                         parameters=parameters, matryoshka=matryoshka, max_image=max_image, vectors=vectors,
                         sources=sources, **integers)


def _weights(m, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("https://"):
        return m.url(value, "weights")
    if not isinstance(value, str) or len(value) > 96 or not HF_ID.fullmatch(value):
        m.bad("weights", f"{str(value)[:60]!r} must be a Hugging Face repository id as owner/name "
                         "(Alibaba-NLP/gme-Qwen2-VL-2B-Instruct), or the https:// page of an API")
        return None
    return value


def _positive(m, key: str, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_INTEGER:
        m.bad(key, f"{str(value)[:40]!r} must be a positive whole number, as the source prints it (32768, not '32K')")
        return None
    return value


def _matryoshka(m, value, dimension: int | None) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        m.bad("matryoshka", "must be a list of the dimensions the source says it supports, e.g. [128, 256, 512]")
        return ()
    dims = [_positive(m, f"matryoshka[{j}]", v) for j, v in enumerate(value)]
    if None in dims:
        return ()
    if dims != sorted(set(dims)):
        m.bad("matryoshka", "list each dimension once, smallest first")
    if dimension and dims[-1] > dimension:
        m.bad("matryoshka", f"{dims[-1]} is larger than the dimension, {dimension}")
    return tuple(dims)


def _sources(m, value) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        m.bad("sources", "must be a mapping of fact: https:// address, for a fact read somewhere other than source")
        return ()
    out = []
    for fact, url in value.items():
        if fact not in FACTS:
            m.bad(f"sources.{str(fact)[:40]}", f"is not a fact of a model; one of: {', '.join(FACTS)}")
            continue
        if fact not in m.data:
            m.bad(f"sources.{fact}", f"gives a source for {fact}, which the model does not state")
            continue
        if not isinstance(url, str) or not url.startswith("https://"):
            m.bad(f"sources.{fact}", "must be the https:// address the fact is read at")
            continue
        if m.url(url, f"sources.{fact}"):
            out.append((fact, url))
    return tuple(out)


# What readers see.

def model_for(paper, variant: str) -> ReleasedModel | None:
    """The released model a result row of `paper` is, if the entry names it."""
    return next((m for m in paper.models if variant in (m.variants or (m.name,))), None)


def licence_filter(model: ReleasedModel | None) -> str:
    return licence_class(model) if model else "not stated"


def licence_class(model: ReleasedModel) -> str:
    """open, restricted or API only: the Models page's licence filter."""
    return LICENCES.get(model.licence, "not stated") if model.licence else "not stated"


def weights_url(model: ReleasedModel) -> str | None:
    if model.weights is None:
        return None
    return model.weights if model.weights.startswith("https://") else f"https://huggingface.co/{model.weights}"


def vectors_text(model: ReleasedModel) -> str:
    return " + ".join(f"{v}-vector" for v in model.vectors) or "–"


def dimension_text(model: ReleasedModel) -> str:
    """'2048 (128–2048)' for a Matryoshka model; '128 per token' for a multi-vector one."""
    parts = []
    if model.dimension:
        parts.append(f"{model.dimension}" + (f" ({model.matryoshka[0]}–{model.matryoshka[-1]})" if model.matryoshka else ""))
    if model.token_dimension:
        parts.append(f"{model.token_dimension} per token")
    return " · ".join(parts) or "–"


def input_text(model: ReleasedModel) -> str:
    parts = [f"{model.max_tokens} tokens" if model.max_tokens else "", model.max_image or "",
             f"{model.max_frames} frames" if model.max_frames else ""]
    return " · ".join(p for p in parts if p) or "–"


def parameters_text(model: ReleasedModel, fallback: float | None = None) -> str:
    size = model.parameters if model.parameters is not None else fallback
    return "–" if size is None else f"{size:g}B"


MODEL_CSV_COLUMNS = ("paper", "name", "variants", "weights", "licence", "parameters_b", "dimension", "token_dimension",
                     "matryoshka", "max_tokens", "max_image", "max_frames", "vectors", "source", "sources")


def to_csv(papers) -> str:
    """One row per released model (models.csv); lists joined with '; ', sources as fact=url; every
    cell inert in a spreadsheet (escape.csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MODEL_CSV_COLUMNS)
    for paper in papers:
        for m in paper.models:
            writer.writerow([csv_cell("" if v is None else str(v)) for v in (
                paper.slug, m.name, "; ".join(m.variants), m.weights, m.licence, m.parameters, m.dimension,
                m.token_dimension, "; ".join(map(str, m.matryoshka)), m.max_tokens, m.max_image, m.max_frames,
                "; ".join(m.vectors), m.source, "; ".join(f"{k}={u}" for k, u in m.sources))])
    return out.getvalue()
