"""The generic Policy Frames codebook on two public frame benchmarks.

Reads ``../shared/benchmarks/`` (never copied into the project; the script stops with a clear
message when the folder is absent). Run from the repository root::

    .venv/bin/python bench/bench_frames.py

1. ``frac_sentence_frames`` (FrAC gold, 523 sentences from Globe and Mail opinion articles and
   reader comments, one Policy-Frames-derived code each). Every sentence is coded alone with
   ``framing/data/policy_frames.yaml`` (:func:`framing.topics.code_sentences`); the primary
   frame is mapped onto FrAC's 10 codes with :data:`FRAC_CODES` (the merges the benchmark's
   README asks for: political + policy -> 6, legality + crime -> 5, economic + capacity -> 1,
   quality of life / external regulation / other / unassigned -> 15). Reported, for all
   sentences, for articles and comments separately, and for the sentences not read while the
   codebook was written (``unseen``, see :data:`VIEWED_PER_CODE`): accuracy, macro-F1 over the
   10 codes,
   top-k "any frame with weight > 0 is the gold one", per-code precision / recall / F1, the
   most frequent confusions, and frame-share fidelity (total-variation distance and
   Jensen-Shannon divergence, base 2, between the gold code distribution and the mean
   predicted weights; L1 error per code).
2. ``narrative_frames_climate`` (427 labelled climate-change articles from 36 outlets, binary
   gold frames per article). The whole pipeline runs on it: the articles are written to a
   temporary CSV and scored by :func:`framing.pipeline.score_corpus` (load, clean, segment),
   then coded and turned into per-article frame shares (:func:`framing.topics.topic_share`).
   Frames are mapped as the README says (:data:`CLIMATE_FRAMES`: EC <- economic + capacity,
   MO <- morality, CO <- political, RE <- policy prescription; HI has no equivalent and is
   skipped). A frame is detected in an article when its share is at least
   :data:`SHARE_THRESHOLD` (fixed before looking at results; the README's example); the
   top-2 rule (the frame is among the article's two largest codebook frames) is reported too.
   Reported: per-frame precision / recall / F1 and macro-F1; for outlets with at least
   :data:`MIN_OUTLET_ARTICLES` articles and for the four ``mbfc`` groups, the gold and
   predicted prevalence per frame, the absolute error, and the Spearman rank correlation
   across groups (of predicted prevalence and of mean predicted share with gold prevalence),
   with a bootstrap percentile interval that resamples articles within each group; and the
   wall time of the whole run.
"""

from __future__ import annotations

import pandas as pd

from framing import topics
from framing.validate.frames import (
    CLIMATE_FRAMES,
    FRAC_CODES,
    FRAC_LABELS,
    SHARE_THRESHOLD,
    TOP_K,
    climate_detection,
    climate_frame_shares,
    climate_groups,
    frac_predictions,
    frac_share_errors,
    frac_summary,
    read_climate,
)
from framing.validate.sentiment import BENCHMARKS
from framing.validate.topics import class_scores, confusion


def main() -> int:
    if not BENCHMARKS.is_dir():
        print(f"skipped: the public benchmarks folder {BENCHMARKS.resolve()} is absent")
        return 0
    pd.set_option("display.width", 160)
    pd.set_option("display.precision", 3)
    codebook = topics.load_codebook("policy_frames")
    print("== FrAC sentence frames (policy_frames codebook)")
    for code in FRAC_LABELS:
        members = [topic for topic, mapped in FRAC_CODES.items() if mapped == code]
        print(f"   code {code:>2} <- {', '.join(members)}")
    predictions = frac_predictions(codebook)
    print(frac_summary(predictions).to_string(index=False))
    print("\nper code (all sentences)")
    print(
        class_scores(predictions, FRAC_LABELS)
        .rename(columns={"topic": "code"})
        .to_string(index=False)
    )
    print("\nper code (article sentences)")
    articles_only = predictions[predictions["type"] == "article"]
    print(
        class_scores(articles_only, FRAC_LABELS)
        .rename(columns={"topic": "code"})
        .to_string(index=False)
    )
    wrong = predictions[predictions["gold"] != predictions["predicted"]]
    print("\nmost frequent confusions (gold -> predicted code)")
    print(confusion(wrong).head(10).to_string(index=False))
    print("\nframe share per code")
    print(frac_share_errors(predictions).to_string(index=False))

    print("\n== Narrative frames, climate (whole pipeline)")
    for frame, members in CLIMATE_FRAMES.items():
        print(f"   {frame} <- {' + '.join(members)}")
    print("   HI: no equivalent in the codebook, skipped")
    climate = read_climate()
    predicted, tables, seconds = climate_frame_shares(climate, codebook)
    n_ok = int((tables.articles["status"] == "ok").sum())
    print(
        f"{len(climate)} articles ({n_ok} scored ok), {len(tables.sentences)} sentences, "
        f"whole pipeline {seconds:.1f} s ({len(climate) / seconds:.0f} articles/s)"
    )
    for rule, name in (("pred", f"share >= {SHARE_THRESHOLD}"), ("top", f"top-{TOP_K} frame")):
        detection = climate_detection(predicted, rule)
        print(f"\nper-article detection ({name}); macro-F1 {detection['f1'].mean():.3f}")
        print(detection.to_string(index=False))
    for by in ("mbfc", "outlet"):
        prevalence, rhos = climate_groups(predicted, by)
        print(f"\nprevalence by {by} (gold vs predicted, share >= {SHARE_THRESHOLD})")
        if by == "mbfc":
            print(prevalence.to_string(index=False))
        else:
            print(prevalence.groupby("frame")[["abs_error"]].mean().to_string())
        print(f"\nSpearman rank correlation across {by} groups (bootstrap 95% CI)")
        print(rhos.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
