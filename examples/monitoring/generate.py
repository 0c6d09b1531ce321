#!/usr/bin/env python3
"""Writes the monitoring and A/B example data of assay (deterministic; standard library only).

reference.jsonl   2,000 answered questions from the evaluation set (the monitoring reference)
production.jsonl  2,000 production requests over two days; on day two latency grows by 40%,
                  a new country appears, questions move to another topic and feedback goes missing
ab-events.csv     8,000 users of an A/B test, one row each, balanced split, treatment lifts revenue
ab-events-srm.csv the same experiment with a planted sample-ratio mismatch (treatment users lost)
versions.csv      eight model versions: offline estimate and online A/B delta
"""
import csv
import json
import math
import random

rng = random.Random(20260514)
TOPICS_A = ["How do I reset my password for the {} account?", "What is the refund policy for {} orders?",
            "Can I change the delivery address of a {} order?", "Why was my {} payment declined yesterday?"]
TOPICS_B = ["Does the {} plan include priority phone support?", "How do I export my {} invoices as a spreadsheet?",
            "Is there a student discount on the {} subscription?", "Which {} features are missing from the free tier?"]
THINGS = ["premium", "business", "family", "annual", "monthly", "trial", "gift", "corporate"]


def row(ts, drift):
    topics = TOPICS_B if drift and rng.random() < 0.7 else TOPICS_A
    countries = ["US", "DE", "FR", "IN", "BR"] if drift else ["US", "DE", "FR", "IN"]
    weights = [0.35, 0.2, 0.15, 0.15, 0.15] if drift else [0.4, 0.25, 0.2, 0.15]
    latency = math.exp(rng.gauss(math.log(800), 0.35)) * (1.4 if drift else 1.0)
    feedback = rng.choice(["up", "up", "up", "down"])
    if drift and rng.random() < 0.3:
        feedback = None
    return {"ts": ts, "question": rng.choice(topics).format(rng.choice(THINGS)),
            "country": rng.choices(countries, weights)[0], "latency_ms": round(latency, 1),
            "tokens_out": int(rng.gauss(180, 40)), "exact_match": 1 if rng.random() < 0.72 else 0,
            "feedback": feedback}


with open("reference.jsonl", "w") as f:
    for i in range(2000):
        f.write(json.dumps(row(None, False) | {"ts": f"2026-04-{1 + i // 100:02d}T{(i % 24):02d}:00:00Z"}) + "\n")
with open("production.jsonl", "w") as f:
    for i in range(2000):
        day = 1 + i // 1000
        minute = (i % 1000) * 1440 // 1000
        ts = f"2026-05-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00Z"
        f.write(json.dumps(row(ts, day == 2)) + "\n")


def ab(path, keep_treatment):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["user_id", "variant", "day", "revenue_pre", "revenue", "sessions", "clicks", "latency_ms"])
        for i in range(8000):
            variant = "treatment" if rng.random() < 0.5 else "control"
            if variant == "treatment" and rng.random() > keep_treatment:
                continue  # lost by a broken assignment: the SRM the readout must catch
            pre = max(0.0, rng.gauss(20, 8))
            lift = 1.03 if variant == "treatment" else 1.0
            revenue = max(0.0, 0.8 * pre * lift + rng.gauss(4, 4))
            sessions = 1 + int(rng.expovariate(1 / 3))
            p = 0.11 if variant == "treatment" else 0.10
            clicks = sum(1 for _ in range(sessions) if rng.random() < p)
            latency = rng.gauss(420 if variant == "control" else 425, 60)
            w.writerow([f"u{i}", variant, 1 + i * 14 // 8000, round(pre, 2), round(revenue, 2), sessions, clicks,
                        round(latency, 1)])


ab("ab-events.csv", 1.0)
ab("ab-events-srm.csv", 0.9)
with open("versions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["version", "offline", "online"])
    for i, (off, on) in enumerate([(0.010, 0.002), (0.025, 0.006), (-0.005, -0.001), (0.040, 0.004),
                                   (0.018, 0.005), (0.032, 0.009), (0.002, -0.002), (0.050, 0.011)]):
        w.writerow([f"v{i + 1}", off, on])
