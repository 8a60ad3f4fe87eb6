"""Writes apartments.csv: 240 apartments with a text column (`city`) and missing cells, the
sample of examples/csv_pipeline.rs.

price (thousands) = city's price per m2 * area * (1 + 0.004 * (year_built - 1970)) / 1000
                    + 4 * rooms + noise (normal, sd 10); then about 6 % of the area, rooms,
year_built and city cells are emptied (the price is computed before, from the true values).

Run: /work/venvs/venv/bin/python examples/data/make_apartments.py (numpy only)
"""

from pathlib import Path

import numpy as np

rng = np.random.RandomState(7)
n = 240
per_m2 = {"Paris": 10.5, "Lyon": 5.2, "Marseille": 3.9, "Toulouse": 3.6, "Lille": 3.4}
cities = rng.choice(list(per_m2), n, p=[0.3, 0.2, 0.2, 0.15, 0.15])
area = rng.uniform(18, 140, n).round(1)
rooms = np.clip((area / 25 + rng.normal(0, 0.6, n)).round(), 1, 7).astype(int)
year = rng.randint(1900, 2024, n)
price = np.array([per_m2[c] for c in cities]) * area * (1 + 0.004 * (year - 1970)) + 4 * rooms + rng.normal(0, 10, n)

cells = {"area": [f"{v:.1f}" for v in area], "rooms": [str(v) for v in rooms],
         "city": list(cities), "year_built": [str(v) for v in year]}
for name in cells:
    for i in rng.choice(n, int(0.06 * n), replace=False):
        cells[name][i] = ""
lines = ["area,rooms,city,year_built,price"]
lines += [",".join([cells["area"][i], cells["rooms"][i], cells["city"][i], cells["year_built"][i], f"{price[i]:.1f}"])
          for i in range(n)]
Path(__file__).with_name("apartments.csv").write_text("\n".join(lines) + "\n")
