"""fcnlab: the helper package of the FCN segmentation lesson series.

Each lesson builds a piece inline first and then checks that it equals the version here;
later lessons import it. Modules are named by what they hold:

- ``fcnlab.data``     the lesson dataset (synthetic road scenes or the lecture's .npy files), tf.data pipelines
- ``fcnlab.models``   FCN-32s / 16s / 8s on a VGG16-shaped encoder, bilinear upsampling
- ``fcnlab.metrics``  confusion matrix, pixel accuracy, IoU, mean IoU, Dice, boundary IoU (numpy)
- ``fcnlab.baseline`` the colour-threshold baseline a network has to beat
- ``fcnlab.profile``  the run profile (``fast`` on a CPU / in CI, ``full`` on a GPU)
- ``fcnlab.viz``      plotting helpers for images, masks, overlays and error maps

Importing ``fcnlab`` itself is cheap: TensorFlow is only imported by the modules that need it.
"""

__version__ = "0.1.0"
