import numpy as np
import torch

from mmfau.structures import FAUDataSample
from mmfau.visualization import FAUVisualizer

RED = (214, 39, 40)  # RGB of a bar the model calls present
BLUE = (31, 119, 180)


def _bar_colours(picture, scale, count):
    """The colour of each AU's bar, sampled just right of its start."""
    panel = picture[:, -260:]
    row = scale / count
    return [tuple(panel[int((i + 0.5) * row), 64]) for i in range(count)]


def test_bars_show_the_models_decision_and_threshold(tmp_path):
    sample = FAUDataSample().set_pred_score([0.45, 0.45, 0.9],
                                            threshold=[0.4, 0.5, 0.95])
    sample.set_region_boxes(torch.tensor([[10., 10., 40., 40.]] * 8))
    visualizer = FAUVisualizer(name='test_bars', scale=120,
                               au_names=['AU1', 'AU2', 'AU4'])
    out = tmp_path / 'face.png'
    face = np.full((64, 64, 3), 128, np.uint8)
    picture = visualizer.add_datasample('face', face, sample,
                                        out_file=str(out))
    assert out.exists() and picture.shape == (120, 120 + 260, 3)
    # 0.45 >= 0.4 present; 0.45 < 0.5 absent; 0.9 < 0.95 absent
    assert _bar_colours(picture, 120, 3) == [RED, BLUE, BLUE]
    # the threshold tick of AU4 sits at 0.95 of the bar's length
    panel = picture[:, -260:]
    x_thr = int(62 + (260 - 12 - 62) * 0.95)
    assert (panel[100, x_thr] == 0).all()


def test_labels_are_marked_known_or_unknown():
    sample = FAUDataSample().set_pred_score([0.2, 0.8], threshold=0.5)
    sample.set_gt_au([1, 0], [True, False])
    visualizer = FAUVisualizer(name='test_marks', scale=100,
                               au_names=['AU1', 'AU2'])
    with_gt = visualizer.add_datasample(
        'a', np.zeros((32, 32, 3), np.uint8), sample, out_file=None)
    without = visualizer.add_datasample(
        'b', np.zeros((32, 32, 3), np.uint8), sample, draw_gt=False)
    assert not np.array_equal(with_gt, without)  # '*' and '?' drawn
