"""Run a Keras peer script the way its original was written: without
`keras.utils.set_random_seed`.

The peer scripts seed Keras "for reproducibility only". With TensorFlow's
global seed set, Keras 3's `fit(shuffle=True)` draws its permutation once and
trains every epoch in that same order (see keras_batch_order.py); unseeded, it
reshuffles before each epoch, as gridcv and skorch do. This wrapper turns the
seeding into a no-op and runs the script unchanged, so the two can be compared.

usage: python unseeded.py PEER_SCRIPT [ARGS...]
"""
import os
import runpy
import sys

import keras

keras.utils.set_random_seed = lambda seed: None

script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
runpy.run_path(script, run_name="__main__")
