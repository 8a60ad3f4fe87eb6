"""Shows the order in which Keras 3's `fit(shuffle=True)` feeds the rows, epoch
by epoch, with and without `keras.utils.set_random_seed` (the peer scripts call
it "for reproducibility only").

Each training row carries its index in its first feature; the model records the
first feature of every batch it trains on (eager mode, so the Python code runs
at each step). Prints whether the three epochs used the same order. On Keras
3.15 with TensorFlow 2.21: seeded, every epoch repeats the first permutation;
unseeded, each epoch is reshuffled.

usage: python keras_batch_order.py   (with the Keras peer's venv)
"""
import subprocess
import sys

import numpy as np


def epoch_orders(seed):
    import keras
    from keras import layers

    seen = []

    class Recorder(keras.Sequential):
        def train_step(self, data):
            seen.extend(int(v) for v in np.asarray(data[0][:, 0]))
            return super().train_step(data)

    if seed is not None:
        keras.utils.set_random_seed(seed)
    rows = 26
    x = np.c_[np.arange(rows, dtype=np.float32), np.ones(rows, np.float32)]
    y = np.zeros((rows, 1), np.float32)
    model = Recorder([keras.Input(shape=(2,)), layers.Dense(1)])
    model.compile(loss="mse", optimizer="adam", run_eagerly=True)
    model.fit(x, y, epochs=3, batch_size=10, verbose=0)
    return [seen[e * rows:(e + 1) * rows] for e in range(3)]


def report(seed):
    orders = epoch_orders(seed)
    label = f"set_random_seed({seed})" if seed is not None else "unseeded"
    for e, order in enumerate(orders):
        print(f"{label:>20}  epoch {e}: {order}")
    same = all(o == orders[0] for o in orders)
    print(f"{label:>20}  every epoch in the same order: {same}", flush=True)


if len(sys.argv) > 1:
    report(None if sys.argv[1] == "unseeded" else int(sys.argv[1]))
else:
    # A fresh process for each: TensorFlow's global seed cannot be unset.
    for mode in ("7", "unseeded"):
        subprocess.run([sys.executable, __file__, mode], check=True, stderr=subprocess.DEVNULL)
