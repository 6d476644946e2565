"""Drawing a face with its landmarks, judgment regions and AU scores."""
from typing import Optional, Sequence

import cv2
import numpy as np
from mmengine.visualization import Visualizer

from mmfau.registry import VISUALIZERS
from mmfau.structures import FAUDataSample

#: One BGR colour per judgment region.
REGION_COLOURS = ((230, 159, 0), (86, 180, 233), (0, 158, 115),
                  (240, 228, 66), (0, 114, 178), (213, 94, 0),
                  (204, 121, 167), (120, 120, 120))


@VISUALIZERS.register_module()
class FAUVisualizer(Visualizer):
    """Face with landmarks and the 8 judgment regions, and a bar chart of AU
    probabilities beside it (ground truth marked where known).

    Args:
        name (str): Instance name.
        scale (int): Height in pixels of the drawn face.
        au_names (Sequence[str], optional): Bar labels; defaults to the
            dataset meta's ``au_names``.
        **kwargs: Other arguments of :class:`mmengine.visualization.
            Visualizer` (``vis_backends``, ``save_dir``).
    """

    def __init__(self,
                 name: str = 'visualizer',
                 scale: int = 320,
                 au_names: Optional[Sequence[str]] = None,
                 **kwargs) -> None:
        super().__init__(name=name, **kwargs)
        self.scale = scale
        self.au_names = au_names

    def draw_face(self, image: np.ndarray,
                  sample: FAUDataSample) -> np.ndarray:
        """The face (RGB) scaled to ``scale`` with landmarks and regions."""
        factor = self.scale / image.shape[0]
        face = cv2.resize(image, (round(image.shape[1] * factor), self.scale))
        face = np.ascontiguousarray(face)
        if 'region_boxes' in sample:
            boxes = sample.region_boxes.cpu().numpy() * factor
            for i, (x1, y1, x2, y2) in enumerate(boxes):
                colour = REGION_COLOURS[i % len(REGION_COLOURS)][::-1]
                cv2.rectangle(face, (int(x1), int(y1)), (int(x2), int(y2)),
                              colour, 2, cv2.LINE_AA)
                cv2.putText(face, str(i + 1), (int(x1) + 3, int(y1) + 14),
                            cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, 1,
                            cv2.LINE_AA)
        if 'landmarks' in sample:
            for x, y in sample.landmarks.cpu().numpy() * factor:
                cv2.circle(face, (int(x), int(y)), 2, (0, 255, 0), -1,
                           cv2.LINE_AA)
        return face

    def draw_scores(self, sample: FAUDataSample,
                    names: Sequence[str]) -> np.ndarray:
        """A horizontal bar per AU: probability (red where the model
        predicts the AU present, blue where absent), a tick at the model's
        threshold, and a ``*`` where the AU is labelled present (``?``
        unknown)."""
        height = self.scale
        width = 260
        panel = np.full((height, width, 3), 255, dtype=np.uint8)
        scores = sample.pred_score.float().cpu().numpy()
        present = sample.pred_label.cpu().numpy()
        thresholds = sample.pred_threshold.float().cpu().numpy()
        row = height / max(len(scores), 1)
        left, right = 62, width - 12
        for i, (name, score) in enumerate(zip(names, scores)):
            y0 = int(i * row + row * 0.15)
            y1 = int((i + 1) * row - row * 0.15)
            colour = (214, 39, 40) if present[i] else (31, 119, 180)
            x1 = int(left + (right - left) * float(score))
            cv2.rectangle(panel, (left, y0), (x1, y1), colour, -1)
            mark = ''
            if 'gt_au' in sample:
                known = bool(sample.gt_au_mask[i])
                mark = ('*' if sample.gt_au[i] > 0 else '') if known else '?'
            cv2.putText(panel, f'{name}{mark}', (4, y1),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1,
                        cv2.LINE_AA)
            x_thr = int(left + (right - left) * float(thresholds[i]))
            cv2.line(panel, (x_thr, int(i * row)), (x_thr,
                                                    int((i + 1) * row)),
                     (0, 0, 0), 1)
        return panel

    def add_datasample(self,
                       name: str,
                       image: np.ndarray,
                       data_sample: FAUDataSample,
                       draw_gt: bool = True,
                       draw_pred: bool = True,
                       show: bool = False,
                       wait_time: float = 0,
                       out_file: Optional[str] = None,
                       step: int = 0) -> np.ndarray:
        """Draw one face and its scores, then show, save or log it.

        Args:
            name (str): Image name for the backends.
            image (np.ndarray): RGB image (H, W, 3), in the coordinates of
                the sample's landmarks and boxes.
            data_sample (FAUDataSample): With ``pred_score``; landmarks,
                boxes and labels are drawn where present.
            draw_gt (bool): Mark labelled AUs.
            draw_pred (bool): Draw the probability bars.
            show (bool): Show in a window.
            wait_time (float): Seconds to show.
            out_file (str, optional): Save the picture (RGB) here.
            step (int): Global step for the backends.

        Returns:
            np.ndarray: The drawn picture, RGB.
        """
        sample = data_sample if draw_gt else data_sample.clone()
        if not draw_gt and 'gt_au' in sample:
            del sample.gt_au
        parts = [self.draw_face(image, sample)]
        if draw_pred and 'pred_score' in sample:
            names = self.au_names or (self.dataset_meta or {}).get(
                'au_names') or [str(i) for i in range(len(sample.pred_score))]
            parts.append(self.draw_scores(sample, names))
        picture = np.concatenate(parts, axis=1)
        if show:
            self.show(picture, win_name=name, wait_time=wait_time)
        if out_file is not None:
            cv2.imwrite(out_file, picture[..., ::-1])
        else:
            self.add_image(name, picture, step)
        return picture

