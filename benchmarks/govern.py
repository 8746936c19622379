"""Which articles govern this? Quality and speed of `alinea govern` against a plain BM25 baseline.

    python -m benchmarks.govern [--data DIR] [--split dev|test|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|all] [-v] [--repeat 3]

Questions: benchmarks/govern_eval/questions.jsonl (written by a reader of the Act who never
saw the code; README beside it), plus the seed ADEL page (`guidance:adel-66-72`): its body
(every section but the closing "Lois et règlements" list) is the question and the articles
of that list are the answer.  Only articles of the corpus count: the page cites s. 133 of
the Act and ss. 48, 157.1 and 157.2 of the Regulation, which is not in the corpus, so its
expected answer is A-13.1.1/133 alone.

Each system ranks the Act's sections (guidance results are left out):
- ``alinea``: graph.govern.govern (thesaurus, glossary, citations, graph evidence);
- ``bm25``: the same Whoosh index and section grouping, the question's own words only, no
  expansion and no graph (search.WordBag with the text alone).

Metrics, per question then averaged: hit@1 and hit@5 (the `primary` section is first / in
the first five), any@5 (some expected section in the first five), recall@10 (share of the
expected sections in the first ten), MRR (1 / rank of the primary section in the first
20, else 0).  Latency: p50 and p95 of one call, each question timed `--repeat` times.
Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from alinea.errors import AlineaError
from alinea.kb import KnowledgeBase, load
from benchmarks.timing import percentile, print_table
from graph.govern import DEFAULT_LIMIT, govern
from graph.govern_rank import WEIGHTS, Weights
from graph.govern_why import english
from search import WordBag, open_index

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "benchmarks" / "govern_eval" / "questions.jsonl"
FRESH = ROOT / "benchmarks" / "govern_eval" / "fresh.jsonl"
"""The second held-out set: 141 questions written before the ranker of issue 18 was built, by a
reader who saw neither the code nor the other questions (fresh_README.md); split "fresh".  It
has been reported on, so it is no longer untouched."""
FRESH2 = ROOT / "benchmarks" / "govern_eval" / "fresh2.jsonl"
"""The third held-out set: 155 questions (83 French) written at the start of issue 18's second
round by a reader who saw no code and no output (fresh2_README.md); split "fresh2"."""
FRESH3 = ROOT / "benchmarks" / "govern_eval" / "fresh3.jsonl"
"""A third blind set (130 questions, 68 French), written at the start of round 3 (fresh3_README.md);
split "fresh3"."""
FRESH4 = ROOT / "benchmarks" / "govern_eval" / "fresh4.jsonl"
"""A fourth blind set (124 questions, 65 French), written at the start of round 4 (fresh4_README.md);
split "fresh4"."""
FRESH5 = ROOT / "benchmarks" / "govern_eval" / "fresh5.jsonl"
"""A fifth blind set (175 questions, 93 French), written at the start of round 5 (fresh5_README.md);
split "fresh5"."""
FRESH6 = ROOT / "benchmarks" / "govern_eval" / "fresh6.jsonl"
"""A sixth blind set (181 questions, 95 French), written at the start of round 6 (fresh6_README.md);
split "fresh6"."""
SET_FILES = {"fresh": FRESH, "fresh2": FRESH2, "fresh3": FRESH3, "fresh4": FRESH4, "fresh5": FRESH5, "fresh6": FRESH6}
SPLITS = ("dev", "test", *SET_FILES)
ABLATIONS = {"no word list": {"written": 0.0}, "no everyday list": {"everyday": 0.0}, "no bridges": {"bridge": 0.0},
             "no everyday table": {"paraphrase": 0.0}, "no feedback": {"feedback": 0.0},
             "no headings": {"heading": 0.0}, "no definitions": {"defined": 0.0}, "no lay words": {"lay": 0.0},
             "no time limit": {"aspect": 0.0}}
"""The signals of issue 18, each switched off in turn (`--ablate`)."""
ADEL = "guidance:adel-66-72"
DEPTH = 20


@dataclass(frozen=True)
class Item:
    id: str
    lang: str
    q: str
    expected: tuple[str, ...]
    primary: str
    split: str


def load_questions(path: Path = QUESTIONS, splits: tuple[str, ...] = ("dev", "test")) -> list[Item]:
    """The questions of the given splits; the others are dropped as they are read.  The fresh set
    (split "fresh") is read from its own file."""
    items = []
    if path == QUESTIONS:
        for name, file in SET_FILES.items():
            if name in splits:
                items += load_questions(file, (name,))
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        data.setdefault("split", next(name for name, file in SET_FILES.items() if file == path)
                        if path != QUESTIONS else "dev")
        if data["split"] in splits:
            items.append(Item(data["id"], data["lang"], data["q"], tuple(data["expected"]), data["primary"],
                              data["split"]))
    return items


def adel_item(kb: KnowledgeBase) -> Item:
    """The seed ADEL page: its body as the question, the corpus articles of its list as the answer."""
    doc = kb.document(ADEL)
    body, cited = [], []
    for section in doc.sections:
        units = list(section.walk())
        if units and all(u.kind == "reference" for u in units):
            for u in units:
                cited += [r.target for r in kb.refs_out.get(u.id, []) if r.target in kb and "/" in r.target
                          and not r.target.startswith("guidance:")]
            continue
        body.append(section.heading)
        body += [u.text for u in units]
    expected = tuple(dict.fromkeys(cited))
    return Item("adel-66-72", doc.lang, "\n".join(t for t in body if t), expected, expected[0], "adel")


def alinea_ranking(kb, index, weights: Weights = WEIGHTS) -> Callable[[str], list[str]]:
    def rank(text: str) -> list[str]:
        answer = govern(text, kb, index, limit=DEPTH, weights=weights)
        return list(dict.fromkeys(r.section for r in answer.results if r.role != "guidance"))
    return rank


def bm25_ranking(kb, index) -> Callable[[str], list[str]]:
    def rank(text: str) -> list[str]:
        scores = index.score_sections(WordBag(((text, 1.0),), limit=DEPTH, explain=0))
        return [s.section for s in scores]
    return rank


def scores(ranking: list[str], item: Item) -> dict[str, float]:
    top5, top10 = ranking[:5], ranking[:10]
    rank = ranking.index(item.primary) + 1 if item.primary in ranking else None
    return {"hit@1": float(rank == 1), "hit@5": float(rank is not None and rank <= 5),
            "any@5": float(any(e in top5 for e in item.expected)),
            "recall@10": sum(e in top10 for e in item.expected) / len(item.expected),
            "MRR": 1 / rank if rank else 0.0}


def evaluate(rank: Callable[[str], list[str]], items: list[Item]) -> dict[str, dict[str, float]]:
    """Item id -> its scores (and its ranking under "ranking")."""
    out = {}
    for item in items:
        ranking = rank(item.q)
        out[item.id] = {**scores(ranking, item), "ranking": ranking}
    return out


def averages(per_item: dict[str, dict], ids: list[str]) -> dict[str, float]:
    keys = ("hit@1", "hit@5", "any@5", "recall@10", "MRR")
    return {k: sum(per_item[i][k] for i in ids) / len(ids) for k in keys} if ids else {}


def latency(rank: Callable[[str], list[str]], items: list[Item], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            rank(item.q)
            times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": max(times), "n": len(times)}


def batch_rates(lines: list[str], kb, index) -> None:
    """Prints the batch mode's rate (`alinea govern --batch`), in this process and then on every core,
    one run each, back to back so that both see about the same load; with the CPU time they used,
    workers included (what the parallel path costs over the serial one, which load changes less)."""
    import resource

    from alinea.govern_batch import govern_batch
    from search.parallel import cores

    def cpu() -> float:
        own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

    say = english(kb)
    print(f"\nBatch mode (alinea.govern_batch, {len(lines)} questions per run, load {os.getloadavg()[0]:.1f}):")
    for jobs in (1, cores()):
        start, used = time.perf_counter(), cpu()
        answered = sum(1 for _ in govern_batch(lines, kb, index, DEFAULT_LIMIT, None, say, jobs))
        elapsed, used = time.perf_counter() - start, cpu() - used
        print(f"  {jobs} process{'es' * (jobs > 1)}: {answered / elapsed:.0f} questions/s, "
              f"{used * 1000 / answered:.1f} ms of CPU per question (workers included)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT / "data"), help="a data directory built by `alinea build`")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all",
                        help="all = dev, test and the fresh sets")
    parser.add_argument("--ablate", action="store_true", help="also rank with each new signal switched off, "
                        "and with the hand-set weights instead of the fitted ones")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per question")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the dev questions whose primary "
                        "section is not in Alinea's top five (never the test questions)")
    args = parser.parse_args(argv)
    try:
        kb = load(args.data)
    except AlineaError as exc:
        parser.exit(2, f"benchmarks.govern: {exc}\n")
    index = open_index(args.data, kb.resolver())
    splits = SPLITS if args.split == "all" else (args.split,)
    items = load_questions(splits=splits)
    adel = adel_item(kb)
    systems = {"alinea": alinea_ranking(kb, index), "bm25": bm25_ranking(kb, index)}
    if args.ablate:
        for name, change in ABLATIONS.items():
            systems[name] = alinea_ranking(kb, index, replace(WEIGHTS, **change))
        systems["hand-set weights"] = alinea_ranking(kb, index, Weights())
    results = {name: evaluate(rank, items + [adel]) for name, rank in systems.items()}

    rows = []
    for split in splits:
        for lang in ("en", "fr", "all"):
            ids = [i.id for i in items if i.split == split and (lang == "all" or i.lang == lang)]
            for name in systems:
                rows.append({"split": split, "lang": lang, "n": len(ids), "system": name,
                             **averages(results[name], ids)})
    for name in systems:
        rows.append({"split": "adel page", "lang": adel.lang, "n": 1, "system": name,
                     **averages(results[name], [adel.id])})
    print(f"Which articles govern this? {len(items)} questions ({', '.join(splits)}) + the ADEL page "
          f"(expected: {', '.join(adel.expected)}); rankings of the Act's sections, depth {DEPTH}")
    print_table(rows, ["split", "lang", "n", "system", "hit@1", "hit@5", "any@5", "recall@10", "MRR"])
    for name in systems:
        rank = results[name][adel.id]["ranking"]
        where = rank.index(adel.primary) + 1 if adel.primary in rank else None
        print(f"ADEL page, {name}: {adel.primary} at rank {where or '>' + str(DEPTH)}; first five: "
              f"{', '.join(s.split('/')[1] for s in rank[:5])}")

    print("\nLatency of one call (ms), every question and the ADEL page")
    timing = [{"system": name, **latency(rank, items + [adel], args.repeat)} for name, rank in systems.items()
              if name in ("alinea", "bm25")]
    print_table(timing, ["system", "n", "p50_ms", "p95_ms", "max_ms"])

    batch_rates([json.dumps({"id": item.id, "q": item.q}) for item in items], kb, index)

    if args.verbose:
        print("\nDev questions whose primary section is not in Alinea's first five:")
        for item in items:
            if item.split != "dev":
                continue
            r = results["alinea"][item.id]
            if not r["hit@5"]:
                print(f"  {item.id} expected {', '.join(e.split('/')[1] for e in item.expected)}; "
                      f"got {', '.join(s.split('/')[1] for s in r['ranking'][:6])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
