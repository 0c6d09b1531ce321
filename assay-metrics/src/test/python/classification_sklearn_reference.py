# One-off: reference values from scikit-learn for assay's classification parity tests.
import warnings, sys
warnings.simplefilter("ignore")
import numpy as np, sklearn
from sklearn.metrics import *
from sklearn.calibration import calibration_curve
print("# sklearn", sklearn.__version__, "numpy", np.__version__)

def multiclass(n):
    classes = ["bird", "cat", "dog"]
    y, p, w = [], [], []
    for i in range(n):
        t = [0, 0, 0, 1, 1, 2, 2][(i * 37 + 11) % 7]
        a = [((i * (c + 3) * 7919 + c * 104729) % 10) + 1 for c in range(3)]
        if i % 3 != 0:
            a[t] += 5
        s = sum(a)
        y.append(classes[t]); p.append([x / s for x in a]); w.append((i * 7) % 4)
    p = np.array(p)
    pred = [classes[int(np.argmax(r))] for r in p]
    return classes, np.array(y), np.array(pred), p, np.array(w, dtype=float)

def binary(n):
    y, s, w = [], [], []
    for i in range(n):
        t = (i * 37 + 11) % 2
        k = (i * 7919) % 21
        if t == 1 and i % 5 != 0:
            k = min(20, k + 6)
        y.append(["ham", "spam"][t]); s.append(k / 20); w.append((i * 7) % 4)
    s = np.array(s)
    pred = np.where(s >= 0.5, "spam", "ham")
    return np.array(y), pred, s, np.array(w, dtype=float)

def ece(correct, conf, bins, strategy, w=None):
    if w is not None:
        correct = np.repeat(correct, w.astype(int)); conf = np.repeat(conf, w.astype(int))
    if strategy == "quantile":
        edges = np.percentile(conf, np.linspace(0, 1, bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], conf)
    counts = np.bincount(ids, minlength=bins)
    pt, pp = calibration_curve(correct, conf, n_bins=bins, strategy=strategy)
    nz = counts[counts > 0]
    return float(np.sum(nz / counts.sum() * np.abs(pt - pp))), counts, pt, pp

def show(name, v): print(f"{name} = {v!r}")

for weighted in (False, True):
    classes, y, pred, p, w = multiclass(300)
    sw = w if weighted else None
    tag = "mc_w" if weighted else "mc"
    show(tag + " accuracy", accuracy_score(y, pred, sample_weight=sw))
    show(tag + " balanced_accuracy", balanced_accuracy_score(y, pred, sample_weight=sw))
    for avg in ("micro", "macro", "weighted"):
        show(f"{tag} precision_{avg}", precision_score(y, pred, average=avg, sample_weight=sw))
        show(f"{tag} recall_{avg}", recall_score(y, pred, average=avg, sample_weight=sw))
        show(f"{tag} f1_{avg}", f1_score(y, pred, average=avg, sample_weight=sw))
    show(tag + " mcc", matthews_corrcoef(y, pred, sample_weight=sw))
    for kw in (None, "linear", "quadratic"):
        show(f"{tag} cohen_kappa_{kw}", cohen_kappa_score(y, pred, weights=kw, sample_weight=sw))
    show(tag + " roc_auc_macro", roc_auc_score(y, p, multi_class="ovr", average="macro", sample_weight=sw))
    show(tag + " roc_auc_weighted", roc_auc_score(y, p, multi_class="ovr", average="weighted", sample_weight=sw))
    show(tag + " average_precision_macro", average_precision_score(y, p, average="macro", sample_weight=sw))
    show(tag + " average_precision_weighted", average_precision_score(y, p, average="weighted", sample_weight=sw))
    show(tag + " log_loss", log_loss(y, p, sample_weight=sw))
    show(tag + " brier", brier_score_loss(y, p, sample_weight=sw))
    conf = p[np.arange(len(y)), [classes.index(c) for c in pred]]
    correct = (y == pred).astype(int)
    for strat in ("uniform", "quantile"):
        e, counts, pt, pp = ece(correct, conf, 15 if strat == "uniform" else 10, strat, w if weighted else None)
        show(f"{tag} ece_{strat}", e)
        if not weighted:
            show(f"{tag} ece_{strat} counts", counts.tolist()); show(f"{tag} ece_{strat} acc", pt.tolist()); show(f"{tag} ece_{strat} conf", pp.tolist())
    if not weighted:
        print(tag, "confusion", confusion_matrix(y, pred).tolist())
        print(tag, "report", precision_recall_fscore_support(y, pred))

for weighted in (False, True):
    y, pred, s, w = binary(400)
    sw = w if weighted else None
    tag = "bin_w" if weighted else "bin"
    show(tag + " accuracy", accuracy_score(y, pred, sample_weight=sw))
    show(tag + " balanced_accuracy", balanced_accuracy_score(y, pred, sample_weight=sw))
    for pos in ("spam", "ham"):
        show(f"{tag} precision_binary_{pos}", precision_score(y, pred, pos_label=pos, sample_weight=sw))
        show(f"{tag} recall_binary_{pos}", recall_score(y, pred, pos_label=pos, sample_weight=sw))
        show(f"{tag} f1_binary_{pos}", f1_score(y, pred, pos_label=pos, sample_weight=sw))
    show(tag + " f1_macro", f1_score(y, pred, average="macro", sample_weight=sw))
    show(tag + " mcc", matthews_corrcoef(y, pred, sample_weight=sw))
    show(tag + " cohen_kappa", cohen_kappa_score(y, pred, sample_weight=sw))
    show(tag + " roc_auc", roc_auc_score(y, s, sample_weight=sw))
    show(tag + " average_precision_spam", average_precision_score(y, s, pos_label="spam", sample_weight=sw))
    show(tag + " average_precision_ham", average_precision_score(y, 1 - s, pos_label="ham", sample_weight=sw))
    show(tag + " log_loss", log_loss(y, s, sample_weight=sw))
    show(tag + " brier", brier_score_loss(y, s, pos_label="spam", sample_weight=sw))
    conf = np.where(pred == "spam", s, 1 - s)
    correct = (y == pred).astype(int)
    for strat in ("uniform", "quantile"):
        e, *_ = ece(correct, conf, 15 if strat == "uniform" else 10, strat, w if weighted else None)
        show(f"{tag} ece_{strat}", e)

# Rows that do not sum to one: scikit-learn >= 1.5 (no renormalisation) and the 1.2-1.4 rule by hand.
yr = ["a", "b", "c", "a"]
pr = np.array([[0.2, 0.3, 0.1], [0.0, 0.5, 0.25], [0.1, 0.1, 0.6], [1.0, 0.0, 0.0]])
show("unnorm log_loss", log_loss(yr, pr))
eps = np.finfo(float).eps
c = np.clip(pr, eps, 1 - eps); c = c / c.sum(axis=1)[:, None]
show("unnorm log_loss renormalised(1.2-1.4 rule, numpy)", float(-np.mean(np.log(c[np.arange(4), [0, 1, 2, 0]]))))
show("unnorm log_loss eps=1e-15 renorm", float(-np.mean(np.log((lambda c: c / c.sum(axis=1)[:, None])(np.clip(pr, 1e-15, 1 - 1e-15))[np.arange(4), [0, 1, 2, 0]]))))

# UCI Adult test split: a hand-made score from two columns (not a model), same arithmetic as the Java test.
rows = [l.split(", ") for l in open("/work/shared/data/uci_adult/adult.test").read().splitlines()[1:] if l.strip()]
ya = np.array([">50K" if r[14].startswith(">50K") else "<=50K" for r in rows])
sa = np.array([(int(r[4]) * 4 + int(r[12])) / 165 for r in rows])
pa = np.where(sa >= 0.5, ">50K", "<=50K")
show("adult n", len(ya))
show("adult accuracy", accuracy_score(ya, pa))
show("adult f1_binary", f1_score(ya, pa, pos_label=">50K"))
show("adult f1_macro", f1_score(ya, pa, average="macro"))
show("adult mcc", matthews_corrcoef(ya, pa))
show("adult cohen_kappa", cohen_kappa_score(ya, pa))
show("adult roc_auc", roc_auc_score(ya, sa))
show("adult average_precision", average_precision_score(ya, sa, pos_label=">50K"))
show("adult log_loss", log_loss(ya, sa))
show("adult brier", brier_score_loss(ya, sa, pos_label=">50K"))
conf = np.where(pa == ">50K", sa, 1 - sa)
show("adult ece_uniform", ece((ya == pa).astype(int), conf, 15, "uniform")[0])
show("adult ece_quantile", ece((ya == pa).astype(int), conf, 15, "quantile")[0])
