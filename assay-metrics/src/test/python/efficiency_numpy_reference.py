# One-off: numpy reference percentiles for assay's efficiency tests.
import numpy as np
print("# numpy", np.__version__)
lat = np.array([((i * 7919) % 1000) / 7 + 3 for i in range(1003)])
for q in (50, 90, 95, 99, 99.9, 0, 100, 33.3):
    print(f"p{q} = {np.percentile(lat, q)!r}")
print("mean", repr(np.mean(lat)), "max", repr(np.max(lat)))
print("small p95", repr(np.percentile([1.0, 2.0, 3.0, 4.0], 95)), repr(np.percentile([0.1, 0.7, 0.2], 90)))
w = np.array([(i * 7) % 4 for i in range(1003)])
srt = np.sort(lat)
idx = np.argsort(lat, kind="stable")
exp = np.repeat(lat[idx], w[idx])
for q in (0.5, 0.95, 0.1):
    print(f"weighted q{q} = {np.quantile(exp, q)!r}")
