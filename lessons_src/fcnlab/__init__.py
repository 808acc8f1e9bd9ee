"""fcnlab: the helper package of the FCN segmentation lesson series.

Each lesson builds a piece inline first and then checks that it equals the version here;
later lessons import it. Modules are named by what they hold:

- ``fcnlab.scenes``      the synthetic road-scene generator (six-class maps, deterministic from a seed)
- ``fcnlab.data``        the lesson data (synthetic scenes, the lecture's .npy files, Oxford pets), splits, tf.data
- ``fcnlab.checks``      input checks shared by data, metrics and viz (errors name the argument)
- ``fcnlab.models``      FCN-32s / 16s / 8s on a VGG16-shaped encoder, bilinear upsampling
- ``fcnlab.metrics``     confusion matrix, pixel accuracy, IoU, mean IoU, Dice, boundary IoU (numpy)
- ``fcnlab.baseline``    the colour-threshold baseline a network has to beat
- ``fcnlab.viz``         plotting helpers for images, masks, overlays, error / confidence / entropy maps
- ``fcnlab.profile``     the run profiles (``fast`` on a CPU / in CI, ``full`` on a GPU, ``smoke`` for CI)
- ``fcnlab.devices``     the machine: mixed-precision policy, the ``tf.distribute`` strategy, out-of-memory advice
- ``fcnlab.features``    frozen-encoder feature caching (train the decoder on features computed once)
- ``fcnlab.training``    the training loop and its stages (FCN-32s, fine-tuning, 16s / 8s refinements, controls)
- ``fcnlab.checkpoints`` what a stage writes while it trains: its best epoch and a backup to resume from
- ``fcnlab.storage``     where models, results and backups are saved, keyed by the run (profile + data) that made them
- ``fcnlab.evaluation``  scoring a trained model on labelled images

Importing ``fcnlab`` itself is cheap: TensorFlow is only imported by the modules that need it.
"""

__version__ = "0.2.0"  # = [project] version in pyproject.toml (a test checks)
